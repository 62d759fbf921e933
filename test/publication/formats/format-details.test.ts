import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractParts } from '../../../src/app/publication/extract-document.ts';
import { maskDocument } from '../../../src/app/publication/mask-document.ts';
import { DomainError } from '../../../src/core/shared/domain-error.ts';
import { IDS, docxFixture, gb18030CsvFixture, htmlFixture, pdfFixture, xlsxFixture } from './fixtures.ts';
import { residentIdSpans } from './resident-id-spans.ts';

const LIMITS = { maxBytes: 10 * 1024 * 1024 };
const MASKED_A = `${IDS.a.slice(0, 6)}********${IDS.a.slice(-4)}`;

async function rejection(work: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  await workbook.xlsx.load(copy);
  return workbook;
}

describe('xlsx', () => {
  it('reads a row as a line of tab-separated cells, the header row first, and locates only cells', async () => {
    const [roster] = await extractParts((await xlsxFixture()).bytes, 'xlsx', LIMITS);
    expect(roster?.name).toBe('名单');
    expect(roster?.text.split('\n')[0]).toBe('序号\t姓名\t身份证号\t备注');
    expect(roster?.text.split('\n')[1]).toBe(`1\t张三\t${IDS.a}\t已核实`);
    const tab = roster?.text.indexOf('\t') ?? -1;
    expect(roster?.locate(tab)).toBeUndefined();
    expect(roster?.locate(0)).toEqual({ sheet: '名单', cell: 'A1' });
  });

  it('keeps sheet states, hidden rows and columns, formatting runs and notes when masking', async () => {
    const masked = await workbookOf(await maskDocument((await xlsxFixture()).bytes, 'xlsx', residentIdSpans));
    expect(masked.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['名单', 'visible'],
      ['隐藏', 'hidden'],
      ['深度隐藏', 'veryHidden'],
    ]);
    const roster = masked.getWorksheet('名单');
    expect(roster?.getColumn(3).hidden).toBe(true);
    expect(roster?.getRow(3).hidden).toBe(true);
    expect(roster?.getCell('C2').value).toBe(MASKED_A);
    // The ID split over two runs: the masked value in the first, nothing left in the bold one.
    expect(roster?.getCell('C3').value).toEqual({ richText: [{ text: `${IDS.b.slice(0, 6)}********${IDS.b.slice(-4)}` }, { font: { bold: true }, text: '' }] });
    expect(roster?.getCell('D2').note).toBe(`核对：${IDS.c.slice(0, 6)}********${IDS.c.slice(-4)}`);
    // A formula that showed an ID becomes the masked text: recalculating would bring the ID back.
    expect(masked.getWorksheet('深度隐藏')?.getCell('A1').value).toBe(`${IDS.e.slice(0, 6)}********${IDS.e.slice(-4)}`);
  });

  it('masks a shared-formula master and keeps its clones computing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('汇总');
    sheet.getCell('A1').value = IDS.a;
    sheet.getCell('A2').value = '核对';
    sheet.getCell('B1').value = { formula: 'A1&""', result: IDS.a };
    sheet.getCell('B2').value = { sharedFormula: 'B1', result: '核对' };
    const masked = await workbookOf(await maskDocument(new Uint8Array(await workbook.xlsx.writeBuffer()), 'xlsx', residentIdSpans));
    expect(masked.worksheets[0]?.getCell('B1').value).toBe(MASKED_A);
    expect(masked.worksheets[0]?.getCell('B2').value).toEqual({ formula: 'A2&""', result: '核对' });
  });
});

describe('docx', () => {
  it('puts a masked ID split across runs into its first run and empties the others, keeping their formatting', async () => {
    const masked = await maskDocument(docxFixture().bytes, 'docx', residentIdSpans);
    const document = strFromU8(unzipSync(masked)['word/document.xml'] ?? new Uint8Array());
    expect(document).toContain(`<w:r><w:t xml:space="preserve">${MASKED_A}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r>`);
    expect(document).toContain('<w:del w:id="2"');
    expect(document).toContain(`<w:delText>${IDS.c.slice(0, 6)}********${IDS.c.slice(-4)}</w:delText>`);
    const comments = strFromU8(unzipSync(masked)['word/comments.xml'] ?? new Uint8Array());
    expect(comments).toContain(`请核对 ${IDS.f.slice(0, 6)}********${IDS.f.slice(-4)}`);
  });

  it('reads table rows as tab-separated cells and tracked deletions as a part of their own', async () => {
    const parts = await extractParts(docxFixture().bytes, 'docx', LIMITS);
    expect(parts.map((part) => part.name)).toEqual(['word/document.xml', 'word/document.xml (修订删除 / tracked deletions)', 'word/comments.xml']);
    expect(parts[0]?.text).toContain(`王芳\t${IDS.e}\n`);
    expect(parts[0]?.text).toContain(`更正：${IDS.d}\n`);
    expect(parts[1]?.text).toBe(`更正：${IDS.c}\n`);
  });
});

