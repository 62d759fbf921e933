import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../core/catalog/resource.ts';
import { describeLegalBasis, resolveLegalBasis } from '../../../../test/fixtures/catalog/legal-bases.ts';
import { sampleDrafts } from '../../../../test/fixtures/catalog/sample-drafts.ts';
import type { CatalogFormat } from './catalog-format.ts';
import { COLUMNS } from './columns.ts';
import { parseCatalog } from './parse-catalog.ts';
import { serialiseCatalog } from './serialise-catalog.ts';

const FORMATS: CatalogFormat[] = ['json', 'csv', 'xlsx'];

describe('serialiseCatalog round trip', () => {
  for (const format of FORMATS) {
    it(`${format}: parse(serialise(drafts)) gives the drafts back`, async () => {
      const drafts = sampleDrafts();
      const bytes = await serialiseCatalog(drafts, format, describeLegalBasis);
      expect(await parseCatalog(bytes, format, resolveLegalBasis)).toMatchObject({ drafts, errors: [] });
    });

    it(`${format}: an empty catalog round-trips`, async () => {
      const bytes = await serialiseCatalog([], format, describeLegalBasis);
      expect(await parseCatalog(bytes, format, resolveLegalBasis)).toEqual({ drafts: [], origins: [], errors: [] });
    });
  }

  it('writes only draft fields, even when handed stored resources', async () => {
    const [draft] = sampleDrafts();
    const stored = { ...draft!, id: 'r1', providerOrgId: 'o1', status: 'published', version: 3, grade: 'important', piClass: 'sensitive', gradeFloors: {}, publishDate: null, createdAt: '', updatedAt: '' } satisfies Resource;
    const bytes = await serialiseCatalog([stored], 'json', describeLegalBasis);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('providerOrgId');
    expect(JSON.parse(text)).toEqual({ resources: [draft] });
  });
});

describe('serialiseCatalog csv', () => {
  it('is UTF-8 with a BOM, CRLF records, Chinese headers and labels', async () => {
    const bytes = await serialiseCatalog(sampleDrafts(), 'csv', describeLegalBasis);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, first] = text.split('\r\n');
    expect(header).toBe(COLUMNS.map((column) => column.zh).join(','));
    expect(first).toContain('有条件共享');
    expect(first).toContain('接口;核验');
    expect(first).toContain('一般数据（3级）');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('quotes per RFC 4180 and keeps line breaks inside a quoted cell', async () => {
    const text = new TextDecoder().decode(await serialiseCatalog(sampleDrafts(), 'csv', describeLegalBasis));
    expect(text).toContain('"户籍人口的基本信息，含""常住""标记\n另见企业登记信息"');
  });

  it('defuses a cell Excel would run as a formula', async () => {
    const text = new TextDecoder().decode(await serialiseCatalog(sampleDrafts(), 'csv', describeLegalBasis));
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    expect(text).not.toMatch(/,=HYPERLINK/u);
  });

  it('keeps a value that really starts with an apostrophe', async () => {
    const [draft] = sampleDrafts();
    const drafts = [{ ...draft!, summary: "'=literal" }, { ...draft!, code: 'RES-9', summary: "'plain" }];
    const bytes = await serialiseCatalog(drafts, 'csv', describeLegalBasis);
    expect((await parseCatalog(bytes, 'csv', resolveLegalBasis)).drafts).toEqual(drafts);
  });
});

describe('serialiseCatalog xlsx', () => {
  it('writes one sheet named 信息资源目录 with a bold header and text cells', async () => {
    const bytes = await serialiseCatalog(sampleDrafts(), 'xlsx', describeLegalBasis);
    const workbook = new ExcelJS.Workbook();
    const buffer = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(buffer).set(bytes);
    await workbook.xlsx.load(buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['信息资源目录']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('资源代码');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    // 分类代码 0012 stays text, not the number 12.
    expect(sheet.getRow(2).getCell(3).value).toBe('0012');
    // Three item rows, three item rows, one row for the item-less resource.
    expect(sheet.rowCount).toBe(1 + 3 + 3 + 1);
  });
});

describe('serialiseCatalog json', () => {
  it('is pretty-printed { "resources": [...] } with legal-basis ids', async () => {
    const text = new TextDecoder().decode(await serialiseCatalog(sampleDrafts(), 'json', describeLegalBasis));
    expect(text.startsWith('{\n  "resources": [')).toBe(true);
    expect(text).toContain('"lb-pipl-13"');
  });
});
