import { describe, expect, it } from 'vitest';
import { checkRow, mapHeader } from './check-row.ts';
import type { DataType, Item } from './resource.ts';

const item = (code: string, name: string, dataType: DataType = 'string', subjectKey = false): Item => ({
  code,
  name,
  dataType,
  piClass: 'none',
  sensitiveCategory: null,
  grade: 'general-1',
  mask: 'none',
  subjectKey,
});

const ITEMS: Item[] = [
  item('resident_id', '公民身份号码', 'string', true),
  item('name', '姓名'),
  item('household_size', '保障人数', 'integer'),
  item('monthly_amount', '月保障金额', 'decimal'),
  item('birth_date', '出生日期', 'date'),
  item('updated_at', '更新时间', 'datetime'),
  item('active', '是否有效', 'boolean'),
];

/** Known answers: the example printed in GB 11643-1999, and the USCC that uscc.test.ts checks by hand. */
const RESIDENT_ID = '11010519491231002X';
const RESIDENT_ID_15 = '110105491231002';
const USCC = '914403001922038216';

function errorsOf(result: ReturnType<typeof checkRow> | ReturnType<typeof mapHeader>): string[] {
  return 'errors' in result ? result.errors.map((error) => `${error.code} ${error.path}`) : [];
}

function checked(values: Record<string, string | null>): Record<string, string | null> {
  const result = checkRow(ITEMS, { resident_id: RESIDENT_ID, ...values }, 1);
  if ('errors' in result) throw new Error(JSON.stringify(result.errors));
  return result.values;
}

function valueOf(code: string, text: string): string | null | undefined {
  const result = checkRow(ITEMS, { resident_id: RESIDENT_ID, [code]: text }, 7);
  return 'errors' in result ? undefined : result.values[code];
}

describe('mapHeader', () => {
  it('maps codes and Chinese names, trimmed and full-width folded, in any order', () => {
    expect(mapHeader(ITEMS, [' 姓名 ', 'resident_id', 'ｂｉｒｔｈ＿ｄａｔｅ', '是否有效'])).toEqual({ columns: ['name', 'resident_id', 'birth_date', 'active'] });
  });

  it('leaves items without a column out and blank header cells unmapped', () => {
    expect(mapHeader(ITEMS, ['公民身份号码', '', '　'])).toEqual({ columns: ['resident_id', null, null] });
  });

  it('reports unknown and duplicate columns by column number, and a missing subject key', () => {
    expect(errorsOf(mapHeader(ITEMS, ['公民身份号码', '住址', 'name', '姓名']))).toEqual(['DATASET_UNKNOWN_COLUMN /header/2', 'DATASET_DUPLICATE_COLUMN /header/4']);
    expect(errorsOf(mapHeader(ITEMS, ['姓名']))).toEqual(['DATASET_SUBJECT_KEY_MISSING /header']);
    expect(errorsOf(mapHeader(ITEMS, []))).toEqual(['DATASET_SUBJECT_KEY_MISSING /header']);
  });

  it('never quotes a header cell: a file without a header has data in its first row', () => {
    const result = mapHeader(ITEMS, [RESIDENT_ID, '张三']);
    expect('errors' in result && result.errors.map((error) => error.message).join(' ')).not.toMatch(/11010519491231002X|张三/u);
  });

  it('needs a code, not a name, when two items share the name', () => {
    const items = [item('a', '金额', 'decimal'), item('b', '金额', 'decimal')];
    expect(errorsOf(mapHeader(items, ['金额']))).toEqual(['DATASET_UNKNOWN_COLUMN /header/1']);
    expect(mapHeader(items, ['b', 'a'])).toEqual({ columns: ['b', 'a'] });
  });

  it('does without a subject-key column when the resource has no subject key', () => {
    expect(mapHeader([item('hospital', '出生医院')], ['出生医院'])).toEqual({ columns: ['hospital'] });
  });
});

