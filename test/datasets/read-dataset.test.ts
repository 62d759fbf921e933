import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataType, Item } from '../../src/core/catalog/resource.ts';
import { residentIdCheckCharacter } from '../../src/core/pii/resident-id.ts';
import { DomainError } from '../../src/core/shared/domain-error.ts';
import { checkDatasetRecord, datasetFormatOf, readDataset, type DatasetFormat, type DatasetReadProgress, type DatasetRecord, type DatasetSource } from '../../src/app/datasets/read-dataset.ts';

const item = (code: string, name: string, dataType: DataType = 'string', subjectKey = false): Item => ({
  code,
  name,
  dataType,
  piClass: subjectKey ? 'sensitive' : 'personal',
  sensitiveCategory: subjectKey ? 'specific_identity' : null,
  grade: subjectKey ? 'general-3' : 'general-2',
  mask: 'none',
  subjectKey,
});

/** The items of the demo's 最低生活保障对象信息, trimmed to one of each data type. */
const ITEMS: Item[] = [
  item('name', '户主姓名'),
  item('resident_id', '户主公民身份号码', 'string', true),
  item('household_size', '保障人数', 'integer'),
  item('monthly_amount', '月保障金额', 'decimal'),
  item('approved_on', '认定日期', 'date'),
];

function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}

const ID_1 = residentId('33119919800101001');
const ID_2 = residentId('33119919751231002');
const ID_3 = '11010519491231002X';

