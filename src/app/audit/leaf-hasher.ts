import { Worker } from 'node:worker_threads';
import { textLeafHash, type HashFunction } from '../../core/audit/merkle/index.ts';

/** Hashes pages of leaf texts; `close` releases whatever it holds. */
export interface LeafHasher {
  hash(leaves: string[]): Promise<Uint8Array[]>;
  close(): Promise<void>;
}

/** In the calling thread: for small logs, and wherever a worker cannot start. */
export function inlineLeafHasher(hash: HashFunction): LeafHasher {
  return { hash: async (leaves) => leaves.map((leaf) => textLeafHash(hash, leaf)), close: async () => {} };
}

/**
 * Leaf hashes in a worker thread, so that reading the next page and hashing tree nodes in the
 * main thread overlap with hashing this page's leaves: a full verification of a million
 * entries uses both cores. Pages are answered in the order they were sent.
 */
export function workerLeafHasher(algorithm: 'sha256' | 'sm3'): LeafHasher {
  const worker = new Worker(new URL('./leaf-hash-worker.ts', import.meta.url), { workerData: { algorithm } });
  const waiting: { resolve(hashes: Uint8Array[]): void; reject(error: unknown): void }[] = [];
  worker.on('message', (message: { digests: ArrayBuffer; size: number }) => {
    const bytes = new Uint8Array(message.digests);
    const hashes: Uint8Array[] = [];
    for (let offset = 0; offset < bytes.length; offset += message.size) hashes.push(bytes.subarray(offset, offset + message.size));
    waiting.shift()?.resolve(hashes);
  });
  worker.on('error', (error) => {
    for (const pending of waiting.splice(0)) pending.reject(error);
  });
  return {
    hash: (leaves) =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(leaves);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
