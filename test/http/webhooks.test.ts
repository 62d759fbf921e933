import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../../src/app/webhooks/fetch-transport.ts';
import { WebhookService, type WebhookTransport } from '../../src/app/webhooks/webhook-service.ts';
import type { SharingEvent } from '../../src/core/sharing/events.ts';
import { MAX_ATTEMPTS, nextAttemptDelayMs } from '../../src/core/sharing/webhook-backoff.ts';
import type { WebhookDelivery } from '../../src/core/sharing/webhook.ts';
import { verifyWebhook } from '../../src/crypto/webhook-signature.ts';
import { createTestRuntime, DIALECTS, TEST_START, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildWorld, type Actor, type World } from '../support/world.ts';

interface Registered {
  webhook: { id: string; orgId: string; url: string; events: string[]; status: string };
  secret: string;
}
interface ErrorBody {
  code: string;
  message: string;
  details?: { errors?: { path: string; code: string }[] };
}
interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A transport that records each request and answers from a script, one entry per call. */
function scriptedTransport(script: (attempt: number) => number | Error): { transport: WebhookTransport; sent: Sent[] } {
  const sent: Sent[] = [];
  const transport: WebhookTransport = async (url, request) => {
    sent.push({ url, headers: request.headers, body: request.body });
    const answer = script(sent.length);
    if (answer instanceof Error) throw answer;
    return { status: answer };
  };
  return { transport, sent };
}

