import { createHash } from 'node:crypto';
import { subjectKindOf, type CitizenProvider, type SubjectKind } from '../../core/citizen/subject.ts';
import { blindIndexInput, subjectIdentifier } from '../../core/pii/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { hashToken, newToken } from '../../crypto/secrets.ts';
import type { CitizenSession } from '../../storage/repositories/citizen-sessions.ts';
import { nowIso, type AppContext } from '../context.ts';
import { citizenActor, type CitizenPrincipal } from './citizen-principal.ts';
import { DEFAULT_CITIZEN_SETTINGS, type CitizenSettings } from './citizen-settings.ts';
import { joseOidcClient, type OidcClient } from './oidc-client.ts';

/** A citizen token says what it is, apart from staff sessions (`cus_s`), personal tokens (`cus_p`) and system credentials (`cus_c`). */
export const CITIZEN_TOKEN_PREFIX = 'cus_cit';
/** A login started with the identity service must come back within this time. */
const OIDC_LOGIN_MINUTES = 10;

export interface CitizenLogin {
  token: string;
  expiresAt: string;
  subjectKind: SubjectKind;
  provider: CitizenProvider;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function loginFailed(): DomainError<'CITIZEN_LOGIN_FAILED'> {
  return new DomainError('CITIZEN_LOGIN_FAILED', '身份认证未通过，请重新登录 / the login was not confirmed; please sign in again');
}

function unauthenticated(): DomainError<'UNAUTHENTICATED'> {
  return new DomainError('UNAUTHENTICATED', '未登录或登录已失效 / not signed in, or the session has ended');
}

/**
 * How a data subject signs in to the citizen view (issue #8 §4): through the configured identity
 * service (OIDC with PKCE) or, in the demo region only, through the demo logins the seeding wrote.
 * Either way the identifier is validated, turned into its blind index and dropped; the session
 * holds the index only, and its token reaches nothing but /api/v1/citizen.
 */
export class CitizenAuthService {
  private readonly context: AppContext;
  private readonly settings: CitizenSettings;
  private readonly oidc: OidcClient | null;

  constructor(context: AppContext, oidc?: OidcClient | null) {
    this.context = context;
    this.settings = context.settings.citizen ?? DEFAULT_CITIZEN_SETTINGS;
    this.oidc = oidc !== undefined ? oidc : this.settings.oidc && joseOidcClient(this.settings.oidc, context.clock);
  }

  /** The demo provider: a login the demo seeding wrote; a database never seeded as the demo has none. */
  async demoLogin(login: string): Promise<CitizenLogin> {
    const subject = await this.context.store.read.citizenSessions.demoSubject(login);
    if (!subject) return this.failed('demo', 'unknown_login');
    return this.openSession(subject.subjectIndex, subject.subjectKind, 'demo');
  }

  /**
   * Registers a demo subject and returns its login: for the demo seeding on the server itself,
   * never reachable over HTTP. Only the blind index is stored; the demo credentials file names the
   * synthetic identifier beside the login.
   */
  async registerDemoSubject(identifier: string, regionCode: string): Promise<{ kind: SubjectKind; login: string }> {
    const subject = subjectIdentifier(identifier);
    if (!subject) throw new DomainError('VALIDATION_FAILED', '须为有效的公民身份号码或统一社会信用代码 / must be a valid resident ID or USCC');
    const kind = subjectKindOf(subject);
    const subjectIndex = this.context.blindIndex(blindIndexInput(subject));
    // Derived with the deployment's key rather than drawn: unguessable without the key, the same
    // on a re-seed, and it leaves the seeded random sequence of the demo untouched.
    const login = `${kind}-${this.context.vault.keyedHash('citizen-demo-login', subjectIndex).slice(0, 12)}`;
    await this.context.store.read.citizenSessions.putDemoSubject({ login, subjectIndex, subjectKind: kind, regionCode, createdAt: nowIso(this.context) });
    return { kind, login };
  }

