import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../core/pii/index.ts';
import { generateCorpus } from '../../../test/publication/corpus.ts';
import { decodeDocumentText, csvAsTabs } from './document-text.ts';
import { scanTextStream } from './scan-text-stream.ts';

const encoder = new TextEncoder();

/** The bytes in pieces of `size`, cutting UTF-8 characters in half on purpose. */
function pieces(bytes: Uint8Array, size: number): () => Uint8Array[] {
  return () => {
    const list: Uint8Array[] = [];
    for (let offset = 0; offset < bytes.length; offset += size) list.push(bytes.subarray(offset, offset + size));
    return list;
  };
}

/** The bytes in pieces of `size` read into one buffer used again for every piece, as `custos scan` reads a file. */
function reusedBuffer(bytes: Uint8Array, size: number): () => Generator<Uint8Array> {
  return function* () {
    const buffer = new Uint8Array(size);
    for (let offset = 0; offset < bytes.length; offset += size) {
      const piece = bytes.subarray(offset, offset + size);
      buffer.fill(0x3f);
      buffer.set(piece);
      yield buffer.subarray(0, piece.length);
    }
  };
}

const ID = '11010519491231002X';

describe('scanTextStream', () => {
  const corpus = generateCorpus({ seed: 7, perKind: 40 })
    .map((document) => document.text)
    .join('\n\n');

  it('finds what scanText finds in the whole text, across many small chunks', async () => {
    const whole = scanText(corpus);
    expect(whole.length).toBeGreaterThan(500);
    const streamed = await scanTextStream(pieces(encoder.encode(corpus), 4093), { chunkCharacters: 3000 });
    expect(streamed).toEqual(whole);
  });

  it('keeps a table header as context, so a name column spanning chunks is still read', async () => {
    const rows = Array.from({ length: 400 }, (_, index) => `${index + 1}\t王${'伟芳娜敏静丽强磊'[index % 8]}${'军洋勇艳'[index % 4]}\t13${String(800138000 + index).padStart(9, '0')}`);
    const text = `公示名单\n\n序号\t姓名\t联系电话\n${rows.join('\n')}\n\n以上名单公示七天。\n`;
    const whole = scanText(text);
    expect(whole.filter((finding) => finding.type === 'person_name')).toHaveLength(400);
    expect(await scanTextStream(pieces(encoder.encode(text), 1000), { chunkCharacters: 2048 })).toEqual(whole);
  });

  it('reads a CSV as tab-separated rows, as extraction does', async () => {
    const rows = Array.from({ length: 300 }, (_, index) => `${index},"张${'伟芳娜敏'[index % 4]}",${ID}`);
    const text = `序号,姓名,身份证号\n${rows.join('\n')}\n`;
    const whole = scanText(csvAsTabs(text));
    expect(whole.filter((finding) => finding.type === 'person_name')).toHaveLength(300);
    expect(await scanTextStream(pieces(encoder.encode(text), 777), { chunkCharacters: 2048, format: 'csv' })).toEqual(whole);
  });

  it('reads on inside a quoted CSV field that holds line breaks when a chunk ends inside it', async () => {
    // Each table ends at a record whose note runs over three lines, the last starting with the
    // closing quote: a chunk that starts there must not take that quote for an opening one.
    const table = (index: number): string =>
      `序号,姓名,身份证号,备注\n${[1, 2, 3, 4].map((row) => `${row},"张${'伟芳娜敏'[(row + index) % 4]}${'军洋勇艳'[index % 4]}",${ID},无`).join('\n')}\n` +
      `5,"李${'伟芳娜敏'[index % 4]}",${ID},"第一行，""说明"", 含逗号\n第二行\n",已核实\n\n`;
    const text = Array.from({ length: 60 }, (_, index) => table(index)).join('');
    const whole = scanText(csvAsTabs(text));
    expect(whole.filter((finding) => finding.type === 'person_name')).toHaveLength(300);
    const bytes = encoder.encode(text);
    for (let chunk = 2048; chunk < 2600; chunk += 5) {
      expect(await scanTextStream(pieces(bytes, 4096), { chunkCharacters: chunk, format: 'csv' })).toEqual(whole);
    }
  });

  it('carries a table header that follows a CSV title record of several lines', async () => {
    const section = (index: number): string =>
      `说明,"本表第${index}部分\n含换行, 与逗号\n",附注\n序号,姓名,身份证号\n` +
      `${[1, 2, 3, 4, 5].map((row) => `${row},"张${'伟芳娜敏'[(row + index) % 4]}${'军洋勇艳'[index % 4]}",${ID}`).join('\n')}\n\n`;
    const text = Array.from({ length: 60 }, (_, index) => section(index)).join('');
    const whole = scanText(csvAsTabs(text));
    expect(whole.filter((finding) => finding.type === 'person_name')).toHaveLength(300);
    const bytes = encoder.encode(text);
    for (let chunk = 2048; chunk < 2400; chunk += 7) {
      expect(await scanTextStream(pieces(bytes, 4096), { chunkCharacters: chunk, format: 'csv' })).toEqual(whole);
    }
  });

  it('reads a source that fills one buffer again for every piece, however short the first line is', async () => {
    const long = Array.from({ length: 300 }, (_, index) => `第${index}项，邮箱 user${index}@example.com，身份证号${ID}`).join('，');
    for (const start of ['\n', '\r\n', 'a\n', '姓名：张三\n', '']) {
      const text = `${start}${long}\n申请人：李四\n`;
      const whole = scanText(text);
      for (const size of [1, 3, 1000, 5000]) {
        expect(await scanTextStream(reusedBuffer(encoder.encode(text), size), { chunkCharacters: 2048 }), `${JSON.stringify(start)} in pieces of ${size}`).toEqual(whole);
      }
    }
  });

  it('cuts a line longer than a chunk with an overlap, reporting a value across the cut once', async () => {
    const line = Array.from({ length: 600 }, (_, index) => `第${index}项，身份证号${ID}，备注`).join('');
    const whole = scanText(line);
    expect(whole).toHaveLength(600);
    const streamed = await scanTextStream(pieces(encoder.encode(line), 5000), { chunkCharacters: 2048 });
    expect(streamed).toEqual(whole);
  });

  it('starts again as GB18030 when GBK text follows a first chunk of plain ASCII', async () => {
    const text = `${'report 2024\n'.repeat(400)}姓名：张三，身份证号：${ID}\n`;
    const bytes = new Uint8Array(iconv.encode(text, 'gb18030'));
    let opened = 0;
    const findings = await scanTextStream(() => {
      opened += 1;
      return pieces(bytes, 1024)();
    });
    expect(opened).toBe(2);
    expect(findings.map((finding) => [finding.type, finding.value])).toEqual([
      ['person_name', '张三'],
      ['cn_resident_id', ID],
    ]);
    expect(findings).toEqual(scanText(decodeDocumentText(bytes).text));
  });

  it('gives offsets after a BOM, as decodeDocumentText does', async () => {
    const bytes = encoder.encode(`\uFEFF身份证号：${ID}\n`);
    const findings = await scanTextStream(pieces(bytes, 2));
    expect(findings).toEqual(scanText(decodeDocumentText(bytes).text));
    expect(findings[0]).toMatchObject({ start: 5, line: 1 });
  });

  it('reads UTF-16 with a BOM (Excel’s “Unicode text”)', async () => {
    const bytes = new Uint8Array(iconv.encode(`姓名\t身份证号\n张三\t${ID}\n`, 'utf-16le', { addBOM: true }));
    const findings = await scanTextStream(pieces(bytes, 3));
    expect(findings.map((finding) => finding.type)).toEqual(['person_name', 'cn_resident_id']);
  });

  it('finds nothing in an empty file', async () => {
    expect(await scanTextStream(() => [])).toEqual([]);
  });
});
