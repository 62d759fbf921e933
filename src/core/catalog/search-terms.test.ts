import { describe, expect, it } from 'vitest';
import { indexTerms, queryPhrases, queryTerms } from './search-terms.ts';

describe('Chinese n-gram terms', () => {
  it('indexes every character and adjacent pair within word runs, not across punctuation', () => {
    expect(indexTerms('低保，户籍').sort()).toEqual(['低', '低保', '保', '户', '户籍', '籍'].sort());
  });

  it('folds full-width Latin and case so that ＡＰＩ finds api', () => {
    expect(indexTerms('ＡＰＩ')).toEqual(expect.arrayContaining(['ap', 'pi']));
    expect(queryTerms('API')).toEqual(['ap', 'pi']);
  });

  it('queries a one-character run by its character and longer runs by their bigrams', () => {
    expect(queryTerms('籍')).toEqual(['籍']);
    expect(queryTerms('户籍人口')).toEqual(['户籍', '籍人', '人口']);
    expect(queryPhrases('户籍 人口')).toEqual(['户籍', '人口']);
  });

  it('gives nothing for a query of punctuation only', () => {
    expect(queryTerms('，。！')).toEqual([]);
  });
});
