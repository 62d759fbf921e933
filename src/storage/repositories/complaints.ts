import type { Kysely } from 'kysely';
import type { Complaint, ComplaintCategory, ComplaintKind, ComplaintOutcome, ComplaintStatus, RewardDecision } from '../../core/complaints/complaint.ts';
import type { Schema } from '../schema.ts';

/** Who is looking decides what a search sees: an authority's complaints, or those routed to one department. */
export type ComplaintScope = { supervisorOrgId: string } | { departmentId: string };

export interface ComplaintSearch {
  scope: ComplaintScope;
  status?: ComplaintStatus | undefined;
  /** An instant: only complaints past a limit at it (unacknowledged past `acknowledge_by`, or unanswered past `answer_by`). */
  overdueAt?: string | undefined;
  before?: string | undefined;
  limit: number;
}

export interface StepRecord {
  at: string;
  by: string;
  overdueDays: number;
}

/**
 * A complaint as stored. Where `textsSealed`, its summary, details, contact, answer and reward
 * reason are ciphertexts the app layer seals and opens (app/complaints/complaint-texts.ts).
 */
export type StoredComplaint = Complaint & { textsSealed: boolean };

function toComplaint(row: Schema['complaints']): StoredComplaint {
  const overdue = (days: number | null) => (days === null ? null : Number(days));
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    regionCode: row.region_code,
    kind: row.kind as ComplaintKind,
    category: row.category as ComplaintCategory,
    summary: row.summary,
    details: row.details,
    contact: row.contact,
    namedDepartmentId: row.named_department_id,
    departmentId: row.department_id,
    supervisorOrgId: row.supervisor_org_id,
    status: row.status as ComplaintStatus,
    filedAt: row.filed_at,
    acknowledgeBy: row.acknowledge_by,
    answerBy: row.answer_by,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgeOverdueDays: overdue(row.acknowledge_overdue_days),
    answeredAt: row.answered_at,
    answeredBy: row.answered_by,
    answerOverdueDays: overdue(row.answer_overdue_days),
    outcome: row.outcome as ComplaintOutcome | null,
    answer: row.answer,
    caseId: row.case_id,
    reward:
      row.reward_decision === null
        ? null
        : { decision: row.reward_decision as RewardDecision, amountYuan: Number(row.reward_amount_yuan ?? 0), reason: row.reward_reason ?? '', decidedAt: row.reward_decided_at ?? '', decidedBy: row.reward_decided_by ?? '' },
    textsSealed: Number(row.texts_sealed) === 1,
  };
}

/** Complaints and reports, their handling steps and rewards. Each step is written only from the status before it. */
export class ComplaintRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  /** The next serial of `year`, taken inside the caller's transaction. */
  async nextSerial(year: number): Promise<number> {
    const row = await this.db
      .insertInto('complaint_serials')
      .values({ year, last: 1 })
      .onConflict((conflict) => conflict.column('year').doUpdateSet((update) => ({ last: update.eb('complaint_serials.last', '+', 1) })))
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  }

  async insert(complaint: StoredComplaint, queryCodeHash: string): Promise<void> {
    await this.db
      .insertInto('complaints')
      .values({
        id: complaint.id,
        tracking_number: complaint.trackingNumber,
        query_code_hash: queryCodeHash,
        region_code: complaint.regionCode,
        kind: complaint.kind,
        category: complaint.category,
        summary: complaint.summary,
        details: complaint.details,
        contact: complaint.contact,
        named_department_id: complaint.namedDepartmentId,
        department_id: complaint.departmentId,
        supervisor_org_id: complaint.supervisorOrgId,
        status: complaint.status,
        filed_at: complaint.filedAt,
        acknowledge_by: complaint.acknowledgeBy,
        answer_by: complaint.answerBy,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledge_overdue_days: null,
        answered_at: null,
        answered_by: null,
        answer_overdue_days: null,
        outcome: null,
        answer: null,
        case_id: null,
        reward_decision: null,
        reward_amount_yuan: null,
        reward_reason: null,
        reward_decided_at: null,
        reward_decided_by: null,
        texts_sealed: complaint.textsSealed ? 1 : 0,
      })
      .execute();
  }

  async get(id: string): Promise<StoredComplaint | undefined> {
    const row = await this.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toComplaint(row);
  }

  /** The complaint with its stored query-code hash, for the filer's status lookup. */
  async byTrackingNumber(trackingNumber: string): Promise<{ complaint: StoredComplaint; queryCodeHash: string } | undefined> {
    const row = await this.db.selectFrom('complaints').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirst();
    return row && { complaint: toComplaint(row), queryCodeHash: row.query_code_hash };
  }

  /** Newest first; `before` is the id of the last one seen. */
  async search(search: ComplaintSearch): Promise<StoredComplaint[]> {
    let query = this.db.selectFrom('complaints').selectAll();
    query = 'supervisorOrgId' in search.scope ? query.where('supervisor_org_id', '=', search.scope.supervisorOrgId) : query.where('department_id', '=', search.scope.departmentId);
    if (search.status) query = query.where('status', '=', search.status);
    const overdueAt = search.overdueAt;
    if (overdueAt) {
      query = query.where((where) =>
        where.or([
          where.and([where('status', '=', 'received'), where('acknowledge_by', '<', overdueAt)]),
          where.and([where('status', '!=', 'answered'), where('answer_by', '<', overdueAt)]),
        ]),
      );
    }
    if (search.before) query = query.where('id', '<', search.before);
    const rows = await query.orderBy('id', 'desc').limit(search.limit).execute();
    return rows.map(toComplaint);
  }

  /** Acknowledges and routes a received complaint; false when it is no longer `received`. */
  async acknowledge(id: string, departmentId: string | null, step: StepRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('complaints')
      .set({ status: 'acknowledged', department_id: departmentId, acknowledged_at: step.at, acknowledged_by: step.by, acknowledge_overdue_days: step.overdueDays })
      .where('id', '=', id)
      .where('status', '=', 'received')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records the answer to an acknowledged complaint; false when it is no longer `acknowledged`. */
  async answer(id: string, outcome: ComplaintOutcome, answer: string, step: StepRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('complaints')
      .set({ status: 'answered', outcome, answer, answered_at: step.at, answered_by: step.by, answer_overdue_days: step.overdueDays })
      .where('id', '=', id)
      .where('status', '=', 'acknowledged')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setCase(id: string, caseId: string): Promise<void> {
    await this.db.updateTable('complaints').set({ case_id: caseId }).where('id', '=', id).execute();
  }

  /** Records the reward decision once; false when one is already recorded. */
  async decideReward(id: string, reward: { decision: RewardDecision; amountYuan: number; reason: string; at: string; by: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('complaints')
      .set({ reward_decision: reward.decision, reward_amount_yuan: reward.amountYuan, reward_reason: reward.reason, reward_decided_at: reward.at, reward_decided_by: reward.by })
      .where('id', '=', id)
      .where('reward_decision', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
