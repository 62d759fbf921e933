import { isCalendarDate } from '../calendar/calendar-date.ts';
import { foldFullWidth } from '../pii/fold-width.ts';
import { subjectIdentifier } from '../pii/subject-identifier.ts';
import type { FieldError } from '../shared/domain-error.ts';
import type { DataType, Item } from './resource.ts';

/**
 * Checking the rows of a hosted dataset (a provider's file of records for one catalog resource)
 * against the resource's items: which column holds which item, and whether each value fits its
 * item's data type.
 *
 * Every message here is fixed text plus row and column numbers and the item's code and name,
 * never a cell: a dataset is personal data, and so is a "header" when a file has none and its
 * first row of data is read as one. The expected form is named instead of the value received.
 */
export type DatasetErrorCode =
  | 'DATASET_UNKNOWN_COLUMN'
  | 'DATASET_DUPLICATE_COLUMN'
  | 'DATASET_SUBJECT_KEY_MISSING'
  | 'DATASET_SUBJECT_KEY_INVALID'
  | 'DATASET_VALUE_INVALID'
  /** A value with no item to go to: a cell beyond the header or under a blank header cell. */
  | 'DATASET_VALUE_UNEXPECTED'
  /** A record that cannot be read as a row at all (a JSON line that is not an object). */
  | 'DATASET_ROW_MALFORMED'
  | 'DATASET_UNREADABLE';

export function datasetError(path: string, code: DatasetErrorCode, message: string): FieldError {
  return { path, code, message };
}

/**
 * Path of a data row, and optionally of one of its items. Rows count from 1 and the header is
 * not counted, as in the catalog import (app/catalog/transfer/transfer-errors.ts rowPath).
 */
export function datasetRowPath(row: number, itemCode?: string): string {
  return itemCode === undefined ? `/rows/${row}` : `/rows/${row}/${itemCode}`;
}

/** Path of a header cell; columns count from 1, as a person counts them in a spreadsheet. */
export function headerPath(column: number): string {
  return `/header/${column}`;
}

function itemLabel(item: Pick<Item, 'code' | 'name'>): { zh: string; en: string } {
  return { zh: `「${item.name}」(${item.code})`, en: item.code };
}

/** Where the columns of a file go: entry i is the item code of column i + 1, null for a blank header cell. */
export interface ColumnMap {
  columns: (string | null)[];
}

/** Header cells and JSON keys are compared trimmed, with full-width letters and digits folded. */
function headerKey(cell: string): string {
  return foldFullWidth(cell).replace(/^\uFEFF/u, '').trim();
}

/**
 * Finds the item a header cell (or a JSON key) names: its code, or else its Chinese name. A name
 * that two items share names neither of them; such columns must be headed by code.
 */
export function itemLookup(items: readonly Item[]): (cell: string) => Item | undefined {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const byName = new Map<string, Item | null>();
  for (const item of items) {
    const name = headerKey(item.name);
    byName.set(name, byName.has(name) ? null : item);
  }
  return (cell) => {
    const key = headerKey(cell);
    return byCode.get(key) ?? byName.get(key) ?? undefined;
  };
}

/**
 * Maps a file's header cells to item codes. An item without a column is allowed (its values are
 * null), except the subject key: a row that cannot be tied to a data subject cannot be served,
 * consented to or traced (subject-identifier.ts). Blank header cells map to null; the reader
 * reports any value found under one.
 */
