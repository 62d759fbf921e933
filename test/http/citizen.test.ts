import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joseOidcClient } from '../../src/app/citizen/oidc-client.ts';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { ManualClock } from '../../src/core/shared/clock.ts';
import { DomainError } from '../../src/core/shared/domain-error.ts';
import { blindIndexInput, subjectIdentifier } from '../../src/core/pii/index.ts';
import { buildGatewayWorld, exchange, RESIDENTS, type GatewayWorld } from '../gateway/gateway-world.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import type { UsageEntry } from '../../src/app/citizen/citizen-view-service.ts';

interface ErrorBody {
  code: string;
  details?: { errors?: { path: string; code: string }[] };
}
interface LoginBody {
  token: string;
  expiresAt: string;
  subjectKind: string;
  provider: string;
}
interface UsagePage {
  from: string | null;
  to: string;
  offset: number;
  limit: number;
  entries: UsageEntry[];
  hasMore: boolean;
}
interface ConsentBody {
  id: string;
  consumerOrgId: string;
  department?: string;
  withdrawnAt: string | null;
}
interface HoldBackBody {
  id: string;
  grantId: string;
  endsAt: string;
  liftedAt: string | null;
}

const CLIENT_ID = 'custos-citizen';
const REDIRECT_URI = 'https://console.custos.test/citizen/callback';
const CLAIM = 'id_number';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What the identity service is told to do wrong for the next token, to test each check. */
interface Tampering {
  nonce?: string;
  audience?: string;
  issuer?: string;
  foreignKey?: boolean;
  identifier?: unknown;
}

/**
 * A mock OpenID provider on a loopback port: discovery, a JWKS with a key generated here, and a
 * token endpoint that checks the PKCE verifier against the challenge the login began with
 * (RFC 7636 §4.6) before it signs an ID token. The browser step is `authorize`: the citizen
 * "authenticates" as the identifier given, and gets a one-time code.
 */
class MockOpenIdProvider {
  issuer = '';
  tampering: Tampering = {};
  /** Fields of the discovery document to replace, to test what the client refuses in it. */
  discovery: Record<string, unknown> = {};
  tokenRequests = 0;
  private server: Server | undefined;
  private key!: { privateKey: CryptoKey; publicJwk: JWK };
  private foreign!: CryptoKey;
  private readonly codes = new Map<string, { identifier: string; nonce: string; challenge: string; redirectUri: string; clientId: string }>();
  private now: () => Date;
  private serial = 0;

  constructor(now: () => Date) {
    this.now = now;
  }

