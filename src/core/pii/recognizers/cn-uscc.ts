import { foldFullWidth } from '../fold-width.ts';
import { validateUscc } from '../uscc.ts';
import type { RawFinding } from './recognizer.ts';
import { looksLikeResidentId } from './cn-resident-id.ts';
import { isInsideCell } from './reference-columns.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { followsReferenceLabel, foldedCodeAt, isProvinceAt, standsAlone } from './text-classes.ts';

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
const ALL_DIGITS = /^[0-9\uFF10-\uFF19]+$/;
const CONFIDENCE = 0.99;
/** Characters 3–8 are the region code: six digits in one run. */
const REGION_DIGITS = 6;
const REGION_OFFSET = 2;

export function findUsccs(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const known = factsOf(text, facts);
  const runs = known.digitRuns;
  // The region code is six digits in one run, starting at most two characters into the code, and
  // the code starts a run of letters and digits: so it starts at, or one or two before, the start
  // of a run of six digits or more. The pattern is tried at those three places only, and never
  // inside a code it has already read (as a search of the whole text would go on after it).
  const candidate = new RegExp(CANDIDATE.source, 'y');
  let searchFrom = 0;
  for (let run = 0; run < runs.count; run += 1) {
    const runStart = runs.starts[run] ?? 0;
    if ((runs.ends[run] ?? 0) - runStart < REGION_DIGITS) continue;
    for (let at = Math.max(runStart - REGION_OFFSET, searchFrom, 0); at <= runStart; at += 1) {
      candidate.lastIndex = at;
      const match = candidate.exec(text);
      if (match === null) continue;
      searchFrom = at + match[0].length;
      if (isUscc(text, at, match[0], known)) findings.push({ type: 'cn_uscc', start: at, end: searchFrom, confidence: CONFIDENCE });
      break;
    }
  }
  return findings;
}

function isUscc(text: string, start: number, value: string, known: TextFacts): boolean {
  const end = start + value.length;
  // Authority, type and the province of the region code (or 10, central bodies) are checked
  // first: they turn away resident IDs and order numbers before full validation copies them.
  const types = TYPES_BY_AUTHORITY[String.fromCharCode(foldedCodeAt(text, start))];
  if (types === undefined || !types.includes(String.fromCharCode(foldedCodeAt(text, start + 1)))) return false;
  if (!isProvinceAt(text, start + 2) && !isCentralAt(text, start + 2)) return false;
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
