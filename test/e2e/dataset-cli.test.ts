import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueContext } from '../../src/app/exchange/stored-form.ts';
import { defaultKeyStorePath, loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { RESIDENTS, residentId, residentsCsv, type Resident } from '../gateway/gateway-world.ts';
import { buildSharingWorld } from '../support/sharing-world.ts';

const CLI = join(import.meta.dirname, '../../src/main/custos.ts');

let data = '';
let files = '';

/** Runs the real `custos` binary on the suite's data folder (or another), with a clean environment. */
function custos(args: string[], dataDir = data) {
  return spawnSync(process.execPath, [CLI, ...args, '--data', dataDir], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 });
}

/** The library on the same data folder and key store as the binary, for setup and for reading back. */
async function withLibrary<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = openRuntime(loadConfig({ environment: {}, flags: { dataDir: data, logLevel: 'silent' } }));
  try {
    await runtime.migrate();
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

function file(name: string, content: Uint8Array | string): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

/** The KEK ids `custos keys list` prints, the current one marked. */
function listedKeys(): { id: string; current: boolean }[] {
  const listed = custos(['keys', 'list']);
  expect(listed.status, listed.stderr).toBe(0);
  return listed.stdout
    .split('\n')
    .filter((line) => line.startsWith('kek-'))
    .map((line) => ({ id: line.split(/\s+/u)[0]!, current: line.includes('current') }));
}

beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'custos-dataset-cli-'));
  files = mkdtempSync(join(tmpdir(), 'custos-dataset-files-'));
  // The police bureau with its published resources (COND: name, resident_id, address).
  await withLibrary(async (runtime) => {
    await buildSharingWorld(runtime);
  });
});

afterAll(() => {
  for (const path of [data, files, join(defaultKeyStorePath(data), '..')]) rmSync(path, { recursive: true, force: true });
});

/** Each test spawns the binary several times; a busy machine runs the whole suite in parallel. */
const SPAWNING = { timeout: 120_000 };