export function mapHeader(items: readonly Item[], header: readonly string[]): ColumnMap | { errors: FieldError[] } {
  const lookup = itemLookup(items);
  const errors: FieldError[] = [];
  const columns: (string | null)[] = [];
  const columnOfItem = new Map<string, number>();
  header.forEach((cell, index) => {
    const column = index + 1;
    if (headerKey(cell) === '') {
      columns.push(null);
      return;
    }
    const item = lookup(cell);
    if (item === undefined) {
      errors.push(datasetError(headerPath(column), 'DATASET_UNKNOWN_COLUMN', `第 ${column} 列表头不是本资源信息项的代码或名称 / the header of column ${column} is neither the code nor the name of an item of this resource`));
      columns.push(null);
      return;
    }
    const earlier = columnOfItem.get(item.code);
    if (earlier !== undefined) {
      const label = itemLabel(item);
      errors.push(datasetError(headerPath(column), 'DATASET_DUPLICATE_COLUMN', `第 ${column} 列与第 ${earlier} 列同为信息项${label.zh} / columns ${earlier} and ${column} both hold item ${label.en}`));
      columns.push(null);
      return;
    }
    columnOfItem.set(item.code, column);
    columns.push(item.code);
  });
  const subjectKey = items.find((item) => item.subjectKey);
  if (subjectKey !== undefined && !columnOfItem.has(subjectKey.code)) {
    const label = itemLabel(subjectKey);
    errors.push(datasetError('/header', 'DATASET_SUBJECT_KEY_MISSING', `缺少数据主体标识列${label.zh} / the subject-key column ${label.en} is missing`));
  }
  return errors.length > 0 ? { errors } : { columns };
}

// ---------------------------------------------------------------------------------------------
// Values

/** What each data type expects, for messages; the value received is never quoted. */
const EXPECTED: Record<DataType, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'text' },
  integer: { zh: '整数', en: 'an integer' },
  decimal: { zh: '不带千分位和指数的数字（如 1234.5）', en: 'a plain decimal number such as 1234.5' },
  date: { zh: '真实存在的日期 YYYY-MM-DD', en: 'a real date YYYY-MM-DD' },
  datetime: { zh: 'ISO 8601 日期时间（如 2026-03-05T08:30:00）', en: 'an ISO 8601 date-time such as 2026-03-05T08:30:00' },
  boolean: { zh: '是/否（或 true/false、1/0）', en: 'a boolean: 是/否, true/false or 1/0' },
};

