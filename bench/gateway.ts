/**
 * bench/gateway: the exchange gateway's throughput and tail latency against a bare Fastify route
 * answering the same JSON, on the same machine and in the same run (issue #5).
 *
 * 1. Builds a county through the use cases (bench/gateway/world.ts): a published resource whose
 *    name, resident ID and address are stored encrypted, ROWS residents loaded, a grant approved
 *    through the sharing procedure, a system credential allowed from loopback.
 * 2. Serves the gateway with `runtime.serve` (production wiring: SQLite WAL with synchronous =
 *    NORMAL, audit group commit, masking, encryption, the checkpoint timer). The per-credential
 *    rate limit is a policy knob and is raised so that it does not cap the load; nothing else is
 *    changed. Log level is silent, as for the other benchmarks.
 * 3. Serves the baseline (bench/gateway/bare-app.ts) in the same process.
 * 4. Loads each from a child process (bench/gateway/load.ts, autocannon): WARMUP_S seconds of
 *    warm-up, then DURATION_S seconds with CONNECTIONS connections; each request names the next
 *    of the ROWS residents, so consecutive gateway calls ask for different subjects.
 *
 *   npm run bench:gateway                      (ROWS=20000 CONNECTIONS=50 DURATION_S=10 WARMUP_S=2)
 *   npm run bench:gateway -- --postgres        (on DATABASE_URL, else TEST_DATABASE_URL; a fresh schema)
 *   PROFILE_FILE=gateway.cpuprofile npm run bench:gateway   (a CPU profile of the measured gateway run)
 * Its last line is JSON. Targets on the 2-core machine: ratio ≥ 0.35, gateway p99 ≤ 15 ms.
 * Before it prints that line it also reports, for reading the figures on a shared machine: the
 * server's CPU time a call, how late the server's and the load generator's event loops ran, the
 * non-2xx count, the audit entries appended and, on PostgreSQL, when the loaded rows were analyzed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { defaultKeyStorePath, loadConfig } from '../src/config/config.ts';
import { openRuntime, type Runtime } from '../src/main/runtime.ts';
import { listenBare } from './gateway/bare-app.ts';
import { runLoad as load, type LoadPlan } from './gateway/run-load.ts';
import { buildGatewayWorld, PURPOSE_CODE, RESOURCE_CODE, syntheticResidents, type GatewayWorld } from './gateway/world.ts';

const ROWS = Number(process.env['ROWS'] ?? 20_000);
const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 50);
const DURATION_S = Number(process.env['DURATION_S'] ?? 10);
const WARMUP_S = Number(process.env['WARMUP_S'] ?? 2);
/** When set, a CPU profile of this process during the measured gateway run is written there (open it in Chrome's DevTools). */
const PROFILE_FILE = process.env['PROFILE_FILE'];
/** Far above what one process serves: the limiter still runs on every call, it just never refuses. */
const BENCH_RATE_PER_SECOND = 1_000_000;
const TARGET_RATIO = 0.35;
const TARGET_P99_MS = 15;

const postgresUrl = process.argv.includes('--postgres') || process.env['DATABASE_URL'] ? (process.env['DATABASE_URL'] ?? process.env['TEST_DATABASE_URL']) : undefined;
if (process.argv.includes('--postgres') && !postgresUrl) throw new Error('--postgres needs DATABASE_URL or TEST_DATABASE_URL (eval "$(scripts/start-postgres.sh 54334)")');
const dialect = postgresUrl ? 'postgres' : 'sqlite';
if (ROWS < 10_000) throw new Error('ROWS: at least 10,000 subjects');

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function round(value: number, digits = 0): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

interface Answer {
  records?: Record<string, string | null>[];
  nextCursor?: string | null;
  code?: string;
}

/** Runs `work` while recording how late this process's event loop ran: both servers live here. */
async function withLoopDelay<T>(work: () => Promise<T>): Promise<{ value: T; loop: string }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const value = await work();
    return { value, loop: `p99 ${round(histogram.percentile(99) / 1e6, 1)} ms, max ${round(histogram.max / 1e6, 1)} ms` };
  } finally {
    histogram.disable();
  }
}

/** Runs `work` under the V8 CPU profiler when PROFILE_FILE is set, and writes the profile there. */
async function profiled<T>(work: () => Promise<T>): Promise<T> {
  if (PROFILE_FILE === undefined) return work();
  const session = new Session();
  session.connect();
  const send = (method: string, params?: object): Promise<unknown> => new Promise((resolve, reject) => session.post(method, params, (error, answer) => (error ? reject(error) : resolve(answer))));
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await send('Profiler.stop')) as { profile: object };
    writeFileSync(PROFILE_FILE, JSON.stringify(profile));
    session.disconnect();
  }
}