const directory = mkdtempSync(join(tmpdir(), 'custos-datasets-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCount = 0;
function onDisk(bytes: Uint8Array, extension: string): DatasetSource {
  fileCount += 1;
  const path = join(directory, `dataset-${fileCount}.${extension}`);
  writeFileSync(path, bytes);
  return { path };
}

async function readAll(source: DatasetSource, format: DatasetFormat, items: readonly Item[] = ITEMS, onProgress?: (progress: DatasetReadProgress) => void): Promise<DatasetRecord[]> {
  const records: DatasetRecord[] = [];
  for await (const record of readDataset(source, format, items, onProgress)) records.push(record);
  return records;
}

async function refusal(source: DatasetSource, format: DatasetFormat, items: readonly Item[] = ITEMS): Promise<DomainError> {
  try {
    await readAll(source, format, items);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('datasetFormatOf', () => {
  it('tells the format from the extension, whatever its case', () => {
    expect(['低保.CSV', 'a.xlsx', 'a.json', 'a.ndjson', 'a.jsonl', 'a.xls', 'a.tsv', 'csv'].map(datasetFormatOf)).toEqual(['csv', 'xlsx', 'json', 'json', 'json', null, null, null]);
  });
});

describe('readDataset: CSV', () => {
  const text = `resident_id,name,household_size,monthly_amount,approved_on\r\n${ID_1},张三,3,865.50,2025-03-01\r\n${ID_2},"李四, 户主",1,,2025/4/1\r\n`;

  it('reads UTF-8 with and without a BOM, from bytes and from a file', async () => {
    const expected: DatasetRecord[] = [
      { row: 1, values: { name: '张三', resident_id: ID_1, household_size: '3', monthly_amount: '865.50', approved_on: '2025-03-01' } },
      { row: 2, values: { name: '李四, 户主', resident_id: ID_2, household_size: '1', monthly_amount: null, approved_on: '2025/4/1' } },
    ];
    expect(await readAll({ bytes: utf8(text) }, 'csv')).toEqual(expected);
    expect(await readAll({ bytes: utf8(`\uFEFF${text}`) }, 'csv')).toEqual(expected);
    expect(await readAll(onDisk(utf8(text), 'csv'), 'csv')).toEqual(expected);
  });

  it('reads GB18030 (as Chinese Excel saves CSV) with the header in Chinese names', async () => {
    const gbk = iconv.encode(`户主姓名,户主公民身份号码,保障人数\r\n张三,${ID_1},3\r\n𠀀丽,${ID_2},2\r\n`, 'gb18030');
    expect(await readAll({ bytes: gbk }, 'csv')).toEqual([
      { row: 1, values: { name: '张三', resident_id: ID_1, household_size: '3', monthly_amount: null, approved_on: null } },
      { row: 2, values: { name: '𠀀丽', resident_id: ID_2, household_size: '2', monthly_amount: null, approved_on: null } },
    ]);
  });

  it('decides the encoding at the first non-ASCII bytes, however far into the file and wherever a chunk cuts them', async () => {
    const head = `resident_id,household_size,name\r\n${Array.from({ length: 2300 }, (_, index) => `${ID_1},${index},x`).join('\r\n')}\r\n${ID_2},1,`;
    const chinese = '王五'.repeat(3000);
    // Reading goes in 64 KiB chunks: the first GBK character ends chunk one, then straddles its end.
    for (const asciiBytes of [64 * 1024 - 2, 64 * 1024 - 1]) {
      const name = ' '.repeat(asciiBytes - head.length) + chinese;
      const records = await readAll({ bytes: iconv.encode(`${head}${name}\r\n`, 'gb18030') }, 'csv');
      expect(records).toHaveLength(2301);
      expect(records.at(-1)?.values.name).toBe(name);
    }
  });

  it('refuses a file that starts as UTF-8 and goes on in GBK', async () => {
    const head = utf8(`resident_id,name\r\n${`${ID_1},张三\r\n`.repeat(3000)}`);
    const tail = iconv.encode(`${ID_2},${'李四'.repeat(40_000)}\r\n`, 'gbk');
    const error = await refusal({ bytes: Buffer.concat([head, tail]) }, 'csv');
    expect(error.code).toBe('DATASET_UNREADABLE');
  });

  it('numbers rows as the file does: blank lines skipped but counted, a quoted line break inside its row', async () => {
    const records = await readAll({ bytes: utf8(`\r\n户主公民身份号码,户主姓名\r\n${ID_1},"张\r\n三"\r\n\r\n,,\r\n${ID_2},李四\r\n`) }, 'csv');
    expect(records.map((record) => [record.row, record.values.name])).toEqual([
      [1, '张\r\n三'],
      [4, '李四'],
    ]);
  });

  it('takes off the apostrophe our exports put in front of formula-like text', async () => {
    const [record] = await readAll({ bytes: utf8(`resident_id,monthly_amount,name\r\n${ID_1},'-12.5,'=张三\r\n`) }, 'csv');
    expect(record?.values).toMatchObject({ monthly_amount: '-12.5', name: '=张三' });
  });

  it('reports a value in a column that holds no item on its row', async () => {
    const records = await readAll({ bytes: utf8(`resident_id,,name\r\n${ID_1},,张三\r\n${ID_2},多余,李四,更多\r\n`) }, 'csv');
    expect(records[0]?.errors).toBeUndefined();
    expect(records[1]?.errors?.map((error) => `${error.code} ${error.path}`)).toEqual(['DATASET_VALUE_UNEXPECTED /rows/2', 'DATASET_VALUE_UNEXPECTED /rows/2']);
    expect(records[1]?.errors?.map((error) => error.message).join(' ')).not.toMatch(/多余|更多/u);
  });

  it('refuses a bad header with every problem, and never quotes it', async () => {
    const error = await refusal({ bytes: utf8(`户主姓名,住址,name\r\n张三,某地,张三\r\n`) }, 'csv');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.errors?.map((fieldError) => `${fieldError.code} ${fieldError.path}`)).toEqual(['DATASET_UNKNOWN_COLUMN /header/2', 'DATASET_DUPLICATE_COLUMN /header/3', 'DATASET_SUBJECT_KEY_MISSING /header']);
    // A file without a header row: its first row of data is read as the header.
    const headless = await refusal({ bytes: utf8(`${ID_1},张三\r\n`) }, 'csv');
    expect(JSON.stringify(headless.details)).not.toContain(ID_1);
    expect(JSON.stringify(headless.details)).not.toContain('张三');
  });

  it('refuses an empty file for a resource with a subject key, and reads none for one without', async () => {
    expect((await refusal({ bytes: new Uint8Array() }, 'csv')).details?.errors?.[0]?.code).toBe('DATASET_SUBJECT_KEY_MISSING');
    expect(await readAll({ bytes: utf8('\r\n\r\n') }, 'csv', [item('hospital', '出生医院')])).toEqual([]);
  });

  it('refuses malformed CSV and a missing file as unreadable, without content or path', async () => {
    const unclosed = await refusal({ bytes: utf8(`resident_id,name\r\n${ID_1},"张三\r\n`) }, 'csv');
    expect(unclosed.code).toBe('DATASET_UNREADABLE');
    expect(unclosed.message).not.toContain('张三');
    expect(String((unclosed.cause as Error).message)).not.toContain('张三');
    const missing = await refusal({ path: join(directory, '张三的低保材料.csv') }, 'csv');
    expect(missing.code).toBe('DATASET_UNREADABLE');
    expect(missing.message).not.toContain('张三');
  });

  it('reports progress with growing bytesRead up to the size of the file', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `${ID_1},住户${index},${index % 7}`).join('\r\n');
    const bytes = utf8(`resident_id,name,household_size\r\n${rows}\r\n`);
    const reports: DatasetReadProgress[] = [];
    const records = await readAll(onDisk(bytes, 'csv'), 'csv', ITEMS, (progress) => reports.push(progress));
    expect(records).toHaveLength(20_000);
    expect(reports.length).toBeGreaterThan(3);
    for (const [index, report] of reports.entries()) {
      expect(report.totalBytes).toBe(bytes.length);
      if (index > 0) expect(report.bytesRead).toBeGreaterThanOrEqual(reports[index - 1]!.bytesRead);
      if (index > 0) expect(report.rows).toBeGreaterThanOrEqual(reports[index - 1]!.rows);
    }
    expect(reports.at(-1)).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length, rows: 20_000 });
  });

  it('stops reading when the caller stops iterating', async () => {
    const rows = Array.from({ length: 50_000 }, () => `${ID_1},x`).join('\n');
    const source = onDisk(utf8(`resident_id,name\n${rows}\n`), 'csv');
    const reports: DatasetReadProgress[] = [];
    let taken = 0;
    for await (const _record of readDataset(source, 'csv', ITEMS, (progress) => reports.push(progress))) {
      taken += 1;
      if (taken === 10) break;
    }
    expect(taken).toBe(10);
    expect(reports.at(-1)!.bytesRead).toBeLessThan(utf8(rows).length);
  });
});

