import { standsAlone, windowEnd } from './text-classes.ts';
import type { TextSpan } from './text-table.ts';

/** How far after a context word (护照, 通行证 …) a number may sit and still be read as its value. */
export const CONTEXT_WINDOW = 40;

/**
 * Spans matching `candidate` that stand alone within CONTEXT_WINDOW characters after `from`, on
 * the same line. Only that window is searched, so a context word costs a few dozen characters of
 * scanning however long the text.
 */
export function candidatesAfter(text: string, from: number, candidate: RegExp, isValid: (value: string) => boolean): TextSpan[] {
  const window = text.slice(from, windowEnd(text, from, CONTEXT_WINDOW));
  const pattern = new RegExp(candidate.source, 'g');
  const spans: TextSpan[] = [];
  for (let match = pattern.exec(window); match !== null; match = pattern.exec(window)) {
    const start = from + match.index;
    const end = start + match[0].length;
    if (isValid(match[0]) && standsAlone(text, start, end, false)) spans.push({ start, end });
  }
  return spans;
}
