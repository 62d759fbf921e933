import type { Kysely } from 'kysely';
import { DomainError } from '../core/shared/domain-error.ts';
import type { Clock } from '../core/shared/clock.ts';
import type { Database, Dialect } from './database.ts';
import type { HashFunction } from '../core/audit/merkle/index.ts';
import { AuditStore } from './audit/audit-store.ts';
import { GroupCommitAuditLog } from './audit/group-commit.ts';
import { MerkleAuditLog } from './audit/merkle-audit-log.ts';
import { AccessRecordRepository } from './repositories/access-records.ts';
import { LeakTraceRepository } from './repositories/leak-traces.ts';
import { AlertRepository } from './repositories/alerts.ts';
import { ContainmentRepository } from './repositories/containments.ts';
import { DetectionSnapshotRepository } from './repositories/detection-snapshots.ts';
import { BulletinRepository } from './repositories/bulletins.ts';
import { ComplaintRepository } from './repositories/complaints.ts';
import { CaseRepository } from './repositories/cases.ts';
import { TransparencyRepository } from './repositories/transparency.ts';
import { CitizenSessionRepository } from './repositories/citizen-sessions.ts';
import { HoldBackRepository } from './repositories/hold-backs.ts';
import { SubjectUsageRepository } from './repositories/subject-usage.ts';
import { ConsentRepository } from './repositories/consents.ts';
import { DataKeyRepository } from './repositories/data-keys.ts';
import { DatasetRepository } from './repositories/datasets.ts';
import { CredentialRepository } from './repositories/credentials.ts';
import { GrantRepository } from './repositories/grants.ts';
import { NoticeRepository } from './repositories/notices.ts';
import { OversightRepository } from './repositories/oversight.ts';
import { PurposeRepository } from './repositories/purposes.ts';
import { PublicationScanRepository } from './repositories/publication-scans.ts';
import { SharingRequestRepository } from './repositories/sharing-requests.ts';
import { LegalBasisRepository } from './repositories/legal-bases.ts';
import { OrganisationRepository } from './repositories/organisations.ts';
import { PersonRepository } from './repositories/people.ts';
import { RegionRepository } from './repositories/regions.ts';
import { ResourceRepository } from './repositories/resources.ts';
import { TokenRepository } from './repositories/sessions.ts';
import { WebhookRepository } from './repositories/webhooks.ts';
import type { Schema } from './schema.ts';

function isUniqueViolation(error: unknown): boolean {
  const details = error as { code?: unknown; errcode?: unknown };
  // PostgreSQL: SQLSTATE 23505. SQLite: extended codes 2067 (UNIQUE) and 1555 (PRIMARY KEY).
  return details.code === '23505' || details.errcode === 2067 || details.errcode === 1555;
}

/** Every repository, bound to one executor: the database itself or one open transaction. */
export interface Repositories {
  regions: RegionRepository;
  organisations: OrganisationRepository;
  people: PersonRepository;
  tokens: TokenRepository;
  credentials: CredentialRepository;
  legalBases: LegalBasisRepository;
  resources: ResourceRepository;
  consents: ConsentRepository;
  purposes: PurposeRepository;
  requests: SharingRequestRepository;
  grants: GrantRepository;
  notices: NoticeRepository;
  oversight: OversightRepository;
  webhooks: WebhookRepository;
  publicationScans: PublicationScanRepository;
  datasets: DatasetRepository;
  dataKeys: DataKeyRepository;
  accessRecords: AccessRecordRepository;
  leakTraces: LeakTraceRepository;
  alerts: AlertRepository;
  containments: ContainmentRepository;
  detectionSnapshots: DetectionSnapshotRepository;
  bulletins: BulletinRepository;
  cases: CaseRepository;
  transparency: TransparencyRepository;
  complaints: ComplaintRepository;
  citizenSessions: CitizenSessionRepository;
  holdBacks: HoldBackRepository;
  subjectUsage: SubjectUsageRepository;
  /** Appends inside this executor's transaction: the event commits with the change it records. */
  audit: MerkleAuditLog;
  auditStore: AuditStore;
}

function bind(db: Kysely<Schema>, clock: Clock, dialect: Dialect, hash: HashFunction): Repositories {
  return {
    regions: new RegionRepository(db),
    organisations: new OrganisationRepository(db),
    people: new PersonRepository(db),
    tokens: new TokenRepository(db),
    credentials: new CredentialRepository(db),
    legalBases: new LegalBasisRepository(db),
    resources: new ResourceRepository(db),
    purposes: new PurposeRepository(db),
    requests: new SharingRequestRepository(db),
    grants: new GrantRepository(db),
    notices: new NoticeRepository(db),
    oversight: new OversightRepository(db),
    consents: new ConsentRepository(db),
    webhooks: new WebhookRepository(db),
    publicationScans: new PublicationScanRepository(db),
    datasets: new DatasetRepository(db),
    dataKeys: new DataKeyRepository(db),
    accessRecords: new AccessRecordRepository(db),
    leakTraces: new LeakTraceRepository(db),
    alerts: new AlertRepository(db),
    containments: new ContainmentRepository(db),
    detectionSnapshots: new DetectionSnapshotRepository(db),
    bulletins: new BulletinRepository(db),
    cases: new CaseRepository(db),
    transparency: new TransparencyRepository(db),
    complaints: new ComplaintRepository(db),
    citizenSessions: new CitizenSessionRepository(db),
    holdBacks: new HoldBackRepository(db),
    subjectUsage: new SubjectUsageRepository(db),
    audit: new MerkleAuditLog(db, clock, dialect, hash),
    auditStore: new AuditStore(db, hash),
  };
}

/** A Store gives use cases repositories, and transactions in which a change and its audit event commit together. */
export class Store {
  readonly database: Database;
  readonly read: Repositories;
  /** Reads entries, proofs and checkpoints of the audit log. */
  readonly auditStore: AuditStore;
  /** Appends on their own, many to a transaction (group commit): for high-volume events such as gateway decisions. */
  readonly auditLog: GroupCommitAuditLog;
  private readonly clock: Clock;
  private readonly hash: HashFunction;

  constructor(database: Database, clock: Clock, hash: HashFunction) {
    this.database = database;
    this.clock = clock;
    this.hash = hash;
    this.read = bind(database.db, clock, database.dialect, hash);
    this.auditStore = this.read.auditStore;
    this.auditLog = new GroupCommitAuditLog((events) => this.transaction((repositories) => repositories.audit.appendBatch(events)));
  }

  async transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    try {
      return await this.database.db.transaction().execute((transaction) => work(bind(transaction, this.clock, this.database.dialect, this.hash)));
    } catch (error) {
      // Two concurrent creates can both pass a use case's "does it exist?" check; the unique
      // index then refuses the second. That is a conflict for the caller, not a server fault,
      // and the driver's message (which quotes the duplicate value) goes nowhere.
      if (isUniqueViolation(error)) throw new DomainError('CONFLICT', '记录已存在（可能是并发提交）/ it already exists (perhaps submitted twice at once)');
      throw error;
    }
  }
}
