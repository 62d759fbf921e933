import type { Item, ResourceDraft } from '../../../core/catalog/resource.ts';
import type { FieldError } from '../../../core/shared/domain-error.ts';
import { ITEM_READERS, RESOURCE_READERS, type CellContext, type CellReader, type ItemValues, type ResourceValues } from './cell-readers.ts';
import { columnOf, ITEM_COLUMNS, locateColumns, RESOURCE_COLUMNS, type ColumnKey, type ColumnPositions, type ResourceColumnKey } from './columns.ts';
import type { DraftOrigin, LegalBasisResolver, ParsedCatalog } from './parsed-catalog.ts';
import type { Table, TableRow } from './table.ts';
import { rowPath, transferError } from './transfer-errors.ts';

type Readers = Record<string, CellReader<unknown>>;
type ValuesOf<Group extends Readers> = { [Key in keyof Group]: Exclude<ReturnType<Group[Key]>, undefined> };

/** Reads the cells of one row, reporting each problem at `/rows/N/<column>`. */
class RowReader {
  readonly row: TableRow;
  private readonly positions: ColumnPositions['positions'];
  private readonly errors: FieldError[];
  private readonly resolveLegalBasis: LegalBasisResolver;

  constructor(row: TableRow, positions: ColumnPositions['positions'], errors: FieldError[], resolveLegalBasis: LegalBasisResolver) {
    this.row = row;
    this.positions = positions;
    this.errors = errors;
    this.resolveLegalBasis = resolveLegalBasis;
  }

  /** The trimmed text of a cell (a missing trailing cell is empty); null when it is not text. */
  text(key: ColumnKey): string | null {
    const position = this.positions.get(key);
    if (position === undefined) throw new Error(`column ${key} was not located`);
    const cell = this.row.cells[position];
    return cell === undefined ? '' : cell === null ? null : cell.trim();
  }

  report(key: ColumnKey, code: Parameters<CellContext['report']>[0], message: string): void {
    this.errors.push(transferError(rowPath(this.row.number, key), code, message));
  }

  read<Value>(key: ColumnKey, reader: CellReader<Value>): Value | undefined {
    const text = this.text(key);
    if (text === null) {
      this.report(key, 'VALUE_INVALID', `${columnOf(key).zh}单元格无法读取 / ${columnOf(key).en} cell is not text`);
      return undefined;
    }
    const context: CellContext = {
      column: columnOf(key),
      report: (code, message) => this.report(key, code, message),
      resolveLegalBasis: this.resolveLegalBasis,
    };
    return reader(text, context);
  }

  /** Every column of a group, or undefined when any was bad (all are read, so all are reported). */
  readAll<Group extends Readers>(readers: Group): ValuesOf<Group> | undefined {
    const values: Record<string, unknown> = {};
    let complete = true;
    for (const [key, reader] of Object.entries(readers)) {
      const value = this.read(key as ColumnKey, reader);
      if (value === undefined) complete = false;
      values[key] = value;
    }
    return complete ? (values as ValuesOf<Group>) : undefined;
  }
}

interface ResourceGroup {
  /** The first row's cell texts, to which later rows of the resource are compared. */
  texts: Map<ResourceColumnKey, string | null>;
  values: ResourceValues | undefined;
  items: Item[];
  itemRows: number[];
  firstRow: number;
  failed: boolean;
}

function isBlank(row: TableRow): boolean {
  return row.cells.every((cell) => cell !== null && cell.trim() === '');
}

/** Data under a blank header would be silently lost, so it is reported instead. */
function reportUnexpected(row: TableRow, blank: readonly number[], positions: ColumnPositions['positions'], errors: FieldError[]): void {
  const known = new Set(positions.values());
  row.cells.forEach((cell, index) => {
    const outside = blank.includes(index) || !known.has(index);
    if (outside && (cell === null || cell.trim() !== '')) {
      errors.push(transferError(rowPath(row.number, `column-${index + 1}`), 'VALUE_UNEXPECTED', `第 ${index + 1} 列没有表头却有内容 / column ${index + 1} has data but no header`));
    }
  });
}

