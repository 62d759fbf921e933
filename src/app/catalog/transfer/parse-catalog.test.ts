import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ResourceDraft } from '../../../core/catalog/resource.ts';
import { resolveLegalBasis } from '../../../../test/fixtures/catalog/legal-bases.ts';
import { sampleDrafts } from '../../../../test/fixtures/catalog/sample-drafts.ts';
import type { CatalogFormat } from './catalog-format.ts';
import { COLUMNS, type ColumnKey } from './columns.ts';
import { decodeText } from './decode-text.ts';
import { parseCatalog } from './parse-catalog.ts';

const HEADER = COLUMNS.map((column) => column.zh);

const VALID: Record<ColumnKey, string> = {
  code: 'RES-1',
  name: '人口信息',
  classificationCode: '0012',
  summary: '',
  format: '数据库',
  sharingType: '有条件共享',
  methods: '接口',
  conditions: '凭授权调取【依据：个人信息保护法 第十三条】',
  legalBases: '',
  openType: '不予开放',
  updateCycle: '每日',
  relatedCodes: '',
  itemName: '姓名',
  itemCode: 'name',
  dataType: '字符型',
  piClass: '个人信息',
  sensitiveCategory: '',
  grade: '一般3级',
  mask: '姓名',
  subjectKey: '否',
};

function row(changes: Partial<Record<ColumnKey, string>> = {}): string[] {
  const cells = { ...VALID, ...changes };
  return COLUMNS.map((column) => cells[column.key]);
}

function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n');
}

function csv(rows: readonly (readonly string[])[]): Uint8Array {
  return new TextEncoder().encode(csvText(rows));
}

function parse(bytes: Uint8Array, format: CatalogFormat = 'csv') {
  return parseCatalog(bytes, format, resolveLegalBasis);
}

/** Paths and codes only: what a caller shows next to the offending cell. */
function located(errors: { path: string; code: string }[]): string[] {
  return errors.map((error) => `${error.path} ${error.code}`);
}

const EXPECTED_ITEM = { name: '姓名', code: 'name', dataType: 'string', piClass: 'personal', sensitiveCategory: null, grade: 'general-3', mask: 'name', subjectKey: false };

const EXPECTED_DRAFT: ResourceDraft = {
  code: 'RES-1',
  classificationCode: '0012',
  name: '人口信息',
  summary: '',
  format: 'database',
  items: [EXPECTED_ITEM as ResourceDraft['items'][number]],
  sharing: { type: 'conditional', conditions: [{ text: '凭授权调取', legalBasisIds: ['lb-pipl-13'], policy: null }], methods: ['api'], legalBasisIds: [] },
  openType: 'not_open',
  updateCycle: 'daily',
  relatedCodes: [],
};