  /** Starts an authorization-code login: a fresh state, nonce and PKCE verifier, kept for minutes. */
  async startOidc(): Promise<{ authorizationUrl: string; expiresAt: string }> {
    const oidc = this.requireOidc();
    const { random, store } = this.context;
    const now = this.context.clock.now();
    const state = base64url(random(32));
    const nonce = base64url(random(32));
    const codeVerifier = base64url(random(32));
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const authorizationUrl = await oidc.authorizationUrl({ state, nonce, codeChallenge });
    const expiresAt = new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000).toISOString();
    await store.read.citizenSessions.deleteExpiredOidcLogins(now.toISOString());
    await store.read.citizenSessions.insertOidcLogin(hashToken(state), { codeVerifier, nonce, createdAt: now.toISOString(), expiresAt });
    return { authorizationUrl, expiresAt };
  }

  /** Finishes a login with the code and state the identity service sent back to the console. */
  async finishOidc(input: { code: string; state: string }): Promise<CitizenLogin> {
    const oidc = this.requireOidc();
    const pending = await this.context.store.read.citizenSessions.claimOidcLogin(hashToken(input.state), nowIso(this.context));
    if (!pending) return this.failed('oidc', 'state_unknown');
    let claims: Record<string, unknown>;
    try {
      claims = await oidc.redeem({ code: input.code, codeVerifier: pending.codeVerifier, nonce: pending.nonce });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CITIZEN_LOGIN_FAILED') return this.failed('oidc', String(error.details?.['reason'] ?? 'refused'));
      throw error;
    }
    const claim = claims[this.settings.oidc!.identifierClaim];
    const subject = typeof claim === 'string' ? subjectIdentifier(claim) : null;
    if (!subject) return this.failed('oidc', 'identifier_invalid');
    return this.openSession(this.context.blindIndex(blindIndexInput(subject)), subjectKindOf(subject), 'oidc');
  }

  /** Resolves a citizen token; staff tokens, expired, revoked and unknown ones are refused alike. */
  async authenticate(token: string): Promise<CitizenPrincipal> {
    if (!token.startsWith(`${CITIZEN_TOKEN_PREFIX}_`)) throw unauthenticated();
    const session = await this.context.store.read.citizenSessions.findByHash(hashToken(token));
    if (!session || session.revokedAt !== null || session.expiresAt <= nowIso(this.context)) throw unauthenticated();
    return { sessionId: session.id, subjectIndex: session.subjectIndex, subjectKind: session.subjectKind, provider: session.provider };
  }

  async logout(principal: CitizenPrincipal): Promise<void> {
    await this.context.store.transaction(async (repositories) => {
      await repositories.citizenSessions.revoke(principal.sessionId, nowIso(this.context));
      await repositories.audit.append({ actor: citizenActor(principal), action: 'citizen.logout', object: `citizen_session:${principal.sessionId}`, details: {} });
    });
  }

  private requireOidc(): OidcClient {
    if (!this.oidc) throw new DomainError('CITIZEN_PROVIDER_DISABLED', '本部署未配置统一身份认证 / this deployment has no identity service configured');
    return this.oidc;
  }

  private async openSession(subjectIndex: string, subjectKind: SubjectKind, provider: CitizenProvider): Promise<CitizenLogin> {
    const now = this.context.clock.now();
    const token = newToken(CITIZEN_TOKEN_PREFIX, this.context.random);
    const session: CitizenSession = {
      id: this.context.ids.next(),
      subjectIndex,
      subjectKind,
      provider,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.settings.sessionMinutes * 60_000).toISOString(),
      revokedAt: null,
    };
    await this.context.store.transaction(async (repositories) => {
      await repositories.citizenSessions.insert(hashToken(token), session);
      await repositories.audit.append({ actor: citizenActor(session), action: 'citizen.login.succeeded', object: `citizen_session:${session.id}`, details: { provider, subjectKind } });
    });
    return { token, expiresAt: session.expiresAt, subjectKind, provider };
  }

  /**
   * A refused login is on record with its reason, for investigators; the caller hears only that it
   * failed. Neither holds the identifier, the code or the state.
   */
  private async failed(provider: CitizenProvider, reason: string): Promise<never> {
    await this.context.store.auditLog.append({ actor: { type: 'anonymous', id: 'anonymous', org: null }, action: 'citizen.login.failed', object: 'citizen_session:none', details: { provider, reason } });
    throw loginFailed();
  }
}
