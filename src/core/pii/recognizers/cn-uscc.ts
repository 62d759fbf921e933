import { foldFullWidth } from '../fold-width.ts';
import { validateUscc } from '../uscc.ts';
import type { RawFinding } from './recognizer.ts';
import { looksLikeResidentId } from './cn-resident-id.ts';
import { isInsideCell } from './reference-columns.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { followsReferenceLabel, foldedCodeAt, isProvinceAt, isWordCode, standsAlone } from './text-classes.ts';

/**
 * cn_uscc: 统一社会信用代码, GB 32100-2015 — 18 characters whose MOD 31 check character and the
 * embedded GB 11714 organisation-code check must both hold, with a valid region. Two independent
 * checks make an accidental match rarer than one in 300. A USCC names an organisation; it is
 * personal data when the organisation is an individual business (个体工商户), and a publication
 * guard cannot tell which, so every one is reported.
 *
 * The third character is the first digit of a region code, so 1–8 (central bodies use 100000).
 *
 * Scanning free text is stricter than validating a field, because an 18-digit order number
 * passes both checks about once in 340 times:
 * - the first two characters must be a registration authority and one of the organisation types
 *   GB 32100 Annex A assigns to it (no type is 0, so no number starting with a year 20xx passes);
 * - an all-digit candidate right after a reference label (订单号 …) or in a reference-number
 *   column (订单编号 …) is taken for a reference number, and one laid out like a resident ID for
 *   a mistyped ID.
 */
const CANDIDATE =
  /(?<![0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A])[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]{2}[1-8\uFF11-\uFF18][0-9\uFF10-\uFF19]{5}[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]{10}/g;
/**
 * Organisation types per registration authority, GB 32100-2015 Annex A (table A.1). An authority
 * or type added by later notice is missed until it is added here; the field validator
 * (validateUscc) stays lax for that reason, the text scanner cannot afford to.
 */
const TYPES_BY_AUTHORITY: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制
  '2': '19', // 外交
  '3': '123459', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

/** TYPES_BY_AUTHORITY by character code, each type digit a bit: looked up for every long number in a text. */
const TYPE_BITS_BY_AUTHORITY = new Uint16Array(0x80);
for (const [authority, types] of Object.entries(TYPES_BY_AUTHORITY)) {
  for (const type of types) TYPE_BITS_BY_AUTHORITY[authority.charCodeAt(0)] = (TYPE_BITS_BY_AUTHORITY[authority.charCodeAt(0)] ?? 0) | (1 << (type.charCodeAt(0) - 0x30));
}
const ALL_DIGITS = /^[0-9\uFF10-\uFF19]+$/;
const CONFIDENCE = 0.99;
/** Characters 3–8 are the region code: six digits in one run. */
const REGION_DIGITS = 6;
const REGION_OFFSET = 2;
const USCC_LENGTH = 18;

export function findUsccs(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const known = factsOf(text, facts);
  const runs = known.digitRuns;
  // The region code is six digits in one run, starting at most two characters into the code, and
  // the code starts a run of letters and digits (the pattern's lookbehind wants no letter or digit
  // before it): so it starts where that run of letters and digits starts, at or one or two
  // before the start of a run of six digits or more. The pattern is tried there only. A code it
  // has read fills its run of letters and digits, so no later run of digits can start a code
  // inside it: there is no need to remember where the last one ended.
  const candidate = new RegExp(CANDIDATE.source, 'y');
  for (let number = 0; number < runs.numberCount; number += 1) {
    const run = runs.numbers[number] ?? 0;
    const runStart = runs.starts[run] ?? 0;
    if ((runs.ends[run] ?? 0) - runStart < REGION_DIGITS) continue;
    const at = codeStart(text, runStart);
    if (at < runStart - REGION_OFFSET || !couldBeUsccAt(text, at)) continue;
    candidate.lastIndex = at;
    const match = candidate.exec(text);
    if (match !== null && isUscc(text, at, match[0], known)) findings.push({ type: 'cn_uscc', start: at, end: at + match[0].length, confidence: CONFIDENCE });
  }
  return findings;
}

/**
 * The checks of isUscc that need no copy, made before the pattern runs: most long numbers in a
 * notice (serial numbers starting with a year, millisecond timestamps) fail one of them.
 */
function couldBeUsccAt(text: string, start: number): boolean {
  // Authority, type and the province of the region code (or 10, central bodies): they turn away
  // resident IDs and order numbers.
  const types = TYPE_BITS_BY_AUTHORITY[foldedCodeAt(text, start)] ?? 0;
  const type = foldedCodeAt(text, start + 1) - 0x30;
  if (type < 0 || type > 9 || (types & (1 << type)) === 0) return false;
  if (!isProvinceAt(text, start + REGION_OFFSET) && !isCentralAt(text, start + REGION_OFFSET)) return false;
  // The last of the 18 characters must be a letter or digit too.
  return isWordCode(text.charCodeAt(start + USCC_LENGTH - 1));
}

/**
 * The start of the run of letters and digits (isWordCode, CANDIDATE's class) that holds `index`,
 * looked for no further back than a code could start; farther than that means too far.
 */
function codeStart(text: string, index: number): number {
  const farthest = Math.max(0, index - REGION_OFFSET - 1);
  let start = index;
  while (start > farthest && isWordCode(text.charCodeAt(start - 1))) start -= 1;
  return start;
}

/** Whether the match at `start` is a USCC standing alone; couldBeUsccAt has held. */
function isUscc(text: string, start: number, value: string, known: TextFacts): boolean {
  const end = start + value.length;
  if (!standsAlone(text, start, end, false) || !validateUscc(value).valid) return false;
  if (ALL_DIGITS.test(value)) {
    if (followsReferenceLabel(text, start) || looksLikeResidentId(foldFullWidth(value))) return false;
    if (isInsideCell(known.referenceCells, start)) return false;
  }
  return true;
}

/** Region 100000 (central bodies) starts with 10, which is no province. */
function isCentralAt(text: string, index: number): boolean {
  return foldedCodeAt(text, index) === 0x31 && foldedCodeAt(text, index + 1) === 0x30;
}

export function isUsccValue(value: string): boolean {
  return validateUscc(value).valid;
}
