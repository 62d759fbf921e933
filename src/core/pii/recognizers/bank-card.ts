import { normalizeBankCard, validateBankCard } from '../bank-card.ts';
import { isResidentIdValue, looksLikeResidentId } from './cn-resident-id.ts';
import { isUsccValue } from './cn-uscc.ts';
import type { RawFinding } from './recognizer.ts';
import { isInsideCell } from './reference-columns.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { followsReferenceLabel, hasContextBefore, passesLuhn, standsAlone } from './text-classes.ts';

/**
 * bank_card: 16–19 digits passing the Luhn check (ISO/IEC 7812), whole or in groups of four.
 * Luhn alone passes one random number in ten, so three more rules keep order numbers out:
 * - the first digit must be one card schemes issue under (3 JCB, 4 Visa, 5 Mastercard,
 *   6 UnionPay, 9 domestic debit); reference numbers that start with a year (2024…) are not cards;
 * - a number right after a reference label (订单号, 流水号 …) or in a table column headed by
 *   one is not a card;
 * - an 18-character value that is a valid resident ID or USCC is that, not a card; so is one
 *   written whole and shaped like an ID (province, then a birth date of 18xx–20xx) but failing its
 *   date or check character — a mistyped ID, which passes Luhn one time in ten. Few 18-digit cards
 *   are issued and about one in a thousand has such a middle, so few cards are lost this way.
 */
/**
 * One path for the whole and the grouped form, starting only where a digit run starts and only
 * with an issuer digit; whether the separators make a proper 4-4-4-4 grouping is checked after.
 */
const CANDIDATE =
  /(?<![0-9\uFF10-\uFF19])[3-69\uFF13-\uFF16\uFF19][0-9\uFF10-\uFF19]{3}[ -]?[0-9\uFF10-\uFF19]{4}[ -]?[0-9\uFF10-\uFF19]{4}[ -]?[0-9\uFF10-\uFF19]{4}(?:[ -]?[0-9\uFF10-\uFF19]{1,3})?/g;
const ASCII_DIGITS = /^[0-9]+$/;
const GROUP_DIGITS = 4;
const GROUPED_SEPARATORS = 3;
const CARD_CONTEXT = /卡号|银行卡|账号|帐号|开户|储蓄卡|信用卡|借记卡|社保卡|收款账户/;
const CARD_CONTEXT_WINDOW = 16;
const CARD_LENGTH_WITH_ID_SHAPE = 18;
const FIRST_GROUP = 4;
const LEAST_DIGITS = 16;
const CONTEXT_CONFIDENCE = 0.95;
const CONFIDENCE = 0.85;

export function findBankCards(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const known = factsOf(text, facts);
  // The pattern starts only where a run of four or more digits starts: tried there alone, and
  // never inside a number it has already read (as a search of the whole text would go on after it).
  const candidate = new RegExp(CANDIDATE.source, 'y');
  const runs = known.digitRuns;
  let searchFrom = 0;
  for (let number = 0; number < runs.numberCount; number += 1) {
    const run = runs.numbers[number] ?? 0;
    const runStart = runs.starts[run] ?? 0;
    const runEnd = runs.ends[run] ?? 0;
    if (runStart < searchFrom || runEnd - runStart < FIRST_GROUP || !isIssuerDigit(text.charCodeAt(runStart))) continue;
    // Fewer than 16 digits in a row: the number goes on only after a separator.
    if (runEnd - runStart < LEAST_DIGITS && !isSeparator(text.charCodeAt(runEnd))) continue;
    candidate.lastIndex = runStart;
    const match = candidate.exec(text);
    if (match === null) continue;
    const start = match.index;
    const end = start + match[0].length;
    searchFrom = end;
    if (!passesLuhn(text, start, end)) continue;
    const digits = ASCII_DIGITS.test(match[0]) ? match[0] : normalizeBankCard(match[0]);
    const separators = match[0].length - digits.length;
    if (separators !== 0 && !isGroupedByFour(match[0], digits.length)) continue;
    if (!standsAlone(text, start, end, separators !== 0) || !validateBankCard(digits).valid) continue;
    if (digits.length === CARD_LENGTH_WITH_ID_SHAPE) {
      if (isResidentIdValue(digits) || isUsccValue(digits) || (separators === 0 && looksLikeResidentId(digits))) continue;
    }
    if (followsReferenceLabel(text, start)) continue;
    if (isInsideCell(known.referenceCells, start)) continue;
    const confidence = hasContextBefore(text, start, CARD_CONTEXT_WINDOW, CARD_CONTEXT) ? CONTEXT_CONFIDENCE : CONFIDENCE;
    findings.push({ type: 'bank_card', start, end, confidence });
  }
  return findings;
}

/** 3 JCB, 4 Visa, 5 Mastercard, 6 UnionPay, 9 domestic debit, as CANDIDATE's first character. */
function isIssuerDigit(code: number): boolean {
  const digit = code >= 0xff10 ? code - 0xff10 : code - 0x30;
  return digit === 3 || digit === 4 || digit === 5 || digit === 6 || digit === 9;
}

function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d;
}

/** `6222 0212 3456 7890 123`: a separator after each of the first four groups of four, and only there. */
function isGroupedByFour(value: string, digits: number): boolean {
  const separators = GROUPED_SEPARATORS + (digits > GROUP_DIGITS * 4 ? 1 : 0);
  if (value.length - digits !== separators) return false;
  for (let group = 1; group <= separators; group += 1) {
    const code = value.charCodeAt(group * (GROUP_DIGITS + 1) - 1);
    if (code !== 0x20 && code !== 0x2d) return false;
  }
  return true;
}
