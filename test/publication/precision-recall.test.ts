import { describe, expect, it } from 'vitest';
import { PII_TYPES, scanText, type PiiType } from '../../src/core/pii/index.ts';
import { generateCorpus, type CorpusDocument } from './corpus.ts';

/**
 * The publication guard against a labelled corpus (issue #6, "What it must show"): precision and
 * recall per type, a finding counting only when its type and exact span match a label. The
 * identifier types must reach 0.99 on both, person_name 0.90; the other types are reported.
 */
const REQUIRED: Partial<Record<PiiType, number>> = {
  cn_resident_id: 0.99,
  cn_mobile: 0.99,
  bank_card: 0.99,
  cn_uscc: 0.99,
  email: 0.99,
  person_name: 0.9,
};

interface Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

function tallyCorpus(documents: readonly CorpusDocument[]): { tallies: Record<PiiType, Tally>; misses: string[] } {
  const tallies = Object.fromEntries(PII_TYPES.map((type) => [type, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }])) as Record<PiiType, Tally>;
  const misses: string[] = [];
  for (const document of documents) {
    const expected = new Map(document.spans.map((span) => [`${span.type}:${span.start}:${span.end}`, span]));
    const found = new Set<string>();
    for (const finding of scanText(document.text)) {
      const key = `${finding.type}:${finding.start}:${finding.end}`;
      found.add(key);
      if (expected.has(key)) {
        tallies[finding.type].truePositives += 1;
      } else {
        tallies[finding.type].falsePositives += 1;
        misses.push(`FP ${document.kind} ${finding.type} ${JSON.stringify(finding.value)}`);
      }
    }
    for (const [key, span] of expected) {
      if (found.has(key)) continue;
      tallies[span.type].falseNegatives += 1;
      misses.push(`FN ${document.kind} ${span.type} ${JSON.stringify(document.text.slice(span.start, span.end))}`);
    }
  }
  return { tallies, misses };
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 1 : numerator / denominator);
const precisionOf = (tally: Tally): number => ratio(tally.truePositives, tally.truePositives + tally.falsePositives);
const recallOf = (tally: Tally): number => ratio(tally.truePositives, tally.truePositives + tally.falseNegatives);

describe('publication guard on the labelled corpus', () => {
  const documents = generateCorpus({ seed: 20240611, perKind: 120 });
  const { tallies, misses } = tallyCorpus(documents);

  it('prints the per-type table', () => {
    const rows = PII_TYPES.map((type) => {
      const tally = tallies[type];
      return `${type.padEnd(20)} ${String(tally.truePositives + tally.falseNegatives).padStart(6)} ${String(tally.truePositives).padStart(6)} ${String(tally.falsePositives).padStart(5)} ${String(tally.falseNegatives).padStart(5)} ${precisionOf(tally).toFixed(4).padStart(9)} ${recallOf(tally).toFixed(4).padStart(7)}`;
    });
    console.log(
      [`${documents.length} documents`, `${'type'.padEnd(20)} ${'labels'.padStart(6)} ${'TP'.padStart(6)} ${'FP'.padStart(5)} ${'FN'.padStart(5)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`, ...rows, ...misses.slice(0, 20)].join('\n'),
    );
    expect(documents.every((document) => document.spans.length > 0 || document.kind === 'clean')).toBe(true);
  });

  for (const [type, threshold] of Object.entries(REQUIRED) as [PiiType, number][]) {
    it(`${type}: precision and recall ≥ ${threshold}`, () => {
      const tally = tallies[type];
      expect(tally.truePositives + tally.falseNegatives).toBeGreaterThan(100);
      expect(precisionOf(tally)).toBeGreaterThanOrEqual(threshold);
      expect(recallOf(tally)).toBeGreaterThanOrEqual(threshold);
    });
  }

  it('reports nothing in the clean documents but what is labelled there', () => {
    const clean = documents.filter((document) => document.kind === 'clean');
    expect(clean.flatMap((document) => scanText(document.text)).map((finding) => `${finding.type} ${finding.value}`)).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const again = generateCorpus({ seed: 20240611, perKind: 3 });
    expect(again).toEqual(generateCorpus({ seed: 20240611, perKind: 3 }));
    expect(again).not.toEqual(generateCorpus({ seed: 1, perKind: 3 }));
  });
});
