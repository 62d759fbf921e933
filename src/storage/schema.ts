import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Times are RFC 3339 UTC strings with milliseconds on both
 * dialects, so they compare as text and never drift through driver time-zone conversion.
 * JSON documents are stored as text; booleans as 0/1.
 */
export interface RegionTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  supervisor_org_id: string | null;
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface CalendarScheduleTable {
  scope: string;
  year: number;
  source: string;
  holidays: string;
  make_up_workdays: string;
}

export interface DutyCodeTable {
  region_code: string;
  code: string;
  name: string;
}

export interface OrganisationTable {
  id: string;
  name: string;
  uscc: string;
  region_code: string;
  kind: string;
  duties: string;
  working_hours: string;
  contract: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  org_id: string;
  login: string;
  name: string;
  roles: string;
  password_hash: string | null;
  totp_secret: string | null;
  last_totp_step: number | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface TrainingRecordTable {
  id: string;
  person_id: string;
  course: string;
  passed_at: string;
  expires_at: string;
}

export interface SessionTable {
  token_hash: string;
  person_id: string;
  kind: string;
  label: string | null;
  id: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface CredentialTable {
  id: string;
  org_id: string;
  app_id: string;
  secret_hash: string;
  allowed_ips: string;
  responsible_person_id: string;
  contractor_org_id: string | null;
  status: string;
  created_at: string;
}

export interface LegalBasisTable {
  id: string;
  law: string;
  article: string;
  title: string;
  kind: string;
}

export interface ResourceTable {
  id: string;
  code: string;
  provider_org_id: string;
  status: string;
  version: number;
  name: string;
  summary: string;
  grade: string;
  grade_rank: number;
  sharing_type: string;
  pi_class: string;
  document: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface ResourceVersionTable {
  resource_id: string;
  version: number;
  status: string;
  document: string;
  changed_by: string;
  changed_at: string;
  note: string;
}

export interface ResourceTermTable {
  term: string;
  resource_id: string;
}

export interface AuditEntryTable {
  seq: number;
  time: string;
  actor_type: string;
  actor_id: string;
  actor_org: string | null;
  action: string;
  object: string;
  leaf: string;
}

export interface AuditNodeTable {
  level: number;
  idx: number;
  /** Hex of the node hash. */
  hash: string;
}

export interface AuditArchiveTable {
  start: number;
  end: number;
  file: string;
  archived_at: string;
}

export interface AuditCheckpointTable {
  size: number;
  /** Hex of the root hash. */
  root: string;
  /** The signed note, exactly as served. */
  note: string;
  created_at: string;
}

export interface PurposeTable {
  region_code: string;
  code: string;
  name: string;
  duty_codes: string;
}

export interface SharingRequestTable {
  id: string;
  consumer_org_id: string;
  provider_org_id: string;
  supervisor_org_id: string | null;
  resource_code: string | null;
  status: string;
  step: string | null;
  step_due_at: string | null;
  escalated: number;
  revision: number;
  document: string;
  created_at: string;
  updated_at: string;
}

export interface GrantTable {
  id: string;
  request_id: string;
  consumer_org_id: string;
  provider_org_id: string;
  supervisor_org_id: string | null;
  resource_code: string;
  status: string;
  expires_at: string;
  review_due_at: string | null;
  policy_version: number;
  revision: number;
  document: string;
  created_at: string;
  updated_at: string;
}

export interface PolicyCounterTable {
  id: number;
  version: number;
}

export interface ConsentTable {
  id: string;
  subject_index: string;
  consumer_org_id: string;
  purpose_code: string;
  resource_code: string | null;
  given_at: string;
  withdrawn_at: string | null;
  document: string;
  created_at: string;
}

export interface NoticeTable {
  id: string;
  grant_id: string;
  consumer_org_id: string;
  resource_code: string;
  kind: string;
  document: string;
  recorded_at: string;
}

export interface WebhookTable {
  id: string;
  org_id: string;
  url: string;
  secret: string;
  events: string;
  status: string;
  created_by: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface AlertTable {
  id: string;
  dedup_key: string;
  detector: string;
  severity: string;
  status: string;
  principal_kind: string;
  principal_id: string;
  org_id: string | null;
  region_code: string;
  assignee_org_id: string | null;
  credential_id: string | null;
  grant_id: string | null;
  /** JSON array of audit seqs. */
  evidence: string;
  summary_zh: string;
  summary_en: string;
  raised_at: string;
  last_seen_at: string;
  occurrences: number;
  deadline_at: string;
  escalated_at: string | null;
  updated_at: string;
}

export interface AlertStepTable {
  alert_id: string;
  at: string;
  actor_type: string;
  actor_id: string;
  from_status: string;
  to_status: string;
  reason: string;
}

export interface ContainmentTable {
  id: string;
  alert_id: string;
  action: string;
  target_id: string;
  status: string;
  applied_by: string;
  applied_at: string;
  confirm_by: string;
  decided_by: string | null;
  decided_at: string | null;
  overdue_at: string | null;
}

export interface DetectionSnapshotTable {
  id: number;
  /** bigint: PostgreSQL returns it as a string. */
  last_seq: number | string | null;
  state: string;
  saved_at: string;
}

export interface SanctionTable {
  id: string;
  org_id: string;
  person_id: string | null;
  kind: string;
  document: string;
  decided_at: string;
  /** The accountability case it was decided in (0007); null for one recorded before cases existed. */
  case_id: string | null;
}

export interface PublicationScanTable {
  id: string;
  org_id: string;
  person_id: string;
  finding_count: number;
  error_count: number;
  released: number;
  released_by: string | null;
  released_at: string | null;
  document: string;
  created_at: string;
}

export interface DataKeyTable {
  resource_code: string;
  suite: string;
  kek_id: string;
  wrapped: string;
  created_at: string;
  rewrapped_at: string | null;
}

export interface DatasetTable {
  resource_code: string;
  provider_org_id: string;
  mode: string;
  version: number;
  row_count: number;
  upstream_url: string | null;
  updated_by: string;
  updated_at: string;
}

export interface DatasetRowTable {
  resource_code: string;
  version: number;
  row_number: number;
  subject_index: string;
  region_code: string | null;
  document: string;
}

export interface DatasetTermTable {
  resource_code: string;
  version: number;
  item_code: string;
  term: string;
  row_number: number;
}

export interface AccessRecordTable {
  id: string;
  /** bigint: PostgreSQL returns it as a string. */
  audit_seq: number | string;
  at: string;
  subject_index: string;
  grant_id: string;
  consumer_org_id: string;
  provider_org_id: string;
  resource_code: string;
  purpose_code: string;
  credential_id: string;
  person_id: string;
  operation: string;
  items: string;
  value_hashes: string;
  /** The keyed hash of the subject key as delivered (0009-leak-traces); null where none was delivered. */
  key_hash?: string | null;
}

export interface LeakTraceTable {
  id: string;
  org_id: string;
  investigator_id: string;
  created_at: string;
  file_digest: string;
  file_format: string;
  file_bytes: number;
  records: number;
  matched_records: number;
  canary_records: number;
  result: string;
}

export interface LeakCanaryTable {
  grant_id: string;
  subject_index: string;
  attempt: number;
  region_code: string;
  created_at: string;
}

export interface GrantUsageTable {
  grant_id: string;
  day: string;
  calls: number;
}

export interface BulletinTable {
  id: string;
  region_code: string;
  author_id: string;
  author_org_id: string;
  title: string;
  findings: string;
  measures: string;
  severity: string;
  alert_ids: string;
  published_at: string;
  acknowledge_by: string;
  status: string;
}

export interface BulletinRecipientTable {
  bulletin_id: string;
  org_id: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  response: string | null;
  overdue_working_days: number | null;
}

/** The citizen view (0010): a data subject's login session, apart from staff sessions. */
export interface CitizenSessionTable {
  token_hash: string;
  id: string;
  subject_index: string;
  subject_kind: string;
  provider: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface CitizenOidcLoginTable {
  state_hash: string;
  code_verifier: string;
  nonce: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface CitizenDemoSubjectTable {
  login: string;
  subject_index: string;
  subject_kind: string;
  region_code: string;
  created_at: string;
}

export interface HoldBackTable {
  id: string;
  grant_id: string;
  supervisor_org_id: string;
  created_by: string;
  case_number: string;
  reason: string;
  covers_from: string;
  ends_at: string;
  lifted_at: string | null;
  lifted_by: string | null;
  created_at: string;
}

export interface ComplaintTable {
  id: string;
  tracking_number: string;
  query_code_hash: string;
  region_code: string;
  kind: string;
  category: string;
  summary: string;
  details: string;
  contact: string | null;
  named_department_id: string | null;
  department_id: string | null;
  supervisor_org_id: string;
  status: string;
  filed_at: string;
  acknowledge_by: string;
  answer_by: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledge_overdue_days: number | null;
  answered_at: string | null;
  answered_by: string | null;
  answer_overdue_days: number | null;
  outcome: string | null;
  answer: string | null;
  case_id: string | null;
  reward_decision: string | null;
  reward_amount_yuan: number | null;
  reward_reason: string | null;
  reward_decided_at: string | null;
  reward_decided_by: string | null;
  /** 1 when the texts (summary, details, contact, answer, reward reason) are sealed at rest; 0 for rows filed before. */
  texts_sealed: number;
}

export interface ComplaintSerialTable {
  year: number;
  last: number;
}

export interface CaseTable {
  id: string;
  region_code: string;
  authority_org_id: string;
  source_kind: string;
  source_id: string;
  title: string;
  facts: string;
  stage: string;
  evidence: string;
  attribution: string;
  investigation_due_at: string;
  statement_due_at: string | null;
  determination: string | null;
  public_summary: string | null;
  filed_by: string;
  filed_at: string;
  updated_at: string;
}

export interface CasePartyTable {
  case_id: string;
  party_kind: string;
  party_id: string;
  role: string;
  org_id: string;
}

export interface CaseStepTable {
  case_id: string;
  at: string;
  actor_id: string;
  from_stage: string | null;
  to_stage: string;
  reason: string;
}

export interface CaseStatementTable {
  case_id: string;
  party_kind: string;
  party_id: string;
  org_id: string;
  person_id: string;
  text: string;
  evidence: string;
  submitted_at: string;
}

export interface Schema {
  regions: RegionTable;
  calendar_schedules: CalendarScheduleTable;
  duty_codes: DutyCodeTable;
  organisations: OrganisationTable;
  people: PersonTable;
  training_records: TrainingRecordTable;
  sessions: SessionTable;
  credentials: CredentialTable;
  legal_bases: LegalBasisTable;
  resources: ResourceTable;
  resource_versions: ResourceVersionTable;
  resource_terms: ResourceTermTable;
  audit_entries: AuditEntryTable;
  audit_nodes: AuditNodeTable;
  audit_checkpoints: AuditCheckpointTable;
  audit_archives: AuditArchiveTable;
  purposes: PurposeTable;
  sharing_requests: SharingRequestTable;
  grants: GrantTable;
  policy_counter: PolicyCounterTable;
  consents: ConsentTable;
  notices: NoticeTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  alerts: AlertTable;
  alert_steps: AlertStepTable;
  containments: ContainmentTable;
  detection_snapshots: DetectionSnapshotTable;
  sanctions: SanctionTable;
  cases: CaseTable;
  case_parties: CasePartyTable;
  case_steps: CaseStepTable;
  case_statements: CaseStatementTable;
  publication_scans: PublicationScanTable;
  data_keys: DataKeyTable;
  datasets: DatasetTable;
  dataset_rows: DatasetRowTable;
  dataset_terms: DatasetTermTable;
  access_records: AccessRecordTable;
  grant_usage: GrantUsageTable;
  leak_traces: LeakTraceTable;
  leak_canaries: LeakCanaryTable;
  bulletins: BulletinTable;
  bulletin_recipients: BulletinRecipientTable;
  complaints: ComplaintTable;
  complaint_serials: ComplaintSerialTable;
  citizen_sessions: CitizenSessionTable;
  citizen_oidc_logins: CitizenOidcLoginTable;
  citizen_demo_subjects: CitizenDemoSubjectTable;
  hold_backs: HoldBackTable;
}
