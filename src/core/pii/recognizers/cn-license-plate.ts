import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { isWordCode } from './text-classes.ts';

/**
 * cn_license_plate: motor-vehicle plates, GA 36-2018 — a province abbreviation, the issuing
 * authority's letter (I and O are never used), an optional separator dot or space, then
 * - 5 characters (letters and digits, at least two digits), or 4 and a use character
 *   (挂 trailer, 学 learner, 警 police, 港/澳 cross-border, 领 consular, 试, 超);
 * - 6 for new-energy plates: D or F then a letter or digit and 4 digits (small cars), or
 *   5 digits then D or F (large vehicles).
 * A plate owner is identifiable through the vehicle register, so plates are personal data.
 */
const CANDIDATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·• ]?[0-9A-HJ-NP-Z]{4,6}[挂学警港澳领试超]?/g;
const STANDARD_BODY = /^[0-9A-HJ-NP-Z]{5}$/;
const USE_BODY = /^[0-9A-HJ-NP-Z]{4}[挂学警港澳领试超]$/;
const NEW_ENERGY_BODY = /^(?:[DF][0-9A-HJ-NP-Z][0-9]{4}|[0-9]{5}[DF])$/;
const LEAST_DIGITS = 2;
const CONFIDENCE = 0.85;

export function findLicensePlates(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  // Tried only where a province abbreviation meets a capital letter (text-facts.ts).
  const candidate = new RegExp(CANDIDATE.source, 'y');
  const { plates, plateCount } = factsOf(text, facts).digitRuns;
  let searchFrom = 0;
  for (let index = 0; index < plateCount; index += 1) {
    const start = plates[index] ?? 0;
    if (start < searchFrom) continue;
    candidate.lastIndex = start;
    const match = candidate.exec(text);
    if (match === null) continue;
    const end = start + match[0].length;
    searchFrom = end;
    if (isWordCode(text.charCodeAt(start - 1)) || isWordCode(text.charCodeAt(end))) continue;
    const body = match[0].slice(2).replace(/^[·• ]/, '');
    if (isPlateBody(body)) findings.push({ type: 'cn_license_plate', start, end, confidence: CONFIDENCE });
  }
  return findings;
}

function isPlateBody(body: string): boolean {
  if (NEW_ENERGY_BODY.test(body)) return true;
  if (!STANDARD_BODY.test(body) && !USE_BODY.test(body)) return false;
  let digits = 0;
  for (let index = 0; index < body.length; index += 1) {
    const code = body.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) digits += 1;
  }
  return digits >= LEAST_DIGITS;
}
