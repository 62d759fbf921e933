import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

export type TokenKind = 'session' | 'personal';

export interface StoredToken {
  id: string;
  personId: string;
  kind: TokenKind;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

function toToken(row: Schema['sessions']): StoredToken {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind as TokenKind,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** Login sessions and personal API tokens. Only SHA-256 hashes of the tokens are stored. */
export class TokenRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(tokenHash: string, token: StoredToken): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash,
        id: token.id,
        person_id: token.personId,
        kind: token.kind,
        label: token.label,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<StoredToken | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toToken(row);
  }

  async listPersonal(personId: string): Promise<StoredToken[]> {
    const rows = await this.db.selectFrom('sessions').selectAll().where('person_id', '=', personId).where('kind', '=', 'personal').orderBy('created_at').execute();
    return rows.map(toToken);
  }

  /** Revokes one token of a person; false when the person holds no such live token. */
  async revoke(personId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
