import type { Kysely } from 'kysely';
import type { Clock } from '../core/shared/clock.ts';
import type { Database, Dialect } from './database.ts';
import { TableAuditLog } from './repositories/audit-events.ts';
import { CredentialRepository } from './repositories/credentials.ts';
import { LegalBasisRepository } from './repositories/legal-bases.ts';
import { OrganisationRepository } from './repositories/organisations.ts';
import { PersonRepository } from './repositories/people.ts';
import { RegionRepository } from './repositories/regions.ts';
import { ResourceRepository } from './repositories/resources.ts';
import { TokenRepository } from './repositories/sessions.ts';
import type { Schema } from './schema.ts';

/** Every repository, bound to one executor: the database itself or one open transaction. */
export interface Repositories {
  regions: RegionRepository;
  organisations: OrganisationRepository;
  people: PersonRepository;
  tokens: TokenRepository;
  credentials: CredentialRepository;
  legalBases: LegalBasisRepository;
  resources: ResourceRepository;
  audit: TableAuditLog;
}

function bind(db: Kysely<Schema>, clock: Clock, dialect: Dialect): Repositories {
  return {
    regions: new RegionRepository(db),
    organisations: new OrganisationRepository(db),
    people: new PersonRepository(db),
    tokens: new TokenRepository(db),
    credentials: new CredentialRepository(db),
    legalBases: new LegalBasisRepository(db),
    resources: new ResourceRepository(db),
    audit: new TableAuditLog(db, clock, dialect),
  };
}

/** A Store gives use cases repositories, and transactions in which a change and its audit event commit together. */
export class Store {
  readonly database: Database;
  readonly read: Repositories;
  private readonly clock: Clock;

  constructor(database: Database, clock: Clock) {
    this.database = database;
    this.clock = clock;
    this.read = bind(database.db, clock, database.dialect);
  }

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.database.db.transaction().execute((transaction) => work(bind(transaction, this.clock, this.database.dialect)));
  }
}