describe('parseCatalog csv', () => {
  it('reads Chinese labels into a draft, resolving legal-basis references to ids', async () => {
    expect(await parse(csv([HEADER, row()]))).toEqual({ drafts: [EXPECTED_DRAFT], origins: [{ row: 1, itemRows: [1] }], errors: [] });
  });

  it('accepts English identifiers in the cells and English keys as headers, in any order', async () => {
    const keys = COLUMNS.map((column) => column.key).reverse();
    const english: Record<ColumnKey, string> = {
      ...VALID,
      format: 'database',
      sharingType: 'conditional',
      methods: 'api',
      conditions: '凭授权调取【依据：lb-pipl-13】',
      openType: 'not_open',
      updateCycle: 'daily',
      dataType: 'string',
      piClass: 'personal',
      grade: 'general-3',
      mask: 'name',
      subjectKey: 'false',
    };
    expect(await parse(csv([keys, keys.map((key) => english[key])]))).toMatchObject({ drafts: [EXPECTED_DRAFT], errors: [] });
  });

  it('groups item rows by 资源代码, even when not adjacent, keeping item order', async () => {
    const result = await parse(
      csv([HEADER, row(), row({ code: 'RES-2' }), row({ itemName: '性别', itemCode: 'sex', subjectKey: '' }), row({ code: 'RES-2', itemCode: 'sex' })]),
    );
    expect(result.errors).toEqual([]);
    expect(result.drafts.map((draft) => [draft.code, draft.items.map((item) => item.code)])).toEqual([
      ['RES-1', ['name', 'sex']],
      ['RES-2', ['name', 'sex']],
    ]);
  });

  it('reads lists with either semicolon, an empty sensitive category as null, an empty subject key as no', async () => {
    const result = await parse(csv([HEADER, row({ methods: '接口；数据集;核验', relatedCodes: 'RES-2；RES-3', subjectKey: '', sensitiveCategory: '' })]));
    const [draft] = result.drafts;
    expect(draft?.sharing.methods).toEqual(['api', 'dataset', 'verification']);
    expect(draft?.relatedCodes).toEqual(['RES-2', 'RES-3']);
    expect(draft?.items[0]).toMatchObject({ sensitiveCategory: null, subjectKey: false });
  });

  it('reads a row with empty item cells as a resource without items', async () => {
    const empty = { itemName: '', itemCode: '', dataType: '', piClass: '', sensitiveCategory: '', grade: '', mask: '', subjectKey: '' };
    expect((await parse(csv([HEADER, row(empty)]))).drafts).toEqual([{ ...EXPECTED_DRAFT, items: [] }]);
  });

  it('skips blank lines but counts them in row numbers', async () => {
    const text = `${csvText([HEADER, row()])}\r\n\r\n,,,\r\n${csvText([row({ grade: '一般5级' })])}`;
    const result = await parse(new TextEncoder().encode(text));
    expect(located(result.errors)).toEqual(['/rows/4/grade VALUE_INVALID']);
  });

  it('compares repeated resource cells by meaning, not spelling', async () => {
    const result = await parse(csv([HEADER, row(), row({ itemCode: 'b', sharingType: 'conditional', format: 'DATABASE', conditions: '凭授权调取【依据：lb-pipl-13】' })]));
    expect(result.errors).toEqual([]);
    expect(result.drafts[0]?.items).toHaveLength(2);
  });

  it('reports every problem at its row and column, and keeps only clean resources', async () => {
    const extra = [...row({ code: 'RES-6' }), 'stray'];
    const result = await parse(
      csv([
        [...HEADER],
        row({ code: 'RES-1' }),
        row({ code: 'RES-1', itemCode: 'b', grade: '一般5级' }),
        row({ code: 'RES-1', itemCode: 'c', itemName: '' }),
        row({ code: 'RES-2', conditions: '凭授权调取【依据：某某法 第一条】' }),
        row({ code: 'RES-3' }),
        row({ code: 'RES-3', itemCode: 'b', name: '另一个名称' }),
        extra,
        row({ code: 'RES-4', sharingType: '不予共享', conditions: '', legalBases: '数据安全法 第三十八条;未登记的法' }),
        row({ code: 'RES-5', conditions: '【依据：个人信息保护法 第十三条】' }),
        row({ code: '' }),
        row({ code: 'RES-7' }),
      ]),
    );
    expect(located(result.errors)).toEqual([
      '/rows/2/grade VALUE_INVALID',
      '/rows/3/itemName VALUE_REQUIRED',
      '/rows/4/conditions LEGAL_BASIS_UNKNOWN',
      '/rows/6/name RESOURCE_FIELDS_DIFFER',
      '/rows/7/column-21 VALUE_UNEXPECTED',
      '/rows/8/legalBases LEGAL_BASIS_UNKNOWN',
      '/rows/9/conditions VALUE_INVALID',
      '/rows/10/code VALUE_REQUIRED',
    ]);
    expect(result.errors[0]?.message).toBe('分级取值无效 / invalid grade');
    expect(result.drafts.map((draft) => draft.code)).toEqual(['RES-7']);
  });

  it('reports a bad resource cell once, not on every item row that repeats it', async () => {
    const result = await parse(csv([HEADER, row({ sharingType: '随便共享' }), row({ sharingType: '随便共享', itemCode: 'b' })]));
    expect(located(result.errors)).toEqual(['/rows/1/sharingType VALUE_INVALID']);
  });

  it('stops at the header when a column is missing', async () => {
    const header = HEADER.filter((name) => name !== '分级');
    const cells = row().filter((_, index) => HEADER[index] !== '分级');
    const result = await parse(csv([header, cells]));
    expect(result).toEqual({ drafts: [], origins: [], errors: [{ path: '/header/grade', code: 'COLUMN_MISSING', message: '缺少分级列 / missing column: grade' }] });
  });

  it('reports unknown and duplicate headers', async () => {
    const result = await parse(csv([[...HEADER, '备注', 'code'], [...row(), '', '']]));
    expect(located(result.errors)).toEqual(['/header/21 COLUMN_UNKNOWN', '/header/code COLUMN_DUPLICATE']);
  });

  it('reports a file it cannot read as FILE_UNREADABLE', async () => {
    expect(located((await parse(new TextEncoder().encode('"资源代码,资源名称\r\nRES-1'))).errors)).toEqual([' FILE_UNREADABLE']);
    expect(located((await parse(new Uint8Array())).errors)).toEqual([' FILE_UNREADABLE']);
  });

  it('reads UTF-8 with and without a BOM alike', async () => {
    const plain = csvText([HEADER, row()]);
    expect(await parse(new TextEncoder().encode(`\uFEFF${plain}`))).toMatchObject({ drafts: [EXPECTED_DRAFT], errors: [] });
    expect(await parse(new TextEncoder().encode(plain))).toMatchObject({ drafts: [EXPECTED_DRAFT], errors: [] });
  });

  it('reads GBK, as Chinese Excel saves CSV by default', async () => {
    const bytes = iconv.encode(csvText([HEADER, row()]), 'gbk');
    expect(decodeText(bytes).encoding).toBe('gb18030');
    expect(await parse(bytes)).toMatchObject({ drafts: [EXPECTED_DRAFT], errors: [] });
  });

  it('reads the committed GBK fixture', async () => {
    // test/fixtures/catalog/gbk-sample.csv was written by make-gbk-sample.ts (iconv-lite, GBK, no BOM).
    const bytes = readFileSync(new URL('../../../../test/fixtures/catalog/gbk-sample.csv', import.meta.url));
    expect(decodeText(bytes).encoding).toBe('gb18030');
    const result = await parse(bytes);
    expect(result.errors).toEqual([]);
    expect(result.drafts).toEqual([
      {
        code: 'RES-GBK-1',
        classificationCode: '2101',
        name: '社会保障参保信息',
        summary: '参保人员基本信息',
        format: 'database',
        items: [
          { name: '姓名', code: 'name', dataType: 'string', piClass: 'personal', sensitiveCategory: null, grade: 'general-3', mask: 'name', subjectKey: false },
          { name: '公民身份号码', code: 'resident_id', dataType: 'string', piClass: 'sensitive', sensitiveCategory: 'specific_identity', grade: 'important', mask: 'resident_id', subjectKey: true },
        ],
        sharing: { type: 'conditional', conditions: [{ text: '凭授权调取', legalBasisIds: ['lb-pipl-13'], policy: null }], methods: ['api', 'verification'], legalBasisIds: [] },
        openType: 'not_open',
        updateCycle: 'monthly',
        relatedCodes: [],
      },
    ]);
  });
});