describe('custos dataset', SPAWNING, () => {
  it('teaches with --help, Chinese first, with examples', () => {
    const help = custos(['dataset', 'load', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('custos dataset load --resource 331199-GA-0001');
    expect(help.stdout).toContain('Exit codes');
    expect(help.stdout.indexOf('加载托管数据集')).toBeLessThan(help.stdout.indexOf('Loads a new version'));
    expect(custos(['--help']).stdout).toContain('dataset');
    expect(custos(['keys', '--help']).stdout).toContain('keystore.json');
  });

  it('loads a CSV as the local process, then as the provider, and shows the version in force', () => {
    const csv = file('户籍人口.csv', residentsCsv());
    const loaded = custos(['dataset', 'load', '--resource', 'COND', csv]);
    expect(loaded.stderr).toBe('');
    expect(loaded.status).toBe(0);
    expect(loaded.stdout).toContain('loaded version 1 of COND: 4 rows');
    expect(loaded.stdout).toContain('stored encrypted: name, resident_id, address');
    const asProvider = custos(['dataset', 'load', '--resource', 'COND', csv, '--as', 'police-admin']);
    expect(asProvider.status, asProvider.stderr).toBe(0);
    expect(asProvider.stdout).toContain('loaded version 2 of COND');
    const shown = custos(['dataset', 'show', '--resource', 'COND', '--as', 'police-admin']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/version:\s+2/u);
    expect(shown.stdout).toMatch(/rows:\s+4/u);
    expect(shown.stdout).toMatch(/mode:\s+hosted/u);
    for (const resident of RESIDENTS) expect(shown.stdout).not.toContain(resident.residentId);
  });

  it('shows a progress bar of bytes and rows on stderr for a large file', () => {
    const residents: Resident[] = Array.from({ length: 5000 }, (_, index) => ({ name: `居民${index}`, residentId: residentId('331199', `${1980 + Math.floor(index / 1000)}0101`, index % 1000), address: `云溪县城关镇新村${index}号楼` }));
    const csv = file('large.csv', residentsCsv(residents));
    const loaded = custos(['dataset', 'load', '--resource', 'COND', csv]);
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('5000 rows');
    expect(loaded.stderr).toContain('加载数据 / loading 100%');
    expect(loaded.stderr).toContain('5000 行 / rows');
    // Put the four residents back for the tests below.
    expect(custos(['dataset', 'load', '--resource', 'COND', file('again.csv', residentsCsv())]).status).toBe(0);
  });

  it('refuses bad rows with exit 1, by row number and item, the first 20 and a count, echoing no value', () => {
    const good = RESIDENTS[0]!;
    const lines = ['姓名,公民身份号码,住址', `${good.name},${good.residentId},${good.address}`];
    const bad: string[] = [];
    for (let row = 2; row <= 26; row++) {
      const wrong = `33119919900101${String(row).padStart(3, '0')}Z`;
      bad.push(wrong);
      lines.push(`坏人${row},${wrong},某地${row}号`);
    }
    const refused = custos(['dataset', 'load', '--resource', 'COND', file('bad.csv', `${lines.join('\n')}\n`)]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('VALIDATION_FAILED');
    expect(refused.stderr).toMatch(/^ {2}第 2 行.*\/ row 2: /mu);
    expect(refused.stderr).toMatch(/^ {2}第 21 行.*\/ row 21: /mu);
    expect(refused.stderr).not.toContain('row 22:');
    expect(refused.stderr).toContain('the first 20 follow');
    expect(refused.stderr).toContain('5 more errors not shown');
    for (const value of [...bad, '坏人2', '某地2号', good.name, good.residentId]) expect(refused.stderr).not.toContain(value);
    // Nothing replaced.
    expect(custos(['dataset', 'show', '--resource', 'COND', '--as', 'police-admin']).stdout).toMatch(/rows:\s+4\n/u);
  });

  it('exits 2 when the file cannot be read, and 1 when the login may not load', () => {
    const missing = custos(['dataset', 'load', '--resource', 'COND', join(files, 'no-such.csv')]);
    expect([missing.status, missing.stderr.includes('FILE_UNREADABLE')]).toEqual([2, true]);
    const unknown = custos(['dataset', 'load', '--resource', 'COND', file('residents.tsv', 'a\tb\n')]);
    expect([unknown.status, unknown.stderr.includes('FORMAT_UNKNOWN')]).toEqual([2, true]);
    const notAWorkbook = custos(['dataset', 'load', '--resource', 'COND', file('residents.xlsx', 'not a workbook')]);
    expect([notAWorkbook.status, notAWorkbook.stderr.includes('DATASET_UNREADABLE')]).toEqual([2, true]);
    const otherProvider = custos(['dataset', 'load', '--resource', 'COND', file('ok.csv', residentsCsv()), '--as', 'civil-admin']);
    expect([otherProvider.status, otherProvider.stderr.includes('NOT_FOUND')]).toEqual([1, true]);
    const otherShow = custos(['dataset', 'show', '--resource', 'COND', '--as', 'civil-admin']);
    expect([otherShow.status, otherShow.stderr.includes('NOT_FOUND')]).toEqual([1, true]);
  });
});

describe('custos keys', SPAWNING, () => {
  it('refuses to remove the current key, even while it wraps nothing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'custos-keys-cli-'));
    try {
      // Listing creates nothing: a mistyped data folder does not grow a key store.
      const nothing = custos(['keys', 'list'], empty);
      expect([nothing.status, nothing.stdout.includes('current'), existsSync(defaultKeyStorePath(empty))]).toEqual([0, false, false]);
      expect(custos(['keys', 'rotate'], empty).status).toBe(0);
      const listed = custos(['keys', 'list'], empty);
      expect(listed.status, listed.stderr).toBe(0);
      const [only] = listed.stdout.split('\n').filter((line) => line.includes('current'));
      const refused = custos(['keys', 'remove', only!.split(/\s+/u)[0]!], empty);
      expect([refused.status, refused.stderr.includes('KEK_IS_CURRENT')]).toEqual([1, true]);
    } finally {
      for (const path of [empty, join(defaultKeyStorePath(empty), '..')]) rmSync(path, { recursive: true, force: true });
    }
  });

  it('lists key ids and dates, never key material', () => {
    const keys = listedKeys();
    expect(keys).toEqual([{ id: expect.stringMatching(/^kek-[0-9a-f]{8}$/u), current: true }]);
    const listed = custos(['keys', 'list']);
    expect(listed.stdout).toContain(defaultKeyStorePath(data));
    const store = JSON.parse(readFileSync(defaultKeyStorePath(data), 'utf8')) as { keys: { key: string }[] };
    for (const { key } of store.keys) expect(listed.stdout).not.toContain(key);
  });

  it('rotates, rewrapping every data key; removes the old key but not the current one; the data still reads', async () => {
    const [first] = listedKeys();
    const rotated = custos(['keys', 'rotate']);
    expect(rotated.status, rotated.stderr).toBe(0);
    // The resource's data key and the one that seals the people's TOTP seeds (sealed-secrets.ts).
    expect(rotated.stdout).toContain('rewrapped 2 data keys');
    const keys = listedKeys();
    const second = keys.find((key) => key.current)!;
    expect(keys.map((key) => key.id)).toEqual([first!.id, second.id]);
    expect(rotated.stdout).toContain(second.id);

    // The current key wraps every data key, so it is refused as in use before being refused as current.
    const current = custos(['keys', 'remove', second.id]);
    expect([current.status, current.stderr.includes('KEK_IN_USE')]).toEqual([1, true]);
    const removed = custos(['keys', 'remove', first!.id]);
    expect(removed.status, removed.stderr).toBe(0);
    expect(listedKeys()).toEqual([{ id: second.id, current: true }]);
    const unknown = custos(['keys', 'remove', first!.id]);
    expect([unknown.status, unknown.stderr.includes('KEK_NOT_FOUND')]).toEqual([1, true]);

    // The rows loaded under the first key decrypt with the data key as rewrapped.
    const [wang] = RESIDENTS;
    const names = await withLibrary(async (runtime) => {
      const dataset = (await runtime.context.store.read.datasets.get('COND'))!;
      const cipher = await runtime.services.dataKeys.cipherFor('COND');
      const rows = await runtime.context.store.read.datasets.find('COND', { terms: [], subjectIndex: null, regionPrefixes: null, afterRow: 0, limit: 10 });
      return rows.map((row) => cipher.decrypt(row.sealed['name']!, valueContext('COND', 'name', dataset.version, row.rowNumber)));
    });
    expect(names).toEqual(RESIDENTS.map((resident) => resident.name));
    expect(names[0]).toBe(wang!.name);
    const again = custos(['dataset', 'load', '--resource', 'COND', file('after-rotation.csv', residentsCsv())]);
    expect(again.status, again.stderr).toBe(0);
  });

  it('refuses to remove a key that still wraps a data key, until a rotation rewraps it', async () => {
    const [old] = listedKeys();
    // A rotation interrupted after the new key was made, before any data key was rewrapped.
    await withLibrary(async (runtime) => {
      await runtime.context.vault.keyStore.rotate();
    });
    const inUse = custos(['keys', 'remove', old!.id]);
    expect([inUse.status, inUse.stderr.includes('KEK_IN_USE')]).toEqual([1, true]);
    const rotated = custos(['keys', 'rotate', '--as', 'admin']);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain('rewrapped 2 data keys');
    expect(custos(['keys', 'remove', old!.id, '--as', 'admin']).status).toBe(0);
    const consumer = custos(['keys', 'rotate', '--as', 'civil-user']);
    expect([consumer.status, consumer.stderr.includes('FORBIDDEN')]).toEqual([1, true]);
    expect(custos(['dataset', 'show', '--resource', 'COND', '--as', 'police-admin']).status).toBe(0);
  });
});
