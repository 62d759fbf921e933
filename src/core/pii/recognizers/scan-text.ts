import { findAddresses } from './address.ts';
import { findBankCards } from './bank-card.ts';
import { findHkMacauPermits } from './cn-hk-macau-permit.ts';
import { findLandlines } from './cn-landline.ts';
import { findLicensePlates } from './cn-license-plate.ts';
import { findMobiles } from './cn-mobile.ts';
import { findPassports } from './cn-passport.ts';
import { findResidentIds } from './cn-resident-id.ts';
import { findUsccs } from './cn-uscc.ts';
import { findEmails } from './email.ts';
import { PII_TYPES, type Finding, type PiiType, type ScanOptions } from './finding.ts';
import { findIpv4Addresses } from './ipv4.ts';
import { findPersonNames } from './person-name.ts';
import type { RawFinding, Recognizer } from './recognizer.ts';
import { TextFacts } from './text-facts.ts';

/** One recognizer per type; a type added to PII_TYPES without one here fails to compile. */
export const RECOGNIZERS: Record<PiiType, Recognizer> = {
  cn_resident_id: findResidentIds,
  cn_mobile: findMobiles,
  cn_landline: findLandlines,
  bank_card: findBankCards,
  cn_uscc: findUsccs,
  email: findEmails,
  cn_passport: findPassports,
  cn_hk_macau_permit: findHkMacauPermits,
  cn_license_plate: findLicensePlates,
  ipv4: findIpv4Addresses,
  person_name: findPersonNames,
  address: findAddresses,
};

/**
 * Which finding wins when two overlap, most specific first. An email is whole structure around
 * whatever digits its local part holds (13800138000@qq.com is an email). Then the identifiers
 * with the strongest checks: a resident ID (province, date and MOD 11-2) over a USCC (two MOD
 * checks) over a bank card (Luhn, which one number in ten passes) over mobile and landline
 * (shape only). Context-found kinds come last.
 */
const PRECEDENCE: Record<PiiType, number> = {
  email: 0,
  cn_resident_id: 1,
  cn_uscc: 2,
  bank_card: 3,
  cn_mobile: 4,
  cn_landline: 5,
  cn_hk_macau_permit: 6,
  cn_passport: 7,
  ipv4: 8,
  cn_license_plate: 9,
  person_name: 10,
  address: 11,
};

/**
 * Finds the personal data in one decoded text: runs the selected recognizers, keeps one finding
 * wherever spans overlap, and reports each with its exact text and 1-based line, in text order.
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  return scanTextWithFacts(text, options).findings;
}

/** scanText, with the facts it worked out about the text (its line feeds, for one), for a caller that needs them too. */
export function scanTextWithFacts(text: string, options: ScanOptions = {}): { findings: Finding[]; facts: TextFacts } {
  const types = options.types ?? PII_TYPES;
  const facts = new TextFacts(text);
  const lists = types.map((type) => inTextOrder(RECOGNIZERS[type](text, facts)));
  return { findings: withLines(text, facts, resolveOverlaps(mergeInTextOrder(lists))), facts };
}

function precedes(left: RawFinding, right: RawFinding): boolean {
  return left.start < right.start || (left.start === right.start && left.end > right.end);
}

/** Recognizers report in text order; this makes sure of it without paying for a sort when so. */
function inTextOrder(findings: RawFinding[]): RawFinding[] {
  for (let index = 1; index < findings.length; index += 1) {
    const previous = findings[index - 1];
    const current = findings[index];
    if (previous !== undefined && current !== undefined && precedes(current, previous)) {
      return findings.sort((left, right) => left.start - right.start || right.end - left.end);
    }
  }
  return findings;
}

/**
 * Merges the per-type lists, each already in text order: a dozen lists merged by picking the
 * smallest head each time is linear in the findings, where sorting millions of them is not.
 */
function mergeInTextOrder(lists: readonly RawFinding[][]): RawFinding[] {
  const merged: RawFinding[] = [];
  const positions = lists.map(() => 0);
  for (let best = firstHead(lists, positions); best !== -1; best = firstHead(lists, positions)) {
    const finding = lists[best]?.[positions[best] ?? 0];
    if (finding !== undefined) merged.push(finding);
    positions[best] = (positions[best] ?? 0) + 1;
  }
  return merged;
}

/**
 * The list whose next finding comes first, or -1 when all are done. A function of its own: an
 * inner loop that the compiler optimizes on its own would be left, and fall back to the
 * interpreter, once per finding.
 */
function firstHead(lists: readonly RawFinding[][], positions: readonly number[]): number {
  let best = -1;
  let bestFinding: RawFinding | undefined;
  for (let list = 0; list < lists.length; list += 1) {
    const finding = lists[list]?.[positions[list] ?? 0];
    if (finding !== undefined && (bestFinding === undefined || precedes(finding, bestFinding))) {
      best = list;
      bestFinding = finding;
    }
  }
  return best;
}

/** Whether `left` should be kept over an overlapping `right`. */
function outranks(left: RawFinding, right: RawFinding): boolean {
  const precedence = PRECEDENCE[left.type] - PRECEDENCE[right.type];
  if (precedence !== 0) return precedence < 0;
  if (left.confidence !== right.confidence) return left.confidence > right.confidence;
  return left.end - left.start >= right.end - right.start;
}

/**
 * In text order, each finding either displaces every kept finding it overlaps (when it outranks
 * them all) or is dropped. Kept findings never overlap one another, so the ones a new finding can
 * touch form a suffix of the kept list.
 */
function resolveOverlaps(findings: readonly RawFinding[]): RawFinding[] {
  const kept: RawFinding[] = [];
  for (const finding of findings) {
    let first = kept.length;
    while (first > 0 && (kept[first - 1]?.end ?? 0) > finding.start) first -= 1;
    let wins = true;
    for (let index = first; index < kept.length && wins; index += 1) {
      const other = kept[index];
      if (other !== undefined && !outranks(finding, other)) wins = false;
    }
    if (!wins) continue;
    kept.length = first;
    kept.push(finding);
  }
  return kept;
}

/** The findings with their text and 1-based line, read off the line feeds the one pass noted. */
function withLines(text: string, facts: TextFacts, findings: readonly RawFinding[]): Finding[] {
  const result: Finding[] = [];
  const { offsets, count } = facts.lineBreaks;
  let breaks = 0;
  for (const finding of findings) {
    while (breaks < count && (offsets[breaks] ?? 0) < finding.start) breaks += 1;
    const line = breaks + 1;
    result.push({
      type: finding.type,
      value: text.slice(finding.start, finding.end),
      start: finding.start,
      end: finding.end,
      line,
      confidence: finding.confidence,
    });
  }
  return result;
}
