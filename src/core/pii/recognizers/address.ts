import type { RawFinding } from './recognizer.ts';
import { afterLabel } from './person-name.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { isDigitCode, isHanCode, isMaskCode, isSpaceCode } from './text-classes.ts';
import { columnCellsBelow, type TextSpan } from './text-table.ts';

/**
 * address: a postal address after a label (`家庭住址：…`, `住址:`, `地址：`) or in a table column
 * whose header is an address, running to the end of the cell or clause. It must look like an
 * address below the county level — a road, street, village, building or room (路, 街, 村, 号, 室
 * …). A county-level place (浙江省杭州市西湖区) is what the address masking preset keeps, so it
 * is not reported; neither is a masked address (`…西湖区****`).
 *
 * Organisations' addresses (办公地址, 单位地址, 注册地址 …) are not personal data: the notice's
 * own office address is left alone.
 *
 * The labels and headers looked for are CONTEXT_WORDS.address (context-words.ts).
 */
/** What comes just before 地址 when the address is an organisation's or not postal at all. */
const NOT_PERSONAL_PREFIX = /(?:办公|单位|机关|公司|企业|注册|经营|办事|受理|窗口|接待|邮箱|邮件|网站|网络|服务器|IP|ip|Web|web|MAC|mac)$/;
const ADDRESS_HEADERS: ReadonlySet<string> = new Set(['住所', '居住地', '户籍地', '户籍所在地', '现居地', '现居住地', '经常居住地']);
const DETAIL_MARKERS = /[路街道巷弄号村镇乡组室栋幢楼苑屯庄]/;

/** Characters that end an address in running text or in a cell. */
const TERMINATORS: ReadonlySet<number> = new Set([0x0a, 0x0d, 0x09, 0x7c, 0xff0c, 0x2c, 0xff1b, 0x3b, 0x3002]);
const MOST_ADDRESS_UNITS = 100;
const LEAST_ADDRESS_UNITS = 5;
const PHONE_DIGITS = 7;
const NEXT_LABEL_WINDOW = 10;
const TABLE_CONFIDENCE = 0.85;
const LABEL_CONFIDENCE = 0.8;

export function findAddresses(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const words = factsOf(text, facts).contextWords('address');
  let resumeAt = 0;
  for (let word = 0; word < words.count; word += 1) {
    const start = words.starts[word] ?? 0;
    if (start < resumeAt) continue;
    if (NOT_PERSONAL_PREFIX.test(text.slice(Math.max(0, start - 3), start))) continue;
    const valueStart = afterLabel(text, words.ends[word] ?? 0);
    if (valueStart !== -1) {
      const end = readAddress(text, valueStart);
      if (end !== -1) findings.push({ type: 'address', start: valueStart, end, confidence: LABEL_CONFIDENCE });
      continue;
    }
    const table = columnCellsBelow(text, start, isAddressHeader);
    if (table === null) continue;
    for (const cell of table.cells) {
      if (cell.end - cell.start <= MOST_ADDRESS_UNITS && looksLikeAddress(text, cell)) {
        findings.push({ type: 'address', start: cell.start, end: cell.end, confidence: TABLE_CONFIDENCE });
      }
    }
    resumeAt = table.end;
  }
  return findings;
}

export function isAddressHeader(word: string): boolean {
  if (ADDRESS_HEADERS.has(word)) return true;
  if (!word.endsWith('住址') && !word.endsWith('地址')) return false;
  return word.length <= 8 && !NOT_PERSONAL_PREFIX.test(word.slice(0, -2));
}

/**
 * The end of a labelled address: the end of the clause, of the cell (a tab, `|` or two spaces),
 * or the point where a single space is followed by the next label (`电话：`) or a phone number.
 */
function readAddress(text: string, start: number): number {
  let index = start;
  while (index < text.length && index - start <= MOST_ADDRESS_UNITS) {
    const code = text.charCodeAt(index);
    if (TERMINATORS.has(code)) break;
    if (isSpaceCode(code)) {
      if (code !== 0x20 || isSpaceCode(text.charCodeAt(index + 1)) || nextIsLabelOrNumber(text, index + 1)) break;
    }
    index += 1;
  }
  if (index - start > MOST_ADDRESS_UNITS) return -1;
  let end = index;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end -= 1;
  return looksLikeAddress(text, { start, end }) ? end : -1;
}

function nextIsLabelOrNumber(text: string, index: number): boolean {
  let digits = 0;
  while (isDigitCode(text.charCodeAt(index + digits))) digits += 1;
  if (digits >= PHONE_DIGITS || text.charCodeAt(index) === 0x2b /* + */) return true;
  for (let offset = 0; offset < NEXT_LABEL_WINDOW; offset += 1) {
    const code = text.charCodeAt(index + offset);
    if (code === 0x3a || code === 0xff1a) return true;
    if (Number.isNaN(code) || isSpaceCode(code) || TERMINATORS.has(code)) return false;
  }
  return false;
}

export function looksLikeAddress(text: string, span: TextSpan): boolean {
  if (span.end - span.start < LEAST_ADDRESS_UNITS || !isHanCode(text.charCodeAt(span.start))) return false;
  for (let index = span.start; index < span.end; index += 1) {
    if (isMaskCode(text.charCodeAt(index))) return false;
  }
  return DETAIL_MARKERS.test(text.slice(span.start, span.end));
}
