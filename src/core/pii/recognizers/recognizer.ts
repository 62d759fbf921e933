import type { PiiType } from './finding.ts';

/**
 * What one recognizer reports: a span and how sure it is. The exact text and the line number are
 * filled in once, by scanText, so that every recognizer stays a plain function over a string.
 */
export interface RawFinding {
  type: PiiType;
  start: number;
  end: number;
  confidence: number;
}

/** A recognizer finds one kind of personal data in a decoded text. Pure: no I/O, no clock. */
export type Recognizer = (text: string) => RawFinding[];
