import { describe, expect, it } from 'vitest';
import { decodeConditions, encodeConditions, safeReference } from './conditions-cell.ts';

const describeBasis = (id: string) => ({ a: '个人信息保护法 第十三条', b: '数据安全法 第三十八条' })[id] ?? id;

describe('the 共享条件 cell', () => {
  it('writes one condition per line with its sources as suffixes', () => {
    const cell = encodeConditions(
      [
        { text: '凭授权调取', legalBasisIds: ['a', 'b'], policy: null },
        { text: '仅限本市', legalBasisIds: [], policy: '某市办法' },
        { text: '双人复核', legalBasisIds: ['a'], policy: '某市规定' },
        { text: '无依据的条件', legalBasisIds: [], policy: null },
      ],
      describeBasis,
    );
    expect(cell).toBe(
      ['凭授权调取【依据：个人信息保护法 第十三条;数据安全法 第三十八条】', '仅限本市【政策：某市办法】', '双人复核【依据：个人信息保护法 第十三条】【政策：某市规定】', '无依据的条件'].join('\n'),
    );
    expect(decodeConditions(cell)).toEqual([
      { text: '凭授权调取', references: ['个人信息保护法 第十三条', '数据安全法 第三十八条'], policy: null },
      { text: '仅限本市', references: [], policy: '某市办法' },
      { text: '双人复核', references: ['个人信息保护法 第十三条'], policy: '某市规定' },
      { text: '无依据的条件', references: [], policy: null },
    ]);
  });

  it('reads what people type: either suffix order, ASCII colon, full-width semicolon, CRLF and blank lines', () => {
    expect(decodeConditions('甲【政策：办法】【依据:a；b】\r\n\r\n 乙 ')).toEqual([
      { text: '甲', references: ['a', 'b'], policy: '办法' },
      { text: '乙', references: [], policy: null },
    ]);
    expect(decodeConditions('')).toEqual([]);
  });

  it('leaves other brackets in the text alone', () => {
    expect(decodeConditions('见【附件一】说明【依据：a】')).toEqual([{ text: '见【附件一】说明', references: ['a'], policy: null }]);
  });

  it('rejects a line without text or with a repeated suffix', () => {
    expect(decodeConditions('【依据：a】')).toBeUndefined();
    expect(decodeConditions('甲【依据：a】【依据：b】')).toBeUndefined();
    expect(decodeConditions('甲【政策：x】【政策：y】')).toBeUndefined();
  });

  it('folds line breaks and brackets that would break the encoding', () => {
    const cell = encodeConditions([{ text: '第一行\n第二行', legalBasisIds: [], policy: '【某市】办法' }], describeBasis);
    expect(decodeConditions(cell)).toEqual([{ text: '第一行 第二行', references: [], policy: '〔某市〕办法' }]);
  });

  it('falls back to the id when a description could not be read back', () => {
    expect(safeReference('x', () => '法;第一条')).toBe('x');
    expect(safeReference('x', () => '')).toBe('x');
    expect(safeReference('x', () => '法【一】')).toBe('x');
    expect(safeReference('a', describeBasis)).toBe('个人信息保护法 第十三条');
  });
});