  async start(): Promise<void> {
    const pair = await generateKeyPair('ES256');
    this.key = { privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' } };
    this.foreign = (await generateKeyPair('ES256')).privateKey;
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/oidc`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The citizen signs in at the provider, which answers the redirect with a code. */
  authorize(authorizationUrl: string, identifier: string): { code: string; state: string } {
    const url = new URL(authorizationUrl);
    const parameter = (name: string) => url.searchParams.get(name) ?? '';
    expect(parameter('response_type')).toBe('code');
    expect(parameter('code_challenge_method')).toBe('S256');
    const code = `code-${(this.serial += 1)}`;
    this.codes.set(code, { identifier, nonce: parameter('nonce'), challenge: parameter('code_challenge'), redirectUri: parameter('redirect_uri'), clientId: parameter('client_id') });
    return { code, state: parameter('state') };
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = new URL(request.url ?? '/', this.issuer).pathname;
    if (path === '/oidc/.well-known/openid-configuration') {
      return {
        status: 200,
        body: { issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: `${this.issuer}/jwks`, code_challenge_methods_supported: ['S256'], id_token_signing_alg_values_supported: ['ES256'], ...this.discovery },
      };
    }
    if (path === '/oidc/jwks') return { status: 200, body: { keys: [this.key.publicJwk] } };
    if (path === '/oidc/token' && request.method === 'POST') {
      this.tokenRequests += 1;
      let text = '';
      for await (const chunk of request) text += String(chunk);
      const form = new URLSearchParams(text);
      const login = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!login || form.get('grant_type') !== 'authorization_code' || challenge !== login.challenge || form.get('redirect_uri') !== login.redirectUri || form.get('client_id') !== login.clientId) {
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      const seconds = Math.floor(this.now().getTime() / 1000);
      const tampering = this.tampering;
      const claims = { nonce: tampering.nonce ?? login.nonce, [CLAIM]: 'identifier' in tampering ? tampering.identifier : login.identifier };
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setIssuer(tampering.issuer ?? this.issuer)
        .setAudience(tampering.audience ?? login.clientId)
        .setSubject(`pairwise-${this.serial}`)
        .setIssuedAt(seconds)
        .setExpirationTime(seconds + 300)
        .sign(tampering.foreignKey ? this.foreign : this.key.privateKey);
      return { status: 200, body: { access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: idToken } };
    }
    return { status: 404, body: { error: 'not_found' } };
  }
}

const [wang, li, zhang] = [RESIDENTS[0]!, RESIDENTS[1]!, RESIDENTS[2]!];
const TRAINED = ['data-security-basics', 'supervision-procedure', 'personal-information-protection'].map((course) => ({ course, passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' }));

for (const dialect of DIALECTS) {
  describe(`citizen view (${dialect})`, () => {
    let test: TestRuntime;
    let world: GatewayWorld;
    let provider: MockOpenIdProvider;
    let otherSupervisor: string;
    beforeAll(async () => {
      let clock: () => Date = () => new Date();
      provider = new MockOpenIdProvider(() => clock());
      await provider.start();
      test = await createTestRuntime(dialect, { config: { citizenOidcIssuer: provider.issuer, citizenOidcClientId: CLIENT_ID, citizenOidcRedirectUri: REDIRECT_URI, citizenOidcIdentifierClaim: CLAIM } });
      clock = () => test.clock.now();
      world = await buildGatewayWorld(test);
      // A supervision authority of another region: it must see and change nothing of this one.
      const { services } = test.runtime;
      await services.regions.create(null, { code: '331100', name: '丽水市' });
      const org = await services.organisations.create(null, { name: '丽水市大数据局', uscc: syntheticUscc('331100', 9), regionCode: '331100', kind: 'supervisor' });
      const enrolment = await services.people.create(null, { orgId: org.id, login: 'other-supervisor', name: 'other', roles: ['supervisor'], training: TRAINED });
      otherSupervisor = (await services.auth.createPersonalToken(await principalFor(test.runtime, enrolment.person.id), 'test', null)).token;
    });
    afterAll(async () => {
      await test.close();
      await provider.stop();
    });

    const indexOf = (identifier: string) => test.runtime.context.blindIndex(blindIndexInput(subjectIdentifier(identifier)!));
    const sessions = () => test.runtime.context.store.database.db.selectFrom('citizen_sessions').selectAll().execute();
    const usage = (token: string, query = '') => call<UsagePage & ErrorBody>(test.app, 'GET', `/api/v1/citizen/usage${query}`, { token });
    const query = async (identifier: string) => {
      const reply = await exchange(test, world, 'query', { subject: identifier });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      test.clock.advance(MINUTE);
    };
    // Each login comes from an address of its own, as different people's do: the login routes
    // are limited per address (app/public-limits.ts), which a test of its own checks.
    let logins = 0;
    const nextAddress = () => `198.51.100.${(logins += 1) % 250}`;
    async function oidcLogin(identifier: string, remoteAddress = nextAddress()): Promise<{ status: number; body: LoginBody & ErrorBody }> {
      const started = await call<{ authorizationUrl: string; expiresAt: string }>(test.app, 'POST', '/api/v1/citizen/login/oidc', { remoteAddress });
      expect(started.status).toBe(201);
      const { code, state } = provider.authorize(started.body.authorizationUrl, identifier);
      return call<LoginBody & ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/oidc/callback', { body: { code, state }, remoteAddress });
    }
    async function tokenOf(identifier: string): Promise<string> {
      const login = await oidcLogin(identifier);
      expect(login.status, JSON.stringify(login.body)).toBe(201);
      return login.body.token;
    }

    it('logs a person in through the OIDC provider with PKCE, keeping only the blind index', async () => {
      const started = await call<{ authorizationUrl: string }>(test.app, 'POST', '/api/v1/citizen/login/oidc', { remoteAddress: nextAddress() });
      const url = new URL(started.body.authorizationUrl);
      expect(url.origin + url.pathname).toBe(`${provider.issuer}/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: 'openid', code_challenge_method: 'S256' });
      const { code, state } = provider.authorize(started.body.authorizationUrl, wang.residentId);
      const login = await call<LoginBody>(test.app, 'POST', '/api/v1/citizen/login/oidc/callback', { body: { code, state }, remoteAddress: nextAddress() });
      expect(login.status, JSON.stringify(login.body)).toBe(201);
      expect(login.body).toMatchObject({ token: expect.stringMatching(/^cus_cit_/), subjectKind: 'person', provider: 'oidc' });
      const stored = (await sessions()).at(-1)!;
      expect(stored.subject_index).toBe(indexOf(wang.residentId));
      expect(JSON.stringify(await sessions())).not.toContain(wang.residentId);
      // The same state cannot be spent twice, even with a fresh code.
      const again = await call<ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/oidc/callback', { body: { code, state }, remoteAddress: nextAddress() });
      expect([again.status, again.body.code]).toEqual([401, 'CITIZEN_LOGIN_FAILED']);
    });

    it('refuses an ID token with a wrong nonce, audience, issuer or signature, or without a valid identifier, opening no session', async () => {
      const before = (await sessions()).length;
      const cases: Tampering[] = [{ nonce: 'replayed-nonce' }, { audience: 'another-client' }, { issuer: 'http://127.0.0.1:1/elsewhere' }, { foreignKey: true }, { identifier: '110101199003070000' }, { identifier: 42 }];
      for (const tampering of cases) {
        provider.tampering = tampering;
        const login = await oidcLogin(wang.residentId);
        expect([login.status, login.body.code], JSON.stringify(tampering)).toEqual([401, 'CITIZEN_LOGIN_FAILED']);
        expect(JSON.stringify(login.body)).not.toContain(wang.residentId.slice(0, 17));
      }
      provider.tampering = {};
      expect((await sessions()).length).toBe(before);
    });

    it('refuses an unknown or expired state and a wrong verifier without calling the provider twice', async () => {
      const unknown = await call<ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/oidc/callback', { body: { code: 'code-x', state: 'a-state-that-was-never-issued' }, remoteAddress: nextAddress() });
      expect([unknown.status, unknown.body.code]).toEqual([401, 'CITIZEN_LOGIN_FAILED']);
      const started = await call<{ authorizationUrl: string }>(test.app, 'POST', '/api/v1/citizen/login/oidc', { remoteAddress: nextAddress() });
      const { code, state } = provider.authorize(started.body.authorizationUrl, wang.residentId);
      test.clock.advance(11 * MINUTE);
      const requests = provider.tokenRequests;
      const late = await call<ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/oidc/callback', { body: { code, state }, remoteAddress: nextAddress() });
      expect([late.status, late.body.code]).toEqual([401, 'CITIZEN_LOGIN_FAILED']);
      expect(provider.tokenRequests).toBe(requests);
      // A code obtained under one login's challenge cannot be redeemed by another login's verifier.
      const first = await call<{ authorizationUrl: string }>(test.app, 'POST', '/api/v1/citizen/login/oidc', { remoteAddress: nextAddress() });
      const second = await call<{ authorizationUrl: string }>(test.app, 'POST', '/api/v1/citizen/login/oidc', { remoteAddress: nextAddress() });
      const stolen = provider.authorize(first.body.authorizationUrl, wang.residentId);
      const other = provider.authorize(second.body.authorizationUrl, li.residentId);
      const swapped = await call<ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/oidc/callback', { body: { code: stolen.code, state: other.state }, remoteAddress: nextAddress() });
      expect([swapped.status, swapped.body.code]).toEqual([401, 'CITIZEN_LOGIN_FAILED']);
    });

    it('shows a subject exactly its own accesses, newest first, with department, resource, items, purpose, legal basis and an end-user reference', async () => {
      await query(wang.residentId);
      await query(li.residentId);
      await query(wang.residentId);
      const wangToken = await tokenOf(wang.residentId);
      const page = await usage(wangToken);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      const stored = await test.runtime.context.store.read.accessRecords.bySubject(indexOf(wang.residentId), 0, 100);
      expect(page.body.entries.map((entry) => entry.at)).toEqual(stored.map((record) => record.at));
      expect(page.body.entries).toHaveLength(2);
      expect(page.body.entries[0]!.at > page.body.entries[1]!.at).toBe(true);
      const basis = (await test.runtime.services.legalBases.list()).find((candidate) => candidate.id === world.legalBasisId)!;
      expect(page.body.entries[0]).toEqual({
        at: expect.any(String),
        operation: 'query',
        department: { id: world.orgs.civil, name: '云溪县民政局' },
        provider: { id: world.orgs.police, name: '云溪县公安局' },
        resource: { code: 'COND', name: '户籍人口信息' },
        items: [
          { code: 'name', name: '姓名' },
          { code: 'resident_id', name: '公民身份号码' },
        ],
        purpose: { code: 'MINIMUM_LIVING', text: '核对低保申请人户籍' },
        legalBasis: { law: basis.law, article: basis.article, title: basis.title },
        endUserReference: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      // The reference names no one: neither the staff member's login nor their id.
      const text = JSON.stringify(page.body);
      for (const value of [world.people.civilConsumer.login, world.people.civilConsumer.id]) expect(text).not.toContain(value);
      expect(page.body.hasMore).toBe(false);

      const liPage = await usage(await tokenOf(li.residentId));
      expect(liPage.body.entries).toHaveLength(1);
      expect(liPage.body.entries[0]!.endUserReference).toBe(page.body.entries[0]!.endUserReference);
      const zhangPage = await usage(await tokenOf(zhang.residentId));
      expect(zhangPage.body.entries).toEqual([]);
    });

    it('pages by period, offset and limit like findUsage, and refuses a reversed period', async () => {
      const token = await tokenOf(wang.residentId);
      const all = (await usage(token)).body.entries;
      const first = await usage(token, '?limit=1');
      expect(first.body).toMatchObject({ offset: 0, limit: 1, hasMore: true });
      expect(first.body.entries.map((entry) => entry.at)).toEqual([all[0]!.at]);
      const second = await usage(token, '?limit=1&offset=1');
      expect(second.body.entries.map((entry) => entry.at)).toEqual([all[1]!.at]);
      const older = await usage(token, `?to=${encodeURIComponent(all[1]!.at)}`);
      expect(older.body.entries.map((entry) => entry.at)).toEqual([all[1]!.at]);
      const newer = await usage(token, `?from=${encodeURIComponent(all[0]!.at)}`);
      expect(newer.body.entries.map((entry) => entry.at)).toEqual([all[0]!.at]);
      const reversed = await usage(token, `?from=${encodeURIComponent(all[0]!.at)}&to=${encodeURIComponent(all[1]!.at)}`);
      expect(reversed.status).toBe(400);
      expect(reversed.body.details?.errors).toEqual([expect.objectContaining({ path: '/from', code: 'PERIOD_REVERSED' })]);
      const tooMany = await usage(token, '?limit=500');
      expect([tooMany.status, tooMany.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('offers no way to read another subject: no subject parameter, and staff and citizen tokens each refused where they do not belong', async () => {
      const token = await tokenOf(wang.residentId);
      const named = await usage(token, `?subject=${li.residentId}`);
      expect([named.status, named.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(named.body)).not.toContain(li.residentId);
      for (const url of ['/api/v1/citizen/usage', '/api/v1/citizen/notices', '/api/v1/citizen/consents']) {
        expect((await call(test.app, 'GET', url)).status, url).toBe(401);
        expect((await call(test.app, 'GET', url, { token: world.people.civilConsumer.token })).status, url).toBe(401);
        expect((await call(test.app, 'GET', url, { token: world.token })).status, url).toBe(401);
      }
      // A citizen token opens no staff route.
      for (const url of ['/api/v1/grants', '/api/v1/consents', '/api/v1/me/tokens', '/api/v1/hold-backs']) expect((await call(test.app, 'GET', url, { token })).status, url).toBe(401);
      const atGateway = await exchange(test, world, 'query', { subject: li.residentId }, { token });
      expect(atGateway.status).toBe(401);
    });

    it('shows the subject its consents, lets it withdraw its own, and answers another subject’s consent as absent', async () => {
      const consumer = world.people.civilConsumer.token;
      const record = async (subjectId: string) => {
        const reply = await call<ConsentBody>(test.app, 'POST', '/api/v1/consents', { token: consumer, body: { subjectId, purposeCode: 'MINIMUM_LIVING', givenAt: test.clock.now().toISOString(), evidence: '民政同意〔2026〕第 9 号' } });
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        return reply.body.id;
      };
      const wangConsent = await record(wang.residentId);
      const liConsent = await record(li.residentId);
      const wangToken = await tokenOf(wang.residentId);
      const listed = await call<{ consents: ConsentBody[] }>(test.app, 'GET', '/api/v1/citizen/consents', { token: wangToken });
      expect(listed.body.consents).toEqual([expect.objectContaining({ id: wangConsent, consumerOrgId: world.orgs.civil, department: '云溪县民政局', withdrawnAt: null })]);

      const events = await auditCount(test.runtime);
      const foreign = await call<ErrorBody>(test.app, 'POST', `/api/v1/citizen/consents/${liConsent}/withdraw`, { token: wangToken });
      expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
      expect((await test.runtime.context.store.read.consents.get(liConsent))?.withdrawnAt).toBeNull();
      expect(await auditCount(test.runtime)).toBe(events);

      const withdrawn = await call<ConsentBody>(test.app, 'POST', `/api/v1/citizen/consents/${wangConsent}/withdraw`, { token: wangToken });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.withdrawnAt).toBe(test.clock.now().toISOString());
      const twice = await call<ErrorBody>(test.app, 'POST', `/api/v1/citizen/consents/${wangConsent}/withdraw`, { token: wangToken });
      expect([twice.status, twice.body.code]).toEqual([409, 'CONSENT_WITHDRAWN']);
      // The withdrawal is on record as the subject's, by its blind index.
      const entries = await test.runtime.context.store.auditStore.entries(1, (await auditCount(test.runtime)) + 1);
      const leaves = entries.map((entry) => JSON.parse(entry.leaf) as { action: string; actor: { type: string; id: string }; object: string });
      expect(leaves.find((leaf) => leaf.action === 'consent.withdrawn' && leaf.object === `consent:${wangConsent}`)?.actor).toMatchObject({ type: 'citizen', id: indexOf(wang.residentId) });
    });

    it('shows the notices of the grants that delivered the subject’s data, and none to a subject never accessed', async () => {
      const notices = await call<{ notices: { department: { name: string }; resourceCode: string; notice: { kind: string; channel?: string } }[] }>(test.app, 'GET', '/api/v1/citizen/notices', { token: await tokenOf(wang.residentId) });
      expect(notices.status).toBe(200);
      expect(notices.body.notices).toEqual([expect.objectContaining({ department: { id: world.orgs.civil, name: '云溪县民政局' }, resourceCode: 'COND', notice: expect.objectContaining({ kind: 'plan', channel: 'letter' }) })]);
      const none = await call<{ notices: unknown[] }>(test.app, 'GET', '/api/v1/citizen/notices', { token: await tokenOf(zhang.residentId) });
      expect(none.body.notices).toEqual([]);
    });

    it('hides accesses under an investigation hold-back until it ends, and shows them after', async () => {
      const supervisor = world.people.supervisor.token;
      const endsAt = new Date(test.clock.now().getTime() + 10 * DAY).toISOString();
      const body = { grantId: world.grant.id, caseNumber: '云数监〔2026〕3号', reason: '调查期间暂缓告知', endsAt };
      const events = await auditCount(test.runtime);
      // Another region's supervision authority, a department and the wrong role change nothing.
      const foreign = await call<ErrorBody>(test.app, 'POST', '/api/v1/hold-backs', { token: otherSupervisor, body });
      expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
      for (const token of [world.people.civilAdmin.token, world.people.policeAdmin.token]) expect((await call(test.app, 'POST', '/api/v1/hold-backs', { token, body })).status).toBe(403);
      const lapsed = await call<ErrorBody>(test.app, 'POST', '/api/v1/hold-backs', { token: world.people.lapsedSupervisor.token, body });
      expect([lapsed.status, lapsed.body.code]).toEqual([403, 'TRAINING_EXPIRED']);
      const past = await call<ErrorBody>(test.app, 'POST', '/api/v1/hold-backs', { token: supervisor, body: { ...body, endsAt: test.clock.now().toISOString() } });
      expect(past.body.details?.errors).toEqual([expect.objectContaining({ path: '/endsAt', code: 'HOLD_BACK_END_IN_PAST' })]);
      const long = await call<ErrorBody>(test.app, 'POST', '/api/v1/hold-backs', { token: supervisor, body: { ...body, endsAt: new Date(test.clock.now().getTime() + 400 * DAY).toISOString() } });
      expect(long.body.details?.errors).toEqual([expect.objectContaining({ path: '/endsAt', code: 'HOLD_BACK_TOO_LONG' })]);
      const personal = await call<ErrorBody>(test.app, 'POST', '/api/v1/hold-backs', { token: supervisor, body: { ...body, reason: `涉及 ${li.residentId}` } });
      expect(personal.body.details?.errors).toEqual([expect.objectContaining({ path: '/reason', code: 'REASON_HAS_PERSONAL_DATA' })]);
      expect(await auditCount(test.runtime)).toBe(events);

      const token = await tokenOf(wang.residentId);
      const before = (await usage(token)).body.entries;
      const created = await call<HoldBackBody>(test.app, 'POST', '/api/v1/hold-backs', { token: supervisor, body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await query(wang.residentId);
      const stored = await test.runtime.context.store.read.accessRecords.bySubject(indexOf(wang.residentId), 0, 100);
      expect(stored).toHaveLength(before.length + 1);
      const held = await usage(token);
      expect(held.body.entries).toEqual(before);
      // The page is filled from what may be shown: a held-back access leaves no gap to infer it from.
      expect((await usage(token, '?limit=1')).body.entries.map((entry) => entry.at)).toEqual([before[0]!.at]);

      expect((await call<{ holdBacks: HoldBackBody[] }>(test.app, 'GET', '/api/v1/hold-backs', { token: otherSupervisor })).body.holdBacks).toEqual([]);
      expect((await call<{ holdBacks: HoldBackBody[] }>(test.app, 'GET', '/api/v1/hold-backs', { token: supervisor })).body.holdBacks.map((entry) => entry.id)).toEqual([created.body.id]);
      expect((await call(test.app, 'POST', `/api/v1/hold-backs/${created.body.id}/lift`, { token: otherSupervisor, body: { reason: '解除' } })).status).toBe(404);

      test.clock.set(new Date(new Date(endsAt).getTime() + MINUTE));
      const shown = await usage(await tokenOf(wang.residentId));
      expect(shown.body.entries.map((entry) => entry.at)).toEqual(stored.map((record) => record.at));
      const ended = await call<ErrorBody>(test.app, 'POST', `/api/v1/hold-backs/${created.body.id}/lift`, { token: supervisor, body: { reason: '解除' } });
      expect([ended.status, ended.body.code]).toEqual([409, 'HOLD_BACK_ENDED']);
    });

    it('shows held-back accesses at once when the supervisor lifts the hold-back early', async () => {
      const supervisor = world.people.supervisor.token;
      const created = await call<HoldBackBody>(test.app, 'POST', '/api/v1/hold-backs', { token: supervisor, body: { grantId: world.grant.id, caseNumber: '云数监〔2026〕4号', reason: '调查期间暂缓告知', endsAt: new Date(test.clock.now().getTime() + 30 * DAY).toISOString() } });
      expect(created.status).toBe(201);
      await query(li.residentId);
      const token = await tokenOf(li.residentId);
      const stored = await test.runtime.context.store.read.accessRecords.bySubject(indexOf(li.residentId), 0, 100);
      expect((await usage(token)).body.entries).toHaveLength(stored.length - 1);
      const lifted = await call<HoldBackBody>(test.app, 'POST', `/api/v1/hold-backs/${created.body.id}/lift`, { token: supervisor, body: { reason: '调查终结' } });
      expect(lifted.status).toBe(200);
      expect(lifted.body.liftedAt).toBe(test.clock.now().toISOString());
      expect((await usage(token)).body.entries).toHaveLength(stored.length);
    });

    it('logs in demo subjects the seeding registered, and no one else', async () => {
      const unknown = await call<ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/demo', { body: { login: 'person-000000000000' }, remoteAddress: nextAddress() });
      expect([unknown.status, unknown.body.code]).toEqual([401, 'CITIZEN_LOGIN_FAILED']);
      const { login, kind } = await test.runtime.services.citizenAuth.registerDemoSubject(wang.residentId, '331199');
      expect(kind).toBe('person');
      const demo = await call<LoginBody>(test.app, 'POST', '/api/v1/citizen/login/demo', { body: { login }, remoteAddress: nextAddress() });
      expect(demo.status).toBe(201);
      expect(demo.body).toMatchObject({ provider: 'demo', subjectKind: 'person' });
      // The same subject, whichever provider it came through.
      const viaDemo = (await usage(demo.body.token)).body.entries;
      const viaOidc = (await usage(await tokenOf(wang.residentId))).body.entries;
      expect(viaDemo).toEqual(viaOidc);
      const company = await test.runtime.services.citizenAuth.registerDemoSubject(syntheticUscc('331199', 77), '331199');
      expect(company.kind).toBe('company');
    });

    it('limits the logins per source address: the 31st knock in ten minutes is refused before the body is read, writing nothing', async () => {
      const address = '203.0.113.7';
      const knock = () => call<ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/demo', { body: { login: 'person-000000000000' }, remoteAddress: address });
      for (let attempt = 0; attempt < 30; attempt += 1) expect((await knock()).status).toBe(401);
      const before = [await auditCount(test.runtime), (await sessions()).length];
      // A malformed body would be a 400: the limit is checked first.
      const refused = await test.app.inject({ method: 'POST', url: '/api/v1/citizen/login/demo', remoteAddress: address, payload: { name: 'no login here' } });
      expect([refused.statusCode, refused.json<ErrorBody>().code]).toEqual([429, 'RATE_LIMITED']);
      expect(refused.headers['retry-after']).toBe('600');
      expect((await test.app.inject({ method: 'POST', url: '/api/v1/citizen/login/oidc', remoteAddress: address })).statusCode).toBe(429);
      expect([await auditCount(test.runtime), (await sessions()).length]).toEqual(before);
      // Another address is not held back, and the window reopens after ten minutes.
      expect((await oidcLogin(wang.residentId)).status).toBe(201);
      test.clock.advance(10 * MINUTE);
      expect((await knock()).status).toBe(401);
    });

    it('ends a session at logout and when it expires, and never writes the identifier to the audit log', async () => {
      const token = await tokenOf(wang.residentId);
      expect((await call(test.app, 'POST', '/api/v1/citizen/logout', { token })).status).toBe(204);
      expect((await usage(token)).status).toBe(401);
      const expiring = await tokenOf(li.residentId);
      test.clock.advance(31 * MINUTE);
      expect((await usage(expiring)).status).toBe(401);
      const entries = await test.runtime.context.store.auditStore.entries(1, (await auditCount(test.runtime)) + 1);
      const log = entries.map((entry) => entry.leaf).join('\n');
      expect(log).toContain('citizen.login.succeeded');
      expect(log).toContain('citizen.login.failed');
      for (const resident of RESIDENTS) expect(log).not.toContain(resident.residentId);
    });
  });

  describe(`citizen view under a notice exemption (${dialect})`, () => {
    let test: TestRuntime;
    let world: GatewayWorld;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildGatewayWorld(test, {
        piBasis: { kind: 'statutory_duty', dutyCode: 'SOCIAL_ASSISTANCE', notice: { kind: 'exemption', ground: 'impedes_duties', reason: '核查骗保线索，告知将妨碍调查' } },
      });
    });
    afterAll(() => test.close());

    it('keeps accesses under a PIPL Art. 35 exemption hidden while the grant is in force, then shows them with the exemption’s ground only', async () => {
      const reply = await exchange(test, world, 'query', { subject: wang.residentId });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const { login } = await test.runtime.services.citizenAuth.registerDemoSubject(wang.residentId, '331199');
      const signIn = async () => (await call<LoginBody>(test.app, 'POST', '/api/v1/citizen/login/demo', { body: { login }, remoteAddress: '198.51.100.201' })).body.token;
      let token = await signIn();
      expect((await call<UsagePage>(test.app, 'GET', '/api/v1/citizen/usage', { token })).body.entries).toEqual([]);
      expect((await call<{ notices: unknown[] }>(test.app, 'GET', '/api/v1/citizen/notices', { token })).body.notices).toEqual([]);

      test.clock.set(new Date(new Date(world.grant.expiresAt).getTime() + MINUTE));
      token = await signIn();
      const shown = await call<UsagePage>(test.app, 'GET', '/api/v1/citizen/usage', { token });
      expect(shown.body.entries).toEqual([expect.objectContaining({ department: { id: world.orgs.civil, name: '云溪县民政局' }, resource: { code: 'COND', name: '户籍人口信息' } })]);
      const notices = await call<{ notices: { notice: Record<string, unknown> }[] }>(test.app, 'GET', '/api/v1/citizen/notices', { token });
      expect(notices.body.notices.map((notice) => notice.notice)).toEqual([{ kind: 'exemption', ground: 'impedes_duties' }]);
      expect(JSON.stringify(notices.body)).not.toContain('骗保');
    });

    it('answers OIDC login as not configured where no identity service is', async () => {
      const reply = await call<ErrorBody>(test.app, 'POST', '/api/v1/citizen/login/oidc', { remoteAddress: '198.51.100.202' });
      expect([reply.status, reply.body.code]).toEqual([404, 'CITIZEN_PROVIDER_DISABLED']);
    });
  });
}

describe('the OIDC client', () => {
  let provider: MockOpenIdProvider;
  const clock = new ManualClock('2026-11-27T02:00:00.000Z');
  beforeAll(async () => {
    provider = new MockOpenIdProvider(() => clock.now());
    await provider.start();
  });
  afterAll(() => provider.stop());

  const client = () => joseOidcClient({ issuer: provider.issuer, clientId: CLIENT_ID, clientSecret: null, redirectUri: REDIRECT_URI, identifierClaim: CLAIM, scope: 'openid' }, clock);
  const reasonOf = async (attempt: Promise<unknown>) => {
    try {
      await attempt;
      return 'none';
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('CITIZEN_PROVIDER_UNAVAILABLE');
      return (error as DomainError).details?.['reason'];
    }
  };
  const request = { state: 's', nonce: 'n', codeChallenge: 'c' };

  it('talks to the configured issuer only: a mismatched issuer, an endpoint on another host or no S256 is refused', async () => {
    provider.discovery = { issuer: 'https://id.elsewhere.example' };
    expect(await reasonOf(client().authorizationUrl(request))).toBe('discovery_issuer_mismatch');
    provider.discovery = { token_endpoint: 'https://collector.example/token' };
    expect(await reasonOf(client().authorizationUrl(request))).toBe('endpoint_off_issuer');
    provider.discovery = { jwks_uri: 'http://127.0.0.2:1/jwks' };
    expect(await reasonOf(client().authorizationUrl(request))).toBe('endpoint_off_issuer');
    provider.discovery = { code_challenge_methods_supported: ['plain'] };
    expect(await reasonOf(client().authorizationUrl(request))).toBe('pkce_s256_unsupported');
    provider.discovery = {};
    expect(await reasonOf(client().authorizationUrl(request))).toBe('none');
  });

  it('tries discovery again after a failure rather than remembering it', async () => {
    const once = client();
    provider.discovery = { issuer: 'https://id.elsewhere.example' };
    expect(await reasonOf(once.authorizationUrl(request))).toBe('discovery_issuer_mismatch');
    provider.discovery = {};
    expect(new URL(await once.authorizationUrl(request)).searchParams.get('code_challenge')).toBe('c');
  });
});
