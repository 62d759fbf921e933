import { foldFullWidth } from '../fold-width.ts';
import { validateUscc } from '../uscc.ts';
import type { RawFinding } from './recognizer.ts';
import { looksLikeResidentId } from './cn-resident-id.ts';
import { isInsideCell, referenceColumnCells } from './reference-columns.ts';
import { followsReferenceLabel, foldedCodeAt, isProvinceAt, standsAlone } from './text-classes.ts';
import type { TextSpan } from './text-table.ts';

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

export function findUsccs(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  let referenceCells: TextSpan[] | null = null;
  const candidate = new RegExp(CANDIDATE.source, 'g');
  for (let match = candidate.exec(text); match !== null; match = candidate.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    // Authority, type and the province of the region code (or 10, central bodies) are checked
    // first: they turn away resident IDs and order numbers before full validation copies them.
    const types = TYPES_BY_AUTHORITY[String.fromCharCode(foldedCodeAt(text, start))];
    if (types === undefined || !types.includes(String.fromCharCode(foldedCodeAt(text, start + 1)))) continue;
    if (!isProvinceAt(text, start + 2) && !isCentralAt(text, start + 2)) continue;
    if (!standsAlone(text, start, end, false) || !validateUscc(match[0]).valid) continue;
    if (ALL_DIGITS.test(match[0])) {
      if (followsReferenceLabel(text, start) || looksLikeResidentId(foldFullWidth(match[0]))) continue;
      referenceCells ??= referenceColumnCells(text);
      if (isInsideCell(referenceCells, start)) continue;
    }
    findings.push({ type: 'cn_uscc', start, end, confidence: CONFIDENCE });
  }
  return findings;
}

/** Region 100000 (central bodies) starts with 10, which is no province. */
function isCentralAt(text: string, index: number): boolean {
  return foldedCodeAt(text, index) === 0x31 && foldedCodeAt(text, index + 1) === 0x30;
}

export function isUsccValue(value: string): boolean {
  return validateUscc(value).valid;
}
