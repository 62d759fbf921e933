import type { Kysely } from 'kysely';
import type { CitizenProvider, SubjectKind } from '../../core/citizen/subject.ts';
import type { Schema } from '../schema.ts';

/** A data subject's session. The subject is its blind index; the token is kept only as a SHA-256 hash. */
export interface CitizenSession {
  id: string;
  subjectIndex: string;
  subjectKind: SubjectKind;
  provider: CitizenProvider;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface PendingOidcLogin {
  codeVerifier: string;
  nonce: string;
  createdAt: string;
  expiresAt: string;
}

export interface DemoSubject {
  login: string;
  subjectIndex: string;
  subjectKind: SubjectKind;
  regionCode: string;
  createdAt: string;
}

function toSession(row: Schema['citizen_sessions']): CitizenSession {
  return {
    id: row.id,
    subjectIndex: row.subject_index,
    subjectKind: row.subject_kind as SubjectKind,
    provider: row.provider as CitizenProvider,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** Citizen sessions, the OIDC logins under way, and the demo region's subject logins. */
export class CitizenSessionRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(tokenHash: string, session: CitizenSession): Promise<void> {
    await this.db
      .insertInto('citizen_sessions')
      .values({
        token_hash: tokenHash,
        id: session.id,
        subject_index: session.subjectIndex,
        subject_kind: session.subjectKind,
        provider: session.provider,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        revoked_at: session.revokedAt,
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<CitizenSession | undefined> {
    const row = await this.db.selectFrom('citizen_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toSession(row);
  }

  /** Ends one live session; false when it is not live. */
  async revoke(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('citizen_sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertOidcLogin(stateHash: string, login: PendingOidcLogin): Promise<void> {
    await this.db
      .insertInto('citizen_oidc_logins')
      .values({ state_hash: stateHash, code_verifier: login.codeVerifier, nonce: login.nonce, created_at: login.createdAt, expires_at: login.expiresAt, used_at: null })
      .execute();
  }

  /**
   * Takes a login under way for its one use: a state that is unknown, spent or expired gives
   * nothing. The conditional update settles a race between two callbacks with the same state.
   */
  async claimOidcLogin(stateHash: string, at: string): Promise<PendingOidcLogin | undefined> {
    const result = await this.db.updateTable('citizen_oidc_logins').set({ used_at: at }).where('state_hash', '=', stateHash).where('used_at', 'is', null).where('expires_at', '>', at).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    const row = await this.db.selectFrom('citizen_oidc_logins').selectAll().where('state_hash', '=', stateHash).executeTakeFirstOrThrow();
    return { codeVerifier: row.code_verifier, nonce: row.nonce, createdAt: row.created_at, expiresAt: row.expires_at };
  }

  /** Logins never finished, past their expiry: nothing in them is of use any more. */
  async deleteExpiredOidcLogins(before: string): Promise<void> {
    await this.db.deleteFrom('citizen_oidc_logins').where('expires_at', '<=', before).execute();
  }

  async putDemoSubject(subject: DemoSubject): Promise<void> {
    await this.db
      .insertInto('citizen_demo_subjects')
      .values({ login: subject.login, subject_index: subject.subjectIndex, subject_kind: subject.subjectKind, region_code: subject.regionCode, created_at: subject.createdAt })
      .execute();
  }

  async demoSubject(login: string): Promise<DemoSubject | undefined> {
    const row = await this.db.selectFrom('citizen_demo_subjects').selectAll().where('login', '=', login).executeTakeFirst();
    return row && { login: row.login, subjectIndex: row.subject_index, subjectKind: row.subject_kind as SubjectKind, regionCode: row.region_code, createdAt: row.created_at };
  }
}