describe('parseCatalog never echoes cell content', () => {
  const RESIDENT_ID = '110101199003077777';

  it('keeps a resident ID in a bad cell out of every error', async () => {
    const result = await parse(
      csv([
        [...HEADER, ''],
        [...row({ grade: RESIDENT_ID }), ''],
        [...row({ code: 'RES-2', sharingType: RESIDENT_ID, methods: RESIDENT_ID, subjectKey: RESIDENT_ID, mask: RESIDENT_ID }), ''],
        [...row({ code: 'RES-3', conditions: `【依据：${RESIDENT_ID}】` }), ''],
        [...row({ code: 'RES-4', conditions: `条件【依据：${RESIDENT_ID}】`, legalBases: RESIDENT_ID }), RESIDENT_ID],
        [...row({ code: 'RES-4', itemCode: 'b', name: RESIDENT_ID }), ''],
      ]),
    );
    expect(result.errors.length).toBeGreaterThanOrEqual(9);
    expect(JSON.stringify(result.errors)).not.toContain(RESIDENT_ID);
  });

  it('keeps it out of JSON errors too, including a parse failure', async () => {
    const broken = await parse(new TextEncoder().encode(`[{"code": ${RESIDENT_ID}x}]`), 'json');
    const invalid = await parse(new TextEncoder().encode(JSON.stringify([{ ...sampleDrafts()[0], format: RESIDENT_ID, summary: Number(RESIDENT_ID) }])), 'json');
    expect(broken.errors).toHaveLength(1);
    expect(invalid.errors).toHaveLength(2);
    expect(JSON.stringify([broken.errors, invalid.errors])).not.toContain(RESIDENT_ID);
  });
});