function refused(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

for (const dialect of DIALECTS) {
  describe(`webhooks (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
    });
    afterAll(() => test.close());

    const register = (actor: Actor | undefined, body: unknown) => call<Registered & ErrorBody>(test.app, 'POST', '/api/v1/webhooks', { ...(actor ? { token: actor.token } : {}), body });
    const deliveriesOf = async (actor: Actor, webhookId: string) =>
      (await call<{ deliveries: WebhookDelivery[] }>(test.app, 'GET', `/api/v1/webhooks/${webhookId}/deliveries`, { token: actor.token })).body.deliveries;
    const enqueue = (service: WebhookService, event: SharingEvent) => test.runtime.context.store.transaction((repositories) => service.enqueue(repositories, event));

    it('lets a provider admin and a supervisor register for their own organisation, showing the secret once', async () => {
      const civil = await register(world.people.civilAdmin, { url: 'https://mz.example.gov.cn/custos/hook?key=dept-token', events: ['request.submitted', 'request.granted'] });
      expect(civil.status).toBe(201);
      expect(civil.body.webhook).toMatchObject({ orgId: world.orgs.civil, status: 'active', events: ['request.submitted', 'request.granted'] });
      expect(civil.body.secret).toMatch(/^cus_wh_[A-Za-z0-9_-]{43}$/);
      const bureau = await register(world.people.supervisor, { url: 'https://dsj.example.gov.cn/hook', events: ['request.escalated'] });
      expect(bureau.status).toBe(201);
      expect(bureau.body.webhook.orgId).toBe(world.orgs.bureau);

      const listed = await call<{ webhooks: { id: string }[] }>(test.app, 'GET', '/api/v1/webhooks', { token: world.people.civilAdmin.token });
      expect(listed.body.webhooks.map((webhook) => webhook.id)).toEqual([civil.body.webhook.id]);
      expect(JSON.stringify(listed.body)).not.toContain(civil.body.secret);

      // The audit event names the host and the events only: not the path's token, never the secret.
      const [event] = await test.runtime.context.store.auditStore.search({ object: `webhook:${civil.body.webhook.id}`, limit: 5 });
      expect(event).toMatchObject({ action: 'webhook.registered', details: { host: 'mz.example.gov.cn', events: ['request.submitted', 'request.granted'] } });
      expect(JSON.stringify(event)).not.toContain(civil.body.secret);
      expect(JSON.stringify(event)).not.toContain('dept-token');
    });

    it('refuses a consumer and an anonymous caller, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const body = { url: 'https://mz.example.gov.cn/hook', events: ['request.granted'] };
      const consumer = await register(world.people.civilConsumer, body);
      expect(consumer.status).toBe(403);
      expect(consumer.body.code).toBe('FORBIDDEN');
      expect((await call<ErrorBody>(test.app, 'GET', '/api/v1/webhooks', { token: world.people.civilConsumer.token })).body.code).toBe('FORBIDDEN');
      const anonymous = await register(undefined, body);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      expect((await call(test.app, 'GET', '/api/v1/webhooks')).status).toBe(401);
      expect(await auditCount(test.runtime)).toBe(before);
    });

    it('refuses a bad address or event list with 400, never echoing the address, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const cases: [unknown, string][] = [
        [{ url: 'http://mz.example.gov.cn/hook', events: ['request.granted'] }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'ftp://mz.example.gov.cn/hook', events: ['request.granted'] }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'not a url', events: ['request.granted'] }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'http://10.0.0.1/hook', events: ['request.granted'] }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'https://admin:s3cr3t-pw@mz.example.gov.cn/hook', events: ['request.granted'] }, 'WEBHOOK_URL_CREDENTIALS'],
        [{ url: `https://mz.example.gov.cn/${'a'.repeat(2048)}`, events: ['request.granted'] }, 'SCHEMA_MAXLENGTH'],
        [{ url: 'https://mz.example.gov.cn/hook', events: [] }, 'SCHEMA_MINITEMS'],
        [{ url: 'https://mz.example.gov.cn/hook', events: ['request.eaten'] }, 'SCHEMA_ENUM'],
        [{ url: 'https://mz.example.gov.cn/hook', events: ['request.granted', 'request.granted'] }, 'SCHEMA_UNIQUEITEMS'],
        [{ url: 'https://mz.example.gov.cn/hook', events: ['request.granted'], secret: 'mine' }, 'SCHEMA_ADDITIONALPROPERTIES'],
      ];
      for (const [body, code] of cases) {
        const reply = await register(world.people.civilAdmin, body);
        expect(reply.status, JSON.stringify(body)).toBe(400);
        expect(reply.body.code).toBe('VALIDATION_FAILED');
        expect(reply.body.details?.errors?.map((error) => error.code), JSON.stringify(body)).toContain(code);
        expect(JSON.stringify(reply.body)).not.toContain('s3cr3t-pw');
      }
      expect(await auditCount(test.runtime)).toBe(before);
      const listed = await call<{ webhooks: unknown[] }>(test.app, 'GET', '/api/v1/webhooks', { token: world.people.civilAdmin.token });
      expect(listed.body.webhooks).toHaveLength(1);
    });

    it('answers another organisation’s webhook as absent: list, disable and deliveries', async () => {
      const [civilHook] = (await call<{ webhooks: { id: string }[] }>(test.app, 'GET', '/api/v1/webhooks', { token: world.people.civilAdmin.token })).body.webhooks;
      const police = world.people.policeAdmin.token;
      const listed = await call<{ webhooks: { id: string }[] }>(test.app, 'GET', '/api/v1/webhooks', { token: police });
      expect(listed.body.webhooks.map((webhook) => webhook.id)).not.toContain(civilHook!.id);
      const before = await auditCount(test.runtime);
      for (const [method, url] of [['POST', `/api/v1/webhooks/${civilHook!.id}/disable`], ['GET', `/api/v1/webhooks/${civilHook!.id}/deliveries`]] as const) {
        const reply = await call<ErrorBody>(test.app, method, url, { token: police });
        expect(reply.status, url).toBe(404);
        expect(reply.body.code).toBe('NOT_FOUND');
      }
      expect(await auditCount(test.runtime)).toBe(before);
      const stillActive = await call<{ webhooks: { status: string }[] }>(test.app, 'GET', '/api/v1/webhooks', { token: world.people.civilAdmin.token });
      expect(stillActive.body.webhooks[0]!.status).toBe('active');
    });

    it('disables a webhook, failing what was queued for it, once', async () => {
      const service = new WebhookService(test.runtime.context, scriptedTransport(() => 200).transport);
      const hook = (await register(world.people.civilAdmin, { url: 'https://mz.example.gov.cn/soon-gone', events: ['grant.suspended'] })).body;
      expect(await enqueue(service, { type: 'grant.suspended', orgIds: [world.orgs.civil], data: { grantId: 'g-1' } })).toBe(1);
      const disabled = await call<{ status: string }>(test.app, 'POST', `/api/v1/webhooks/${hook.webhook.id}/disable`, { token: world.people.civilAdmin.token });
      expect(disabled.status).toBe(200);
      expect(disabled.body.status).toBe('disabled');
      expect(await deliveriesOf(world.people.civilAdmin, hook.webhook.id)).toMatchObject([{ status: 'failed', lastError: 'WEBHOOK_DISABLED', attempts: 0 }]);
      const before = await auditCount(test.runtime);
      expect((await call(test.app, 'POST', `/api/v1/webhooks/${hook.webhook.id}/disable`, { token: world.people.civilAdmin.token })).status).toBe(200);
      expect(await auditCount(test.runtime)).toBe(before);
      expect(await enqueue(service, { type: 'grant.suspended', orgIds: [world.orgs.civil], data: { grantId: 'g-2' } })).toBe(0);
    });

    it('delivers a signed event to each subscribed webhook, and nothing twice', async () => {
      const police = world.people.policeAdmin;
      const hook = (await register(police, { url: 'https://ga.example.gov.cn/custos', events: ['request.granted', 'grant.revoked'] })).body;
      await register(police, { url: 'https://ga.example.gov.cn/other', events: ['grant.expired'] });
      const { transport, sent } = scriptedTransport(() => 204);
      const service = new WebhookService(test.runtime.context, transport);
      const data = { requestId: 'r-1', resourceCode: 'GA-1', deadlines: ['2026-12-01'] };
      expect(await enqueue(service, { type: 'request.granted', orgIds: [world.orgs.police, world.orgs.contractor], data })).toBe(1);

      expect(await service.dispatchDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
      expect(sent).toHaveLength(1);
      const [request] = sent;
      const payload = JSON.parse(request!.body) as { id: string };
      expect(payload).toEqual({ id: payload.id, type: 'request.granted', occurredAt: TEST_START, data });
      expect(request!.url).toBe('https://ga.example.gov.cn/custos');
      expect(request!.headers).toMatchObject({ 'content-type': 'application/json', 'x-custos-event': 'request.granted', 'x-custos-delivery': payload.id });
      expect(verifyWebhook(hook.secret, request!.headers['x-custos-signature']!, request!.body, test.clock.now())).toBe(true);
      expect(verifyWebhook(hook.secret, request!.headers['x-custos-signature']!, request!.body.replace('GA-1', 'GA-2'), test.clock.now())).toBe(false);

      expect(await deliveriesOf(police, hook.webhook.id)).toMatchObject([{ id: payload.id, status: 'delivered', attempts: 1, lastStatus: 204, lastError: null, deliveredAt: TEST_START, nextAttemptAt: null }]);
      expect(await service.dispatchDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });

      // Two dispatchers (two server processes) see the same due delivery: only one sends it.
      await enqueue(service, { type: 'grant.revoked', orgIds: [world.orgs.police], data: { grantId: 'g-9' } });
      const other = new WebhookService(test.runtime.context, transport);
      const results = await Promise.all([service.dispatchDue(), other.dispatchDue()]);
      expect(results.reduce((sum, result) => sum + result.delivered, 0)).toBe(1);
      expect(sent).toHaveLength(2);
    });

    it('retries a failing receiver at the backoff times, then gives up', async () => {
      const police = world.people.policeAdmin;
      const hook = (await register(police, { url: 'https://ga.example.gov.cn/flaky', events: ['request.refused'] })).body;
      const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
      const answers: (number | Error)[] = [503, refused(), timeout, 302, 500, 404, 429];
      const { transport, sent } = scriptedTransport((attempt) => answers[attempt - 1]!);
      const service = new WebhookService(test.runtime.context, transport);
      await enqueue(service, { type: 'request.refused', orgIds: [world.orgs.police], data: { requestId: 'r-2' } });
      const errors = ['HTTP_503', 'ECONNREFUSED', 'TIMEOUT', 'HTTP_302', 'HTTP_500', 'HTTP_404', 'HTTP_429'];

      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const failedAt = test.clock.now().getTime();
        const result = await service.dispatchDue();
        const [delivery] = await deliveriesOf(police, hook.webhook.id);
        expect(delivery).toMatchObject({ attempts: attempt, lastError: errors[attempt - 1], lastStatus: typeof answers[attempt - 1] === 'number' ? answers[attempt - 1] : null });
        const delay = nextAttemptDelayMs(attempt);
        if (delay === null) {
          expect(result).toEqual({ delivered: 0, retried: 0, failed: 1 });
          expect(delivery).toMatchObject({ status: 'failed', nextAttemptAt: null });
          break;
        }
        expect(result).toEqual({ delivered: 0, retried: 1, failed: 0 });
        expect(delivery).toMatchObject({ status: 'pending', nextAttemptAt: new Date(failedAt + delay).toISOString() });
        // Not a millisecond early.
        test.clock.advance(delay - 1);
        expect(await service.dispatchDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
        test.clock.advance(1);
      }
      expect(sent).toHaveLength(MAX_ATTEMPTS);
      test.clock.advance(7 * 24 * 3600_000);
      expect(await service.dispatchDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
      expect(sent).toHaveLength(MAX_ATTEMPTS);
    });

    it('fails a queued delivery whose webhook was disabled meanwhile, without sending it', async () => {
      const police = world.people.policeAdmin;
      const hook = (await register(police, { url: 'https://ga.example.gov.cn/race', events: ['grant.resumed'] })).body;
      const { transport, sent } = scriptedTransport(() => 200);
      const service = new WebhookService(test.runtime.context, transport);
      await enqueue(service, { type: 'grant.resumed', orgIds: [world.orgs.police], data: { grantId: 'g-3' } });
      // As if disabled between the due query and the send, before its pending deliveries were failed.
      await test.runtime.context.store.read.webhooks.setStatus(hook.webhook.id, 'disabled');
      expect(await service.dispatchDue()).toEqual({ delivered: 0, retried: 0, failed: 1 });
      expect(sent).toHaveLength(0);
      expect(await deliveriesOf(police, hook.webhook.id)).toMatchObject([{ status: 'failed', lastError: 'WEBHOOK_DISABLED', attempts: 0 }]);
    });

    it('pages deliveries newest first', async () => {
      const police = world.people.policeAdmin;
      const hook = (await register(police, { url: 'https://ga.example.gov.cn/paged', events: ['grant.expired'] })).body;
      const service = new WebhookService(test.runtime.context, scriptedTransport(() => 200).transport);
      for (let index = 0; index < 3; index++) await enqueue(service, { type: 'grant.expired', orgIds: [world.orgs.police], data: { grantId: `g-${index}` } });
      const url = `/api/v1/webhooks/${hook.webhook.id}/deliveries`;
      const first = await call<{ deliveries: { id: string }[]; nextCursor: string | null }>(test.app, 'GET', `${url}?limit=2`, { token: police.token });
      expect(first.body.deliveries).toHaveLength(2);
      const second = await call<{ deliveries: { id: string }[]; nextCursor: string | null }>(test.app, 'GET', `${url}?limit=2&cursor=${first.body.nextCursor}`, { token: police.token });
      expect(second.body).toMatchObject({ nextCursor: null });
      const ids = [...first.body.deliveries, ...second.body.deliveries].map((delivery) => delivery.id);
      expect(ids).toHaveLength(3);
      expect([...ids].sort().reverse()).toEqual(ids);
      // Leaves nothing due for the tests after this one (another police webhook took them too).
      expect(await service.dispatchDue()).toEqual({ delivered: 6, retried: 0, failed: 0 });
    });

    describe('over a real loopback connection', () => {
      let server: Server;
      let base: string;
      const received: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
      beforeAll(async () => {
        server = createServer((request, response) => {
          void readBody(request).then((body) => {
            received.push({ url: request.url ?? '', headers: request.headers, body });
            if (request.url === '/moved') response.writeHead(302, { location: '/hook' }).end();
            else response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks, with details a record must not keep');
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      it('delivers with fetch, signed so the receiver can verify it, and does not follow a redirect', async () => {
        const supervisor = world.people.supervisor;
        const hook = (await register(supervisor, { url: `${base}/hook`, events: ['grant.review_due'] })).body;
        const moved = (await register(supervisor, { url: `${base}/moved`, events: ['grant.review_due'] })).body;
        const service = new WebhookService(test.runtime.context, fetchTransport);
        expect(await enqueue(service, { type: 'grant.review_due', orgIds: [world.orgs.bureau], data: { grantId: 'g-7', reviewDueAt: '2026-12-27T02:00:00.000Z' } })).toBe(2);

        expect(await service.dispatchDue()).toEqual({ delivered: 1, retried: 1, failed: 0 });
        expect(received.map((request) => request.url).sort()).toEqual(['/hook', '/moved']);
        const delivery = received.find((request) => request.url === '/hook')!;
        expect(delivery.headers['content-type']).toBe('application/json');
        expect(delivery.headers['x-custos-event']).toBe('grant.review_due');
        expect(verifyWebhook(hook.secret, String(delivery.headers['x-custos-signature']), delivery.body, test.clock.now())).toBe(true);
        expect(verifyWebhook(moved.secret, String(delivery.headers['x-custos-signature']), delivery.body, test.clock.now())).toBe(false);
        expect(await deliveriesOf(supervisor, hook.webhook.id)).toMatchObject([{ status: 'delivered', lastStatus: 200, lastError: null }]);
        expect(await deliveriesOf(supervisor, moved.webhook.id)).toMatchObject([{ status: 'pending', lastStatus: 302, lastError: 'HTTP_302' }]);
      });

      it('records a refused connection as a short code', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const port = (closed.address() as AddressInfo).port;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        const supervisor = world.people.supervisor;
        const hook = (await register(supervisor, { url: `http://127.0.0.1:${port}/gone`, events: ['request.disputed'] })).body;
        const service = new WebhookService(test.runtime.context, fetchTransport);
        await enqueue(service, { type: 'request.disputed', orgIds: [world.orgs.bureau], data: { requestId: 'r-5' } });
        expect(await service.dispatchDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
        expect(await deliveriesOf(supervisor, hook.webhook.id)).toMatchObject([{ status: 'pending', lastStatus: null, lastError: 'ECONNREFUSED' }]);
      });
    });
  });
}
