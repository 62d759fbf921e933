import { datasetError, datasetRowPath, itemLookup } from '../../core/catalog/check-row.ts';
import type { Item } from '../../core/catalog/resource.ts';
import type { FieldError } from '../../core/shared/domain-error.ts';
import { plainDecimal } from './cell-text.ts';
import { datasetUnreadable, emptyValues, type DatasetRecord } from './dataset-record.ts';
import { decodeTextChunks } from './decode-text-chunks.ts';

/**
 * Records of a JSON dataset, streamed: either one array of objects (`[{…},{…}]`, row = position
 * in the array) or NDJSON, one object per line (row = line number; blank lines are skipped and
 * counted). The first character that is not white space tells which. Each object's keys are item
 * codes or names; an unknown key is an error of its row, not of the file.
 *
 * The array is cut into elements by a small scanner that follows strings and brackets, and each
 * element is parsed on its own, so a file of any length is read in bounded memory and one
 * malformed element costs one row.
 */

/** One element or line can be no longer than this; a longer one is not a row of data. */
const MAX_ELEMENT_CHARACTERS = 1024 * 1024;

interface JsonElement {
  row: number;
  text: string;
}

const tooLong = () => datasetUnreadable({ zh: `有一条记录超过 ${MAX_ELEMENT_CHARACTERS} 个字符`, en: `a record is longer than ${MAX_ELEMENT_CHARACTERS} characters` });

function isWhiteSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Cuts `[e1, e2, …]` into the texts of its elements as the text arrives. */
class ArraySplitter {
  private phase: 'before' | 'inside' | 'after' = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private length = 0;
  private row = 0;

  push(text: string): JsonElement[] {
    const elements: JsonElement[] = [];
    let start = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (this.phase !== 'inside') {
        if (isWhiteSpace(code)) continue;
        if (this.phase === 'before' && code === 0x5b /* [ */) {
          this.phase = 'inside';
          start = index + 1;
          continue;
        }
        throw datasetUnreadable(this.phase === 'before' ? { zh: '不是 JSON 数组', en: 'not a JSON array' } : { zh: 'JSON 数组之后还有内容', en: 'there is more after the JSON array' });
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === 0x5c /* \ */) this.escaped = true;
        else if (code === 0x22 /* " */) this.inString = false;
        continue;
      }
      if (code === 0x22) this.inString = true;
      else if (code === 0x7b /* { */ || code === 0x5b /* [ */) this.depth += 1;
      else if ((code === 0x7d /* } */ || code === 0x5d) /* ] */ && this.depth > 0) this.depth -= 1;
      else if (this.depth === 0 && (code === 0x2c /* , */ || code === 0x5d)) {
        const element = this.finish(text.slice(start, index), code === 0x5d);
        if (element !== null) elements.push(element);
        if (code === 0x5d) this.phase = 'after';
        start = index + 1;
      }
    }
    if (this.phase === 'inside') this.keep(text.slice(start));
    return elements;
  }

  end(): void {
    if (this.phase === 'inside') throw datasetUnreadable({ zh: 'JSON 数组不完整', en: 'the JSON array is cut short' });
  }

  private keep(piece: string): void {
    this.length += piece.length;
    if (this.length > MAX_ELEMENT_CHARACTERS) throw tooLong();
    this.parts.push(piece);
  }

  /** null for the nothing inside `[]`; an empty element elsewhere (`[a,,b]`) is a malformed row. */
  private finish(last: string, closing: boolean): JsonElement | null {
    this.keep(last);
    const text = this.parts.join('');
    this.parts = [];
    this.length = 0;
    if (closing && this.row === 0 && text.trim() === '') return null;
    this.row += 1;
    return { row: this.row, text };
  }
}

/** Cuts NDJSON into its non-blank lines, numbered as in the file. */
class LineSplitter {
  private partial = '';
  private line = 0;

  push(text: string): JsonElement[] {
    const elements: JsonElement[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.take(this.partial + text.slice(start, end), elements);
      this.partial = '';
      start = end + 1;
    }
    this.partial += text.slice(start);
    if (this.partial.length > MAX_ELEMENT_CHARACTERS) throw tooLong();
    return elements;
  }

  end(): JsonElement[] {
    const elements: JsonElement[] = [];
    if (this.partial !== '') this.take(this.partial, elements);
    return elements;
  }

