import { isProvinceCode } from '../province-codes.ts';
import { validateResidentId } from '../resident-id.ts';
import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { followsReferenceLabel, isProvinceAt, standsAlone } from './text-classes.ts';

/**
 * cn_resident_id: 公民身份号码, GB 11643-1999. The 18-character form must carry a valid province
 * prefix, a real birth date and the MOD 11-2 check character; together these pass a random
 * 18-digit number (an order number, say) about once in 15,000 times. The 15-digit first-generation
 * form has no check character, so it is reported with lower confidence, and not at all right
 * after a reference-number label (订单号, 注册号 …). Full-width digits and a lowercase x count.
 *
 * The candidate pattern starts only where a digit run starts, and only with a province digit
 * (1–8): both cut the places the regular expression engine tries, which is most of its cost.
 */
const CANDIDATE = /(?<![0-9\uFF10-\uFF19])[1-8\uFF11-\uFF18][0-9\uFF10-\uFF19]{14}(?:[0-9\uFF10-\uFF19]{2}[0-9Xx\uFF10-\uFF19\uFF38\uFF58])?/g;
const FULL_LENGTH = 18;
const LEAST_LENGTH = 15;
const CHECKED_CONFIDENCE = 0.99;
const FIRST_GENERATION_CONFIDENCE = 0.8;

export function findResidentIds(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  // The pattern can only start where a run of at least 15 digits starts (one of the number runs
  // of text-facts.ts): tried there alone.
  const candidate = new RegExp(CANDIDATE.source, 'y');
  const runs = factsOf(text, facts).digitRuns;
  for (let number = 0; number < runs.numberCount; number += 1) {
    const run = runs.numbers[number] ?? 0;
    const runStart = runs.starts[run] ?? 0;
    const runEnd = runs.ends[run] ?? 0;
    if (!isIdLength(text, runEnd - runStart, runEnd)) continue;
    // The province prefix is checked first: it turns away most reference numbers for the price
    // of two characters, before the pattern runs and full validation folds and copies the candidate.
    if (!isProvinceAt(text, runStart)) continue;
    // test, not exec: the value is copied out only once it stands alone.
    candidate.lastIndex = runStart;
    if (!candidate.test(text)) continue;
    const start = runStart;
    const end = candidate.lastIndex;
    if (!standsAlone(text, start, end, false) || !validateResidentId(text.slice(start, end)).valid) continue;
    if (end - start === FULL_LENGTH) {
      findings.push({ type: 'cn_resident_id', start, end, confidence: CHECKED_CONFIDENCE });
    } else if (!followsReferenceLabel(text, start)) {
      findings.push({ type: 'cn_resident_id', start, end, confidence: FIRST_GENERATION_CONFIDENCE });
    }
  }
  return findings;
}

/**
 * Whether a run of `digits` digits ending at `runEnd` can be an ID standing alone: 15 or 18
 * digits, or 17 and the check character X. The pattern reads at most 18 characters from the
 * start of the run, so in any other run a digit would follow what it read, and standsAlone would
 * turn it away; this says so before the pattern runs.
 */
function isIdLength(text: string, digits: number, runEnd: number): boolean {
  if (digits === LEAST_LENGTH || digits === FULL_LENGTH) return true;
  if (digits !== FULL_LENGTH - 1) return false;
  const check = text.charCodeAt(runEnd);
  return check === 0x58 || check === 0x78 || check === 0xff38 || check === 0xff58;
}

/** Whether an 18-character value is a valid resident ID: such a value is an ID, never a card. */
export function isResidentIdValue(value: string): boolean {
  return value.length === FULL_LENGTH && validateResidentId(value).valid;
}

/**
 * Whether 18 digits are laid out like a resident ID — a province code, then 18, 19 or 20 for the
 * century of birth, a month digit 0–1 and a day digit 0–3 — whether or not the date exists or the
 * check character is right. Other recognizers use it to keep a mistyped ID from passing for
 * something else.
 */
export function looksLikeResidentId(digits: string): boolean {
  if (digits.length !== FULL_LENGTH || !isProvinceCode(digits.slice(0, 2))) return false;
  const century = digits.slice(6, 8);
  return (century === '18' || century === '19' || century === '20') && '01'.includes(digits.charAt(10)) && '0123'.includes(digits.charAt(12));
}
