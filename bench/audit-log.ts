/**
 * bench/audit-log: the tamper-evident audit log under load.
 *
 * 1. Appends through the AuditLog port (group commit) from many concurrent awaiting callers,
 *    sustained for DURATION_S seconds, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
 * 2. Baseline, in the same run and the same SQLite file: raw prepared inserts of the same leaf
 *    bytes in transactions of the same size, with no tree and no Kysely.
 * 3. Fills the SQLite log to 1,000,000 entries, then measures inclusion-proof latency (p99, in
 *    process, through the same code the API uses, after 500 warm-up proofs) and a full verify of all 1,000,000 entries.
 *
 *   npm run bench:audit     (DURATION_S=10 ENTRIES=1000000 CALLERS=1000)
 * Its last line is JSON. Targets: ≥ 20,000 appends/s on SQLite, proof p99 < 1 ms, verify < 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { leafText } from '../src/storage/audit/merkle-audit-log.ts';
import { loadConfig } from '../src/config/config.ts';
import { openRuntime, type Runtime } from '../src/main/runtime.ts';

const DURATION_S = Number(process.env['DURATION_S'] ?? 10);
const ENTRIES = Number(process.env['ENTRIES'] ?? 1_000_000);
const CALLERS = Number(process.env['CALLERS'] ?? 1000);
const PROOFS = 2000;

const actor = { type: 'system' as const, id: 'bench-app', org: 'bench-org' };

function event(index: number) {
  return { actor, action: 'exchange.query.permitted', object: `resource:BENCH-${index % 50}`, details: { subjects: index % 7, items: ['name', 'resident_id'], purpose: 'social-assistance', subject: `bi:${(index * 2654435761) % 4294967296}` } };
}

/** CALLERS loops, each awaiting its own append before the next, until the time is up. */
async function sustained(runtime: Runtime, seconds: number): Promise<{ appends: number; perSecond: number }> {
  const log = runtime.context.store.auditLog;
  const deadline = performance.now() + seconds * 1000;
  let appends = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      let index = caller;
      while (performance.now() < deadline) {
        await log.append(event(index));
        index += CALLERS;
        appends += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { appends, perSecond: appends / elapsed };
}

function baselineInserts(path: string, seconds: number, batch: number): number {
  const database = new DatabaseSync(path);
  database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE IF NOT EXISTS baseline (seq INTEGER PRIMARY KEY, leaf TEXT NOT NULL)');
  const insert = database.prepare('INSERT INTO baseline (seq, leaf) VALUES (?, ?)');
  const leaf = leafText({ seq: 0, time: new Date().toISOString(), ...event(1) });
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let seq = 0;
  while (performance.now() < deadline) {
    database.exec('BEGIN');
    for (let index = 0; index < batch; index++) insert.run(seq++, leaf);
    database.exec('COMMIT');
  }
  const perSecond = seq / ((performance.now() - started) / 1000);
  database.close();
  return perSecond;
}

async function fill(runtime: Runtime, target: number): Promise<void> {
  const store = runtime.context.store;
  let size = await store.auditStore.size();
  const started = performance.now();
  while (size < target) {
    const count = Math.min(5000, target - size);
    await store.transaction((repositories) => repositories.audit.appendBatch(Array.from({ length: count }, (_, offset) => event(size + offset))));
    size += count;
    if (size % 100_000 < count) process.stderr.write(`\rfilling: ${size}/${target} (${Math.round(size / ((performance.now() - started) / 1000))}/s)`);
  }
  process.stderr.write('\n');
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

async function withRuntime<T>(dialect: 'sqlite' | 'postgres', work: (runtime: Runtime, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'custos-bench-audit-'));
  const url = process.env['TEST_DATABASE_URL'];
  const schema = `bench_audit_${Date.now().toString(36)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  if (dialect === 'postgres') await admin(`CREATE SCHEMA ${schema}`);
  const config = loadConfig({ environment: {}, flags: { dataDir, logLevel: 'silent', databaseUrl: dialect === 'postgres' ? url : undefined } });
  const runtime = openRuntime(config, dialect === 'postgres' ? { schema } : {});
  try {
    await runtime.migrate();
    return await work(runtime, dataDir);
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') await admin(`DROP SCHEMA ${schema} CASCADE`);
  }
}

const sqlite = await withRuntime('sqlite', async (runtime, dataDir) => {
  const appends = await sustained(runtime, DURATION_S);
  process.stdout.write(`sqlite: ${appends.appends} appends in ${DURATION_S} s from ${CALLERS} concurrent callers: ${Math.round(appends.perSecond)} appends/s\n`);
  const baseline = baselineInserts(join(dataDir, 'custos.db'), DURATION_S, 2000);
  process.stdout.write(`sqlite baseline: raw prepared inserts of the same leaf bytes: ${Math.round(baseline)} inserts/s; ratio ${(appends.perSecond / baseline).toFixed(2)}\n`);

  await fill(runtime, ENTRIES);
  const audit = runtime.services.audit;
  const size = await runtime.context.store.auditStore.size();
  // Warm-up on other positions first: the timed proofs then reflect a running server, not the
  // first page faults after the million-entry fill.
  for (let proof = 0; proof < 500; proof++) await audit.inclusionProof(Math.floor((proof * 104729 + 17) % size), size);
  const timings: number[] = [];
  for (let proof = 0; proof < PROOFS; proof++) {
    const index = Math.floor((proof * 7919 * 104729) % size);
    const before = performance.now();
    await audit.inclusionProof(index, size);
    timings.push(performance.now() - before);
  }
  timings.sort((left, right) => left - right);
  process.stdout.write(`proofs at ${size} entries: p50 ${percentile(timings, 0.5).toFixed(3)} ms, p99 ${percentile(timings, 0.99).toFixed(3)} ms\n`);
  await audit.issueCheckpoint();
  const verifyStarted = performance.now();
  const outcome = await audit.verify();
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (!outcome.ok) throw new Error(`verify failed: ${outcome.problem.message}`);
  process.stdout.write(`full verify of ${outcome.size} entries: ${verifySeconds.toFixed(2)} s\n`);
  return { appends: appends.perSecond, baseline, proofP99: percentile(timings, 0.99), verifySeconds };
});

const postgres = process.env['TEST_DATABASE_URL']
  ? await withRuntime('postgres', async (runtime) => {
      const appends = await sustained(runtime, DURATION_S);
      process.stdout.write(`postgres: ${appends.appends} appends in ${DURATION_S} s: ${Math.round(appends.perSecond)} appends/s\n`);
      return appends.perSecond;
    })
  : null;

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
process.stdout.write(
  `${JSON.stringify({
    appends_per_s_sqlite: round(sqlite.appends),
    baseline_inserts_per_s_sqlite: round(sqlite.baseline),
    appends_per_s_pg: postgres === null ? null : round(postgres),
    proof_p99_ms: round(sqlite.proofP99, 3),
    verify_1m_s: round(sqlite.verifySeconds, 2),
  })}\n`,
);