/** User and system CPU time of this process (both servers live here; only one is loaded at a time). */
function cpuMicroseconds(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: Answer }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** Before measuring: a granted query answers 200 with exactly the subject's record, masked, and no plaintext. */
async function checkGateway(url: string, headers: Record<string, string>, world: GatewayWorld): Promise<void> {
  const resident = world.residents[world.residents.length - 1]!;
  const reply = await post(url, headers, JSON.stringify({ subject: resident.residentId }));
  const record = reply.body.records?.[0];
  const masked = `${resident.residentId.slice(0, 6)}********${resident.residentId.slice(-4)}`;
  const problems = [
    reply.status !== 200 && `status ${reply.status} ${reply.body.code ?? ''}`,
    reply.body.records?.length !== 1 && `${reply.body.records?.length ?? 0} records`,
    record?.['resident_id'] !== masked && `resident_id ${record?.['resident_id']}, expected ${masked}`,
    (record?.['name']?.[0] !== resident.name[0] || record?.['name'] === resident.name) && `name not masked: ${record?.['name']}`,
    JSON.stringify(reply.body).includes(resident.residentId) && 'the plaintext ID left the gateway',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`the gateway does not answer as granted: ${problems.join('; ')}`);
}

/** The audit log's size once the calls still in flight when a load stopped have committed. */
async function settledAuditSize(runtime: Runtime): Promise<number> {
  let size = await runtime.context.store.auditStore.size();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await runtime.context.store.auditStore.size();
    if (now === size) return size;
    size = now;
  }
}

