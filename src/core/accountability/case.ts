import { addWorkingDays, type WorkingCalendar } from '../calendar/index.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { AttributionProposal, AttributionRule, Responsible } from './attribution.ts';

/*
 * An accountability case (问责案件, issue #8 §1). 《个人信息保护法》第六十九条 presumes fault: a
 * department answers for a leak unless it proves, with evidence, that it was not at fault. The
 * case therefore holds its evidence as audit seqs (each provable offline), gives every party its
 * statement and defence (陈述申辩, 《行政处罚法》第四十四条、第四十五条) before a determination, and
 * records each step with its actor, reason and time.
 */

export const CASE_STAGES = ['filed', 'investigating', 'statement', 'determined', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Where a case comes from (issue #8 §1). An overdue supervisory action is an escalated alert. */
export const CASE_SOURCE_KINDS = ['alert', 'complaint', 'leak_report', 'audit_finding', 'overdue_action'] as const;
export type CaseSourceKind = (typeof CASE_SOURCE_KINDS)[number];

/** 约谈 / 通报批评 / 责令整改 / 暂停共享权限 / 移送. */
export const SANCTION_KINDS = ['interview', 'public_criticism', 'rectification_order', 'suspension', 'referral'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const DETERMINATION_OUTCOMES = ['sanction', 'no_fault'] as const;
export type DeterminationOutcome = (typeof DETERMINATION_OUTCOMES)[number];

/** The defaults of issue #8: investigation 20 working days from filing, statement 5 from the notice. */
export const INVESTIGATION_WORKING_DAYS = 20;
export const STATEMENT_WORKING_DAYS = 5;

export interface CaseSource {
  kind: CaseSourceKind;
  /** An alert id for `alert` and `overdue_action`; a reference without a foreign key otherwise. */
  id: string;
}

export interface Sanction {
  id: string;
  kind: SanctionKind;
  orgId: string;
  personId: string | null;
  /** For a suspension: the grants suspended at the gateway. */
  grantIds: string[];
  decidedAt: string;
}

export interface Determination {
  outcome: DeterminationOutcome;
  reasons: string;
  sanctions: Sanction[];
  by: string;
  at: string;
}

export interface CaseAttribution {
  /** What the rules proposed from the evidence when the investigation began. */
  proposals: AttributionProposal[];
  /** What the investigator confirmed or changed, with the reason; null until then. */
  confirmed: { parties: Responsible[]; rules: AttributionRule[]; changed: boolean; reason: string; by: string; at: string } | null;
}

export interface Case {
  id: string;
  regionCode: string;
  /** The supervision authority that runs the case. */
  authorityOrgId: string;
  source: CaseSource;
  title: string;
  facts: string;
  stage: CaseStage;
  /** Audit seqs, ascending. */
  evidence: number[];
  attribution: CaseAttribution;
  investigationDueAt: string;
  statementDueAt: string | null;
  determination: Determination | null;
  /** What may be published of the case (the transparency report), set with the determination. */
  publicSummary: string | null;
  filedBy: string;
  filedAt: string;
  updatedAt: string;
}

export interface CaseStep {
  caseId: string;
  at: string;
  actorId: string;
  from: CaseStage | null;
  to: CaseStage;
  reason: string;
}

export interface CaseStatement {
  caseId: string;
  party: Pick<Responsible, 'kind' | 'id'>;
  /** The organisation that answers: the party itself, or the person's organisation. */
  orgId: string;
  personId: string;
  text: string;
  /** Audit seqs the party relies on: under PIPL Art. 69 only evidence rebuts presumed fault. */
  evidence: number[];
  submittedAt: string;
}

const NEXT: Record<CaseStage, readonly CaseStage[]> = {
  filed: ['investigating'],
  investigating: ['statement'],
  statement: ['determined'],
  determined: ['closed'],
  closed: [],
};

export function checkStage(from: CaseStage, to: CaseStage): void {
  if (!NEXT[from].includes(to)) {
    throw new DomainError('CASE_STAGE_CONFLICT', `案件不能从「${from}」转为「${to}」/ a case cannot go from ${from} to ${to}`, { details: { from, to, allowed: [...NEXT[from]] } });
  }
}

export function investigationDeadline(filedAt: Date, calendar: WorkingCalendar): Date {
  return addWorkingDays(filedAt, INVESTIGATION_WORKING_DAYS, calendar);
}

export function statementDeadline(noticeAt: Date, calendar: WorkingCalendar): Date {
  return addWorkingDays(noticeAt, STATEMENT_WORKING_DAYS, calendar);
}

/**
 * A determination may be made once every party has stated its case, or once the statement period
 * has run out: a party that stays silent waives its defence, but is never cut short.
 */
export function statementPeriodOver(parties: readonly Responsible[], statements: readonly CaseStatement[], statementDueAt: string, now: Date): boolean {
  if (now.getTime() > Date.parse(statementDueAt)) return true;
  return parties.every((party) => statements.some((statement) => statement.party.kind === party.kind && statement.party.id === party.id));
}
