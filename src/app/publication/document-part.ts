import type { FindingLocation } from '../../core/pii/recognizers/finding.ts';

/**
 * One scannable text of a document: a sheet, a page, the comments of a sheet, the body of a
 * Word file. Recognizers see `text` and report offsets into it; `locate` turns such an offset
 * back into a place a person can open (a sheet and cell, a page), where the format has one.
 */
export interface DocumentPart {
  name: string;
  text: string;
  locate(offset: number): FindingLocation | undefined;
}

/** What a recognizer reports, reduced to what masking needs. `type` is a PiiType in practice. */
export interface FoundSpan {
  start: number;
  end: number;
  type: string;
}

/** The recognizers, as masking sees them: scanText with its options already applied. */
export type SpanFinder = (text: string) => readonly FoundSpan[];

export interface ExtractLimits {
  /** Largest pdf, xlsx or docx accepted, in bytes: these formats are parsed whole, in memory. */
  maxBytes: number;
  /**
   * Largest total that the entries of an xlsx or docx may declare once unzipped, in bytes.
   * Defaults to 100 × maxBytes: ordinary workbooks compress 5–20 fold, while a zip bomb
   * reaches 1000 fold and more.
   */
  maxUnzippedBytes?: number;
}

export const UNZIPPED_RATIO = 100;

export function maxUnzippedBytes(limits: ExtractLimits): number {
  return limits.maxUnzippedBytes ?? limits.maxBytes * UNZIPPED_RATIO;
}
