import type { PiiType } from './finding.ts';
import type { TextFacts } from './text-facts.ts';

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

/**
 * A recognizer finds one kind of personal data in a decoded text. Pure: no I/O, no clock. `facts`
 * are what scanText worked out once for all of them; a recognizer called alone makes its own.
 */
export type Recognizer = (text: string, facts?: TextFacts) => RawFinding[];
