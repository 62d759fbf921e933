import type { Kysely } from 'kysely';
import type { Credential } from '../../core/identity/person.ts';
import type { Schema } from '../schema.ts';

function toCredential(row: Schema['credentials']): Credential {
  return {
    id: row.id,
    orgId: row.org_id,
    appId: row.app_id,
    allowedIps: JSON.parse(row.allowed_ips) as string[],
    responsiblePersonId: row.responsible_person_id,
    contractorOrgId: row.contractor_org_id,
    status: row.status as Credential['status'],
    createdAt: row.created_at,
  };
}

export class CredentialRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(credential: Credential, secretHash: string): Promise<void> {
    await this.db
      .insertInto('credentials')
      .values({
        id: credential.id,
        org_id: credential.orgId,
        app_id: credential.appId,
        secret_hash: secretHash,
        allowed_ips: JSON.stringify(credential.allowedIps),
        responsible_person_id: credential.responsiblePersonId,
        contractor_org_id: credential.contractorOrgId,
        status: credential.status,
        created_at: credential.createdAt,
      })
      .execute();
  }

  async get(id: string): Promise<Credential | undefined> {
    const row = await this.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCredential(row);
  }

  async getByAppId(appId: string): Promise<Credential | undefined> {
    const row = await this.db.selectFrom('credentials').selectAll().where('app_id', '=', appId).executeTakeFirst();
    return row && toCredential(row);
  }

  /** The credential whose token hashes to `secretHash`: one indexed read, no KDF (DESIGN §7). */
  async getBySecretHash(secretHash: string): Promise<Credential | undefined> {
    const row = await this.db.selectFrom('credentials').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
    return row && toCredential(row);
  }

  async list(orgId: string | undefined): Promise<Credential[]> {
    let query = this.db.selectFrom('credentials').selectAll();
    if (orgId) query = query.where('org_id', '=', orgId);
    const rows = await query.orderBy('id').execute();
    return rows.map(toCredential);
  }
}