async function workbookBytes(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('目录'), workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('parseCatalog xlsx', () => {
  it('reads rich text, numbers, formula results, hyperlinks and merged cells as text', async () => {
    const bytes = await workbookBytes((sheet, workbook) => {
      sheet.addRow(HEADER);
      sheet.addRow(row({ itemCode: 'a' }));
      sheet.addRow(row({ itemCode: 'b' }));
      sheet.getCell('B2').value = { richText: [{ text: '人口', font: { bold: true } }, { text: '信息' }] };
      sheet.mergeCells('B2:B3');
      sheet.getCell('C2').value = 12;
      sheet.getCell('C3').value = { formula: '6*2', result: 12 };
      sheet.getCell('D2').value = { text: '详见目录', hyperlink: 'https://example.invalid' };
      sheet.getCell('D3').value = '详见目录';
      workbook.addWorksheet('说明').addRow(['只读第一个工作表']);
    });
    const result = await parse(bytes, 'xlsx');
    expect(result.errors).toEqual([]);
    expect(result.drafts).toEqual([
      { ...EXPECTED_DRAFT, classificationCode: '12', summary: '详见目录', items: [{ ...EXPECTED_ITEM, code: 'a' }, { ...EXPECTED_ITEM, code: 'b' }] },
    ]);
  });

  it('reports an error value in a cell, and data under a blank header', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow(row());
      sheet.getCell('R2').value = { error: '#N/A' };
      sheet.getCell('V2').value = 'stray';
    });
    expect(located((await parse(bytes, 'xlsx')).errors)).toEqual(['/rows/1/column-22 VALUE_UNEXPECTED', '/rows/1/grade VALUE_INVALID']);
  });

  it('reports bytes that are not a workbook, and an empty sheet', async () => {
    expect(located((await parse(new TextEncoder().encode('not a zip'), 'xlsx')).errors)).toEqual([' FILE_UNREADABLE']);
    expect(located((await parse(await workbookBytes(() => undefined), 'xlsx')).errors)).toEqual([' FILE_UNREADABLE']);
  });
});

describe('parseCatalog json', () => {
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  it('accepts a bare array and resolves references given instead of ids', async () => {
    const [draft] = sampleDrafts();
    const cited = { ...draft!, sharing: { ...draft!.sharing, conditions: [{ text: '凭授权', legalBasisIds: ['个人信息保护法 第十三条'], policy: null }] } };
    const result = await parse(encode([cited]), 'json');
    expect(result.errors).toEqual([]);
    expect(result.drafts[0]?.sharing.conditions[0]?.legalBasisIds).toEqual(['lb-pipl-13']);
  });

  it('checks shapes strictly and reports each problem under /rows/N', async () => {
    const [first, second] = sampleDrafts();
    const { openType: _omitted, ...missing } = first!;
    const result = await parse(
      encode({
        resources: [
          { ...missing, items: [{ ...first!.items[0]!, colour: 'red' }] },
          { ...second!, code: 'RES-0009', sharing: { ...second!.sharing, type: '无条件共享', legalBasisIds: ['未登记'] } },
          second,
          { ...second!, code: 'RES-0002' },
          'not a resource',
        ],
        version: 1,
      }),
      'json',
    );
    expect(located(result.errors)).toEqual([
      '/version FIELD_UNKNOWN',
      '/rows/1/items/0/colour FIELD_UNKNOWN',
      '/rows/1/openType VALUE_REQUIRED',
      '/rows/2/sharing/type VALUE_INVALID',
      '/rows/2/sharing/legalBasisIds/0 LEGAL_BASIS_UNKNOWN',
      '/rows/4/code RESOURCE_CODE_DUPLICATE',
      '/rows/5 VALUE_INVALID',
    ]);
    expect(result.drafts).toEqual([second]);
  });

  it('reports text that is not JSON, or JSON of the wrong shape', async () => {
    expect(located((await parse(new TextEncoder().encode('{"resources": ['), 'json')).errors)).toEqual([' FILE_UNREADABLE']);
    expect(located((await parse(encode({ items: [] }), 'json')).errors)).toEqual([' FILE_UNREADABLE']);
  });
});

describe('parseCatalog', () => {
  it('throws only for a programmer error: an unknown format', async () => {
    await expect(parseCatalog(new Uint8Array(), 'xls' as CatalogFormat, resolveLegalBasis)).rejects.toThrow('unsupported catalog format');
  });
});
