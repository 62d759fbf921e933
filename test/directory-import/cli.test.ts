import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import type { CliHost } from '../../src/cli/cli-host.ts';
import { directoryCommands } from '../../src/cli/directory-commands.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { buildWorld, REGION } from '../support/world.ts';
import { countPeople, utf8Csv } from './sheets.ts';

/** A host whose runtime is the test's own, left open between commands. */
function hostFor(test: TestRuntime): CliHost {
  const { runtime } = test;
  return {
    version: 'test',
    open: async () => ({
      services: runtime.services,
      context: runtime.context,
      dataDir: runtime.config.dataDir,
      location: 'test',
      host: '127.0.0.1',
      port: 0,
      migrate: runtime.migrate,
      warnAboutCalendars: async () => {},
      isInitialised: runtime.isInitialised,
      serve: runtime.serve,
      describeConfig: () => ({}),
      close: async () => {},
    }),
  };
}

/** Runs `custos directory …` and captures what it prints and its exit code. */
async function run(test: TestRuntime, args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await directoryCommands(hostFor(test)).parseAsync(args, { from: 'user' });
    return { stdout: stdout.mock.calls.map(([text]) => String(text)).join(''), stderr: stderr.mock.calls.map(([text]) => String(text)).join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

for (const dialect of DIALECTS) {
  describe(`custos directory (${dialect})`, () => {
    let test: TestRuntime;
    let folder: string;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      await buildWorld(test.runtime);
      folder = mkdtempSync(join(tmpdir(), 'custos-directory-cli-'));
    });
    afterAll(async () => {
      rmSync(folder, { recursive: true, force: true });
      await test.close();
    });
    afterEach(() => vi.restoreAllMocks());

    it('imports organisations as a platform admin and prints the count', async () => {
      const file = join(folder, '部门.csv');
      writeFileSync(file, utf8Csv([['机构名称', '统一社会信用代码', '行政区划代码', '机构类型'], ['云溪县退役军人事务局', syntheticUscc(REGION, 71), REGION, '部门']]));
      const result = await run(test, ['import-organisations', file, '--as', 'admin']);
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      expect(result.stdout).toContain('registered 1 organisations');
    });

    it('writes the one-time secrets only to a new 0600 file, printing counts alone', async () => {
      const file = join(folder, 'people.csv');
      const out = join(folder, 'enrolments.json');
      writeFileSync(file, utf8Csv([['登录名', '姓名', '所属机构', '角色'], ['tui.yi', '退一', syntheticUscc(REGION, 71), '数据使用人员']]));
      const result = await run(test, ['import-people', file, '--out', out]);
      expect(result.exitCode).toBe(0);
      const written = JSON.parse(readFileSync(out, 'utf8')) as { people: { login: string; password: string; totpSecret: string; totpUri: string }[] };
      expect(written.people).toEqual([expect.objectContaining({ login: 'tui.yi', password: expect.any(String), totpSecret: expect.any(String), totpUri: expect.stringMatching(/^otpauth:/u) })]);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(result.stdout).toContain('enrolled 1 people');
      expect(result.stdout).not.toContain(written.people[0]!.password);
      expect(result.stdout).not.toContain(written.people[0]!.totpSecret);
    });

    it('refuses to overwrite an existing output file, importing nobody', async () => {
      const file = join(folder, 'more-people.csv');
      const out = join(folder, 'existing.json');
      writeFileSync(out, 'keep me');
      writeFileSync(file, utf8Csv([['登录名', '姓名', '所属机构', '角色'], ['tui.er', '退二', syntheticUscc(REGION, 71), '数据使用人员']]));
      const before = await countPeople(test.runtime);
      const result = await run(test, ['import-people', file, '--out', out]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('OUTPUT_EXISTS');
      expect(readFileSync(out, 'utf8')).toBe('keep me');
      expect(await countPeople(test.runtime)).toBe(before);
    });

    it('leaves no output file behind when the import is refused, listing the rows', async () => {
      const file = join(folder, 'bad-people.csv');
      const out = join(folder, 'never.json');
      writeFileSync(file, utf8Csv([['登录名', '姓名', '所属机构', '角色'], ['tui.san', '退三', '没有这个局', '数据使用人员']]));
      const result = await run(test, ['import-people', file, '--out', out]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('/rows/1/org  ORGANISATION_UNKNOWN');
      expect(existsSync(out)).toBe(false);
    });
  });
}
