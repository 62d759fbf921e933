/**
 * bench/gateway-floor: how fast any gateway of issue #5's shape can answer on this machine and
 * this stack, measured beside the same bare Fastify route that `npm run bench:gateway` compares
 * against, in one run (docs/benchmarks.md).
 *
 * The floor route is hand-written and does only what every permitted subject query must do, in
 * the cheapest way: one read of the policy version, the subject's blind index, one indexed row
 * lookup, the two granted fields decrypted (of three stored encrypted), masked and hashed as
 * delivered, and, by group commit in one SQLite transaction a batch, one hash-chained audit row
 * and one access record a call. It has no authentication, grant, user, quota or consent check, no
 * Merkle tree, no detector features, no query builder and no error handling: no gateway can do
 * less and still meet the issue.
 *
 * It runs in three forms, each on its own SQLite file with the production pragmas:
 * - `floor`: the two written tables have their primary keys only;
 * - `floor + index`: the access records also carry the one secondary index the citizen view
 *   cannot do without (a subject's accesses by time, PIPL Art. 45 and issue #8);
 * - `floor + index, ledger in a worker`: the same, with the batches written by a worker thread on
 *   its own connection, so that SQLite's synchronous calls leave the event loop.
 *
 *   npm run bench:gateway-floor          (ROWS=20000 CONNECTIONS=50 DURATION_S=10 WARMUP_S=2 ROUNDS=2)
 *
 * Each round loads the bare route and each form in turn (autocannon in a child
 * process); the best round of each is compared. Its last line is JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { canonicalJson } from '../src/core/audit/canonical-json.ts';
import { pooledSecureRandom } from '../src/core/shared/id-generator.ts';
import { cipherSuite } from '../src/crypto/cipher-suite.ts';
import { fieldCipher, newDataKey } from '../src/crypto/field-cipher.ts';
import { keyedHasher } from '../src/crypto/keyed-hash.ts';
import { QueryAnswerSchema, QueryBodySchema } from '../src/gateway/exchange-schemas.ts';
import { openSqlite } from '../src/storage/sqlite-database.ts';
import { listenBare } from './gateway/bare-app.ts';
import { ledgerHere, ledgerInWorker, type FloorEntry } from './gateway/floor-ledger.ts';
import { runLoad, type LoadFigures } from './gateway/run-load.ts';
import { syntheticResidents, type Resident } from './gateway/world.ts';

const ROWS = Number(process.env['ROWS'] ?? 20_000);
const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 50);
const DURATION_S = Number(process.env['DURATION_S'] ?? 10);
const WARMUP_S = Number(process.env['WARMUP_S'] ?? 2);
const ROUNDS = Number(process.env['ROUNDS'] ?? 2);
const PATH = '/api/v1/exchange/FLOOR/query';
/** Stored encrypted, as in `npm run bench:gateway`; the grant covers the first two only, so only they are decrypted. */
const SEALED_ITEMS = ['name', 'resident_id', 'address'] as const;

const random = pooledSecureRandom();
const suite = cipherSuite('intl');
const cipher = fieldCipher(suite, newDataKey(suite, random), random);
const hash = keyedHasher(newDataKey(suite, random), 'intl');

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function place(item: string, row: number): string {
  return `FLOOR/${item}/1/${row}`;
}

const FORMS = ['floor', 'floor + index', 'floor + index, ledger in a worker'] as const;
type Form = (typeof FORMS)[number];
/** The forms' names in the JSON line. */
const FORM_KEYS: Record<Form, string> = { floor: 'floor', 'floor + index': 'floor_indexed', 'floor + index, ledger in a worker': 'floor_worker' };

interface Pending extends FloorEntry {
  done: (seq: number) => void;
}