describe('pdf', () => {
  it('gives one part per page, a printed table as tab-separated rows', async () => {
    const parts = await extractParts((await pdfFixture()).bytes, 'pdf', LIMITS);
    expect(parts.map((part) => part.name)).toEqual(['page 1', 'page 2']);
    expect(parts[0]?.text).toContain(`公民身份号码 ${IDS.a}`);
    expect(parts[0]?.text).toContain(`王芳\t${IDS.b}`);
    expect(parts[1]?.locate(0)).toEqual({ page: 2 });
  });
});

describe('html', () => {
  it('reads table rows as tab-separated cells and leaves scripts and styles out', async () => {
    const [text] = await extractParts(htmlFixture().bytes, 'html', LIMITS);
    expect(text?.text).toContain(`姓名\t身份证号\n王芳\t${IDS.f}\n`);
    expect(text?.text).not.toContain('脚本不扫描');
    expect(text?.text).not.toContain('display');
  });

  it('writes masked text back as escaped markup', async () => {
    const spans = (text: string) => [...text.matchAll(/A & B <联系方式>/gu)].map((match) => ({ start: match.index, end: match.index + match[0].length, type: 'address' }));
    const masked = new TextDecoder().decode(await maskDocument(htmlFixture().bytes, 'html', spans));
    expect(masked).toContain('<p>****</p>');
    expect(masked).toContain('<script>var note = "脚本不扫描";</script>');
  });
});

describe('text', () => {
  it('writes a GB18030 file back in GB18030', async () => {
    const masked = await maskDocument(gb18030CsvFixture().bytes, 'csv', residentIdSpans);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(masked)).toThrow();
    expect(iconv.decode(Buffer.from(masked), 'gb18030')).toBe(`姓名,身份证号,地址\r\n张三,${MASKED_A},北京市东城区\r\n"李四","${IDS.b.slice(0, 6)}********${IDS.b.slice(-4)}","上海市, 浦东新区"\r\n`);
  });

  it('keeps a UTF-8 byte order mark', async () => {
    const masked = await maskDocument(new TextEncoder().encode(`\uFEFF号码 ${IDS.a}`), 'txt', residentIdSpans);
    expect([...masked.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(masked)).toBe(`号码 ${MASKED_A}`);
  });

  it('sees CSV fields as tab-separated columns at the offsets of the file', async () => {
    const [part] = await extractParts(gb18030CsvFixture().bytes, 'csv', LIMITS);
    expect(part?.text.split('\r\n')[1]).toBe(`张三\t${IDS.a}\t北京市东城区`);
  });
});

describe('limits and broken files', () => {
  it('refuses a pdf, xlsx or docx over maxBytes with FILE_TOO_LARGE', async () => {
    for (const [format, bytes] of [
      ['pdf', (await pdfFixture()).bytes],
      ['xlsx', (await xlsxFixture()).bytes],
      ['docx', docxFixture().bytes],
    ] as const) {
      const error = await rejection(extractParts(bytes, format, { maxBytes: bytes.byteLength - 1 }));
      expect(error.code).toBe('FILE_TOO_LARGE');
      expect((await rejection(maskDocument(bytes, format, residentIdSpans, { maxBytes: bytes.byteLength - 1 }))).code).toBe(format === 'pdf' ? 'MASK_UNSUPPORTED_FORMAT' : 'FILE_TOO_LARGE');
    }
  });

  it('refuses a package that would unzip beyond the cap (a zip bomb) before inflating it', async () => {
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': new Uint8Array(8 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const error = await rejection(extractParts(bomb, 'docx', { maxBytes: 64 * 1024 }));
    expect(error.code).toBe('FILE_TOO_LARGE');
  });

  it('reports a corrupt file as FILE_UNREADABLE without its contents in the message', async () => {
    const corrupt = {
      pdf: new TextEncoder().encode(`%PDF-1.7\n${IDS.a} this is not a pdf`),
      xlsx: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(IDS.a)]),
      docx: zipSync({ 'word/other.xml': strToU8(`<w:document>${IDS.a}`) }),
    } as const;
    for (const [format, bytes] of Object.entries(corrupt) as [keyof typeof corrupt, Uint8Array][]) {
      const error = await rejection(extractParts(bytes, format, LIMITS));
      expect(error.code).toBe('FILE_UNREADABLE');
      expect(error.message).not.toContain(IDS.a);
      expect(error.message).toMatch(/无法读取.*\/ cannot read/u);
    }
  });

  it('reports a malformed Word XML part as FILE_UNREADABLE', async () => {
    const entries = unzipSync(docxFixture().bytes);
    entries['word/document.xml'] = strToU8(`<w:document xmlns:w="x"><w:body><w:p>${IDS.a}</w:body>`);
    const error = await rejection(extractParts(zipSync(entries), 'docx', LIMITS));
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).not.toContain(IDS.a);
  });

  it('rejects a recognizer span outside the text', async () => {
    const error = await rejection(maskDocument(new TextEncoder().encode('短'), 'txt', () => [{ start: 0, end: 5, type: 'email' }]));
    expect(error.code).toBe('MASK_SPAN_INVALID');
  });
});