  private take(line: string, elements: JsonElement[]): void {
    this.line += 1;
    if (line.length > MAX_ELEMENT_CHARACTERS) throw tooLong();
    if (line.trim() !== '') elements.push({ row: this.line, text: line });
  }
}

/** The elements of either kind of file, with the kind, decided on its first significant character. */
async function* jsonElements(text: AsyncIterable<string>): AsyncGenerator<JsonElement & { ndjson: boolean }> {
  let splitter: ArraySplitter | LineSplitter | undefined;
  let leading = '';
  for await (const piece of text) {
    if (splitter === undefined) {
      leading += piece;
      const first = leading.trimStart()[0];
      if (first === undefined) {
        if (leading.length > MAX_ELEMENT_CHARACTERS) throw tooLong();
        continue;
      }
      if (first !== '[' && first !== '{') throw datasetUnreadable({ zh: '既不是 JSON 数组，也不是每行一个对象的 NDJSON', en: 'neither a JSON array nor NDJSON (one object per line)' });
      splitter = first === '[' ? new ArraySplitter() : new LineSplitter();
      const ndjson = splitter instanceof LineSplitter;
      for (const element of splitter.push(leading)) yield { ...element, ndjson };
      continue;
    }
    const ndjson = splitter instanceof LineSplitter;
    for (const element of splitter.push(piece)) yield { ...element, ndjson };
  }
  if (splitter instanceof LineSplitter) for (const element of splitter.end()) yield { ...element, ndjson: true };
  else splitter?.end();
}

/**
 * Numbers keep the digits the file has (JSON.parse would round an 18-digit identifier written as
 * a number), written without an exponent. The source text of a number is given to revivers by
 * JSON.parse source text access (ES2026, in Node 24).
 */
function parseElement(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) => (typeof value === 'number' ? plainDecimal(context?.source ?? String(value)) : value));
}

function valueText(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

function objectRecord(row: number, parsed: unknown, lookup: ReturnType<typeof itemLookup>, items: readonly Item[]): DatasetRecord {
  const values = emptyValues(items);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { row, values, errors: [datasetError(datasetRowPath(row), 'DATASET_ROW_MALFORMED', `第 ${row} 行不是 JSON 对象 / row ${row} is not a JSON object`)] };
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  Object.entries(parsed).forEach(([key, value], index) => {
    const field = index + 1;
    const item = lookup(key);
    if (item === undefined) {
      // The key is not quoted: a misplaced value can end up as a key.
      errors.push(datasetError(datasetRowPath(row), 'DATASET_UNKNOWN_COLUMN', `第 ${row} 行第 ${field} 个字段不是本资源信息项的代码或名称 / field ${field} of row ${row} is neither the code nor the name of an item of this resource`));
      return;
    }
    if (seen.has(item.code)) {
      errors.push(datasetError(datasetRowPath(row, item.code), 'DATASET_DUPLICATE_COLUMN', `第 ${row} 行有两个字段同为信息项「${item.name}」(${item.code}) / row ${row} gives item ${item.code} twice`));
      return;
    }
    seen.add(item.code);
    const text = valueText(value);
    if (text === undefined) {
      errors.push(datasetError(datasetRowPath(row, item.code), 'DATASET_VALUE_INVALID', `第 ${row} 行「${item.name}」(${item.code})须为文本、数字、布尔值或 null / row ${row}: ${item.code} must be text, a number, a boolean or null`));
      return;
    }
    values[item.code] = text;
  });
  return errors.length > 0 ? { row, values, errors } : { row, values };
}

export async function* readJsonRecords(chunks: AsyncIterable<Uint8Array>, items: readonly Item[]): AsyncGenerator<DatasetRecord> {
  const lookup = itemLookup(items);
  let first = true;
  for await (const element of jsonElements(decodeTextChunks(chunks))) {
    let parsed: unknown;
    try {
      parsed = parseElement(element.text);
    } catch {
      // A file whose first line is not JSON (a pretty-printed object, say) is not NDJSON at all.
      if (element.ndjson && first) throw datasetUnreadable({ zh: '第一行不是完整的 JSON 对象，不是 NDJSON', en: 'the first line is not a whole JSON object, so this is not NDJSON' });
      yield { row: element.row, values: emptyValues(items), errors: [datasetError(datasetRowPath(element.row), 'DATASET_ROW_MALFORMED', `第 ${element.row} 行不是有效的 JSON / row ${element.row} is not valid JSON`)] };
      first = false;
      continue;
    }
    first = false;
    yield objectRecord(element.row, parsed, lookup, items);
  }
}