/** One floor server on its own SQLite file: the residents sealed and loaded, the route listening. */
async function listenFloor(directory: string, residents: readonly Resident[], form: Form): Promise<{ url: string; app: FastifyInstance }> {
  const path = join(directory, `${form.replace(/\W+/g, '-')}.db`);
  const { raw } = openSqlite(path);
  raw.exec(`
    create table policy_counter (id integer primary key, version integer not null);
    insert into policy_counter values (1, 1);
    create table dataset_rows (row_number integer primary key, subject_index text not null, region_code text, document text not null);
    create index dataset_rows_subject on dataset_rows (subject_index);
    create table audit_entries (seq integer primary key, time text not null, details text not null, chain blob not null);
    create table access_records (id integer primary key, audit_seq integer not null, at text not null, subject_index text not null, value_hashes text not null);
  `);
  if (form !== 'floor') raw.exec('create index access_records_subject on access_records (subject_index, at)');
  const insert = raw.prepare('insert into dataset_rows values (?, ?, ?, ?)');
  raw.exec('begin');
  residents.forEach((resident, index) => {
    const sealed = Object.fromEntries(SEALED_ITEMS.map((item) => [item, cipher.encrypt(item === 'name' ? resident.name : item === 'address' ? resident.address : resident.residentId, place(item, index + 1))]));
    insert.run(index + 1, hash('subject', resident.residentId), resident.residentId.slice(0, 6), JSON.stringify({ plain: {}, sealed }));
  });
  raw.exec('commit');
  raw.exec('analyze');

  const policy = raw.prepare('select version from policy_counter where id = 1');
  const find = raw.prepare('select row_number, region_code, document from dataset_rows where subject_index = ? order by row_number limit 2');
  const inWorker = form === 'floor + index, ledger in a worker' ? ledgerInWorker(path) : null;
  const ledger = inWorker?.ledger ?? ledgerHere(raw);
  let queue: Pending[] = [];
  // Group commit: the calls of one turn of the event loop share a transaction.
  const commitBatch = async (): Promise<void> => {
    const batch = queue;
    queue = [];
    let seq = await ledger(batch.map(({ done: _done, ...entry }) => entry));
    for (const entry of batch) entry.done(seq++);
  };

  const app = Fastify({ logger: false });
  app.addHook('onClose', async () => {
    await inWorker?.stop();
    raw.close();
  });
  app.post<{ Body: { subject?: string } }>('/api/v1/exchange/:resourceCode/query', { schema: { body: QueryBodySchema, response: { 200: QueryAnswerSchema } } }, async (request, reply) => {
    policy.get();
    const subjectIndex = hash('subject', request.body.subject ?? '');
    const records: Record<string, string>[] = [];
    const valueHashes: Record<string, string> = {};
    let regionCode = '';
    for (const row of find.all(subjectIndex) as { row_number: number; region_code: string; document: string }[]) {
      const { sealed } = JSON.parse(row.document) as { sealed: Record<string, string> };
      const name = cipher.decrypt(sealed['name']!, place('name', row.row_number));
      const residentId = cipher.decrypt(sealed['resident_id']!, place('resident_id', row.row_number));
      const record = { name: `${name.slice(0, 1)}**`, resident_id: `${residentId.slice(0, 6)}********${residentId.slice(-4)}` };
      valueHashes['name'] = hash('delivered/name', record.name);
      valueHashes['resident_id'] = hash('delivered/resident_id', record.resident_id);
      records.push(record);
      regionCode = row.region_code;
    }
    const at = new Date().toISOString();
    const details = JSON.stringify({ records: records.length, regions: { [regionCode]: records.length }, user: request.headers['x-custos-user'] });
    const leaf = canonicalJson({ actor: { type: 'system', id: 'floor' }, action: 'exchange.query', object: { type: 'resource', id: 'FLOOR' }, details });
    const auditSeq = await new Promise<number>((done) => {
      if (queue.length === 0) setImmediate(() => void commitBatch());
      queue.push({ leaf, details, subjectIndex, valueHashes: JSON.stringify(valueHashes), at, done });
    });
    void reply.header('x-custos-audit-seq', auditSeq);
    return { records, nextCursor: null };
  });
  return { url: await app.listen({ host: '127.0.0.1', port: 0 }), app };
}

function round(value: number, digits = 0): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

const directory = mkdtempSync(join(tmpdir(), 'custos-bench-floor-'));
try {
  const residents = syntheticResidents(ROWS);
  const bodiesFile = join(directory, 'bodies.json');
  writeFileSync(bodiesFile, JSON.stringify(residents.map((resident) => JSON.stringify({ subject: resident.residentId }))));
  const servers: Record<string, { url: string; app: FastifyInstance }> = { bare: await listenBare('127.0.0.1') };
  for (const form of FORMS) servers[form] = await listenFloor(directory, residents, form);
  out(`${ROWS} residents sealed and loaded into each floor; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up and ${DURATION_S} s measured a load, ${ROUNDS} rounds`);
  const best: Record<string, LoadFigures> = {};
  for (let number = 1; number <= ROUNDS; number += 1) {
    for (const [name, server] of Object.entries(servers)) {
      const plan = (seconds: number) => ({ url: `${server.url}${PATH}`, connections: CONNECTIONS, seconds, headers: { 'x-custos-purpose': 'FLOOR' }, users: ['floor-clerk'], bodiesFile });
      await runLoad(plan(WARMUP_S));
      const cpu = process.cpuUsage();
      const figures = await runLoad(plan(DURATION_S));
      const { user, system } = process.cpuUsage(cpu);
      if (figures.non2xx > 0 || figures.errors > 0) throw new Error(`${name}: ${figures.non2xx} non-2xx answers, ${figures.errors} errors`);
      // Every server lives in this process and only one is loaded at a time: the CPU is that one's.
      out(`round ${number}, ${name}: ${round(figures.requestsPerSecond)} req/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms, server CPU ${round((user + system) / figures.requests)} µs a call`);
      if (!best[name] || figures.requestsPerSecond > best[name].requestsPerSecond) best[name] = figures;
    }
  }
  for (const server of Object.values(servers)) await server.app.close();
  const bare = best['bare']!.requestsPerSecond;
  const summary: Record<string, number> = { bare_rps: round(bare) };
  const lines = FORMS.map((form) => {
    const { requestsPerSecond, latencyP99Ms } = best[form]!;
    const key = FORM_KEYS[form];
    Object.assign(summary, { [`${key}_rps`]: round(requestsPerSecond), [`${key}_ratio`]: round(requestsPerSecond / bare, 3), [`${key}_p99_ms`]: latencyP99Ms });
    return `${form} ${round(requestsPerSecond)} req/s (ratio ${round(requestsPerSecond / bare, 3)}, p99 ${latencyP99Ms} ms)`;
  });
  out(`best: bare ${round(bare)} req/s; ${lines.join('; ')}`);
  out(JSON.stringify(summary));
} finally {
  rmSync(directory, { recursive: true, force: true });
}
