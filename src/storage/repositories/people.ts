import { sql, type Kysely, type Selectable } from 'kysely';
import type { Person, PersonStatus } from '../../core/identity/person.ts';
import type { Role } from '../../core/identity/roles.ts';
import type { TrainingRecord } from '../../core/identity/training.ts';
import type { Schema } from '../schema.ts';

function toPerson(row: Selectable<Schema['people']>): Person {
  return {
    id: row.id,
    orgId: row.org_id,
    login: row.login,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    status: row.status as PersonStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What login needs and nothing else reads: the password hash and the TOTP secret. */
export interface LoginSecrets {
  passwordHash: string | null;
  totpSecret: string | null;
  lastTotpStep: number | null;
}


export interface PersonFilter {
  orgId?: string | undefined;
  after?: string | undefined;
  limit: number;
}

export class PersonRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(person: Person, secrets: LoginSecrets): Promise<void> {
    await this.db
      .insertInto('people')
      .values({
        id: person.id,
        org_id: person.orgId,
        login: person.login,
        name: person.name,
        roles: JSON.stringify(person.roles),
        status: person.status,
        password_hash: secrets.passwordHash,
        totp_secret: secrets.totpSecret,
        last_totp_step: secrets.lastTotpStep,
        created_at: person.createdAt,
        updated_at: person.updatedAt,
      })
      .execute();
  }

  async update(person: Person): Promise<void> {
    await this.db
      .updateTable('people')
      .set({ name: person.name, roles: JSON.stringify(person.roles), status: person.status, updated_at: person.updatedAt })
      .where('id', '=', person.id)
      .execute();
  }

  async get(id: string): Promise<Person | undefined> {
    const row = await this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPerson(row);
  }

  async getByLogin(login: string): Promise<(Person & LoginSecrets) | undefined> {
    const row = await this.db.selectFrom('people').selectAll().where('login', '=', login).executeTakeFirst();
    return (
      row && {
        ...toPerson(row),
        passwordHash: row.password_hash,
        totpSecret: row.totp_secret,
        lastTotpStep: row.last_totp_step === null ? null : Number(row.last_totp_step),
      }
    );
  }

  /**
   * Reserves one login attempt, atomically: refused while the account is locked or while `limit`
   * attempts are already counted, so parallel guesses cannot outrun the lockout.
   */
  async reserveLoginAttempt(personId: string, limit: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('people')
      .set((update) => ({ failed_logins: sql<number>`${update.ref('failed_logins')} + 1` }))
      .where('id', '=', personId)
      .where('failed_logins', '<', limit)
      .where((where) => where.or([where('locked_until', 'is', null), where('locked_until', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** After a failed attempt: once `limit` attempts are counted, lock until `lockUntil` and start counting again. */
  async lockIfExhausted(personId: string, limit: number, lockUntil: string): Promise<void> {
    await this.db
      .updateTable('people')
      .set((update) => ({
        locked_until: sql<string | null>`case when ${update.ref('failed_logins')} >= ${limit} then ${lockUntil} else ${update.ref('locked_until')} end`,
        failed_logins: sql<number>`case when ${update.ref('failed_logins')} >= ${limit} then 0 else ${update.ref('failed_logins')} end`,
      }))
      .where('id', '=', personId)
      .execute();
  }

  async clearFailedLogins(personId: string): Promise<void> {
    await this.db.updateTable('people').set({ failed_logins: 0, locked_until: null }).where('id', '=', personId).execute();
  }

  async list(filter: PersonFilter): Promise<Person[]> {
    let query = this.db.selectFrom('people').selectAll();
    if (filter.orgId) query = query.where('org_id', '=', filter.orgId);
    if (filter.after) query = query.where('id', '>', filter.after);
    const rows = await query.orderBy('id').limit(filter.limit).execute();
    return rows.map(toPerson);
  }

  /**
   * Records the TOTP step just used, only if it is newer than the last one: a code seen once is
   * never accepted again, even by a concurrent login (RFC 6238 §5.2).
   */
  async claimTotpStep(personId: string, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('people')
      .set({ last_totp_step: step })
      .where('id', '=', personId)
      .where((where) => where.or([where('last_totp_step', 'is', null), where('last_totp_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setPasswordHash(personId: string, passwordHash: string, updatedAt: string): Promise<void> {
    await this.db.updateTable('people').set({ password_hash: passwordHash, updated_at: updatedAt }).where('id', '=', personId).execute();
  }

  async addTraining(personId: string, record: TrainingRecord & { id: string }): Promise<void> {
    await this.db
      .insertInto('training_records')
      .values({ id: record.id, person_id: personId, course: record.course, passed_at: record.passedAt, expires_at: record.expiresAt })
      .execute();
  }

  async training(personId: string): Promise<(TrainingRecord & { id: string })[]> {
    const rows = await this.db.selectFrom('training_records').selectAll().where('person_id', '=', personId).orderBy('passed_at').execute();
    return rows.map((row) => ({ id: row.id, course: row.course, passedAt: row.passed_at, expiresAt: row.expires_at }));
  }
}
