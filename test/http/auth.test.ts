import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, generateTotp } from '../../src/core/identity/totp.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildWorld, type World } from '../support/world.ts';

for (const dialect of DIALECTS) {
  describe(`login, sessions and tokens (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
    });
    afterAll(() => test.close());

    const totpNow = (secret: string) => generateTotp(base32Decode(secret), test.clock.now());

    it('logs in with password and TOTP, and the session reaches /me', async () => {
      const { login, password, totpSecret } = world.people.civilAdmin;
      const reply = await call<{ token: string; expiresAt: string }>(test.app, 'POST', '/api/v1/auth/login', { body: { login, password, totp: totpNow(totpSecret) } });
      expect(reply.status).toBe(200);
      expect(reply.body.token).toMatch(/^cus_s_/);
      const me = await call<{ person: { login: string } }>(test.app, 'GET', '/api/v1/me', { token: reply.body.token });
      expect(me.status).toBe(200);
      expect(me.body.person.login).toBe(login);
    });

    it('refuses a replayed one-time code, a wrong one and a wrong password alike, and audits each', async () => {
      const { login, password, totpSecret } = world.people.supervisor;
      test.clock.advance(60_000);
      const code = totpNow(totpSecret);
      expect((await call(test.app, 'POST', '/api/v1/auth/login', { body: { login, password, totp: code } })).status).toBe(200);
      const before = await auditCount(test.runtime);
      const replay = await call(test.app, 'POST', '/api/v1/auth/login', { body: { login, password, totp: code } });
      const wrongCode = await call(test.app, 'POST', '/api/v1/auth/login', { body: { login, password, totp: code === '000000' ? '111111' : '000000' } });
      const wrongPassword = await call(test.app, 'POST', '/api/v1/auth/login', { body: { login, password: `${password}x`, totp: code } });
      const nobody = await call(test.app, 'POST', '/api/v1/auth/login', { body: { login: 'nobody', password, totp: code } });
      for (const reply of [replay, wrongCode, wrongPassword, nobody]) {
        expect(reply.status).toBe(401);
        expect(reply.body).toMatchObject({ code: 'LOGIN_FAILED' });
      }
      expect(await auditCount(test.runtime)).toBe(before + 4);
    });

    it('ends a session when it expires', async () => {
      const { login, password, totpSecret } = world.people.policeAdmin;
      test.clock.advance(60_000);
      const session = await call<{ token: string }>(test.app, 'POST', '/api/v1/auth/login', { body: { login, password, totp: totpNow(totpSecret) } });
      expect((await call(test.app, 'GET', '/api/v1/me', { token: session.body.token })).status).toBe(200);
      test.clock.advance(8 * 60 * 60 * 1000 + 1);
      const expired = await call(test.app, 'GET', '/api/v1/me', { token: session.body.token });
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('logs out, after which the session no longer works', async () => {
      const { login, password, totpSecret } = world.people.civilConsumer;
      test.clock.advance(60_000);
      const session = await call<{ token: string }>(test.app, 'POST', '/api/v1/auth/login', { body: { login, password, totp: totpNow(totpSecret) } });
      expect((await call(test.app, 'POST', '/api/v1/auth/logout', { token: session.body.token })).status).toBe(204);
      expect((await call(test.app, 'GET', '/api/v1/me', { token: session.body.token })).status).toBe(401);
    });

    it('issues a personal token once, lists it without the secret, and revokes it', async () => {
      const owner = world.people.civilAdmin;
      const created = await call<{ id: string; token: string }>(test.app, 'POST', '/api/v1/me/tokens', { token: owner.token, body: { label: 'ci' } });
      expect(created.status).toBe(201);
      expect((await call(test.app, 'GET', '/api/v1/me', { token: created.body.token })).status).toBe(200);
      const listed = await call<{ tokens: Record<string, unknown>[] }>(test.app, 'GET', '/api/v1/me/tokens', { token: owner.token });
      expect(listed.body.tokens.some((token) => token['id'] === created.body.id)).toBe(true);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
      // Another person cannot revoke it: it answers as absent.
      const foreign = await call(test.app, 'DELETE', `/api/v1/me/tokens/${created.body.id}`, { token: world.people.policeAdmin.token });
      expect(foreign.status).toBe(404);
      expect((await call(test.app, 'DELETE', `/api/v1/me/tokens/${created.body.id}`, { token: owner.token })).status).toBe(204);
      expect((await call(test.app, 'GET', '/api/v1/me', { token: created.body.token })).status).toBe(401);
    });

    it('changes one’s own password, checking the current one and the policy', async () => {
      const { login, password, totpSecret, token } = world.people.policeAdmin;
      const wrong = await call<{ details: { errors: { code: string }[] } }>(test.app, 'POST', '/api/v1/me/password', { token, body: { currentPassword: 'not-it', newPassword: 'Another-Strong-Pass-42' } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details.errors[0]!.code).toBe('PASSWORD_WRONG');
      const weak = await call<{ details: { errors: { path: string }[] } }>(test.app, 'POST', '/api/v1/me/password', { token, body: { currentPassword: password, newPassword: 'short' } });
      expect(weak.body.details.errors[0]!.path).toBe('/newPassword');
      expect((await call(test.app, 'POST', '/api/v1/me/password', { token, body: { currentPassword: password, newPassword: 'Another-Strong-Pass-42' } })).status).toBe(204);
      test.clock.advance(60_000);
      const old = await call(test.app, 'POST', '/api/v1/auth/login', { body: { login, password, totp: totpNow(totpSecret) } });
      expect(old.status).toBe(401);
      test.clock.advance(60_000);
      const fresh = await call(test.app, 'POST', '/api/v1/auth/login', { body: { login, password: 'Another-Strong-Pass-42', totp: totpNow(totpSecret) } });
      expect(fresh.status).toBe(200);
    });

    it('refuses a missing, malformed or unknown bearer token', async () => {
      const variants: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer cus_p_unknown' }];
      for (const headers of variants) {
        const reply = await call(test.app, 'GET', '/api/v1/me', { headers });
        expect(reply.status).toBe(401);
        expect(reply.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
    });
  });
}

describe('login-failure lockout', () => {
  it('locks an account for fifteen minutes after five failures, then lets it in again', async () => {
    const test = await createTestRuntime('sqlite');
    try {
      const world = await buildWorld(test.runtime);
      const { login, password, totpSecret } = world.people.civilConsumer;
      const attempt = (secret: string) => call(test.app, 'POST', '/api/v1/auth/login', { body: { login, password: secret, totp: generateTotp(base32Decode(totpSecret), test.clock.now()) } });
      // Parallel guesses count too: no more than five are ever checked.
      const guesses = await Promise.all(Array.from({ length: 8 }, () => attempt('wrong-password')));
      expect(guesses.every((guess) => guess.status === 401)).toBe(true);
      // Locked: even the right password is refused, exactly like a wrong one.
      const locked = await attempt(password);
      expect(locked.status).toBe(401);
      expect(locked.body).toMatchObject({ code: 'LOGIN_FAILED' });
      test.clock.advance(15 * 60_000 + 1);
      expect((await attempt(password)).status).toBe(200);
    } finally {
      await test.close();
    }
  });
});
