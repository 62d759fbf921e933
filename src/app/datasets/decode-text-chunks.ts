import { asBuffer, decodeChunks, iconvDecoder, NotUtf8, startsWith, utf8Decoder, UTF8_BOM, UTF16BE_BOM, UTF16LE_BOM, type ChunkDecoder } from '../chunk-decoders.ts';
import { datasetUnreadable } from './dataset-record.ts';

/**
 * The text of a CSV or JSON dataset, decoded as its bytes arrive, with the encoding told from the
 * bytes themselves. Chinese-locale Excel saves CSV as GBK unless told otherwise, so both UTF-8
 * and GBK arrive; decode-text.ts (catalog import) explains why a strict UTF-8 check beats
 * statistical detection for this pair, and GB18030 is the fallback because it covers GB2312 and
 * GBK too. A BOM, when present, decides.
 *
 * A streamed file cannot be read twice, so the decision is put off while the bytes are ASCII
 * (which both encodings read alike) and taken on the first DECIDING_BYTES from the first
 * non-ASCII byte on: enough Chinese text that GBK cannot pass for UTF-8 by chance, however a
 * chunk boundary cuts it. A file that was called UTF-8 and later turns out not to be is refused
 * rather than read half-garbled.
 */
const DECIDING_BYTES = 4096;


/** UTF-8 or GB18030, decided on the first non-ASCII bytes (see above). */
function detectingDecoder(): ChunkDecoder {
  let chosen: ChunkDecoder | undefined;
  let pending: Uint8Array = new Uint8Array(0);
  const decide = (): string => {
    const utf8 = utf8Decoder(true);
    try {
      const text = utf8.write(pending);
      chosen = utf8;
      return text;
    } catch {
      // Everything before `pending` was ASCII, so GB18030 can start afresh here.
      chosen = iconvDecoder('gb18030');
      return chosen.write(pending);
    } finally {
      pending = new Uint8Array(0);
    }
  };
  return {
    write(bytes) {
      if (chosen !== undefined) return chosen.write(bytes);
      if (pending.length === 0) {
        const firstNonAscii = bytes.findIndex((byte) => byte >= 0x80);
        if (firstNonAscii === -1) return asBuffer(bytes).toString('latin1');
        pending = bytes.subarray(firstNonAscii);
        const ascii = asBuffer(bytes.subarray(0, firstNonAscii)).toString('latin1');
        return pending.length >= DECIDING_BYTES ? ascii + decide() : ascii;
      }
      pending = Buffer.concat([pending, bytes]);
      return pending.length >= DECIDING_BYTES ? decide() : '';
    },
    end() {
      const text = pending.length > 0 ? decide() : '';
      return text + (chosen?.end() ?? '');
    },
  };
}

function decoderFor(head: Uint8Array): { decoder: ChunkDecoder; skip: number } {
  if (startsWith(head, UTF8_BOM)) return { decoder: utf8Decoder(true), skip: UTF8_BOM.length };
  if (startsWith(head, UTF16LE_BOM)) return { decoder: iconvDecoder('utf-16le'), skip: UTF16LE_BOM.length };
  if (startsWith(head, UTF16BE_BOM)) return { decoder: iconvDecoder('utf-16be'), skip: UTF16BE_BOM.length };
  return { decoder: detectingDecoder(), skip: 0 };
}

/** Text pieces of a byte stream, without its BOM; throws DATASET_UNREADABLE on a mixed encoding. */
export async function* decodeTextChunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  try {
    yield* decodeChunks(chunks, decoderFor);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    throw datasetUnreadable({ zh: '文件前部为 UTF-8 编码，后部不是', en: 'the file starts as UTF-8 but later bytes are not UTF-8' });
  }
}
