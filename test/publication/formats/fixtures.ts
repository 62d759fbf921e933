import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import type { DocumentFormat } from '../../../src/app/publication/document-format.ts';
import type { FindingLocation } from '../../../src/core/pii/recognizers/finding.ts';
import { residentId } from './resident-id-spans.ts';

/** Distinct valid IDs, so that each planted one can be told apart by where it is found. */
export const IDS = {
  a: '11010519491231002X',
  b: residentId('44030519900101123'),
  c: residentId('32010219851212004'),
  d: residentId('51010719770707301'),
  e: residentId('33010619880808556'),
  f: residentId('42010220000229007'),
  g: residentId('61010319660606888'),
} as const;

export interface Planted {
  id: string;
  /** Where extraction must locate it; absent for formats without places (text, html, docx). */
  location?: FindingLocation;
}

export interface Fixture {
  fileName: string;
  bytes: Uint8Array;
  planted: Planted[];
  /** Text that masking must leave readable. */
  survives: string[];
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * A roster in three sheets: the visible one hides its ID column and a row (with an ID split into
 * two rich-text runs), notes sit on a filled cell and on an empty one, and two more sheets are
 * hidden and very hidden — the places an uploader does not see before publishing.
 */
export async function xlsxFixture(): Promise<Fixture> {
  const workbook = new ExcelJS.Workbook();
  const roster = workbook.addWorksheet('名单');
  roster.addRow(['序号', '姓名', '身份证号', '备注']);
  roster.addRow(['1', '张三', IDS.a, '已核实']);
  roster.addRow(['2', '李四', { richText: [{ text: IDS.b.slice(0, 10) }, { font: { bold: true }, text: IDS.b.slice(10) }] }]);
  roster.getColumn(3).hidden = true;
  roster.getRow(3).hidden = true;
  roster.getCell('D2').note = `核对：${IDS.c}`;
  roster.getCell('F9').note = { texts: [{ text: '原号码 ' }, { font: { bold: true }, text: IDS.f }] };
  const hidden = workbook.addWorksheet('隐藏', { state: 'hidden' });
  hidden.getCell('A1').value = '底稿';
  hidden.getCell('B2').value = IDS.d;
  const veryHidden = workbook.addWorksheet('深度隐藏', { state: 'veryHidden' });
  veryHidden.getCell('A1').value = { formula: `"${IDS.e}"`, result: IDS.e };
  return {
    fileName: '公示名单.xlsx',
    bytes: new Uint8Array(await workbook.xlsx.writeBuffer()),
    planted: [
      { id: IDS.a, location: { sheet: '名单', cell: 'C2' } },
      { id: IDS.b, location: { sheet: '名单', cell: 'C3' } },
      { id: IDS.c, location: { sheet: '名单', cell: 'D2' } },
      { id: IDS.f, location: { sheet: '名单', cell: 'F9' } },
      { id: IDS.d, location: { sheet: '隐藏', cell: 'B2' } },
      { id: IDS.e, location: { sheet: '深度隐藏', cell: 'A1' } },
    ],
    survives: ['张三', '李四', '已核实', '核对：', '原号码', '底稿'],
  };
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const run = (text: string, bold = false): string => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const paragraph = (...content: string[]): string => `<w:p>${content.join('')}</w:p>`;
const cell = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${paragraph(run(text))}</w:tc>`;

/**
 * The smallest WordprocessingML package Word opens: content types, the package relationship,
 * the body and its comments part. The body splits an ID over three runs (one bold), holds a
 * tracked insertion and a tracked deletion replaced in place, a table, and a commented range.
 */
export function docxFixture(): Fixture {
  const [a1, a2, a3] = [IDS.a.slice(0, 6), IDS.a.slice(6, 14), IDS.a.slice(14)];
  const tracked = 'w:author="审核人" w:date="2024-05-01T08:00:00Z"';
  const body = [
    paragraph(run('公示名单')),
    paragraph('<w:commentRangeStart w:id="0"/>', run('身份证号：'), run(a1), run(a2, true), run(a3), '<w:commentRangeEnd w:id="0"/>', '<w:r><w:commentReference w:id="0"/></w:r>'),
    paragraph(run('新增：'), `<w:ins w:id="1" ${tracked}>${run(IDS.b)}</w:ins>`),
    paragraph(run('更正：'), `<w:del w:id="2" ${tracked}><w:r><w:delText>${IDS.c}</w:delText></w:r></w:del>`, `<w:ins w:id="3" ${tracked}>${run(IDS.d)}</w:ins>`),
    `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr>${cell('姓名')}${cell('身份证号')}</w:tr><w:tr>${cell('王芳')}${cell(IDS.e)}</w:tr></w:tbl>`,
    '<w:sectPr/>',
  ].join('');
  const files = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/_rels/document.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    'word/comments.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W}"><w:comment w:id="0" w:author="审核人" w:date="2024-05-01T08:00:00Z" w:initials="S">${paragraph(run(`请核对 ${IDS.f}`))}</w:comment></w:comments>`,
  };
  const zippable = Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)]));
  return {
    fileName: '公示.docx',
    bytes: zipSync(zippable),
    planted: [IDS.a, IDS.b, IDS.c, IDS.d, IDS.e, IDS.f].map((id) => ({ id })),
    survives: ['公示名单', '身份证号：', '新增：', '更正：', '王芳', '请核对'],
  };
}

