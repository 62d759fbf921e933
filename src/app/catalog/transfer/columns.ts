import { locateColumns as locateSheetColumns, type LocatedColumns, type SheetColumn } from '../../sheets/sheet-columns.ts';

/**
 * The tabular layout shared by CSV and XLSX: one row per 信息项, resource columns repeated on
 * every row of the resource. `zh` is the header we write; the key (also accepted as a header)
 * names the column in error paths. `en` is only for messages.
 */
export const RESOURCE_COLUMNS = [
  { key: 'code', zh: '资源代码', en: 'resource code' },
  { key: 'name', zh: '资源名称', en: 'resource name' },
  { key: 'classificationCode', zh: '分类代码', en: 'classification code' },
  { key: 'summary', zh: '摘要', en: 'summary' },
  { key: 'format', zh: '资源格式', en: 'resource format' },
  { key: 'sharingType', zh: '共享类型', en: 'sharing type' },
  { key: 'methods', zh: '共享方式', en: 'sharing methods' },
  { key: 'conditions', zh: '共享条件', en: 'sharing conditions' },
  { key: 'legalBases', zh: '不予共享依据', en: 'legal bases for not sharing' },
  { key: 'openType', zh: '开放属性', en: 'open type' },
  { key: 'updateCycle', zh: '更新周期', en: 'update cycle' },
  { key: 'relatedCodes', zh: '关联资源', en: 'related resources' },
] as const;

export const ITEM_COLUMNS = [
  { key: 'itemName', zh: '信息项名称', en: 'item name' },
  { key: 'itemCode', zh: '信息项代码', en: 'item code' },
  { key: 'dataType', zh: '数据类型', en: 'data type' },
  { key: 'piClass', zh: '个人信息类别', en: 'personal information class' },
  { key: 'sensitiveCategory', zh: '敏感类别', en: 'sensitive category' },
  { key: 'grade', zh: '分级', en: 'grade' },
  { key: 'mask', zh: '脱敏方式', en: 'mask' },
  { key: 'subjectKey', zh: '主体标识', en: 'subject key' },
] as const;

export const COLUMNS = [...RESOURCE_COLUMNS, ...ITEM_COLUMNS] as const;

export type ResourceColumnKey = (typeof RESOURCE_COLUMNS)[number]['key'];
export type ItemColumnKey = (typeof ITEM_COLUMNS)[number]['key'];
export type ColumnKey = ResourceColumnKey | ItemColumnKey;
export type Column = (typeof COLUMNS)[number];

export type ColumnPositions = LocatedColumns<ColumnKey>;

/** Every catalog column must be present; the one-row-per-item layout needs them all. */
const SHEET_COLUMNS: readonly SheetColumn<ColumnKey>[] = COLUMNS.map((column) => ({ key: column.key, zh: column.zh, en: column.en, required: true }));

/**
 * Where each column is, by its Chinese name or English key in any order (the shared sheet reader:
 * unknown headers are errors, so a misspelt column is caught rather than silently dropped).
 */
export function locateColumns(header: readonly (string | null)[]): ColumnPositions {
  return locateSheetColumns(header, SHEET_COLUMNS);
}

export function columnOf(key: ColumnKey): Column {
  const column = COLUMNS.find((candidate) => candidate.key === key);
  if (!column) throw new Error(`unknown catalog column ${key}`);
  return column;
}
