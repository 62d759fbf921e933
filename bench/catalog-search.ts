/**
 * bench/catalog-search: seeds 100,000 catalog resources and measures search latency for
 * two-character Chinese queries through the catalog use case, on SQLite and (when
 * TEST_DATABASE_URL is set) PostgreSQL. The baseline, measured in the same run on the same data,
 * is the naive alternative the n-gram index replaces: a LIKE '%term%' scan over name and summary.
 * Target: p95 under 20 ms on SQLite.
 *
 *   npm run bench:catalog              (RESOURCES=20000 for a quicker run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Resource } from '../src/core/catalog/resource.ts';
import { seededRandom, uuidV7Generator } from '../src/core/shared/id-generator.ts';
import { ManualClock } from '../src/core/shared/clock.ts';
import { syntheticUscc } from '../src/app/demo/synthetic-uscc.ts';
import { loadConfig } from '../src/config/config.ts';
import { openRuntime, type Runtime } from '../src/main/runtime.ts';

const TOTAL = Number(process.env['RESOURCES'] ?? 100_000);
const QUERIES = 400;
const BASELINE_QUERIES = 40;
const TOPICS = ['户籍', '低保', '社保', '医保', '婚姻', '出生', '企业', '税务', '就业', '教育', '住房', '公积金', '车辆', '驾驶', '不动产', '环境', '交通', '水利', '农业', '残疾', '养老', '救助', '殡葬', '兵役', '信访', '消防', '药品', '食品', '价格', '统计'];
const KINDS = ['信息', '名单', '记录', '台账', '统计', '档案', '明细', '目录'];
/** Place-like words from this pool are rare: each two-character word names only a few resources. */
const POOL = '安宝北碧滨昌城川丹德东峰丰福富港广桂海河和红宏华淮黄惠吉嘉江金锦晋京景靖九康乐丽连良林临柳龙隆鹿罗梅美明南宁平浦齐祁青清庆泉仁荣瑞山商上韶深沈盛石寿舒双顺松苏台泰唐天通桐万旺威潍渭文武西仙香湘祥兴秀徐宣阳扬义益永余玉元岳云长昭振镇中舟珠资紫';
const FILLER = '的和与及对在为由按向从于依据办理登记审核发放变更注销查询核验服务管理公开共享应用系统平台数据部门本县乡镇街道村社区';

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function resourceAt(index: number, random: () => number, providerOrgId: string): Resource {
  const topic = pick(random, TOPICS);
  const place = pick(random, [...POOL]) + pick(random, [...POOL]);
  const name = `${place}${topic}${pick(random, KINDS)}${index % 97}`;
  let summary = `${topic}相关${pick(random, KINDS)}，`;
  for (let word = 0; word < 20; word++) summary += FILLER[Math.floor(random() * FILLER.length)];
  const now = '2026-11-27T00:00:00.000Z';
  return {
    id: `r${String(index).padStart(8, '0')}`,
    code: `BENCH-${index}`,
    classificationCode: 'Z99',
    name,
    summary,
    format: 'database',
    items: [{ name: '名称', code: 'name', dataType: 'string', piClass: 'none', sensitiveCategory: null, grade: 'general-1', mask: 'none', subjectKey: false }],
    sharing: { type: 'unconditional', methods: ['api'], conditions: [], legalBasisIds: [] },
    openType: 'open',
    updateCycle: 'daily',
    relatedCodes: [],
    providerOrgId,
    status: index % 10 === 0 ? 'draft' : 'published',
    version: 1,
    grade: 'general-1',
    piClass: 'none',
    gradeFloors: {},
    publishDate: '2026-11-27',
    createdAt: now,
    updatedAt: now,
  };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

async function measure(runtime: Runtime, label: string): Promise<{ p50: number; p95: number; likeP95: number }> {
  const bytes = seededRandom(7);
  const random = () => bytes(4).reduce((sum, byte, index) => sum + byte * 256 ** index, 0) / 2 ** 32;
  const { services, context } = runtime;
  await services.regions.create(null, { code: '331199', name: 'bench' });
  const provider = await services.organisations.create(null, { name: 'bench', uscc: syntheticUscc('331199', 1), regionCode: '331199', kind: 'department' });
  await services.people.create(null, { orgId: provider.id, login: 'bench.user', name: 'bench', roles: ['consumer'] });
  const principal = await services.auth.localPrincipal('bench.user');

  const started = performance.now();
  const batch = 1000;
  for (let start = 0; start < TOTAL; start += batch) {
    await context.store.transaction(async (repositories) => {
      for (let index = start; index < Math.min(TOTAL, start + batch); index++) await repositories.resources.insert(resourceAt(index, random, provider.id));
    });
    if ((start / batch) % 10 === 0) process.stderr.write(`\r${label}: seeded ${start + batch}/${TOTAL}`);
  }
  process.stderr.write(`\r${label}: seeded ${TOTAL} resources in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  if (runtime.database.dialect === 'postgres') await sql`analyze`.execute(runtime.database.db);

  // A third each: a topic (one resource in 30), a kind of record (one in 8), and a rare place word
  // (a few resources), which is where a scan without an index hurts most.
  const queries = Array.from({ length: QUERIES }, (_, index) =>
    index % 3 === 0 ? pick(random, TOPICS).slice(0, 2) : index % 3 === 1 ? pick(random, KINDS) : pick(random, [...POOL]) + pick(random, [...POOL]),
  );
  for (const query of queries.slice(0, 20)) await services.catalog.search(principal, { text: query, limit: 20 });
  const timings: number[] = [];
  for (const query of queries) {
    const before = performance.now();
    await services.catalog.search(principal, { text: query, limit: 20 });
    timings.push(performance.now() - before);
  }
  timings.sort((left, right) => left - right);

  const baseline: number[] = [];
  for (const query of queries.slice(0, BASELINE_QUERIES)) {
    const before = performance.now();
    await context.store.database.db
      .selectFrom('resources')
      .select(['id', 'document'])
      .where((where) => where.or([where('name', 'like', `%${query}%`), where('summary', 'like', `%${query}%`)]))
      .where('status', '=', 'published')
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    baseline.push(performance.now() - before);
  }
  baseline.sort((left, right) => left - right);
  const result = { p50: percentile(timings, 0.5), p95: percentile(timings, 0.95), likeP95: percentile(baseline, 0.95) };
  process.stdout.write(
    `${label}: ${QUERIES} two-character queries over ${TOTAL} resources: p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms; ` +
      `LIKE-scan baseline p95 ${result.likeP95.toFixed(2)} ms; baseline/index ratio ${(result.likeP95 / result.p95).toFixed(1)}x\n`,
  );
  return result;
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<{ p50: number; p95: number; likeP95: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'custos-bench-'));
  const url = process.env['TEST_DATABASE_URL'];
  const schema = `bench_${Date.now().toString(36)}`;
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  }
  const config = loadConfig({ environment: {}, flags: { dataDir, logLevel: 'silent', databaseUrl: dialect === 'postgres' ? url : undefined } });
  const clock = new ManualClock('2026-11-27T02:00:00Z');
  const random = seededRandom(1);
  const runtime = openRuntime(config, { clock, random, ids: uuidV7Generator(clock, random), ...(dialect === 'postgres' ? { schema } : {}) });
  try {
    await runtime.migrate();
    return await measure(runtime, dialect);
  } finally {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    }
  }
}

const sqlite = await run('sqlite');
const postgres = process.env['TEST_DATABASE_URL'] ? await run('postgres') : null;
const round = (value: number) => Math.round(value * 100) / 100;
process.stdout.write(
  `${JSON.stringify({
    resources: TOTAL,
    search_p50_ms_sqlite: round(sqlite.p50),
    search_p95_ms_sqlite: round(sqlite.p95),
    like_scan_p95_ms_sqlite: round(sqlite.likeP95),
    ratio_sqlite: round(sqlite.likeP95 / sqlite.p95),
    search_p50_ms_pg: postgres && round(postgres.p50),
    search_p95_ms_pg: postgres && round(postgres.p95),
    like_scan_p95_ms_pg: postgres && round(postgres.likeP95),
    ratio_pg: postgres && round(postgres.likeP95 / postgres.p95),
    target_p95_ms_sqlite: 20,
  })}\n`,
);
