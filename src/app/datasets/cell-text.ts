import type { CellValue } from 'exceljs';
import { cellValueText } from '../catalog/transfer/cell-value-text.ts';

/**
 * The text of a worksheet cell as a dataset value. Text, rich text and hyperlinks read as the
 * catalog import reads them (cell-value-text.ts); numbers and dates differ, because here they
 * are data that checkRow will type-check:
 * - a number reads as Excel shows it under the General format, which keeps 15 significant digits
 *   (so 0.1+0.2 is 0.3), in plain decimal notation, never with an exponent;
 * - a date reads as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS when it has a time of day. Excel dates
 *   have no time zone (exceljs gives the wall-clock time as UTC), so none is written.
 * null means the cell holds an Excel error value (#N/A, #REF!…) or a formula without a
 * computed result: not data.
 */
export function datasetCellText(value: CellValue, numberFormat?: string): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // The streaming reader gives a formula's date result as its serial number; the format says it is a date.
    return numberFormat !== undefined && isDateFormat(numberFormat) ? wallClockText(excelSerialToDate(value)) : excelNumberText(value);
  }
  if (value instanceof Date) return wallClockText(value);
  if (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)) {
    // No cached result: the file was written by a program that does not calculate, or the
    // result was an error the streaming reader drops. Either way the value is unknown, not empty.
    return value.result === undefined ? null : datasetCellText(value.result, numberFormat);
  }
  return cellValueText(value);
}

/** Excel keeps and shows 15 significant digits; beyond that a double only adds noise such as 0.30000000000000004. */
const EXCEL_DIGITS = 15;

export function excelNumberText(value: number): string {
  return plainDecimal(String(Number(value.toPrecision(EXCEL_DIGITS))));
}

/** Refuses to expand an exponent so large that the digits would fill memory; the text then fails its type check. */
const LARGEST_EXPANDED_EXPONENT = 1000;

/**
 * A number's text without an exponent: "1.5e-7" → "0.00000015", "1e+21" → "1000000000000000000000".
 * Anything not of the form digits[.digits]e±digits is returned unchanged.
 */
export function plainDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/u.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = ''] = match;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > LARGEST_EXPANDED_EXPONENT) return text;
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let integerPart: string;
  let fractionPart: string;
  if (point <= 0) {
    integerPart = '0';
    fractionPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    integerPart = digits + '0'.repeat(point - digits.length);
    fractionPart = '';
  } else {
    integerPart = digits.slice(0, point);
    fractionPart = digits.slice(point);
  }
  integerPart = integerPart.replace(/^0+(?=\d)/u, '');
  fractionPart = fractionPart.replace(/0+$/u, '');
  const unsigned = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
  return sign === '-' && /[1-9]/u.test(unsigned) ? `-${unsigned}` : unsigned;
}

const MILLISECONDS_PER_SECOND = 1000;
const MILLISECONDS_PER_DAY = 86_400_000;
/** Day 25569 of the 1900 date system is 1970-01-01 (Excel counts the non-existent 1900-02-29). */
const UNIX_EPOCH_SERIAL = 25_569;

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * MILLISECONDS_PER_DAY));
}

/**
 * A number format that shows a date or time: a y, m, d, h or s outside quoted text, escapes
 * and bracketed parts such as [$-804] or [Red] (the test exceljs itself uses, made case-blind).
 */
export function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/\[[^\]]*\]/gu, '')
    .replace(/"[^"]*"/gu, '')
    .replace(/[\\_*]./gu, '');
  return /[ymdhs]/iu.test(bare);
}

/** Rounded to the second, as Excel shows it; midnight means a date without a time. */
function wallClockText(date: Date): string | null {
  const time = Math.round(date.getTime() / MILLISECONDS_PER_SECOND) * MILLISECONDS_PER_SECOND;
  if (!Number.isFinite(time)) return null;
  const iso = new Date(time).toISOString();
  if (!/^\d{4}-/u.test(iso)) return null;
  return time % MILLISECONDS_PER_DAY === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}
