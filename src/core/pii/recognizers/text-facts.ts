import { referenceColumnCells } from './reference-columns.ts';
import type { TextSpan } from './text-table.ts';

/**
 * Facts about a text that several recognizers need, worked out once per scan (scanText makes one
 * and hands it to every recognizer). It is what keeps scanning fast on a large file: each
 * regular expression over the whole text costs about as much as reading it, so the recognizers of
 * numbers and plates do not search the text themselves — one pass here finds where a number,
 * a plate or a permit could start, and they try their own pattern only there. What they find is
 * exactly what a search of the whole text finds: a candidate is any place their pattern could
 * begin, and the tests pin that.
 *
 * A recognizer called on its own, without facts, makes its own.
 */
export class TextFacts {
  readonly text: string;
  #digitRuns: DigitRuns | undefined;
  #referenceCells: TextSpan[] | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** Maximal runs of ASCII or full-width digits, and the other places a pattern could start. */
  get digitRuns(): DigitRuns {
    this.#digitRuns ??= findDigitRuns(this.text);
    return this.#digitRuns;
  }

  /** The cells of reference-number columns (订单编号 …), where a card- or code-shaped number is a reference. */
  get referenceCells(): TextSpan[] {
    this.#referenceCells ??= referenceColumnCells(this.text);
    return this.#referenceCells;
  }
}

/** The facts for `text`: those handed in when they are about this very text, else new ones. */
export function factsOf(text: string, facts: TextFacts | undefined): TextFacts {
  return facts !== undefined && facts.text === text ? facts : new TextFacts(text);
}

export interface DigitRuns {
  /** [starts[i], ends[i]) is the i-th run of digits, in text order. */
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** Offsets of a province abbreviation followed by a capital letter: where a licence plate could start. */
  plates: Int32Array;
  plateCount: number;
  /** Offsets of a capital C followed by a digit or capital letter: where a permit number could start. */
  permits: Int32Array;
  permitCount: number;
}

/** Runs of ASCII or full-width digits (text-classes.ts isDigitCode). */
const DIGIT_RUN = /[0-9\uFF10-\uFF19]+/g;
/** A GA 36-2018 province abbreviation and a capital letter (cn-license-plate.ts). */
const PLATE_START = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z]/g;

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  if (length < array.length) return array;
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/**
 * Three searches, each cheaper than any recognizer's own pattern: the regular-expression engine
 * finds digit runs faster than a loop over character codes does, and indexOf finds a letter
 * faster still.
 */
function findDigitRuns(text: string): DigitRuns {
  let starts = new Int32Array(256);
  let ends = new Int32Array(256);
  let count = 0;
  const digits = new RegExp(DIGIT_RUN.source, 'g');
  for (let match = digits.exec(text); match !== null; match = digits.exec(text)) {
    starts = grown(starts, count);
    ends = grown(ends, count);
    starts[count] = match.index;
    ends[count] = digits.lastIndex;
    count += 1;
  }
  let plates = new Int32Array(16);
  let plateCount = 0;
  const plate = new RegExp(PLATE_START.source, 'g');
  for (let match = plate.exec(text); match !== null; match = plate.exec(text)) {
    plates = grown(plates, plateCount);
    plates[plateCount] = match.index;
    plateCount += 1;
    // Two abbreviations in a row before a letter overlap nothing; the next search starts after the letter.
  }
  let permits = new Int32Array(16);
  let permitCount = 0;
  for (let index = text.indexOf('C'); index !== -1; index = text.indexOf('C', index + 1)) {
    permits = grown(permits, permitCount);
    permits[permitCount] = index;
    permitCount += 1;
  }
  return { starts, ends, count, plates, plateCount, permits, permitCount };
}
