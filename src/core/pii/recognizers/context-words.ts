import { SpanList, type Spans } from './offset-list.ts';

/**
 * Context words: the labels and column headers that tell the recognizers a value of theirs may
 * follow (姓名, 住址, 订单号, 护照, 通行证 …). They live in one place so that one pass over the
 * text (text-facts.ts) finds them all: a search of the whole text per recognizer costs about as
 * much as reading the text once, and six such searches (plates too) were a quarter of a scan.
 *
 * Each kind's words are tried in the order written, first match wins, and a kind's matches do not
 * overlap — exactly what a global search with the alternation of its words would report. No word
 * spans a line break, so a search resumed at a line start (after a table) finds the same words.
 */
export const CONTEXT_KINDS = ['name', 'address', 'reference', 'passport', 'permit'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

/** A word as a regular-expression source, and the ways a match of it can begin. */
interface Word {
  source: string;
  prefixes: readonly string[];
}

/** The words of one kind, as the one pass uses them. */
export interface ContextWords {
  /** The alternation of the words, sticky: tried only where one of `prefixes` starts. */
  pattern: RegExp;
  /**
   * Every match starts with one of these: two or three characters (a word's first three, or its
   * first two when it has only two or what follows them varies).
   */
  prefixes: readonly string[];
}

const LONGEST_PREFIX = 3;

function literal(word: string): Word {
  return { source: word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), prefixes: [word.slice(0, LONGEST_PREFIX)] };
}

function contextWords(words: readonly (string | Word)[]): ContextWords {
  const all = words.map((word) => (typeof word === 'string' ? literal(word) : word));
  return { pattern: new RegExp(all.map((word) => word.source).join('|'), 'y'), prefixes: all.flatMap((word) => word.prefixes) };
}

/** `姓名`, also written with spaces to fill a cell: `姓\u3000\u3000名`. */
const SPACED_NAME: Word = { source: '姓[ \\u3000]{0,4}名', prefixes: ['姓 ', '姓\u3000', '姓名'] };
/** `passport` in any case (ASCII letters only: /passport/i without the u flag folds no others). */
const PASSPORT: Word = { source: '[Pp][Aa][Ss][Ss][Pp][Oo][Rr][Tt]', prefixes: ['pa', 'pA', 'Pa', 'PA'] };

export const CONTEXT_WORDS: Record<ContextKind, ContextWords> = {
  /** person-name.ts: labels and column headers of personal names. */
  name: contextWords([
    SPACED_NAME, '申请人', '联系人', '户主', '监护人', '法定代表人', '法人代表', '负责人', '经办人', '持卡人', '收款人', '领款人',
    '户名', '受助人', '受益人', '救助对象', '获奖人', '代理人', '委托人', '当事人',
  ]),
  /** address.ts: labels and column headers of addresses. */
  address: contextWords(['住址', '地址', '住所', '居住地', '户籍地', '户籍所在地', '现居地']),
  /** reference-columns.ts: headers of columns of order, serial and invoice numbers. */
  reference: contextWords(['订单', '单号', '流水', '编号', '编码', '批次', '交易号', '凭证', '发票', '合同', '工单', '运单', '条码', '序列号']),
  /** cn-passport.ts. */
  passport: contextWords(['护照', PASSPORT]),
  /** cn-hk-macau-permit.ts. */
  permit: contextWords(['通行证', '港澳', '回乡证']),
};

/**
 * Which words a pair of characters can open, and with what third character. A pair such as 救助
 * or 申请 is common in notices, the word it could open (救助对象, 申请人) much less so: one look at
 * the third character spares the pattern most of them. Each first and second character of a
 * prefix gets a small number, so a pair is an index into THIRDS: per kind, the third characters
 * its words may have after that pair, '' when any may, undefined when it opens none of them.
 */
const FIRST_NUMBERS = new Uint8Array(0x10000);
const SECOND_NUMBERS = new Uint8Array(0x10000);
const NUMBERED = 64;
// Filled in full, so that the engine keeps it a plain array rather than a sparse dictionary.
const THIRDS = new Array<string | undefined>(NUMBERED * NUMBERED * CONTEXT_KINDS.length).fill(undefined);

function numbered(numbers: Uint8Array, code: number, next: number): number {
  const known = numbers[code] ?? 0;
  if (known !== 0) return known;
  if (next >= NUMBERED) throw new Error('too many distinct characters open context words');
  numbers[code] = next;
  return next;
}

function thirdsIndex(first: number, second: number, kind: number): number {
  return ((FIRST_NUMBERS[first] ?? 0) * NUMBERED + (SECOND_NUMBERS[second] ?? 0)) * CONTEXT_KINDS.length + kind;
}

{
  let firsts = 1;
  let seconds = 1;
  CONTEXT_KINDS.forEach((kind, index) => {
    for (const prefix of CONTEXT_WORDS[kind].prefixes) {
      const first = prefix.charCodeAt(0);
      const second = prefix.charCodeAt(1);
      if (numbered(FIRST_NUMBERS, first, firsts) === firsts) firsts += 1;
      if (numbered(SECOND_NUMBERS, second, seconds) === seconds) seconds += 1;
      const at = thirdsIndex(first, second, index);
      const known = THIRDS[at];
      if (known !== '') THIRDS[at] = prefix.length < LONGEST_PREFIX ? '' : (known ?? '') + prefix.charAt(2);
    }
  });
}

function includesCode(characters: string, code: number): boolean {
  for (let index = 0; index < characters.length; index += 1) {
    if (characters.charCodeAt(index) === code) return true;
  }
  return false;
}

/**
 * The context words of one text, found from the pairs of characters that may open one (the one
 * pass of text-facts.ts hands them over in text order). Each kind's search goes on after its last
 * match, as a global search's does.
 */
export class ContextWordSearch {
  readonly #text: string;
  readonly #words = CONTEXT_KINDS.map(() => new SpanList());
  readonly #patterns = CONTEXT_KINDS.map((kind) => new RegExp(CONTEXT_WORDS[kind].pattern.source, 'y'));
  readonly #resume = CONTEXT_KINDS.map(() => 0);

  constructor(text: string) {
    this.#text = text;
  }

  /** The two characters at `at` may open a word of the kinds whose bits (1 << index in CONTEXT_KINDS) are set. */
  opened(at: number, kinds: number): void {
    const text = this.#text;
    const pair = thirdsIndex(text.charCodeAt(at), text.charCodeAt(at + 1), 0);
    // Each kind whose bit is set, lowest first.
    for (let left = kinds; left !== 0; left &= left - 1) {
      const kind = 31 - Math.clz32(left & -left);
      const thirds = THIRDS[pair + kind];
      if (thirds === undefined || at < (this.#resume[kind] ?? 0)) continue;
      if (thirds !== '' && !includesCode(thirds, text.charCodeAt(at + 2))) continue;
      const pattern = this.#patterns[kind];
      if (pattern === undefined) continue;
      pattern.lastIndex = at;
      if (!pattern.test(text)) continue;
      this.#words[kind]?.push(at, pattern.lastIndex);
      this.#resume[kind] = pattern.lastIndex;
    }
  }

  /** The words found, by kind. */
  words(): Record<ContextKind, Spans> {
    return Object.fromEntries(CONTEXT_KINDS.map((kind, index) => [kind, this.#words[index]?.spans()])) as Record<ContextKind, Spans>;
  }
}