/** wqy-zenhei from Debian's fonts-wqy-zenhei: CI installs it (apt-get install -y fonts-wqy-zenhei). */
export function cjkFontPath(): string {
  const fixed = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
  if (existsSync(fixed)) return fixed;
  const found = execFileSync('fc-match', ['-f', '%{file}', 'WenQuanYi Zen Hei'], { encoding: 'utf8' });
  if (!found.includes('wqy-zenhei')) throw new Error('the CJK font wqy-zenhei is missing: apt-get install -y fonts-wqy-zenhei');
  return found;
}

/** Two pages of Chinese text in an embedded CJK font (pdfkit picks the face out of the TTC collection by name). */
export async function pdfFixture(): Promise<Fixture> {
  const document = new PDFDocument({ info: { Title: '公示' } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => document.on('end', resolve));
  document.registerFont('zenhei', cjkFontPath(), 'WenQuanYiZenHei');
  document.font('zenhei').fontSize(12).text(`公示名单：张三，公民身份号码 ${IDS.a}，特此公示。`);
  document.text('姓名', 72, 200, { lineBreak: false }).text('身份证号', 250, 200, { lineBreak: false });
  document.text('王芳', 72, 220, { lineBreak: false }).text(IDS.b, 250, 220, { lineBreak: false });
  document.addPage().text('第二页');
  // An ID drawn in two pieces placed end to end, as some producers write text.
  const head = IDS.c.slice(0, 9);
  document.text(head, 72, 300, { lineBreak: false }).text(IDS.c.slice(9), 72 + document.widthOfString(head), 300, { lineBreak: false });
  document.end();
  await ended;
  return {
    fileName: '公示.pdf',
    bytes: new Uint8Array(Buffer.concat(chunks)),
    planted: [
      { id: IDS.a, location: { page: 1 } },
      { id: IDS.b, location: { page: 1 } },
      { id: IDS.c, location: { page: 2 } },
    ],
    survives: [],
  };
}

/** Visible text, an element hidden three ways, a commented-out row, an ID split over two spans, a hidden form field. */
export function htmlFixture(): Fixture {
  const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>公示</title><style>.gone { display: none }</style>
<script>var note = "脚本不扫描";</script></head>
<body><h1>公示名单</h1>
<p>张三 公民身份号码 ${IDS.a}</p>
<div style="display:none">隐藏：${IDS.b}</div>
<p hidden>${IDS.c}</p>
<template><p>模板 ${IDS.d}</p></template>
<!-- 旧名单 ${IDS.e} -->
<table>
  <tr><th>姓名</th><th>身份证号</th></tr>
  <tr><td>王芳</td><td><span>${IDS.f.slice(0, 6)}</span><span class="gone">${IDS.f.slice(6)}</span></td></tr>
</table>
<input type="hidden" name="holder" value="${IDS.g}">
<p>A &amp; B &lt;联系方式&gt;</p>
</body></html>`;
  return {
    fileName: '公示.html',
    bytes: utf8(page),
    planted: [IDS.a, IDS.b, IDS.c, IDS.d, IDS.e, IDS.f, IDS.g].map((id) => ({ id })),
    survives: ['公示名单', '张三', '隐藏：', '模板', '旧名单', '王芳', 'A & B <联系方式>'],
  };
}

/** As Chinese-locale Excel saves "CSV": GB18030 (GBK) without a BOM, CRLF, some fields quoted. */
export function gb18030CsvFixture(): Fixture {
  const text = `姓名,身份证号,地址\r\n张三,${IDS.a},北京市东城区\r\n"李四","${IDS.b}","上海市, 浦东新区"\r\n`;
  return {
    fileName: '名单.csv',
    bytes: new Uint8Array(iconv.encode(text, 'gb18030')),
    planted: [{ id: IDS.a }, { id: IDS.b }],
    survives: ['张三', '李四', '北京市东城区', '上海市, 浦东新区'],
  };
}

function textFixture(fileName: string, text: string, planted: string[], survives: string[]): Fixture {
  return { fileName, bytes: utf8(text), planted: planted.map((id) => ({ id })), survives };
}

/** One fixture per format: a Record, so a new format without a fixture fails to compile. */
export const FIXTURES: Record<DocumentFormat, () => Fixture | Promise<Fixture>> = {
  txt: () => textFixture('公告.txt', `\uFEFF关于张三的公示\n公民身份号码：${IDS.a}。\n`, [IDS.a], ['关于张三的公示', '公民身份号码：']),
  csv: gb18030CsvFixture,
  tsv: () => textFixture('名单.tsv', `姓名\t身份证号\n张三\t${IDS.a}\n李四\t${IDS.b}\n`, [IDS.a, IDS.b], ['姓名\t身份证号', '张三\t', '李四\t']),
  md: () => textFixture('公示.md', `# 公示\n\n| 姓名 | 身份证号 |\n| --- | --- |\n| 张三 | ${IDS.a} |\n`, [IDS.a], ['# 公示', '| 张三 |']),
  html: htmlFixture,
  xlsx: xlsxFixture,
  docx: docxFixture,
  pdf: pdfFixture,
};
