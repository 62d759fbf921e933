import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../src/main/custos.ts');
const folders: string[] = [];
/** The demo loads 10,000 synthetic citizens' encrypted rows before it serves: about 20 s alone, more while other test files run. */
const DEMO_START_MS = 120_000;
/** The demo's data folder, reused by later tests once the server has stopped. */
let demoData = '';

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'custos-e2e-'));
  folders.push(path);
  return path;
}

/** Runs the real `custos` binary with a clean environment (no DATABASE_URL leaks in from the shell). */
function custos(args: string[], environment: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ...environment }, timeout: 60_000 });
}

afterAll(() => {
  for (const path of folders) rmSync(path, { recursive: true, force: true });
});

describe('the custos command', () => {
  it('teaches with --help on the program and on each command', () => {
    const help = custos(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'catalog']) expect(help.stdout).toContain(command);
    const importHelp = custos(['catalog', 'import', '--help']);
    expect(importHelp.stdout).toContain('Example');
  });

  it('lists every configuration problem and exits non-zero', () => {
    const result = custos(['migrate', '--data', folder()], { CUSTOS_PORT: 'eighty', CUSTOS_CRYPTO_SUITE: 'rsa' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('port');
    expect(result.stderr).toContain('cryptoSuite');
  });

  it('seeds the demo, serves it on a loopback port, and stops on SIGTERM', async () => {
    const data = folder();
    demoData = data;
    const child = spawn(process.execPath, [CLI, 'demo', '--port', '0', '--data', data, '--log-level', 'warn'], { env: { PATH: process.env['PATH'] ?? '' } });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no server in time:\n${output}`)), DEMO_START_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.on('exit', () => reject(new Error(`exited early:\n${output}`)));
    });
    try {
      expect(output).toContain('/docs');
      const credentials = JSON.parse(readFileSync(join(data, 'demo-credentials.json'), 'utf8')) as {
        people: { login: string; token: string; roles: string[]; totpSecret: string }[];
        systems: { token: string; users: string[]; grants: { resourceCode: string; purpose: string }[] }[];
        citizens: { residentId: string }[];
      };
      expect(credentials.people.length).toBeGreaterThanOrEqual(10);
      // On the real clock, right after start: the household grant is in force and the system's token answers.
      const system = credentials.systems.find((candidate) => candidate.grants.some((grant) => grant.resourceCode === '331199-GA-0001'))!;
      const household = await fetch(`${url}/api/v1/exchange/331199-GA-0001/query`, {
        method: 'POST',
        headers: { authorization: `Bearer ${system.token}`, 'x-custos-purpose': 'ASSISTANCE-ELIGIBILITY', 'x-custos-user': system.users[0]!, 'content-type': 'application/json' },
        body: JSON.stringify({ subject: credentials.citizens[0]!.residentId }),
      });
      expect([household.status, ((await household.json()) as { records?: unknown[] }).records?.length]).toEqual([200, 1]);
      expect(household.headers.get('x-custos-audit-seq')).toMatch(/^\d+$/);
      const supervisor = credentials.people.find((person) => person.roles.includes('supervisor'))!;
      const health = await fetch(`${url}/api/v1/health`);
      expect(health.status).toBe(200);
      const catalog = (await (await fetch(`${url}/api/v1/catalog/resources?limit=200`, { headers: { authorization: `Bearer ${supervisor.token}` } })).json()) as { resources: { grade: string }[] };
      expect(catalog.resources.length).toBeGreaterThanOrEqual(15);
      expect(new Set(catalog.resources.map((resource) => resource.grade)).size).toBeGreaterThanOrEqual(4);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    // A second start finds the database and does not seed again.
    const again = spawnSync(process.execPath, [CLI, 'migrate', '--data', data], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(again.stdout).toContain('already up to date');
  }, DEMO_START_MS + 30_000);

  it('imports a GBK CSV as drafts, and refuses a bad one naming the row, exiting 1', () => {
    const data = demoData;
    const header = '资源代码,资源名称,分类代码,摘要,资源格式,共享类型,共享方式,共享条件,不予共享依据,开放属性,更新周期,关联资源,信息项名称,信息项代码,数据类型,个人信息类别,敏感类别,分级,脱敏方式,主体标识';
    const row = 'SC-9,企业年报信息,F06.02,企业年度报告公示信息,数据库,无条件共享,接口,,,无条件开放,每年,,企业名称,enterprise_name,字符型,无,,一般1级,不脱敏,否';
    const good = join(data, 'good.csv');
    writeFileSync(good, iconv.encode(`${header}\r\n${row}\r\n`, 'gbk'));
    const nobody = custos(['catalog', 'import', good, '--as', 'nobody', '--data', data]);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('NOT_FOUND');
    const imported = custos(['catalog', 'import', good, '--as', 'market.admin', '--data', data]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('imported 1');
    const bad = join(data, 'bad.csv');
    writeFileSync(bad, `${header}\n${row.replace('SC-9', 'SC-10').replace('一般1级', '机密')}\n`);
    const refused = custos(['catalog', 'import', bad, '--as', 'market.admin', '--data', data]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('/rows/1/grade');
    const exported = join(data, 'out.xlsx');
    expect(custos(['catalog', 'export', '--out', exported, '--as', 'market.admin', '--data', data]).status).toBe(0);
    expect(readFileSync(exported).subarray(0, 2).toString()).toBe('PK');
    const unknownFormat = custos(['catalog', 'import', join(data, 'file.txt'), '--as', 'x', '--data', data]);
    expect(unknownFormat.status).toBe(1);
    expect(unknownFormat.stderr).toContain('FORMAT_UNKNOWN');
  });
});

describe('custos audit', () => {
  it('verifies the demo log, proves an entry offline, and names a tampered entry with exit code 1', async () => {
    const data = demoData;
    expect(data).not.toBe('');
    const verified = custos(['audit', 'verify', '--data', data]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('verifies');

    const bundleFile = join(data, 'evidence.json');
    expect(custos(['audit', 'prove', '--seq', '3', '--out', bundleFile, '--data', data]).status).toBe(0);
    const key = (JSON.parse(readFileSync(bundleFile, 'utf8')) as { verifierKey: string }).verifierKey;
    const checked = custos(['audit', 'check-bundle', bundleFile, '--key', key]);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain('entry 3');
    const otherKey = key.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(custos(['audit', 'check-bundle', bundleFile, '--key', otherKey]).status).toBe(1);

    const { DatabaseSync } = await import('node:sqlite');
    const database = new DatabaseSync(join(data, 'custos.db'));
    database.prepare("UPDATE audit_entries SET leaf = replace(leaf, 'directory.', 'tampered.') WHERE seq = 4").run();
    database.close();
    const tampered = custos(['audit', 'verify', '--data', data]);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('ENTRY_MODIFIED');
    expect(tampered.stderr).toContain('4');
  });
});

describe('command-line actions in the audit log', () => {
  it('are marked as taken locally, apart from API actions', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const database = new DatabaseSync(join(demoData, 'custos.db'));
    const imported = database.prepare("SELECT leaf FROM audit_entries WHERE action = 'catalog.resource.created' ORDER BY seq DESC LIMIT 1").get() as { leaf: string };
    database.close();
    expect(JSON.parse(imported.leaf).actor.via).toBe('local');
  });
});