const INTEGER = /^-?\d+$/u;
const DECIMAL = /^-?\d+(\.\d+)?$/u;
/** 2026-03-05, 2026/3/5 (how Chinese Excel shows a date), 2026.3.5: one separator throughout. */
const DATE = /^(?<year>\d{4})(?<separator>[-/.])(?<month>\d{1,2})\k<separator>(?<day>\d{1,2})$/u;
const DATE_CJK = /^(?<year>\d{4})年(?<month>\d{1,2})月(?<day>\d{1,2})日$/u;
/** A date as above, T or a space, then a time with optional seconds, fraction and zone. */
const DATETIME = /^(.+?)[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/u;
const BOOLEANS = new Map([
  ['是', 'true'],
  ['否', 'false'],
  ['true', 'true'],
  ['false', 'false'],
  ['1', 'true'],
  ['0', 'false'],
]);

function pad2(text: string): string {
  return text.padStart(2, '0');
}

function calendarDate(text: string): string | undefined {
  const groups = (DATE.exec(text) ?? DATE_CJK.exec(text))?.groups;
  if (groups === undefined) return undefined;
  const date = `${groups.year ?? ''}-${pad2(groups.month ?? '')}-${pad2(groups.day ?? '')}`;
  return isCalendarDate(date) ? date : undefined;
}

interface DateTimeParts {
  date: string;
  time: string;
  zone: string;
  midnight: boolean;
}

function dateTimeParts(text: string): DateTimeParts | undefined {
  const match = DATETIME.exec(text);
  if (!match) return undefined;
  const [, datePart = '', hour = '', minute = '', second = '00', fraction = '', zone = ''] = match;
  const date = calendarDate(datePart);
  if (date === undefined || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const zoneMatch = /^([+-]\d{2}):?(\d{2})$/u.exec(zone);
  if (zoneMatch && (Number(zoneMatch[1]?.slice(1)) > 23 || Number(zoneMatch[2]) > 59)) return undefined;
  const time = `${pad2(hour)}:${minute}:${second}${fraction}`;
  return {
    date,
    time,
    zone: zoneMatch ? `${zoneMatch[1] ?? ''}:${zoneMatch[2] ?? ''}` : zone,
    midnight: /^00:00:00(\.0+)?$/u.test(time),
  };
}

/**
 * The normal form of a value of each type, or undefined when it does not fit. Text keeps its
 * characters; every other type folds full-width digits first, which Chinese input methods type.
 */
const NORMALISE: Record<DataType, (text: string) => string | undefined> = {
  string: (text) => text,
  integer: (text) => (INTEGER.test(text) ? text : undefined),
  decimal: (text) => (DECIMAL.test(text) ? text : undefined),
  date: (text) => {
    const date = calendarDate(text);
    if (date !== undefined) return date;
    // A date that went through a date-time type (a JSON export, a database dump) arrives at
    // midnight; with no zone or UTC it is still that calendar day.
    const parts = dateTimeParts(text);
    return parts !== undefined && parts.midnight && (parts.zone === '' || parts.zone === 'Z') ? parts.date : undefined;
  },
  datetime: (text) => {
    const parts = dateTimeParts(text);
    return parts === undefined ? undefined : `${parts.date}T${parts.time}${parts.zone}`;
  },
  boolean: (text) => BOOLEANS.get(text.toLowerCase()),
};

function normaliseValue(dataType: DataType, text: string): string | undefined {
  return NORMALISE[dataType](dataType === 'string' ? text : foldFullWidth(text).trim());
}

/** A value as given, or null; a key that is not an own property (toString…) is absent, not a function. */
function ownValue(values: Readonly<Record<string, string | null>>, code: string): string | null {
  return Object.hasOwn(values, code) ? (values[code] ?? null) : null;
}

/**
 * Checks and normalises one row, given its values by item code: text trimmed, an empty value
 * null, dates as YYYY-MM-DD, booleans as true/false, date-times in ISO 8601 extended form, and
 * the subject key in the normal form its blind index is computed over. Every problem of the row
 * is returned at once, each at `/rows/N/ITEMCODE`.
 */
export function checkRow(items: readonly Item[], values: Readonly<Record<string, string | null>>, rowNumber: number): { values: Record<string, string | null> } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const checked: [string, string | null][] = [];
  const codes = new Set(items.map((item) => item.code));
  if (Object.keys(values).some((key) => !codes.has(key))) {
    errors.push(datasetError(datasetRowPath(rowNumber), 'DATASET_VALUE_UNEXPECTED', `第 ${rowNumber} 行含有不属于本资源的字段 / row ${rowNumber} has a field that is not an item of this resource`));
  }
  for (const item of items) {
    const text = ownValue(values, item.code)?.trim() ?? '';
    const path = datasetRowPath(rowNumber, item.code);
    const label = itemLabel(item);
    if (item.subjectKey) {
      const subject = text === '' ? null : subjectIdentifier(text);
      if (text === '') {
        errors.push(datasetError(path, 'DATASET_SUBJECT_KEY_MISSING', `第 ${rowNumber} 行数据主体标识${label.zh}为空 / row ${rowNumber}: the subject key ${label.en} is empty`));
      } else if (subject === null) {
        errors.push(datasetError(path, 'DATASET_SUBJECT_KEY_INVALID', `第 ${rowNumber} 行${label.zh}不是有效的公民身份号码或统一社会信用代码 / row ${rowNumber}: ${label.en} is not a valid resident ID or USCC`));
      } else {
        checked.push([item.code, subject.normalized]);
      }
      continue;
    }
    if (text === '') {
      checked.push([item.code, null]);
      continue;
    }
    const normalised = normaliseValue(item.dataType, text);
    if (normalised === undefined) {
      const expected = EXPECTED[item.dataType];
      errors.push(datasetError(path, 'DATASET_VALUE_INVALID', `第 ${rowNumber} 行${label.zh}须为${expected.zh} / row ${rowNumber}: ${label.en} must be ${expected.en}`));
    } else {
      checked.push([item.code, normalised]);
    }
  }
  // fromEntries defines own properties, so no item code can reach a prototype.
  return errors.length > 0 ? { errors } : { values: Object.fromEntries(checked) };
}
