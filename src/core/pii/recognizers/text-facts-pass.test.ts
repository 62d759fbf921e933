import { describe, expect, it } from 'vitest';
import { generateCorpus, Random } from '../../../../test/publication/corpus.ts';
import { CONTEXT_KINDS, CONTEXT_WORDS } from './context-words.ts';
import { TextFacts } from './text-facts.ts';

/**
 * The one pass of text-facts.ts against what it replaces: a global search of each kind's words,
 * and a filter over every digit run. The texts mix the corpus with words that overlap or nearly
 * match (订单号, 户籍所在地, 姓 名, PassPort, 救助 without 对象), at the start and the end of the text.
 */
const PIECES = [
  '订单号', '单号', '户籍所在地', '户籍地', '居住地址', '姓名', '姓 名', '姓\u3000\u3000\u3000\u3000名', '姓     名', '姓\u3000', '申请人', '申请',
  '救助对象', '救助', '负责人', '负责', '法定代表人', '法人代表', 'passport', 'PassPort', 'PASS', '护照', '通行证', '港澳', '回乡证',
  '京A', '粤B·', '新', 'C', '12', '2024', '138 0013 8000', '0571-87654321', '(010)', '（0571）', '10.0.0.1', '3.5', '110105194912310021',
  '，', '\n', '\t', ' ', '-', '.', '(', '（', '：', '１２３４５６', 'x',
];

function texts(): string[] {
  const random = new Random(61);
  const mixed = Array.from({ length: 300 }, () => Array.from({ length: random.integer(1, 40) }, () => random.pick(PIECES)).join(''));
  return [...generateCorpus({ seed: 5, perKind: 30 }).map((document) => document.text), ...mixed];
}

describe('the one pass of TextFacts', () => {
  it('finds each kind of context word where a global search of its words does', () => {
    for (const text of texts()) {
      const facts = new TextFacts(text);
      for (const kind of CONTEXT_KINDS) {
        const words = facts.contextWords(kind);
        const found = Array.from({ length: words.count }, (_, index) => [words.starts[index], words.ends[index]]);
        const searched = [...text.matchAll(new RegExp(CONTEXT_WORDS[kind].pattern.source, 'g'))].map((match) => [match.index, match.index + match[0].length]);
        expect(found, `${kind} in ${JSON.stringify(text)}`).toEqual(searched);
      }
    }
  });

  it('matches passport in any case and 姓名 with up to four spaces, as the words it replaced did', () => {
    const words = (text: string, kind: (typeof CONTEXT_KINDS)[number]): string[] => {
      const spans = new TextFacts(text).contextWords(kind);
      return Array.from({ length: spans.count }, (_, index) => text.slice(spans.starts[index], spans.ends[index]));
    };
    expect(words('Passport No. / PASSPORT / passport / 护照号码', 'passport')).toEqual(['Passport', 'PASSPORT', 'passport', '护照']);
    expect(words('姓名 姓 名 姓\u3000\u3000名 姓     名 姓氏', 'name')).toEqual(['姓名', '姓 名', '姓\u3000\u3000名']);
    // 居住地址 is 居住地 then 址: a search goes on after the word it found, as it always did.
    expect(words('户籍所在地：…；居住地址：…', 'address')).toEqual(['户籍所在地', '居住地']);
  });

  it('hands the number recognizers every run that can start a number, and ipv4 every run before a dot', () => {
    for (const text of texts()) {
      const runs = new TextFacts(text).digitRuns;
      const numbers: number[] = [];
      const dotted: number[] = [];
      for (let run = 0; run < runs.count; run += 1) {
        const start = runs.starts[run] ?? 0;
        const end = runs.ends[run] ?? 0;
        const next = text.charAt(end);
        if (end - start >= 6 || next === ' ' || next === '-' || text.charAt(start - 1) === '(' || text.charAt(start - 1) === '（') numbers.push(run);
        if (next === '.') dotted.push(run);
      }
      expect(Array.from(runs.numbers.subarray(0, runs.numberCount))).toEqual(numbers);
      expect(Array.from(runs.dotted.subarray(0, runs.dottedCount))).toEqual(dotted);
    }
  });
});
