import { CONTEXT_KINDS, CONTEXT_WORDS, ContextWordSearch, type ContextKind } from './context-words.ts';
import { Offsets, type Spans } from './offset-list.ts';
import { referenceColumnCells } from './reference-columns.ts';
import type { TextSpan } from './text-table.ts';

export type { Spans } from './offset-list.ts';

/**
 * Facts about a text that several recognizers need, worked out once per scan (scanText makes one
 * and hands it to every recognizer). It is what keeps scanning fast on a large file: each
 * regular expression over the whole text costs about as much as reading it, so no recognizer
 * searches the text itself. One pass here reads every character once and notes where a number,
 * a plate, a permit or a context word (context-words.ts) could start; the recognizers try their
 * own pattern only there. What they find is exactly what a search of the whole text finds: a
 * candidate is any place their pattern could begin, and the tests pin that.
 *
 * A recognizer called on its own, without facts, makes its own.
 */
export class TextFacts {
  readonly text: string;
  #read: TextReading | undefined;
  #referenceCells: TextSpan[] | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** Maximal runs of ASCII or full-width digits, and the other places a pattern could start. */
  get digitRuns(): DigitRuns {
    return this.#reading().runs;
  }

  /** The context words of one kind, in text order, as a global search of CONTEXT_WORDS[kind] finds them. */
  contextWords(kind: ContextKind): Spans {
    return this.#reading().words[kind];
  }

  /** The cells of reference-number columns (订单编号 …), where a card- or code-shaped number is a reference. */
  get referenceCells(): TextSpan[] {
    this.#referenceCells ??= referenceColumnCells(this.text, this.contextWords('reference'));
    return this.#referenceCells;
  }

  #reading(): TextReading {
    this.#read ??= readText(this.text);
    return this.#read;
  }
}

/** The facts for `text`: those handed in when they are about this very text, else new ones. */
export function factsOf(text: string, facts: TextFacts | undefined): TextFacts {
  return facts !== undefined && facts.text === text ? facts : new TextFacts(text);
}

export interface DigitRuns extends Spans {
  /**
   * Indices (into starts and ends) of the runs where a number of the numeric recognizers can
   * start: six digits or more (resident IDs, USCCs, cards, phone numbers written whole), a run
   * followed by a space or hyphen (the first group of a grouped number: 0571-…, 138 0013 …), or
   * one after an opening parenthesis (an area code, `(0571)`). The other runs (dates, amounts,
   * counts) are most of a notice's numbers; those recognizers never look at them.
   */
  numbers: Int32Array;
  numberCount: number;
  /** Indices of the runs followed by a dot: where a dotted quad could start. */
  dotted: Int32Array;
  dottedCount: number;
  /** Offsets of a province abbreviation followed by a capital letter: where a licence plate could start. */
  plates: Int32Array;
  plateCount: number;
  /** Offsets of a capital C: where a permit number could start. */
  permits: Int32Array;
  permitCount: number;
}

interface TextReading {
  runs: DigitRuns;
  words: Record<ContextKind, Spans>;
}

/**
 * What each UTF-16 code unit can be, as bits. The low byte says what a character can open: a
 * digit run, a plate (a GA 36-2018 province abbreviation), or a context word of a kind (bit =
 * its index in CONTEXT_KINDS), by its first character. The high byte says what it can be second
 * in: the plate's capital letter, or the second character of a kind's word. A pair of characters
 * is a candidate when the two agree on a bit; ContextWordSearch then looks closer.
 */
const CLASSES = new Uint16Array(0x10000);
const DIGIT = 0x80;
const PLATE = 0x40;
const SECOND = 8;
const KINDS = (1 << CONTEXT_KINDS.length) - 1;
const PROVINCE_ABBREVIATIONS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

function mark(code: number, bits: number): void {
  CLASSES[code] = (CLASSES[code] ?? 0) | bits;
}

for (let code = 0x30; code <= 0x39; code += 1) mark(code, DIGIT);
for (let code = 0xff10; code <= 0xff19; code += 1) mark(code, DIGIT);
for (const abbreviation of PROVINCE_ABBREVIATIONS) mark(abbreviation.charCodeAt(0), PLATE);
for (let code = 0x41; code <= 0x5a; code += 1) mark(code, PLATE << SECOND);
CONTEXT_KINDS.forEach((kind, index) => {
  for (const prefix of CONTEXT_WORDS[kind].prefixes) {
    mark(prefix.charCodeAt(0), 1 << index);
    mark(prefix.charCodeAt(1), (1 << index) << SECOND);
  }
});

