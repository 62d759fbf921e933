/**
 * The floor's ledger (bench/gateway-floor.ts): a batch of calls written in one SQLite transaction,
 * each a hash-chained audit row and an access record. It runs on the server's event loop, or in a
 * worker thread of its own with its own connection, which is this file's entry point there.
 */
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openSqlite } from '../../src/storage/sqlite-database.ts';

export interface FloorEntry {
  leaf: string;
  details: string;
  subjectIndex: string;
  valueHashes: string;
  at: string;
}

/** Writes a batch and resolves with the audit sequence number of its first call. */
export type FloorLedger = (batch: FloorEntry[]) => Promise<number>;

function writer(raw: DatabaseSync): (batch: FloorEntry[]) => number {
  const appendAudit = raw.prepare('insert into audit_entries values (?, ?, ?, ?)');
  const appendAccess = raw.prepare('insert into access_records (audit_seq, at, subject_index, value_hashes) values (?, ?, ?, ?)');
  let seq = 0;
  let chain: Uint8Array = new Uint8Array(32);
  return (batch) => {
    const first = seq + 1;
    raw.exec('begin immediate');
    for (const entry of batch) {
      seq += 1;
      chain = createHash('sha256').update(chain).update(entry.leaf).digest();
      appendAudit.run(seq, entry.at, entry.details, chain);
      appendAccess.run(seq, entry.at, entry.subjectIndex, entry.valueHashes);
    }
    raw.exec('commit');
    return first;
  };
}

/** The ledger on this thread, on the server's own connection. */
export function ledgerHere(raw: DatabaseSync): FloorLedger {
  const write = writer(raw);
  return (batch) => Promise.resolve(write(batch));
}

/** The ledger in a worker thread with its own connection to `path`; batches are answered in order. */
export function ledgerInWorker(path: string): { ledger: FloorLedger; stop: () => Promise<number> } {
  const worker = new Worker(new URL(import.meta.url), { workerData: { path } });
  const waiting: ((first: number) => void)[] = [];
  worker.on('message', (first: number) => waiting.shift()?.(first));
  return {
    ledger: (batch) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        worker.postMessage(batch);
      }),
    stop: () => worker.terminate(),
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const write = writer(openSqlite((workerData as { path: string }).path).raw);
  port.on('message', (batch: FloorEntry[]) => port.postMessage(write(batch)));
}
