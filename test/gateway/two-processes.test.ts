import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { buildGatewayWorld, GRANT_IN_FORCE, RESIDENTS } from './gateway-world.ts';

const SERVER = join(import.meta.dirname, 'serve-process.ts');

/** Starts a server process on the test runtime's database and keys; resolves with its URL. */
function startServer(test: TestRuntime, children: ChildProcess[]): Promise<string> {
  const { config, database } = test.runtime;
  const child = spawn(process.execPath, [SERVER, config.dataDir, config.databaseUrl!, database.schema!, GRANT_IN_FORCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
}

async function query(url: string, token: string, user: string, subject: string) {
  const response = await fetch(`${url}/api/v1/exchange/COND/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-custos-purpose': 'MINIMUM_LIVING', 'x-custos-user': user, 'content-type': 'application/json' },
    body: JSON.stringify({ subject }),
  });
  return { status: response.status, body: (await response.json()) as { records?: unknown[]; code?: string } };
}

/** Revocation reaches every server process on the next call: each reads the policy version per call. */
describe.runIf(DIALECTS.includes('postgres'))('two server processes on one PostgreSQL', () => {
  let test: TestRuntime;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    await test.close();
  });

  it('revokes through one and is denied through the other on the next call', { timeout: 60_000 }, async () => {
    test = await createTestRuntime('postgres');
    const world = await buildGatewayWorld(test);
    const [first, second] = await Promise.all([startServer(test, children), startServer(test, children)]);
    const subject = RESIDENTS[0]!.residentId;
    const user = world.people.civilConsumer.login;
    expect((await query(first, world.token, user, subject)).body.records).toHaveLength(1);
    expect((await query(second, world.token, user, subject)).body.records).toHaveLength(1);
    const revoked = await fetch(`${first}/api/v1/grants/${world.grant.id}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.approver.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '跨进程撤销测试' }),
    });
    expect(revoked.status).toBe(200);
    expect(await query(second, world.token, user, subject)).toEqual({ status: 403, body: expect.objectContaining({ code: 'GRANT_REVOKED' }) });
    expect((await query(first, world.token, user, subject)).body.code).toBe('GRANT_REVOKED');
  });
});
