import { PROVINCE_CODES } from '../province-codes.ts';

/**
 * Character tests shared by the recognizers. They work on UTF-16 code units taken with
 * charCodeAt, so scanning a large text allocates nothing per character.
 *
 * `\b` is never used: JavaScript's word boundary only knows ASCII word characters, so it finds
 * no boundary at all around a full-width number (`１１０１…`) or between Han characters, and it
 * takes `ｘ１１０１…` or `Ａ13800138000` for a free-standing number. Instead each recognizer asks
 * whether the characters on either side of a span would make it part of a longer token.
 */
const NO_CHARACTER = -1;
const SPACE = 0x20;
const HYPHEN = 0x2d;
const UNDERSCORE = 0x5f;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** ASCII or full-width digit. */
export function isDigitCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

/** ASCII or full-width digit or Latin letter: what a longer code, word or number is made of. */
export function isWordCode(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xff10 && code <= 0xff19) ||
    (code >= 0xff21 && code <= 0xff3a) ||
    (code >= 0xff41 && code <= 0xff5a)
  );
}

/** Characters that masking writes in place of hidden digits or letters (`138****5678`, `王*`). */
export function isMaskCode(code: number): boolean {
  return code === 0x2a || code === 0xff0a || code === 0xd7 || code === 0x25cf || code === 0x25a0 || code === 0x2588;
}

/** CJK unified ideographs, extension A and compatibility ideographs (BMP only). */
export function isHanCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

export function isSpaceCode(code: number): boolean {
  return code === SPACE || code === 0x09 || code === 0x3000 || code === 0xa0;
}

/** The ASCII code of a character, full-width forms folded (`１` → `1`, `Ｘ` → `X`), letters upper-cased. */
export function foldedCodeAt(text: string, index: number): number {
  let code = text.charCodeAt(index);
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  return code >= 0x61 && code <= 0x7a ? code - 0x20 : code;
}

/** Whether the two digits at `index` are a province code (GB/T 2260), read with widths folded. */
export function isProvinceAt(text: string, index: number): boolean {
  const tens = foldedCodeAt(text, index) - 0x30;
  const ones = foldedCodeAt(text, index + 1) - 0x30;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 && PROVINCE_NUMBERS[tens * 10 + ones] === 1;
}

const PROVINCE_NUMBERS = new Uint8Array(100);
for (const code of PROVINCE_CODES) PROVINCE_NUMBERS[Number(code)] = 1;

/**
 * The Luhn check (ISO/IEC 7812) over the digits of text[start, end), skipping spaces and hyphens,
 * widths folded. A cheap first test that allocates nothing; the foundation's validateBankCard
 * still has the last word.
 */
export function passesLuhn(text: string, start: number, end: number): boolean {
  let sum = 0;
  let double = false;
  for (let index = end - 1; index >= start; index -= 1) {
    let digit = foldedCodeAt(text, index) - 0x30;
    if (digit < 0 || digit > 9) continue;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

function isPointCode(code: number): boolean {
  return code === 0x2e || code === 0xff0e;
}

function isCurrencyCode(code: number): boolean {
  return code === 0xa5 || code === 0xffe5 || code === 0x24;
}

function codeAt(text: string, index: number): number {
  return index >= 0 && index < text.length ? text.charCodeAt(index) : NO_CHARACTER;
}

/**
 * Whether a numeric span stands on its own: not inside a longer run of digits or letters, not part
 * of a masked value, a decimal amount (`¥13800138000.00`) or a dotted run, and — for a grouped
 * form such as `6222 0212 3456 7890` — not one stretch of a longer grouped number.
 */
export function standsAlone(text: string, start: number, end: number, grouped: boolean): boolean {
  const before = codeAt(text, start - 1);
  const after = codeAt(text, end);
  if (isWordCode(before) || isWordCode(after) || isMaskCode(before) || isMaskCode(after)) return false;
  if (before === UNDERSCORE || after === UNDERSCORE || isCurrencyCode(before)) return false;
  if (isPointCode(before) && isDigitCode(codeAt(text, start - 2))) return false;
  if (isPointCode(after) && isDigitCode(codeAt(text, end + 1))) return false;
  if (grouped) {
    if ((before === SPACE || before === HYPHEN) && isDigitGroup(digitRunBefore(text, start - 1))) return false;
    if ((after === SPACE || after === HYPHEN) && isDigitGroup(digitRunAfter(text, end + 1))) return false;
  }
  return true;
}

/**
 * Groups of a grouped number are at most four digits long. A longer run across a single space is
 * a separate number (a table row written `0571-87654321 13800138000`), not a continuation.
 */
const LONGEST_DIGIT_GROUP = 4;

function isDigitGroup(length: number): boolean {
  return length >= 1 && length <= LONGEST_DIGIT_GROUP;
}

/** Length of the digit run ending just before `end`, counted up to one past the longest group. */
function digitRunBefore(text: string, end: number): number {
  let index = end;
  while (index > 0 && end - index <= LONGEST_DIGIT_GROUP && isDigitCode(text.charCodeAt(index - 1))) index -= 1;
  return end - index;
}

/** Length of the digit run starting at `start`, counted up to one past the longest group. */
function digitRunAfter(text: string, start: number): number {
  let index = start;
  while (index < text.length && index - start <= LONGEST_DIGIT_GROUP && isDigitCode(text.charCodeAt(index))) index += 1;
  return index - start;
}

/** Whether text[start, end) holds a space or hyphen, i.e. is written in digit groups. */
export function hasSeparator(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code === SPACE || code === HYPHEN) return true;
  }
  return false;
}

/**
 * Labels of reference numbers that are not personal data: order, serial, invoice and document
 * numbers. An 18-digit order number passes Luhn one time in ten, so a card-shaped number right
 * after such a label is an order number, not a card.
 */
const REFERENCE_LABEL = /订单|单号|流水|编号|编码|批次|序列号|交易号|凭证|发票|合同号|工单|运单|快递|税号|注册号|案号|登记号|文号|条码|批号|型号|货号|证书号|许可证号/;
const REFERENCE_LOOKBEHIND = 12;

/** Whether a reference-number label sits just before `start` on the same line. */
export function followsReferenceLabel(text: string, start: number): boolean {
  return hasContextBefore(text, start, REFERENCE_LOOKBEHIND, REFERENCE_LABEL);
}

/**
 * Whether `pattern` (not global) matches within `window` characters before `start`, on the same
 * line. Only the window is read, so the cost does not grow with the length of the line.
 */
export function hasContextBefore(text: string, start: number, window: number, pattern: RegExp): boolean {
  return pattern.test(text.slice(windowStart(text, start, window), start));
}

/** The later of `index - window` and the start of the line holding `index`. */
export function windowStart(text: string, index: number, window: number): number {
  const floor = Math.max(0, index - window);
  for (let position = index - 1; position >= floor; position -= 1) {
    if (text.charCodeAt(position) === NEWLINE) return position + 1;
  }
  return floor;
}

/** The earlier of `index + window` and the end of the line holding `index` (before any `\r`). */
export function windowEnd(text: string, index: number, window: number): number {
  const ceiling = Math.min(text.length, index + window);
  for (let position = index; position < ceiling; position += 1) {
    const code = text.charCodeAt(position);
    if (code === NEWLINE || code === CARRIAGE_RETURN) return position;
  }
  return ceiling;
}
