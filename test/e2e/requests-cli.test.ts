import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { masksOf } from '../../src/cli/requests-commands.ts';
import { inboxTable, requestSummary, requestTable, shanghaiMinute, type InboxItemView, type RequestView } from '../../src/cli/requests-format.ts';
import { printable } from '../../src/cli/api-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';
import { buildSharingWorld, requestDraft, type SharingWorld } from '../support/sharing-world.ts';
import type { Actor } from '../support/world.ts';

const CLI = join(import.meta.dirname, '../../src/main/custos.ts');
/** Friday 27 Nov 2026 plus five working days ends at 24:00 on Friday 4 Dec, Shanghai time. */
const DUE_UTC = '2026-12-04T15:59:59.999Z';
const DUE_SHANGHAI = '2026-12-04 23:59';

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `custos` binary. Asynchronously: the server answering it runs in this process,
 * so a synchronous spawn would block the very server it calls.
 */
function custos(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let test: TestRuntime;
let world: SharingWorld;
let server: { url: string; close(): Promise<void> };
let folder: string;
/** An address where no server answers: a command that reaches the network fails there with SERVER_UNREACHABLE. */
let nowhere: string;
const tokenFiles = new Map<Actor, string>();
const requests = { pending: '', approve: '', refuse: '' };

function tokenFile(actor: Actor): string {
  let file = tokenFiles.get(actor);
  if (file === undefined) {
    file = join(folder, `${actor.login}.token`);
    // As a person would keep it: owner-only, with a trailing newline that must be trimmed.
    writeFileSync(file, `${actor.token}\n`, { mode: 0o600 });
    tokenFiles.set(actor, file);
  }
  return file;
}

/** `custos requests …` against the test server as `actor`. */
async function requestsAs(actor: Actor, ...args: string[]): Promise<Outcome> {
  const outcome = await custos(['requests', ...args, '--url', server.url, '--token-file', tokenFile(actor)]);
  // The token never appears in anything the command prints.
  expect(outcome.stdout + outcome.stderr).not.toContain(actor.token);
  return outcome;
}

async function statusOf(id: string): Promise<string> {
  const reply = await call<{ status: string }>(test.app, 'GET', `/api/v1/sharing-requests/${id}`, { token: world.people.civilConsumer.token });
  return reply.body.status;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'custos-requests-cli-'));
  test = await createTestRuntime('sqlite');
  world = await buildSharingWorld(test.runtime);
  for (const key of Object.keys(requests) as (keyof typeof requests)[]) {
    const reply = await call<{ id: string; status: string; stepDueAt: string }>(test.app, 'POST', '/api/v1/sharing-requests', { token: world.people.civilConsumer.token, body: requestDraft(world) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ status: 'pending', stepDueAt: DUE_UTC });
    requests[key] = reply.body.id;
  }
  server = await test.runtime.serve('127.0.0.1', 0);
  nowhere = `http://127.0.0.1:${await closedPort()}`;
});

