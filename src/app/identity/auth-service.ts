import { checkPasswordStrength } from '../../core/identity/password-policy.ts';
import { base32Decode, verifyTotp } from '../../core/identity/totp.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { utcInstant } from '../../core/shared/instant.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../crypto/secrets.ts';
import type { StoredToken } from '../../storage/repositories/sessions.ts';
import { actorOf, nowIso, type AppContext, type Principal } from '../context.ts';
import { SealedSecrets, totpPlace } from '../sealed-secrets.ts';

export interface LoginInput {
  login: string;
  password: string;
  totp: string;
}

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: string | null;
}

const SESSION_PREFIX = 'cus_s';
/**
 * GB/T 22239-2019 level 3 (8.1.4.1 b) asks for login-failure handling: after five failures an
 * account locks for fifteen minutes, which stops online guessing of passwords and one-time codes.
 */
const FAILURE_LIMIT = 5;
const LOCK_MINUTES = 15;

let decoy: Promise<string> | undefined;

/** A password hash that matches nothing, computed once, for logins that do not exist. */
function decoyHash(): Promise<string> {
  decoy ??= hashPassword('custos-decoy-password', new Uint8Array(16));
  return decoy;
}
const PERSONAL_PREFIX = 'cus_p';

function unauthenticated(): DomainError<'UNAUTHENTICATED'> {
  return new DomainError('UNAUTHENTICATED', '未登录或登录已失效 / not signed in, or the session has ended');
}

/**
 * Login with a password and a TOTP second factor (GB/T 22239-2019 level 3 asks for two factors),
 * sessions and personal API tokens. Tokens are random and stored only as SHA-256 hashes.
 */
export class AuthService {
  private readonly context: AppContext;
  private readonly totpSeeds: SealedSecrets;

  constructor(context: AppContext) {
    this.context = context;
    this.totpSeeds = new SealedSecrets(context, '@totp');
  }

