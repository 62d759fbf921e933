import iconv from 'iconv-lite';

/**
 * Decoders for text that arrives in chunks (dataset uploads, documents to scan): a character cut
 * by a chunk boundary is completed by the next chunk. Shared by the dataset readers and the
 * publication scanner, which each decide the encoding their own way.
 */
export interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

/** Thrown by a strict UTF-8 decoder when the bytes turn out not to be UTF-8. */
export class NotUtf8 extends Error {}

export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
export const UTF16LE_BOM = [0xff, 0xfe] as const;
export const UTF16BE_BOM = [0xfe, 0xff] as const;

export function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** A Buffer over the same memory, for APIs that want one. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function iconvDecoder(encoding: 'gb18030' | 'utf-16le' | 'utf-16be'): ChunkDecoder {
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (bytes) => decoder.write(asBuffer(bytes)), end: () => decoder.end() ?? '' };
}

/** `fatal`: malformed bytes throw NotUtf8 rather than becoming U+FFFD. */
export function utf8Decoder(fatal: boolean): ChunkDecoder {
  const decoder = new TextDecoder('utf-8', { fatal, ignoreBOM: true });
  const guard = (decode: () => string): string => {
    try {
      return decode();
    } catch {
      throw new NotUtf8();
    }
  };
  return { write: (bytes) => guard(() => decoder.decode(bytes, { stream: true })), end: () => guard(() => decoder.decode()) };
}

/** Enough bytes to see any BOM before a decoder is chosen. */
const SNIFF_BYTES = 4;

/** How a reader picks its decoder from a file's first bytes, and how many of them (a BOM) to skip. */
export type DecoderChoice = (head: Uint8Array) => { decoder: ChunkDecoder; skip: number };

/** Text pieces of a byte stream, decoded as the bytes arrive, by the decoder `choose` picks from its first bytes. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, choose: DecoderChoice): AsyncGenerator<string> {
  let head: Uint8Array = new Uint8Array(0);
  let decoder: ChunkDecoder | undefined;
  const start = (): string => {
    const chosen = choose(head);
    decoder = chosen.decoder;
    return decoder.write(head.subarray(chosen.skip));
  };
  for await (const chunk of chunks) {
    let text: string;
    if (decoder !== undefined) {
      text = decoder.write(chunk);
    } else {
      // Copied, not kept: a source may fill the same buffer again for its next piece.
      head = head.length === 0 ? chunk.slice() : Buffer.concat([head, chunk]);
      if (head.length < SNIFF_BYTES) continue;
      text = start();
    }
    if (text.length > 0) yield text;
  }
  if (decoder === undefined) {
    if (head.length === 0) return;
    const text = start();
    if (text.length > 0) yield text;
  }
  const rest = (decoder as ChunkDecoder | undefined)?.end() ?? '';
  if (rest.length > 0) yield rest;
}