describe('readDataset: XLSX', () => {
  async function workbook(): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('低保对象');
    sheet.addRow(['户主公民身份号码', '户主姓名', '保障人数', '月保障金额', '认定日期']);
    sheet.addRow([ID_1, { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }, 3, 865.5, new Date(Date.UTC(2025, 2, 1))]);
    sheet.addRow([]);
    sheet.addRow([ID_2, '李四', { formula: '1+1', result: 2 }, 0.1 + 0.2, { formula: 'E2+31', result: new Date(Date.UTC(2025, 3, 1)) }]);
    sheet.addRow([ID_3, '王五', 1e21, 1.5e-7, new Date(Date.UTC(2025, 3, 1, 8, 30))]);
    sheet.addRow([ID_1, '赵六', { formula: 'NA()', result: { error: '#N/A' } }]);
    book.addWorksheet('说明').addRow(['本表为演示数据']);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  for (const way of ['bytes', 'path'] as const) {
    it(`reads the first worksheet, dates as YYYY-MM-DD and numbers in plain decimals (from ${way})`, async () => {
      const bytes = await workbook();
      const records = await readAll(way === 'bytes' ? { bytes } : onDisk(bytes, 'xlsx'), 'xlsx');
      expect(records.slice(0, 3)).toEqual([
        { row: 1, values: { name: '张三', resident_id: ID_1, household_size: '3', monthly_amount: '865.5', approved_on: '2025-03-01' } },
        { row: 3, values: { name: '李四', resident_id: ID_2, household_size: '2', monthly_amount: '0.3', approved_on: '2025-04-01' } },
        { row: 4, values: { name: '王五', resident_id: ID_3, household_size: '1000000000000000000000', monthly_amount: '0.00000015', approved_on: '2025-04-01T08:30:00' } },
      ]);
      expect(records[3]).toMatchObject({ row: 5, errors: [{ code: 'DATASET_VALUE_INVALID', path: '/rows/5/household_size' }] });
    });
  }

  it('refuses what is not a workbook', async () => {
    for (const source of [{ bytes: utf8('resident_id\r\n') }, onDisk(utf8('resident_id\r\n'), 'xlsx')]) {
      expect((await refusal(source, 'xlsx')).code).toBe('DATASET_UNREADABLE');
    }
  });
});