  async login(input: LoginInput, source: { ip: string }): Promise<IssuedToken> {
    const { store, clock } = this.context;
    const person = await store.read.people.getByLogin(input.login);
    const now = clock.now();
    const failure = async (reason: string): Promise<never> => {
      // The reason is recorded for investigators; the caller is told only that login failed,
      // so that logins cannot be enumerated.
      await store.transaction((repositories) =>
        repositories.audit.append({
          actor: person ? { type: 'person', id: person.id, org: person.orgId } : { type: 'anonymous', id: 'anonymous', org: null },
          action: 'auth.login.failed',
          object: person ? `person:${person.id}` : 'person:unknown',
          details: { reason, ip: source.ip },
        }),
      );
      throw new DomainError('LOGIN_FAILED', '用户名、密码或动态口令错误 / wrong login, password or one-time code');
    };
    if (!person || person.status !== 'active' || !person.passwordHash || !person.totpSecret) {
      // The same scrypt work as for a real account, so timing does not tell which logins exist.
      await verifyPassword(input.password, await decoyHash());
      return failure('unknown_or_disabled');
    }
    const people = store.read.people;
    // A locked account answers exactly like a wrong password: lockout must not reveal accounts.
    if (!(await people.reserveLoginAttempt(person.id, FAILURE_LIMIT, now.toISOString()))) return failure('locked');
    const counted = async (reason: string): Promise<never> => {
      await people.lockIfExhausted(person.id, FAILURE_LIMIT, new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString());
      return failure(reason);
    };
    if (!(await verifyPassword(input.password, person.passwordHash))) return counted('password');
    // A seed that does not open (the key store unreachable, the row altered) fails the login like
    // a wrong code, audited and counted: the answer must not tell that the password was right.
    const seed = await this.totpSeeds.open(person.totpSecret, totpPlace(person.id)).catch(() => null);
    if (seed === null) return counted('totp_seed_unreadable');
    const totp = verifyTotp(base32Decode(seed), input.totp, now, { window: 1 });
    if (!totp.valid) return counted('totp');
    if (!(await people.claimTotpStep(person.id, totp.step))) return counted('totp_replayed');
    await people.clearFailedLogins(person.id);

    const token = newToken(SESSION_PREFIX, this.context.random);
    const stored: StoredToken = {
      id: this.context.ids.next(),
      personId: person.id,
      kind: 'session',
      label: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.context.settings.sessionMinutes * 60_000).toISOString(),
      revokedAt: null,
    };
    await store.transaction(async (repositories) => {
      await repositories.tokens.insert(hashToken(token), stored);
      await repositories.audit.append({
        actor: { type: 'person', id: person.id, org: person.orgId },
        action: 'auth.login.succeeded',
        object: `session:${stored.id}`,
        details: { ip: source.ip },
      });
    });
    return { id: stored.id, token, expiresAt: stored.expiresAt };
  }

  /** Resolves a bearer token to its person; expired, revoked or unknown tokens are refused alike. */
  async authenticate(token: string): Promise<Principal> {
    const { store } = this.context;
    const stored = await store.read.tokens.findByHash(hashToken(token));
    const now = nowIso(this.context);
    if (!stored || stored.revokedAt !== null || (stored.expiresAt !== null && stored.expiresAt <= now)) throw unauthenticated();
    const person = await store.read.people.get(stored.personId);
    if (!person || person.status !== 'active') throw unauthenticated();
    const org = await store.read.organisations.get(person.orgId);
    if (!org) throw unauthenticated();
    return { person, org, tokenId: stored.id };
  }

  /**
   * The principal of a login, without a password: for commands an operator runs on the server
   * itself (CLI import, demo seeding), where access to the machine is the authentication.
   * Never reachable over HTTP.
   */
  async localPrincipal(login: string): Promise<Principal> {
    const { store } = this.context;
    const person = await store.read.people.getByLogin(login);
    const org = person && (await store.read.organisations.get(person.orgId));
    if (!person || !org || person.status !== 'active') throw new DomainError('NOT_FOUND', `没有在用的登录名 ${login} / no active login ${login}`);
    const { passwordHash: _password, totpSecret: _totp, lastTotpStep: _step, ...plain } = person;
    return { person: plain, org, tokenId: 'local', local: true };
  }

  async logout(principal: Principal): Promise<void> {
    await this.context.store.transaction(async (repositories) => {
      await repositories.tokens.revoke(principal.person.id, principal.tokenId, nowIso(this.context));
      await repositories.audit.append({ actor: actorOf(principal), action: 'auth.logout', object: `session:${principal.tokenId}`, details: {} });
    });
  }

  /**
   * Changes one's own password: the current one proves it is the person, not someone holding a
   * stolen session. The new one must meet the complexity policy. Other sessions are not ended;
   * personal tokens are separate credentials.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const { store } = this.context;
    const person = await store.read.people.getByLogin(principal.person.login);
    if (!person?.passwordHash || !(await verifyPassword(currentPassword, person.passwordHash))) {
      throw new DomainError('VALIDATION_FAILED', '当前密码不正确 / the current password is wrong', { details: { errors: [{ path: '/currentPassword', code: 'PASSWORD_WRONG', message: 'the current password is wrong' }] } });
    }
    const problems = checkPasswordStrength(newPassword, person.login).map((problem) => ({ ...problem, path: '/newPassword' }));
    if (currentPassword === newPassword) problems.push({ path: '/newPassword', code: 'PASSWORD_UNCHANGED', message: '新密码不能与当前密码相同 / the new password must differ' });
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', '新密码不符合要求 / the new password does not meet the policy', { details: { errors: problems } });
    const hash = await hashPassword(newPassword);
    await store.transaction(async (repositories) => {
      await repositories.people.setPasswordHash(person.id, hash, nowIso(this.context));
      await repositories.audit.append({ actor: actorOf(principal), action: 'auth.password.changed', object: `person:${person.id}`, details: {} });
    });
  }

  /** A personal API token, shown once: only its hash is kept. */
  async createPersonalToken(principal: Principal, label: string, requestedExpiry: string | null): Promise<IssuedToken> {
    const now = nowIso(this.context);
    const expiresAt = requestedExpiry === null ? null : utcInstant(requestedExpiry, '/expiresAt');
    if (expiresAt !== null && expiresAt <= now) {
      throw new DomainError('VALIDATION_FAILED', '过期时间须晚于当前时间 / expiry must be in the future', {
        details: { errors: [{ path: '/expiresAt', code: 'EXPIRY_IN_PAST', message: 'expiry must be in the future' }] },
      });
    }
    const token = newToken(PERSONAL_PREFIX, this.context.random);
    const stored: StoredToken = { id: this.context.ids.next(), personId: principal.person.id, kind: 'personal', label, createdAt: now, expiresAt, revokedAt: null };
    await this.context.store.transaction(async (repositories) => {
      await repositories.tokens.insert(hashToken(token), stored);
      await repositories.audit.append({ actor: actorOf(principal), action: 'auth.token.created', object: `token:${stored.id}`, details: { label, expiresAt } });
    });
    return { id: stored.id, token, expiresAt };
  }

  listPersonalTokens(principal: Principal): Promise<StoredToken[]> {
    return this.context.store.read.tokens.listPersonal(principal.person.id);
  }

  async revokePersonalToken(principal: Principal, tokenId: string): Promise<void> {
    await this.context.store.transaction(async (repositories) => {
      const revoked = await repositories.tokens.revoke(principal.person.id, tokenId, nowIso(this.context));
      if (!revoked) throw new DomainError('NOT_FOUND', '令牌不存在 / token not found');
      await repositories.audit.append({ actor: actorOf(principal), action: 'auth.token.revoked', object: `token:${tokenId}`, details: {} });
    });
  }
}