function readItem(reader: RowReader): Item | 'none' | undefined {
  // A row whose item cells are all empty describes a resource that has no items yet.
  if (ITEM_COLUMNS.every((column) => reader.text(column.key) === '')) return 'none';
  const values: ItemValues | undefined = reader.readAll(ITEM_READERS);
  return values && {
    name: values.itemName,
    code: values.itemCode,
    dataType: values.dataType,
    piClass: values.piClass,
    sensitiveCategory: values.sensitiveCategory,
    grade: values.grade,
    mask: values.mask,
    subjectKey: values.subjectKey,
  };
}

function startGroup(reader: RowReader): ResourceGroup {
  const texts = new Map(RESOURCE_COLUMNS.map((column) => [column.key, reader.text(column.key)]));
  return { texts, values: reader.readAll(RESOURCE_READERS), items: [], itemRows: [], firstRow: reader.row.number, failed: false };
}

/**
 * Later rows must repeat the resource's columns. Cells with the same text are not re-read (one
 * bad value is reported once, not once per item); differing text is compared by meaning, so
 * `conditional` and 有条件共享 agree.
 */
function compareWithGroup(group: ResourceGroup, reader: RowReader): void {
  for (const column of RESOURCE_COLUMNS) {
    const key = column.key;
    if (key === 'code' || reader.text(key) === group.texts.get(key)) continue;
    const value = reader.read(key, RESOURCE_READERS[key] as CellReader<unknown>);
    if (value === undefined || group.values === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(group.values[key])) {
      reader.report(key, 'RESOURCE_FIELDS_DIFFER', `同一资源各行的${column.zh}须一致 / ${column.en} differs from the resource's first row`);
    }
  }
}

function toDraft(values: ResourceValues, items: Item[]): ResourceDraft {
  return {
    code: values.code,
    classificationCode: values.classificationCode,
    name: values.name,
    summary: values.summary,
    format: values.format,
    items,
    sharing: { type: values.sharingType, conditions: values.conditions, methods: values.methods, legalBasisIds: values.legalBases },
    openType: values.openType,
    updateCycle: values.updateCycle,
    relatedCodes: values.relatedCodes,
  };
}

/**
 * The tabular layout: one row per item, grouped into resources by 资源代码 in order of first
 * appearance. A resource with any problem on any of its rows is left out of `drafts`.
 */
export function tableToDrafts(table: Table, resolveLegalBasis: LegalBasisResolver): ParsedCatalog {
  const located = locateColumns(table.header);
  // Without every column each row would repeat the same complaint; the header errors suffice.
  if (located.errors.length > 0) return { drafts: [], origins: [], errors: located.errors };

  const errors: FieldError[] = [];
  const groups = new Map<string, ResourceGroup>();
  for (const row of table.rows) {
    if (isBlank(row)) continue;
    const before = errors.length;
    const reader = new RowReader(row, located.positions, errors, resolveLegalBasis);
    reportUnexpected(row, located.blank, located.positions, errors);
    const code = reader.read('code', RESOURCE_READERS.code);
    let group = code === undefined ? undefined : groups.get(code);
    if (code !== undefined && group === undefined) {
      group = startGroup(reader);
      groups.set(code, group);
    } else if (group) {
      compareWithGroup(group, reader);
    }
    const item = readItem(reader);
    if (group && item && item !== 'none') {
      group.items.push(item);
      group.itemRows.push(row.number);
    }
    if (group && errors.length > before) group.failed = true;
  }

  const drafts: ResourceDraft[] = [];
  const origins: DraftOrigin[] = [];
  for (const group of groups.values()) {
    if (group.failed || !group.values) continue;
    drafts.push(toDraft(group.values, group.items));
    origins.push({ row: group.firstRow, itemRows: group.itemRows });
  }
  return { drafts, origins, errors };
}