afterAll(async () => {
  await server?.close();
  await test?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('custos requests against a running server', () => {
  it('teaches with --help, Chinese first, with examples that keep the token in a file', async () => {
    const group = await custos(['requests', '--help']);
    expect(group.status).toBe(0);
    expect(group.stdout).toContain('Examples:');
    expect(group.stdout).toContain('custos requests inbox --token-file');
    const commands = ['list', 'inbox', 'show', 'approve', 'refuse'];
    const helps = await Promise.all(commands.map((command) => custos(['requests', command, '--help'])));
    helps.forEach((help, index) => {
      expect(help.status, commands[index]).toBe(0);
      expect(help.stdout, commands[index]).toMatch(/Examples?:\n {2}custos requests /);
      expect(help.stdout, commands[index]).toContain('--token-file');
    });
    expect((await custos(['--help'])).stdout).toContain('requests');
  });

  it('lists a pending request with its step and its deadline in Shanghai time', async () => {
    const list = await requestsAs(world.people.civilConsumer, 'list', '--status', 'pending');
    expect(list.status, list.stderr).toBe(0);
    const row = list.stdout.split('\n').find((line) => line.startsWith(requests.pending));
    expect(row).toBeDefined();
    expect(row).toContain('COND');
    expect(row).toContain('provider');
    expect(row).toContain(DUE_SHANGHAI);
    expect(row).toMatch(/low|medium|high|critical/);

    const json = await requestsAs(world.people.civilConsumer, 'list', '--json', '--step', 'provider');
    const parsed = JSON.parse(json.stdout) as { requests: { id: string; stepDueAt: string }[] };
    expect(parsed.requests.map((request) => request.id)).toContain(requests.pending);

    const one = await requestsAs(world.people.civilConsumer, 'list', '--limit', '1');
    expect(one.stdout).toContain('raise --limit');
  });

  it('shows the approver’s inbox with the step and deadline, and says so when nothing is pending', async () => {
    const inbox = await requestsAs(world.approver, 'inbox');
    expect(inbox.status, inbox.stderr).toBe(0);
    expect(inbox.stdout).toContain('待办');
    const row = inbox.stdout.split('\n').find((line) => line.includes(requests.pending));
    expect(row).toContain('provider');
    expect(row).toContain(DUE_SHANGHAI);
    const empty = await requestsAs(world.people.policeAdmin, 'inbox');
    expect(empty.status).toBe(0);
    expect(empty.stdout).toContain('暂无待办 / nothing pending');
  });

  it('shows a request with its risk factors, weights and reasons, and its steps', async () => {
    const shown = await requestsAs(world.approver, 'show', requests.pending);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('COND');
    expect(shown.stdout).toContain('name, resident_id');
    expect(shown.stdout).toContain('核对低保申请人户籍');
    expect(shown.stdout).toMatch(/\+\d+ {2}PERSONAL_INFO: 申请包含/);
    expect(shown.stdout).toMatch(/\+\d+ {2}GRADE: /);
    expect(shown.stdout).toContain(`期限 / due ${DUE_SHANGHAI}`);
    expect(shown.stdout).toContain('compliance');
  });

  it('approves a request into a grant', async () => {
    const approved = await requestsAs(world.approver, 'approve', requests.approve);
    expect(approved.status, approved.stderr).toBe(0);
    expect(approved.stdout).toContain('granted');
    expect(approved.stdout).toMatch(/授权 \/ grant [0-9a-f-]{36}/);
    expect(await statusOf(requests.approve)).toBe('granted');
  });

  it('answers a request for uncataloged data with a resource and its items', async () => {
    const body = { ...requestDraft(world), resourceCode: null, items: [], uncataloged: { providerOrgId: world.orgs.police, description: '低保家庭成员户籍信息' } };
    const submitted = await call<{ id: string }>(test.app, 'POST', '/api/v1/sharing-requests', { token: world.people.civilConsumer.token, body });
    const half = await requestsAs(world.approver, 'approve', submitted.body.id, '--resource', 'COND');
    expect(half.status).toBe(1);
    expect(half.stderr).toContain('CATALOG_ANSWER_INCOMPLETE');
    const answered = await requestsAs(world.approver, 'approve', submitted.body.id, '--resource', 'COND', '--items', ' address');
    expect(answered.status, answered.stderr).toBe(0);
    expect(await statusOf(submitted.body.id)).toBe('granted');
  });

  it('refuses only with a reason: without one it fails before calling the server', async () => {
    const bare = await requestsAs(world.approver, 'refuse', requests.refuse);
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('REFUSAL_REASON_REQUIRED');
    expect(bare.stderr).toContain('--reason');
    expect(await statusOf(requests.refuse)).toBe('pending');

    const refused = await requestsAs(world.approver, 'refuse', requests.refuse, '--reason', '申请的信息项超出低保认定所需');
    expect(refused.status, refused.stderr).toBe(0);
    expect(refused.stdout).toContain('refused');
    expect(refused.stdout).toContain('REFUSED_BY_PROVIDER: 申请的信息项超出低保认定所需');
    expect(await statusOf(requests.refuse)).toBe('refused');
  });

  it('reports the server’s coded error with its request id, and exits 1', async () => {
    const wrongStep = await requestsAs(world.people.policeAdmin, 'approve', requests.pending);
    expect(wrongStep.status).toBe(1);
    expect(wrongStep.stderr).toContain('NOT_YOUR_STEP');
    expect(wrongStep.stderr).toContain('request id');

    const wrongToken = 'cst_not-a-real-token';
    const unauthorised = await custos(['requests', 'list', '--url', server.url, '--token', wrongToken]);
    expect(unauthorised.status).toBe(1);
    expect(unauthorised.stderr).toContain('UNAUTHENTICATED');
    expect(unauthorised.stdout + unauthorised.stderr).not.toContain(wrongToken);
  });

  it('names the address it cannot reach', async () => {
    const unreachable = await custos(['requests', 'inbox', '--url', nowhere, '--token', 'anything']);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toContain('SERVER_UNREACHABLE');
    expect(unreachable.stderr).toContain(nowhere);
  });

  it('refuses bad input locally, sending nothing', async () => {
    const file = tokenFile(world.approver);
    const cases: [string[], string][] = [
      [['list', '--limit', '0', '--token-file', file], 'LIMIT_INVALID'],
      [['show', '../grants', '--token-file', file], 'ID_INVALID'],
      [['approve', requests.pending, '--mask', 'resident_id=rot13', '--mask', 'name', '--token-file', file], 'MASK_INVALID'],
      [['approve', requests.pending, '--justification', '业务需要', '--token-file', file], 'JUSTIFICATION_WITHOUT_MASK'],
      [['refuse', requests.pending, '--reason', '  ', '--token-file', file], 'REFUSAL_REASON_REQUIRED'],
      [['inbox'], 'TOKEN_REQUIRED'],
      [['inbox', '--token', 'a', '--token-file', file], 'TOKEN_CONFLICT'],
      [['inbox', '--token-file', join(folder, 'missing.token')], 'FILE_UNREADABLE'],
      [['inbox', '--token', 'two words'], 'TOKEN_INVALID'],
    ];
    // Pointed at an address where nothing listens: had anything been sent, the error would be SERVER_UNREACHABLE.
    const outcomes = await Promise.all(cases.map(([args]) => custos(['requests', ...args, '--url', nowhere])));
    outcomes.forEach((outcome, index) => {
      const [args, code] = cases[index]!;
      expect([outcome.status, outcome.stderr], args.join(' ')).toEqual([1, expect.stringContaining(code)]);
    });
    const badUrl = await custos(['requests', 'inbox', '--url', 'ftp://custos.example', '--token', 'x']);
    expect(badUrl.stderr).toContain('URL_INVALID');
    const badStatus = await custos(['requests', 'list', '--status', 'lost', '--url', nowhere, '--token', 'x']);
    expect(badStatus.status).toBe(1);
    expect(badStatus.stderr).toContain('pending, granted, refused, withdrawn');
  });
});

describe('how requests are shown', () => {
  const request = {
    id: 'r1',
    resourceCode: 'COND',
    status: 'pending',
    step: 'provider',
    stepDueAt: DUE_UTC,
    steps: [{ step: 'provider', escalatedAt: null, decidedAt: null }],
    risk: { level: 'medium' },
  } as unknown as RequestView;

  it('prints deadlines in Shanghai time, cut to the minute', () => {
    expect(shanghaiMinute(DUE_UTC)).toBe(DUE_SHANGHAI);
    expect(shanghaiMinute('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00');
  });

  it('marks a deadline overdue only once it has passed', () => {
    expect(requestTable([request], new Date(DUE_UTC))).not.toContain('逾期/overdue');
    expect(requestTable([request], new Date('2026-12-04T16:00:00.000Z'))).toContain(`${DUE_SHANGHAI} 逾期/overdue`);
    const escalated = { kind: 'request_step', requestId: 'r1', grantId: null, resourceCode: 'COND', step: 'provider', dueAt: DUE_UTC, overdue: true, escalated: true } satisfies InboxItemView;
    expect(inboxTable([escalated], new Date(DUE_UTC))).toContain(`${DUE_SHANGHAI} 逾期/overdue 已督办/escalated`);
  });

  it('shows a request for data not yet in the catalog, before it has a resource or a risk', () => {
    const uncataloged = { ...request, resourceCode: null, risk: null };
    expect(requestTable([uncataloged], new Date(DUE_UTC))).toContain('目录外/uncataloged');
    const summary = requestSummary({ ...uncataloged, resourceVersion: null, uncataloged: { providerOrgId: 'p', description: '低保家庭车辆登记' }, items: [], purposeCode: 'MINIMUM_LIVING', purposeText: '核对', method: 'api', expectedVolumePerDay: 0, consumerOrgId: 'c', providerOrgId: 'p', period: { from: '2026-12-01', to: '2027-01-01' }, grade: null, remaining: [], flags: [], steps: [], terms: null, refusal: null, grantId: null } as RequestView, new Date(DUE_UTC));
    expect(summary).toContain('低保家庭车辆登记');
    expect(summary).toContain('assessed once the provider names a catalog resource');
  });

  it('keeps another party’s text from steering the terminal', () => {
    expect(printable('ok\u001b[2J\u202eevil')).toBe('ok\uFFFD[2J\uFFFDevil');
    const table = requestTable([{ ...request, resourceCode: 'A\u001b]0;x\u0007\nB' }], new Date(DUE_UTC));
    expect(table).not.toContain('\u001b');
    expect(table).not.toContain('\u0007');
  });

  it('reads --mask as item=maskName, listing every bad one', () => {
    expect(masksOf([])).toBeUndefined();
    expect(masksOf(['address=redact', 'name=name'])).toEqual({ address: 'redact', name: 'name' });
    expect(() => masksOf(['address=rot13', 'name', 'a=b=c'])).toThrow(expect.objectContaining({ code: 'MASK_INVALID', details: { errors: [expect.objectContaining({ code: 'MASK_UNKNOWN' }), expect.objectContaining({ code: 'MASK_SYNTAX' }), expect.objectContaining({ code: 'MASK_SYNTAX' })] } }));
  });
});