/** The shortest run a number recognizer reads on its own: a USCC's six-digit region code. */
const LONG_RUN = 6;
const SPACE = 0x20;
const HYPHEN = 0x2d;
const DOT = 0x2e;

function isOpeningParenthesis(code: number): boolean {
  return code === 0x28 || code === 0xff08;
}

/** The digit runs, with the runs that can start a number or a dotted quad (DigitRuns). */
class RunList {
  readonly starts = new Offsets();
  readonly ends = new Offsets();
  readonly numbers = new Offsets();
  readonly dotted = new Offsets();

  /** Notes the run [start, end), ended by the code unit `next` (0 at the end of the text). */
  close(text: string, start: number, end: number, next: number): void {
    const run = this.starts.count;
    this.starts.push(start);
    this.ends.push(end);
    if (end - start >= LONG_RUN || next === SPACE || next === HYPHEN || isOpeningParenthesis(text.charCodeAt(start - 1))) this.numbers.push(run);
    if (next === DOT) this.dotted.push(run);
  }
}

/** Where a pair of characters agreeing on a bit starts, and the bits. */
class PairList {
  readonly at = new Offsets();
  readonly bits = new Offsets();

  push(at: number, bits: number): void {
    this.at.push(at);
    this.bits.push(bits);
  }
}

/**
 * Reads the text once (readCharacters), then looks closer at the few pairs of characters that
 * may open a plate or a context word, and finds each capital C.
 */
function readText(text: string): TextReading {
  const runs = new RunList();
  const pairs = new PairList();
  readCharacters(text, runs, pairs);
  const plates = new Offsets();
  const search = new ContextWordSearch(text);
  lookCloser(pairs, plates, search);
  const permits = capitalCs(text);
  return {
    runs: {
      starts: runs.starts.values,
      ends: runs.ends.values,
      count: runs.starts.count,
      numbers: runs.numbers.values,
      numberCount: runs.numbers.count,
      dotted: runs.dotted.values,
      dottedCount: runs.dotted.count,
      plates: plates.values,
      plateCount: plates.count,
      permits: permits.values,
      permitCount: permits.count,
    },
    words: search.words(),
  };
}

/**
 * The pairs readCharacters noted: a plate's start is one as it stands, a context word's is for
 * ContextWordSearch to make sure of. (Loops are kept in functions of their own, as readCharacters
 * says why.)
 */
function lookCloser(pairs: PairList, plates: Offsets, search: ContextWordSearch): void {
  for (let pair = 0; pair < pairs.at.count; pair += 1) {
    const at = pairs.at.values[pair] ?? 0;
    const bits = pairs.bits.values[pair] ?? 0;
    if ((bits & PLATE) !== 0) plates.push(at);
    if ((bits & KINDS) !== 0) search.opened(at, bits & KINDS);
  }
}

/** Each capital C, where a permit number could start: indexOf finds one faster than any loop. */
function capitalCs(text: string): Offsets {
  const offsets = new Offsets();
  for (let index = text.indexOf('C'); index !== -1; index = text.indexOf('C', index + 1)) offsets.push(index);
  return offsets;
}

/**
 * The one pass. Each character is looked up once in CLASSES; a digit run is noted where the
 * digit bit changes, and a pair of characters agreeing on a bit is noted for a closer look. No
 * regular expression runs over the whole text and nothing is allocated per character.
 *
 * The loop is kept this small on purpose: the compiler optimizes it while it runs (on-stack
 * replacement), so it reads one place past the end, as a character of no class, to close a run
 * at the end of the text inside the loop, and leaves the closer look to readText. There is then
 * no code after the loop that the compiler would meet without having seen it run.
 */
function readCharacters(text: string, runs: RunList, pairs: PairList): void {
  const classesOf = CLASSES;
  const length = text.length;
  let previous = 0;
  let runStart = 0;
  for (let index = 0; index <= length; index += 1) {
    const code = index < length ? text.charCodeAt(index) : 0;
    const classes = classesOf[code] ?? 0;
    const pair = previous & (classes >>> SECOND);
    if (pair !== 0) pairs.push(index - 1, pair);
    if (((classes ^ previous) & DIGIT) !== 0) {
      if ((classes & DIGIT) !== 0) runStart = index;
      else runs.close(text, runStart, index, code);
    }
    previous = classes & 0xff;
  }
}
