import { describe, expect, it } from 'vitest';
import {
  DATA_TYPE_TABLE,
  GRADE_TABLE,
  labelOf,
  MASK_TABLE,
  normaliseWord,
  OPEN_TYPE_TABLE,
  PI_CLASS_TABLE,
  RESOURCE_FORMAT_TABLE,
  SENSITIVE_CATEGORY_TABLE,
  SHARING_METHOD_TABLE,
  SHARING_TYPE_TABLE,
  SUBJECT_KEY_TABLE,
  UPDATE_CYCLE_TABLE,
  valueOfWord,
  type LabelTable,
} from './labels.ts';

const TABLES: Record<string, LabelTable<string>> = {
  SHARING_TYPE_TABLE,
  SHARING_METHOD_TABLE,
  PI_CLASS_TABLE,
  SENSITIVE_CATEGORY_TABLE,
  GRADE_TABLE,
  MASK_TABLE,
  DATA_TYPE_TABLE,
  RESOURCE_FORMAT_TABLE,
  OPEN_TYPE_TABLE,
  UPDATE_CYCLE_TABLE,
  SUBJECT_KEY_TABLE,
};

describe('label tables', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    it(`${name}: every identifier, label and alias reads back as its value, and no word is shared`, () => {
      const owners = new Map<string, string>();
      for (const value of table.values) {
        for (const word of [value, labelOf(table, value), ...(table.aliases[value] ?? [])]) {
          expect(valueOfWord(table, word)).toBe(value);
          const key = normaliseWord(word);
          expect(owners.get(key) ?? value, `${word} names two values`).toBe(value);
          owners.set(key, value);
        }
      }
    });
  }

  it('accepts the spellings people type for a grade', () => {
    for (const word of ['general-3', 'GENERAL-3', '一般3级', '一般数据（3级）', '一般数据(3级)', ' 一般数据 3级 ']) expect(valueOfWord(GRADE_TABLE, word)).toBe('general-3');
    expect(valueOfWord(GRADE_TABLE, '重要数据')).toBe('important');
    expect(valueOfWord(GRADE_TABLE, '核心数据')).toBe('core');
    expect(valueOfWord(GRADE_TABLE, '一般5级')).toBeUndefined();
  });

  it('uses the guide’s Chinese words for sharing and personal information', () => {
    expect(valueOfWord(SHARING_TYPE_TABLE, '有条件共享')).toBe('conditional');
    expect(valueOfWord(SHARING_TYPE_TABLE, '不予共享')).toBe('none');
    expect(valueOfWord(PI_CLASS_TABLE, '敏感个人信息')).toBe('sensitive');
    expect(valueOfWord(SHARING_METHOD_TABLE, '核验')).toBe('verification');
    expect(valueOfWord(SUBJECT_KEY_TABLE, '是')).toBe('true');
  });
});