describe('checkRow', () => {
  it('returns every item, absent and empty ones as null, text trimmed', () => {
    expect(checked({ name: '  张三 ', household_size: '', monthly_amount: null })).toEqual({
      resident_id: RESIDENT_ID,
      name: '张三',
      household_size: null,
      monthly_amount: null,
      birth_date: null,
      updated_at: null,
      active: null,
    });
  });

  it('stores the subject key in its normal form: 15 digits upgraded, x upper-cased, full width folded', () => {
    expect(checked({ resident_id: RESIDENT_ID_15 }).resident_id).toBe(RESIDENT_ID);
    expect(checked({ resident_id: ' 11010519491231002x ' }).resident_id).toBe(RESIDENT_ID);
    expect(checked({ resident_id: '１１０１０５１９４９１２３１００２Ｘ' }).resident_id).toBe(RESIDENT_ID);
    expect(checked({ resident_id: ` ${USCC}\t` }).resident_id).toBe(USCC);
  });

  it('refuses a missing or invalid subject key', () => {
    expect(errorsOf(checkRow(ITEMS, { name: '张三' }, 3))).toEqual(['DATASET_SUBJECT_KEY_MISSING /rows/3/resident_id']);
    expect(errorsOf(checkRow(ITEMS, { resident_id: '  ' }, 3))).toEqual(['DATASET_SUBJECT_KEY_MISSING /rows/3/resident_id']);
    expect(errorsOf(checkRow(ITEMS, { resident_id: '110105194912310021' }, 4))).toEqual(['DATASET_SUBJECT_KEY_INVALID /rows/4/resident_id']);
  });

  it('checks integers and plain decimals', () => {
    expect(valueOf('household_size', '-12')).toBe('-12');
    expect(valueOf('household_size', '３')).toBe('3');
    for (const bad of ['1.5', '1e3', '+1', '1,000', 'three']) expect(valueOf('household_size', bad)).toBeUndefined();
    expect(valueOf('monthly_amount', '865.50')).toBe('865.50');
    expect(valueOf('monthly_amount', '-0.5')).toBe('-0.5');
    for (const bad of ['.5', '5.', '1,234.5', '1.2e5', '¥865']) expect(valueOf('monthly_amount', bad)).toBeUndefined();
  });

  it('checks dates are real and normalises the usual spellings to YYYY-MM-DD', () => {
    expect(valueOf('birth_date', '2024-02-29')).toBe('2024-02-29');
    expect(valueOf('birth_date', '2024/3/5')).toBe('2024-03-05');
    expect(valueOf('birth_date', '2024.03.05')).toBe('2024-03-05');
    expect(valueOf('birth_date', '2024年3月5日')).toBe('2024-03-05');
    expect(valueOf('birth_date', '２０２４－０３－０５')).toBe('2024-03-05');
    expect(valueOf('birth_date', '2024-03-05T00:00:00.000Z')).toBe('2024-03-05');
    for (const bad of ['2023-02-29', '2024-13-01', '2024-03-5x', '2024/03-05', '20240305', '45356', '2024-03-05T08:00:00', '2024-03-05T00:00:00+08:00']) {
      expect(valueOf('birth_date', bad)).toBeUndefined();
    }
  });

  it('checks ISO 8601 date-times and writes them in extended form', () => {
    expect(valueOf('updated_at', '2026-03-05T08:30:00Z')).toBe('2026-03-05T08:30:00Z');
    expect(valueOf('updated_at', '2026-03-05 08:30')).toBe('2026-03-05T08:30:00');
    expect(valueOf('updated_at', '2026/3/5 8:30:15.250+0800')).toBe('2026-03-05T08:30:15.250+08:00');
    for (const bad of ['2026-03-05', '2026-03-05T24:00:00', '2026-02-30T08:00:00', '2026-03-05T08:60', 'yesterday']) expect(valueOf('updated_at', bad)).toBeUndefined();
  });

  it('reads booleans as true or false', () => {
    for (const [text, value] of [['是', 'true'], ['否', 'false'], ['TRUE', 'true'], ['false', 'false'], ['1', 'true'], ['0', 'false']] as const) {
      expect(valueOf('active', text)).toBe(value);
    }
    expect(valueOf('active', '对')).toBeUndefined();
  });

  it('reports every bad field of a row at once, naming the expected type but never the value', () => {
    const result = checkRow(ITEMS, { resident_id: '123', household_size: '三口人', birth_date: '1949-12-32', active: 'maybe' }, 12);
    expect(errorsOf(result)).toEqual([
      'DATASET_SUBJECT_KEY_INVALID /rows/12/resident_id',
      'DATASET_VALUE_INVALID /rows/12/household_size',
      'DATASET_VALUE_INVALID /rows/12/birth_date',
      'DATASET_VALUE_INVALID /rows/12/active',
    ]);
    const messages = 'errors' in result ? result.errors.map((error) => error.message) : [];
    expect(messages[2]).toBe('第 12 行「出生日期」(birth_date)须为真实存在的日期 YYYY-MM-DD / row 12: birth_date must be a real date YYYY-MM-DD');
    expect(messages.join(' ')).not.toMatch(/三口人|1949-12-32|maybe|123/u);
  });

  it('refuses a field that is no item of the resource, and is not fooled by prototype names', () => {
    expect(errorsOf(checkRow(ITEMS, { resident_id: RESIDENT_ID, address: '某地' }, 2))).toEqual(['DATASET_VALUE_UNEXPECTED /rows/2']);
    const items = [item('uscc', '统一社会信用代码', 'string', true), item('constructor', '构造'), item('toString', '文本')];
    const result = checkRow(items, { uscc: USCC }, 1);
    expect(result).toEqual({ values: { uscc: USCC, constructor: null, toString: null } });
  });
});
