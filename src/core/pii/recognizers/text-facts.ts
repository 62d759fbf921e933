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

  /** How many line feeds come before `position`: its 0-based line. */
  lineBreaksBefore(position: number): number {
    const { values, count } = this.#reading().lineBreaks;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((values[middle] ?? 0) < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The offsets of the line feeds, in text order. */
  get lineBreaks(): { offsets: Int32Array; count: number } {
    const { values, count } = this.#reading().lineBreaks;
    return { offsets: values, count };
  }

  /** The offsets of every `@`, where an email address is read outwards from. */
  get atSigns(): { offsets: Int32Array; count: number } {
    const { values, count } = this.#reading().atSigns;
    return { offsets: values, count };
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
  lineBreaks: Noted;
  atSigns: Noted;
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
/** A character whose every place is noted: a line feed, `@` (emails) or a capital C (permits). */
const MARKED = 0x20;
const SECOND = 8;
const KINDS = (1 << CONTEXT_KINDS.length) - 1;
const LINE_FEED = 0x0a;
const AT_SIGN = 0x40;
const CAPITAL_C = 0x43;
const PROVINCE_ABBREVIATIONS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

function mark(code: number, bits: number): void {
  CLASSES[code] = (CLASSES[code] ?? 0) | bits;
}

for (let code = 0x30; code <= 0x39; code += 1) mark(code, DIGIT);
for (let code = 0xff10; code <= 0xff19; code += 1) mark(code, DIGIT);
for (const abbreviation of PROVINCE_ABBREVIATIONS) mark(abbreviation.charCodeAt(0), PLATE);
for (let code = 0x41; code <= 0x5a; code += 1) mark(code, PLATE << SECOND);
for (const marked of [LINE_FEED, AT_SIGN, CAPITAL_C]) mark(marked, MARKED);
// The kinds of context word take the low bits up to MARKED: a sixth kind would need a wider table.
if ((KINDS & (MARKED | PLATE | DIGIT)) !== 0) throw new Error('CONTEXT_KINDS has outgrown the character classes');
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

/** Offsets noted by the one pass, in text order: values[i] for i < count. */
interface Noted {
  values: Int32Array<ArrayBuffer>;
  count: number;
}

/**
 * What the one pass noted: the digit runs [runStarts[i], runEnds[i]) and which of them can start a
 * number, the pairs of characters agreeing on a bit, and the places of the marked characters.
 */
interface Reading {
  runStarts: Int32Array;
  runEnds: Int32Array;
  runCount: number;
  /** Indices of the runs where a number can start, and of those followed by a dot (DigitRuns). */
  numbers: Noted;
  dotted: Noted;
  pairAt: Int32Array;
  pairBits: Int32Array;
  pairCount: number;
  lineBreaks: Noted;
  atSigns: Noted;
  capitalCs: Noted;
}

/**
 * Reads the text once (readCharacters), then looks closer at the few pairs of characters that may
 * open a plate or a context word.
 */
function readText(text: string): TextReading {
  const reading = readCharacters(text);
  const { numbers, dotted } = reading;
  const plates = new Offsets();
  const search = new ContextWordSearch(text);
  lookCloser(reading, plates, search);
  return {
    runs: {
      starts: reading.runStarts,
      ends: reading.runEnds,
      count: reading.runCount,
      numbers: numbers.values,
      numberCount: numbers.count,
      dotted: dotted.values,
      dottedCount: dotted.count,
      plates: plates.values,
      plateCount: plates.count,
      permits: reading.capitalCs.values,
      permitCount: reading.capitalCs.count,
    },
    words: search.words(),
    lineBreaks: reading.lineBreaks,
    atSigns: reading.atSigns,
  };
}

/**
 * Notes the digit run [start, end), ended by the code unit `next` (NaN at the end of the text),
 * and whether a number or a dotted quad can start in it (DigitRuns).
 */
function closeRun(reading: CharacterReading, text: string, start: number, end: number, next: number): void {
  const run = reading.runCount;
  reading.runStarts[run] = start;
  reading.runEnds[run] = end;
  reading.runCount = run + 1;
  if (end - start >= LONG_RUN || next === SPACE || next === HYPHEN || isOpeningParenthesis(text.charCodeAt(start - 1))) {
    reading.numbers.values[reading.numbers.count] = run;
    reading.numbers.count += 1;
  }
  if (next === DOT) {
    reading.dotted.values[reading.dotted.count] = run;
    reading.dotted.count += 1;
  }
}

/**
 * The pairs readCharacters noted: a plate's start is one as it stands, a context word's is for
 * ContextWordSearch to make sure of.
 */
function lookCloser(reading: Reading, plates: Offsets, search: ContextWordSearch): void {
  for (let pair = 0; pair < reading.pairCount; pair += 1) {
    const at = reading.pairAt[pair] ?? 0;
    const bits = reading.pairBits[pair] ?? 0;
    if ((bits & PLATE) !== 0) plates.push(at);
    if ((bits & KINDS) !== 0) search.opened(at, bits & KINDS);
  }
}

/** Characters read per call of readBlock. */
const BLOCK_CHARACTERS = 16 * 1024;

function noted(capacity: number): Noted {
  return { values: new Int32Array(capacity), count: 0 };
}

/** Room for `more` offsets after the count. */
function reserveNoted(list: Noted, more: number): void {
  if (list.count + more > list.values.length) list.values = grown(list.values, list.count + more);
}

/**
 * What the one pass has noted so far, and where it stands: the last character's classes and
 * where the open digit run began. The arrays always have room for one more block.
 */
class CharacterReading implements Reading {
  runStarts: Int32Array<ArrayBuffer>;
  runEnds: Int32Array<ArrayBuffer>;
  runCount = 0;
  pairAt: Int32Array<ArrayBuffer>;
  pairBits: Int32Array<ArrayBuffer>;
  pairCount = 0;
  readonly numbers: Noted;
  readonly dotted: Noted;
  readonly lineBreaks: Noted;
  readonly atSigns: Noted;
  readonly capitalCs: Noted;
  previous = 0;
  runStart = 0;

  /** Room for the first block, no more: a short text (a cell, a sample value) stays cheap, and the lists double as a long one needs. */
  constructor(length: number) {
    const capacity = Math.min(length, BLOCK_CHARACTERS) + 2;
    this.runStarts = new Int32Array(capacity);
    this.runEnds = new Int32Array(capacity);
    this.pairAt = new Int32Array(capacity);
    this.pairBits = new Int32Array(capacity);
    this.numbers = noted(capacity);
    this.dotted = noted(capacity);
    this.lineBreaks = noted(capacity);
    this.atSigns = noted(capacity);
    this.capitalCs = noted(capacity);
  }

  /** Makes room for what a block of `characters` can add: a run per two characters, a pair or a marked character per character. */
  reserve(characters: number): void {
    const runs = this.runCount + (characters >> 1) + 1;
    if (runs > this.runStarts.length) {
      this.runStarts = grown(this.runStarts, runs);
      this.runEnds = grown(this.runEnds, runs);
    }
    reserveNoted(this.numbers, (characters >> 1) + 1);
    reserveNoted(this.dotted, (characters >> 1) + 1);
    const pairs = this.pairCount + characters;
    if (pairs > this.pairAt.length) {
      this.pairAt = grown(this.pairAt, pairs);
      this.pairBits = grown(this.pairBits, pairs);
    }
    reserveNoted(this.lineBreaks, characters);
    reserveNoted(this.atSigns, characters);
    reserveNoted(this.capitalCs, characters);
  }
}

function grown(values: Int32Array<ArrayBuffer>, least: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(Math.max(values.length * 2, least));
  larger.set(values);
  return larger;
}

/**
 * The one pass. Each character is looked up once in CLASSES; a digit run is noted where the
 * digit bit changes, a pair of characters agreeing on a bit is noted for a closer look, and so
 * is the place of each marked character. No regular expression runs over the whole text and
 * nothing is allocated per character.
 *
 * The text is read in blocks, one call of readBlock each, with the arrays grown beforehand: the
 * compiler then optimizes readBlock as a whole function after its first few calls. One long loop
 * per text would be optimized anew for every text while it runs (on-stack replacement), and run
 * its first stretch slowly each time.
 */
function readCharacters(text: string): Reading {
  const reading = new CharacterReading(text.length);
  for (let from = 0; from < text.length; from += BLOCK_CHARACTERS) {
    const to = Math.min(from + BLOCK_CHARACTERS, text.length);
    reading.reserve(to - from);
    readBlock(text, from, to, reading);
  }
  // A run at the very end of the text closes there.
  if ((reading.previous & DIGIT) !== 0) {
    reading.reserve(1);
    closeRun(reading, text, reading.runStart, text.length, Number.NaN);
  }
  return reading;
}

/**
 * Most characters change nothing: one test of their classes against the last character's sends
 * them on, and the rest (about one in ten in a notice) are sorted out inside it.
 */
function readBlock(text: string, from: number, to: number, reading: CharacterReading): void {
  const classesOf = CLASSES;
  const { pairAt, pairBits } = reading;
  let { pairCount, previous, runStart } = reading;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    const classes = classesOf[code] ?? 0;
    const pair = previous & (classes >>> SECOND);
    if ((pair | ((classes ^ previous) & DIGIT) | (classes & MARKED)) !== 0) {
      if (pair !== 0) {
        pairAt[pairCount] = index - 1;
        pairBits[pairCount] = pair;
        pairCount += 1;
      }
      if (((classes ^ previous) & DIGIT) !== 0) {
        if ((classes & DIGIT) !== 0) runStart = index;
        else closeRun(reading, text, runStart, index, code);
      }
      if ((classes & MARKED) !== 0) note(reading, code, index);
    }
    previous = classes & 0xff;
  }
  reading.pairCount = pairCount;
  reading.previous = previous;
  reading.runStart = runStart;
}

function note(reading: CharacterReading, code: number, index: number): void {
  const list = code === LINE_FEED ? reading.lineBreaks : code === AT_SIGN ? reading.atSigns : reading.capitalCs;
  list.values[list.count] = index;
  list.count += 1;
}