describe('readDataset: JSON', () => {
  it('reads an array of objects keyed by code or name, keeping the digits of numbers', async () => {
    const json = JSON.stringify([{ resident_id: ID_1, 户主姓名: '张三', 保障人数: 3, monthly_amount: 865.5 }, { resident_id: ID_2, name: null, approved_on: '2025-04-01' }]).replace('865.5', '8.655e2');
    expect(await readAll({ bytes: utf8(`\n  ${json}\n`) }, 'json')).toEqual([
      { row: 1, values: { name: '张三', resident_id: ID_1, household_size: '3', monthly_amount: '865.5', approved_on: null } },
      { row: 2, values: { name: null, resident_id: ID_2, household_size: null, monthly_amount: null, approved_on: '2025-04-01' } },
    ]);
    const [precise] = await readAll({ bytes: utf8(`[{"resident_id": "${ID_1}", "household_size": 12345678901234567890}]`) }, 'json');
    expect(precise?.values.household_size).toBe('12345678901234567890');
    expect(await readAll({ bytes: utf8('[]') }, 'json')).toEqual([]);
  });

  it('reads NDJSON, a row per line numbered as in the file', async () => {
    const lines = [JSON.stringify({ resident_id: ID_1, name: '张三' }), '', JSON.stringify({ 户主公民身份号码: ID_2, 户主姓名: '李四', 保障人数: '2' })];
    const records = await readAll({ bytes: utf8(lines.join('\r\n')) }, 'json');
    expect(records.map((record) => [record.row, record.values.name, record.values.household_size])).toEqual([
      [1, '张三', null],
      [3, '李四', '2'],
    ]);
  });

  it('makes an unknown key, a repeated item, a nested value or a malformed row an error of its row only', async () => {
    const text = `[{"resident_id":"${ID_1}","住址":"某地"},{"resident_id":"${ID_1}","name":"甲","户主姓名":"乙"},{"resident_id":"${ID_1}","name":{"given":"三"}},[1],{"resident_id":"${ID_2}",},{"resident_id":"${ID_2}","name":"[,{\\"}"}]`;
    const records = await readAll({ bytes: utf8(text) }, 'json');
    expect(records.map((record) => record.errors?.map((error) => `${error.code} ${error.path}`) ?? [])).toEqual([
      ['DATASET_UNKNOWN_COLUMN /rows/1'],
      ['DATASET_DUPLICATE_COLUMN /rows/2/name'],
      ['DATASET_VALUE_INVALID /rows/3/name'],
      ['DATASET_ROW_MALFORMED /rows/4'],
      ['DATASET_ROW_MALFORMED /rows/5'],
      [],
    ]);
    expect(records[5]?.values.name).toBe('[,{"}');
    expect(JSON.stringify(records.map((record) => record.errors))).not.toMatch(/住址|某地|甲|乙/u);
  });

  it('refuses what is neither an array nor NDJSON, and an array cut short', async () => {
    for (const text of ['"rows"', '{\n  "resident_id": "x"\n}', `[{"resident_id":"${ID_1}"}`, '[] []']) {
      const error = await refusal({ bytes: utf8(text) }, 'json');
      expect(error.code).toBe('DATASET_UNREADABLE');
      expect(error.message).not.toContain(ID_1);
    }
  });
});

describe('reading then checking', () => {
  it('gives each bad row its errors by row number, reading problems and type errors together', async () => {
    const text = [
      '户主公民身份号码,户主姓名,保障人数,月保障金额,认定日期',
      `${ID_1.toLowerCase()},张三,3,865.50,2025/3/1`,
      `${ID_1.slice(0, 17)}0,李四,2,800,2025-03-01`,
      '',
      `${ID_2},王五,两人,800,2025-02-30,多余`,
      `110105491231002,赵六,1,¥500,`,
    ].join('\r\n');
    const results = [];
    for await (const record of readDataset({ bytes: iconv.encode(text, 'gb18030') }, 'csv', ITEMS)) results.push(checkDatasetRecord(ITEMS, record));
    expect(results[0]).toEqual({ values: { name: '张三', resident_id: ID_1, household_size: '3', monthly_amount: '865.50', approved_on: '2025-03-01' } });
    const errors = results.flatMap((result) => ('errors' in result ? result.errors : []));
    expect(errors.map((error) => `${error.code} ${error.path}`)).toEqual([
      'DATASET_SUBJECT_KEY_INVALID /rows/2/resident_id',
      'DATASET_VALUE_UNEXPECTED /rows/4',
      'DATASET_VALUE_INVALID /rows/4/household_size',
      'DATASET_VALUE_INVALID /rows/4/approved_on',
      'DATASET_VALUE_INVALID /rows/5/monthly_amount',
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/张三|李四|王五|赵六|两人|2025-02-30|¥500|多余|33119919/u);
  });
});
