import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookTransport } from '../../src/app/webhooks/webhook-service.ts';
import { WebhookService } from '../../src/app/webhooks/webhook-service.ts';
import { base32Decode, generateTotp } from '../../src/core/identity/totp.ts';
import { verifyWebhook } from '../../src/crypto/webhook-signature.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { rawDatabaseBytes } from '../support/raw-database.ts';
import { buildWorld, type World } from '../support/world.ts';

const SOURCE = { ip: '192.0.2.10' };

function storedAnywhere(test: TestRuntime, secret: string): string[] {
  return rawDatabaseBytes(test.runtime)
    .filter(({ bytes }) => bytes.includes(Buffer.from(secret, 'utf8')))
    .map(({ name }) => name);
}

/**
 * Secrets the platform must use again (TOTP seeds, webhook signing secrets) are sealed at rest
 * (GB/T 39786-2021): a copy of the database lets no one make a person's one-time codes or sign
 * a delivery as Custos.
 */
describe.each(DIALECTS)('secrets sealed at rest (%s)', (dialect) => {
  let test: TestRuntime;
  let world: World;
  beforeEach(async () => {
    test = await createTestRuntime(dialect);
    world = await buildWorld(test.runtime);
  });
  afterEach(async () => test.close());

  const login = (actor: { login: string; password: string }, seed: string) =>
    test.runtime.services.auth.login({ login: actor.login, password: actor.password, totp: generateTotp(base32Decode(seed), test.clock.now()) }, SOURCE);

  it('keeps every TOTP seed out of the database, and each still logs its person in', async () => {
    const { supervisor, policeAdmin } = world.people;
    // The search would prove nothing if it did not reach the people's rows.
    expect(storedAnywhere(test, supervisor.login)).not.toEqual([]);
    for (const actor of [supervisor, policeAdmin]) expect(storedAnywhere(test, actor.totpSecret), actor.login).toEqual([]);
    const stored = await test.runtime.context.store.read.people.getByLogin(supervisor.login);
    expect(stored?.totpSecret).toMatch(/^sealed\./);
    expect((await login(supervisor, supervisor.totpSecret)).token).toEqual(expect.any(String));
  });

  it('reads a TOTP seed stored before sealing began as it was written', async () => {
    const { supervisor } = world.people;
    await sql`update people set totp_secret = ${supervisor.totpSecret} where id = ${supervisor.id}`.execute(test.runtime.database.db);
    expect((await login(supervisor, supervisor.totpSecret)).token).toEqual(expect.any(String));
  });

  it('binds a sealed seed to its person: another person’s does not open as theirs, and the login fails like a wrong code', async () => {
    const { supervisor, policeAdmin } = world.people;
    await sql`update people set totp_secret = (select p.totp_secret from people p where p.id = ${policeAdmin.id}) where id = ${supervisor.id}`.execute(test.runtime.database.db);
    // The same answer as a wrong code: it must not tell that the password was right.
    await expect(login(supervisor, policeAdmin.totpSecret)).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    const [failed] = await test.runtime.context.store.auditStore.search({ action: 'auth.login.failed', limit: 10 });
    expect(failed?.details).toMatchObject({ reason: 'totp_seed_unreadable' });
  });

  it('keeps a webhook’s secret out of the database, and still signs deliveries with it', async () => {
    const sent: { headers: Record<string, string>; body: string }[] = [];
    const transport: WebhookTransport = async (_url, request) => {
      sent.push({ headers: request.headers, body: request.body });
      return { status: 204 };
    };
    const service = new WebhookService(test.runtime.context, transport);
    const police = await principalFor(test.runtime, world.people.policeAdmin.id);
    const { webhook, secret } = await service.register(police, { url: 'https://ga.example.gov.cn/custos', events: ['grant.revoked'] });
    expect(storedAnywhere(test, secret)).toEqual([]);

    const deliver = async () => {
      await test.runtime.context.store.transaction((repositories) => service.enqueue(repositories, { type: 'grant.revoked', orgIds: [world.orgs.police], data: { grantId: 'g-1' } }));
      await service.dispatchDue();
      const request = sent.at(-1)!;
      return verifyWebhook(secret, request.headers['x-custos-signature']!, request.body, test.clock.now());
    };
    expect(await deliver()).toBe(true);
    // A secret stored before sealing began still signs.
    await sql`update webhooks set secret = ${secret} where id = ${webhook.id}`.execute(test.runtime.database.db);
    expect(await deliver()).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('sends nothing with a secret that does not open, and counts the attempt so that the delivery ends', async () => {
    const sent: string[] = [];
    const service = new WebhookService(test.runtime.context, async (url) => {
      sent.push(url);
      return { status: 204 };
    });
    const police = await principalFor(test.runtime, world.people.policeAdmin.id);
    const first = await service.register(police, { url: 'https://ga.example.gov.cn/one', events: ['grant.revoked'] });
    const second = await service.register(police, { url: 'https://ga.example.gov.cn/two', events: ['grant.expired'] });
    // Someone with write access moves the second webhook's sealed secret to the first.
    await sql`update webhooks set secret = (select w.secret from webhooks w where w.id = ${second.webhook.id}) where id = ${first.webhook.id}`.execute(test.runtime.database.db);
    await test.runtime.context.store.transaction((repositories) => service.enqueue(repositories, { type: 'grant.revoked', orgIds: [world.orgs.police], data: { grantId: 'g-1' } }));
    expect(await service.dispatchDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(sent).toEqual([]);
    const { deliveries } = await service.deliveries(police, first.webhook.id, { limit: 10 });
    expect(deliveries).toMatchObject([{ status: 'pending', attempts: 1, lastError: 'WEBHOOK_SECRET_UNREADABLE' }]);
  });
});
