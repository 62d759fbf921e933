import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DomainError } from '../../core/shared/domain-error.ts';
import { datasetUnreadable } from './dataset-record.ts';

/** Where a dataset's bytes come from: a file on disk (streamed) or bytes already in memory. */
export type DatasetSource = { path: string } | { bytes: Uint8Array };

/** A dataset's bytes as chunks, counted as they are taken, for progress reports. */
export interface ByteSource {
  /** The bytes, once; iterating them again is a programming error. */
  chunks(): AsyncIterable<Buffer>;
  /** Set when the source is bytes in memory, for a reader that needs the whole file at once. */
  whole: Uint8Array | null;
  totalBytes: number | null;
  bytesRead(): number;
  /** For a reader that takes the whole file: everything counts as read. */
  markAllRead(): void;
}

/** 64 KiB, the size Node reads files in; small enough that progress moves on a small file. */
const CHUNK_BYTES = 64 * 1024;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function* slices(bytes: Uint8Array): Generator<Buffer> {
  for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) yield asBuffer(bytes.subarray(offset, offset + CHUNK_BYTES));
}

/**
 * Opens a source. A file's size is looked up first, so a missing or unreadable path fails here
 * with DATASET_UNREADABLE, and the message never names the path: file names of personal data
 * exports often carry a person's name.
 */
export async function openByteSource(source: DatasetSource): Promise<ByteSource> {
  let bytesRead = 0;
  let opened = false;
  const counted = async function* (chunks: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
    if (opened) throw new Error('a dataset source is read once');
    opened = true;
    for await (const chunk of chunks) {
      bytesRead += chunk.byteLength;
      yield chunk;
    }
  };
  if ('bytes' in source) {
    const bytes = source.bytes;
    return {
      chunks: () => counted(slices(bytes)),
      whole: bytes,
      totalBytes: bytes.byteLength,
      bytesRead: () => bytesRead,
      markAllRead: () => {
        bytesRead = bytes.byteLength;
      },
    };
  }
  const path = source.path;
  let totalBytes: number;
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw datasetUnreadable({ zh: '路径不是文件', en: 'the path is not a file' });
    totalBytes = stats.size;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw datasetUnreadable({ zh: '文件不存在或无权读取', en: 'the file does not exist or cannot be opened' }, error);
  }
  const read = async function* (): AsyncGenerator<Buffer> {
    try {
      // Breaking out of the loop destroys the stream, which closes the file.
      for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
    } catch (error) {
      throw datasetUnreadable({ zh: '读取文件时出错', en: 'the file could not be read to the end' }, error);
    }
  };
  return {
    chunks: () => counted(read()),
    whole: null,
    totalBytes,
    bytesRead: () => bytesRead,
    markAllRead: () => {
      bytesRead = totalBytes;
    },
  };
}