/** One statement on its own connection, outside the runtime's pool. */
async function admin<Row extends Record<string, unknown>>(statement: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return (await client.query<Row>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * On PostgreSQL the dataset lookup's plan depends on whether autovacuum has analyzed the freshly
 * loaded rows yet (docs/benchmarks.md): the run says when that happened, so its figures can be read.
 */
async function rowStatistics(schema: string): Promise<string> {
  const [row] = await admin<{ analyzed: Date | null }>(`SELECT coalesce(last_analyze, last_autoanalyze) AS analyzed FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'dataset_rows'`, [schema]);
  return row?.analyzed ? `analyzed at ${row.analyzed.toISOString()}` : 'not analyzed yet';
}

async function withRuntime<T>(work: (runtime: Runtime, schema: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'custos-bench-gateway-'));
  const schema = `bench_gateway_${Date.now().toString(36)}`;
  if (postgresUrl) await admin(`CREATE SCHEMA ${schema}`);
  const config = loadConfig({ environment: {}, flags: { dataDir, logLevel: 'silent', gatewayRatePerSecond: BENCH_RATE_PER_SECOND, databaseUrl: postgresUrl } });
  const runtime = openRuntime(config, postgresUrl ? { schema } : {});
  try {
    await runtime.migrate();
    return await work(runtime, schema);
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(join(defaultKeyStorePath(dataDir), '..'), { recursive: true, force: true });
    if (postgresUrl) await admin(`DROP SCHEMA ${schema} CASCADE`);
  }
}

const result = await withRuntime(async (runtime, schema) => {
  const started = performance.now();
  const world = await buildGatewayWorld(runtime, syntheticResidents(ROWS));
  out(`${dialect}: world built, ${world.loadedRows} residents loaded (encrypted: ${world.encryptedItems.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  out(`settings: gatewayRatePerSecond raised to ${BENCH_RATE_PER_SECOND} for the bench (default 500); audit, masking, encryption and the SQLite durability pragmas as in production; log level silent`);

  if (postgresUrl) {
    // The server's own durability settings are the operator's; the test cluster runs with fsync off.
    const [settings] = await admin<{ fsync: string; synchronous_commit: string }>(`SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`);
    out(`postgres server: fsync=${settings?.fsync}, synchronous_commit=${settings?.synchronous_commit}`);
  }
  const gateway = await runtime.serve('127.0.0.1', 0);
  const bare = await listenBare('127.0.0.1');
  const bodiesFile = join(runtime.config.dataDir, 'bodies.json');
  writeFileSync(bodiesFile, JSON.stringify(world.residents.map((resident) => JSON.stringify({ subject: resident.residentId }))));
  const path = `/api/v1/exchange/${RESOURCE_CODE}/query`;
  const headers = { authorization: `Bearer ${world.token}`, 'x-custos-purpose': PURPOSE_CODE, 'x-custos-user': world.userLogin };
  try {
    await checkGateway(`${gateway.url}${path}`, headers, world);
    const plan = (base: string, seconds: number): LoadPlan => ({ url: `${base}${path}`, connections: CONNECTIONS, seconds, headers, users: world.clerkLogins, bodiesFile });

    await load(plan(bare.url, WARMUP_S));
    const bareCpu = process.cpuUsage();
    const { value: bareFigures, loop: bareLoop } = await withLoopDelay(() => load(plan(bare.url, DURATION_S)));
    const bareCpuPerCall = cpuMicroseconds(process.cpuUsage(bareCpu)) / bareFigures.requests;
    out(`bare Fastify route: ${round(bareFigures.requestsPerSecond)} req/s, p50 ${bareFigures.latencyP50Ms} ms, p99 ${bareFigures.latencyP99Ms} ms (${bareFigures.requests} requests, non-2xx ${bareFigures.non2xx}; server CPU ${round(bareCpuPerCall)} µs a call)`);

    await load(plan(gateway.url, WARMUP_S));
    const auditBefore = await settledAuditSize(runtime);
    if (postgresUrl) out(`postgres: dataset rows ${await rowStatistics(schema)}; gateway measurement starts ${new Date().toISOString()}`);
    const gatewayCpu = process.cpuUsage();
    const { value: gatewayFigures, loop: gatewayLoop } = await withLoopDelay(() => profiled(() => load(plan(gateway.url, DURATION_S))));
    const gatewayCpuPerCall = cpuMicroseconds(process.cpuUsage(gatewayCpu)) / gatewayFigures.requests;
    const appended = (await settledAuditSize(runtime)) - auditBefore;
    if (postgresUrl) out(`postgres: dataset rows ${await rowStatistics(schema)} (after the measurement)`);
    const ratio = gatewayFigures.requestsPerSecond / bareFigures.requestsPerSecond;
    out(`gateway (${dialect}): ${round(gatewayFigures.requestsPerSecond)} req/s, p50 ${gatewayFigures.latencyP50Ms} ms, p99 ${gatewayFigures.latencyP99Ms} ms, max ${gatewayFigures.latencyMaxMs} ms (${gatewayFigures.requests} requests over ${ROWS} subjects; server CPU ${round(gatewayCpuPerCall)} µs a call)`);
    out(`server event-loop delay: bare ${bareLoop}; gateway ${gatewayLoop}`);
    out(`load generator's own event-loop delay: p99 ${bareFigures.clientLoopDelayP99Ms} / ${gatewayFigures.clientLoopDelayP99Ms} ms, max ${bareFigures.clientLoopDelayMaxMs} / ${gatewayFigures.clientLoopDelayMaxMs} ms (bare / gateway; high values mean the machine starved it)`);
    out(`gateway non-2xx: ${gatewayFigures.non2xx} (status codes ${JSON.stringify(gatewayFigures.statusCodes)}; errors ${gatewayFigures.errors}, timeouts ${gatewayFigures.timeouts})`);
    out(`audit entries appended during the measured run: ${appended} for ${gatewayFigures.requests} answered requests (calls in flight when the load stopped are audited, not counted)`);
    // The server's own CPU time a call is less sensitive to other work on a shared machine than req/s.
    out(`server CPU a call: bare ${round(bareCpuPerCall)} µs, gateway ${round(gatewayCpuPerCall)} µs (ratio bare/gateway ${(bareCpuPerCall / gatewayCpuPerCall).toFixed(3)})`);
    out(`ratio gateway/bare: ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'not met'}); gateway p99 ${gatewayFigures.latencyP99Ms} ms (target ≤ ${TARGET_P99_MS} ms: ${gatewayFigures.latencyP99Ms <= TARGET_P99_MS ? 'met' : 'not met'})`);
    if (gatewayFigures.non2xx > 0 || gatewayFigures.errors > 0) process.exitCode = 1;
    return { bare_rps: round(bareFigures.requestsPerSecond), gateway_rps: round(gatewayFigures.requestsPerSecond), ratio: round(ratio, 3), gateway_p99_ms: gatewayFigures.latencyP99Ms };
  } finally {
    await bare.app.close();
    await gateway.close();
  }
});

out(JSON.stringify(result));
