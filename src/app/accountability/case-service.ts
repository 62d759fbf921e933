import { partiesOf, proposeAttribution, type AttributionRule, type Responsible } from '../../core/accountability/attribution.ts';
import { checkStage, investigationDeadline, statementDeadline, statementPeriodOver, type Case, type CaseStage, type CaseStatement, type CaseStep, type Determination } from '../../core/accountability/case.ts';
import { checkDetermination, checkFiling, checkParties, checkReason, checkStatement, type CaseFiling, type DeterminationInput } from '../../core/accountability/check-case.ts';
import type { Alert } from '../../core/defence/alert.ts';
import { DomainError, type FieldError } from '../../core/shared/domain-error.ts';
import type { CaseParty } from '../../storage/repositories/cases.ts';
import type { Repositories } from '../../storage/store.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { EvidenceBundle } from '../audit/evidence-bundle.ts';
import { actorOf, notFound, textDigest, type AppContext, type Principal } from '../context.ts';
import { maySee } from '../defence/supervision.ts';
import type { PersonService } from '../directory/person-service.ts';
import type { RegionService } from '../directory/region-service.ts';
import type { GrantService } from '../sharing/grant-service.ts';
import { gatherFacts } from './attribution-facts.ts';
import { caseScope, isCaseRunner, ownParties, viewerOf, type CaseViewer } from './case-access.ts';
import { applySanctions, requireValid, suspensionGrants } from './case-sanctions.ts';

/** A case as its reader may see it: a party sees only its own statements. */
export interface CaseView extends Case {
  parties: CaseParty[];
  steps: CaseStep[];
  statements: CaseStatement[];
  /** The investigation is still open past its 20 working days: the authority's own delay. */
  investigationOverdue: boolean;
}

export interface CaseQuery {
  stage?: CaseStage | undefined;
  before?: string | undefined;
  limit: number;
}

/** The investigator accepts the proposals of some rules, or names the parties itself; either way with a reason. */
export interface AttributionDecision {
  rules?: AttributionRule[] | undefined;
  parties?: Responsible[] | undefined;
  reason: string;
}

export interface StatementInput {
  /** Whom the statement speaks for: the department the principal represents, or the principal itself. */
  party: 'organisation' | 'person';
  text: string;
  evidence: number[];
}

function forbidden(): DomainError<'FORBIDDEN'> {
  return new DomainError('FORBIDDEN', '仅监管部门的监管人员可立案和办理问责案件 / only supervisors of the supervision authority file and run cases');
}

function stageConflict(message: string, code = 'CASE_STAGE_CONFLICT'): DomainError {
  return new DomainError(code, message);
}

/**
 * Accountability cases (问责案件, issue #8 §1–2): filed by the supervision authority from an alert,
 * a complaint, a leak report, an audit finding or an overdue supervisory action; investigated with
 * attribution rules that propose who is responsible; each party heard (陈述申辩); determined as a
 * sanction or no fault, with reasons; closed. Every step is audited with its actor and reason, the
 * text kept in the case and its digest in the log.
 */
export class CaseService {
  private readonly context: AppContext;
  private readonly people: PersonService;
  private readonly regions: RegionService;
  private readonly grants: GrantService;
  private readonly audit: AuditService;

  constructor(context: AppContext, people: PersonService, regions: RegionService, grants: GrantService, audit: AuditService) {
    this.context = context;
    this.people = people;
    this.regions = regions;
    this.grants = grants;
    this.audit = audit;
  }

  /** Opens a case; other use cases (complaints) call this too. */
  async file(principal: Principal, input: CaseFiling): Promise<CaseView> {
    const id = await this.context.store.transaction((repositories) => this.fileIn(repositories, principal, input));
    return this.get(principal, id);
  }

  /** Opens a case inside the caller's transaction, so that a complaint and the case it opens commit together. Returns the case id. */
  async fileIn(repositories: Repositories, principal: Principal, input: CaseFiling): Promise<string> {
    await this.requireRunner(principal, repositories);
    const filing: CaseFiling = { ...input, title: input.title.trim(), facts: input.facts.trim() };
    requireValid(checkFiling(filing));
    const evidence = new Set(filing.evidence);
    const errors: FieldError[] = [];
    if (filing.source.kind === 'alert' || filing.source.kind === 'overdue_action') {
      const alert = await repositories.alerts.get(filing.source.id);
      if (!alert || !maySee(principal, alert)) errors.push({ path: '/source/id', code: 'CASE_SOURCE_NOT_FOUND', message: '告警不存在 / no such alert' });
      else {
        for (const seq of alert.evidence) evidence.add(seq);
        if (filing.source.kind === 'overdue_action') await this.addEscalation(repositories, alert, evidence, errors);
      }
    }
    await this.requireInLog(repositories, filing.evidence, '/evidence', errors);
    requireValid(errors);

    const now = this.context.clock.now();
    const calendar = await this.regions.calendar(principal.org.regionCode, repositories);
    const entry: Case = {
      id: this.context.ids.next(),
      regionCode: principal.org.regionCode,
      authorityOrgId: principal.org.id,
      source: filing.source,
      title: filing.title,
      facts: filing.facts,
      stage: 'filed',
      evidence: [...evidence].sort((left, right) => left - right),
      attribution: { proposals: [], confirmed: null },
      investigationDueAt: investigationDeadline(now, calendar).toISOString(),
      statementDueAt: null,
      determination: null,
      publicSummary: null,
      filedBy: principal.person.id,
      filedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await repositories.cases.insert(entry);
    await repositories.cases.addStep({ caseId: entry.id, at: entry.filedAt, actorId: principal.person.id, from: null, to: 'filed', reason: `立案，来源 ${entry.source.kind}:${entry.source.id} / filed from ${entry.source.kind}:${entry.source.id}` });
    await repositories.audit.append({
      actor: actorOf(principal),
      action: 'case.filed',
      object: `case:${entry.id}`,
      details: { sourceKind: entry.source.kind, sourceId: entry.source.id, evidence: entry.evidence.length, investigationDueAt: entry.investigationDueAt, titleDigest: textDigest(this.context, entry.title), factsDigest: textDigest(this.context, entry.facts) },
    });
    return entry.id;
  }

  async list(principal: Principal, query: CaseQuery): Promise<{ cases: CaseView[]; nextCursor: string | null }> {
    const repositories = this.context.store.read;
    const rows = await repositories.cases.search({ scope: caseScope(principal), stage: query.stage, before: query.before, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const cases: CaseView[] = [];
    for (const entry of page) {
      const parties = await repositories.cases.parties(entry.id);
      cases.push(await this.present(repositories, entry, parties, viewerOf(principal, entry, parties)));
    }
    return { cases, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async get(principal: Principal, id: string): Promise<CaseView> {
    const repositories = this.context.store.read;
    const { entry, parties, viewer } = await this.visible(repositories, principal, id);
    return this.present(repositories, entry, parties, viewer);
  }

  /** filed → investigating: the attribution rules read the evidence and propose who is responsible. */
  async investigate(principal: Principal, id: string, input: { reason: string }): Promise<CaseView> {
    requireValid(checkReason('/reason', input.reason));
    await this.runStep(principal, id, 'investigating', input.reason, async (repositories, entry) => {
      const facts = await gatherFacts(repositories, repositories.auditStore, entry.evidence, entry.authorityOrgId);
      const proposals = proposeAttribution(facts);
      return { entry: { ...entry, attribution: { proposals, confirmed: null } }, details: { proposals: proposals.length, rules: [...new Set(proposals.map((proposal) => proposal.rule))] } };
    });
    return this.get(principal, id);
  }

  /** The investigator confirms the proposals (all, or those of some rules), or names other parties; the reason is kept either way. */
  async attribute(principal: Principal, id: string, decision: AttributionDecision): Promise<CaseView> {
    const errors = checkReason('/reason', decision.reason);
    if (decision.parties !== undefined) errors.push(...checkParties(decision.parties));
    requireValid(errors);
    await this.context.store.transaction(async (repositories) => {
      const entry = await this.runnable(repositories, principal, id);
      if (entry.stage !== 'investigating') throw stageConflict('仅在调查阶段认定责任 / responsibility is attributed during the investigation');
      const proposals = entry.attribution.proposals;
      const unknownRules = (decision.rules ?? []).filter((rule) => !proposals.some((proposal) => proposal.rule === rule));
      const fieldErrors: FieldError[] = unknownRules.map((rule) => ({ path: '/rules', code: 'CASE_RULE_NOT_PROPOSED', message: `规则 ${rule} 未提出认定建议 / the rule ${rule} proposed nothing` }));
      const chosen = decision.rules === undefined ? proposals : proposals.filter((proposal) => decision.rules!.includes(proposal.rule));
      const parties = decision.parties ?? partiesOf(chosen);
      if (parties.length === 0) fieldErrors.push({ path: '/parties', code: 'CASE_PARTIES_REQUIRED', message: '没有可确认的认定建议，须指明当事方 / nothing was proposed; name the parties' });
      const located: CaseParty[] = [];
      for (const [index, party] of parties.entries()) {
        const orgId = await this.orgOf(repositories, party);
        if (orgId === null) fieldErrors.push({ path: `/parties/${index}/id`, code: 'CASE_PARTY_UNKNOWN', message: '当事方不存在 / no such organisation or person' });
        else located.push({ ...party, orgId });
      }
      requireValid(fieldErrors);
      const at = this.context.clock.now().toISOString();
      const changed = decision.parties !== undefined;
      const rules = changed ? [] : [...new Set(chosen.map((proposal) => proposal.rule))];
      await repositories.cases.replaceParties(id, located);
      const updated: Case = { ...entry, attribution: { proposals, confirmed: { parties: parties.map(({ kind, id: partyId, role }) => ({ kind, id: partyId, role })), rules, changed, reason: decision.reason.trim(), by: principal.person.id, at } }, updatedAt: at };
      await this.write(repositories, updated, entry.stage);
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'case.attributed',
        object: `case:${id}`,
        details: { rules, changed, parties: located.map(({ kind, id: partyId, role, orgId }) => ({ kind, id: partyId, role, orgId })), reasonDigest: textDigest(this.context, decision.reason.trim()) },
      });
    });
    return this.get(principal, id);
  }

  /** investigating → statement: the parties are told, and have five working days for their statement and defence. */
  async requestStatements(principal: Principal, id: string, input: { reason: string }): Promise<CaseView> {
    requireValid(checkReason('/reason', input.reason));
    await this.runStep(principal, id, 'statement', input.reason, async (repositories, entry) => {
      if (entry.attribution.confirmed === null) throw stageConflict('须先确认责任认定 / confirm the attribution first', 'CASE_ATTRIBUTION_MISSING');
      const calendar = await this.regions.calendar(entry.regionCode, repositories);
      const statementDueAt = statementDeadline(this.context.clock.now(), calendar).toISOString();
      return { entry: { ...entry, statementDueAt }, details: { statementDueAt, parties: entry.attribution.confirmed.parties.length } };
    });
    return this.get(principal, id);
  }

  /** A party states its case, once, citing the audit entries it relies on. */
  async submitStatement(principal: Principal, id: string, input: StatementInput): Promise<CaseView> {
    const statementText = input.text.trim();
    requireValid(checkStatement({ text: statementText, evidence: input.evidence }));
    await this.context.store.transaction(async (repositories) => {
      const entry = await repositories.cases.get(id);
      if (!entry) throw notFound('问责案件', 'case');
      const parties = await repositories.cases.parties(id);
      const party = ownParties(principal, parties).find((candidate) => candidate.kind === input.party);
      if (!party) {
        viewerOf(principal, entry, parties);
        throw new DomainError('FORBIDDEN', '只能以本人或所代表的当事单位陈述申辩 / a statement speaks only for yourself or the party department you represent');
      }
      if (entry.stage !== 'statement') throw stageConflict('当前不在陈述申辩阶段 / the case is not awaiting statements');
      const errors: FieldError[] = [];
      await this.requireInLog(repositories, input.evidence, '/evidence', errors);
      requireValid(errors);
      const now = this.context.clock.now().toISOString();
      const late = entry.statementDueAt !== null && now > entry.statementDueAt;
      const existing = await repositories.cases.statements(id);
      if (existing.some((statement) => statement.party.kind === party.kind && statement.party.id === party.id)) throw new DomainError('CONFLICT', '该当事方已提交陈述申辩 / this party has already made its statement');
      await repositories.cases.addStatement({ caseId: id, party: { kind: party.kind, id: party.id }, orgId: principal.org.id, personId: principal.person.id, text: statementText, evidence: [...new Set(input.evidence)], submittedAt: now });
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'case.statement_submitted',
        object: `case:${id}`,
        details: { partyKind: party.kind, partyId: party.id, orgId: principal.org.id, late, evidence: input.evidence.length, textDigest: textDigest(this.context, statementText) },
      });
    });
    return this.get(principal, id);
  }

  /** statement → determined: a sanction, or no fault, with reasons; a suspension suspends the grants at the gateway at once. */
  async determine(principal: Principal, id: string, input: DeterminationInput): Promise<CaseView> {
    const determination: DeterminationInput = { ...input, reasons: input.reasons.trim(), publicSummary: input.publicSummary.trim() };
    await this.context.store.transaction(async (repositories) => {
      const entry = await this.runnable(repositories, principal, id);
      if (entry.stage !== 'statement') checkStage(entry.stage, 'determined');
      const parties = entry.attribution.confirmed?.parties ?? [];
      const errors = checkDetermination(determination, parties);
      await this.requireInLog(repositories, determination.evidence, '/evidence', errors);
      const facts = await gatherFacts(repositories, repositories.auditStore, entry.evidence, entry.authorityOrgId);
      const supervisors = new Map<string, string>();
      for (const grant of facts.grants) supervisors.set(grant.id, (await repositories.grants.get(grant.id))!.supervisorOrgId);
      const suspensions = suspensionGrants(determination.sanctions, facts, entry.authorityOrgId, supervisors);
      requireValid([...errors, ...suspensions.errors]);
      const now = this.context.clock.now();
      const statements = await repositories.cases.statements(id);
      if (!statementPeriodOver(parties, statements, entry.statementDueAt!, now)) {
        throw new DomainError('CASE_STATEMENT_PERIOD_OPEN', `陈述申辩期限至 ${entry.statementDueAt} 未届满，且尚有当事方未陈述 / the statement period runs until ${entry.statementDueAt} and not every party has spoken`, { details: { statementDueAt: entry.statementDueAt } });
      }
      const sanctions = await applySanctions(this.context, this.grants, repositories, principal, id, determination.sanctions, suspensions.grantIds);
      const at = now.toISOString();
      const decided: Determination = { outcome: determination.outcome, reasons: determination.reasons, sanctions, by: principal.person.id, at };
      const evidence = [...new Set([...entry.evidence, ...determination.evidence])].sort((left, right) => left - right);
      await this.write(repositories, { ...entry, stage: 'determined', determination: decided, publicSummary: determination.publicSummary, evidence, updatedAt: at }, entry.stage);
      await repositories.cases.addStep({ caseId: id, at, actorId: principal.person.id, from: entry.stage, to: 'determined', reason: determination.reasons });
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'case.determined',
        object: `case:${id}`,
        details: {
          outcome: decided.outcome,
          sanctions: sanctions.map((sanction) => ({ id: sanction.id, kind: sanction.kind, orgId: sanction.orgId, personId: sanction.personId, grantIds: sanction.grantIds })),
          statements: statements.length,
          evidence: determination.evidence.length,
          reasonsDigest: textDigest(this.context, decided.reasons),
          publicSummaryDigest: textDigest(this.context, determination.publicSummary),
        },
      });
    });
    return this.get(principal, id);
  }

  /** determined → closed. */
  async close(principal: Principal, id: string, input: { reason: string }): Promise<CaseView> {
    requireValid(checkReason('/reason', input.reason));
    await this.runStep(principal, id, 'closed', input.reason, async (_repositories, entry) => ({ entry, details: { outcome: entry.determination?.outcome ?? null } }));
    return this.get(principal, id);
  }

  /** The case's evidence as bundles that verify offline (docs/audit-log.md), for the authority and for the parties. */
  async evidence(principal: Principal, id: string): Promise<{ caseId: string; bundles: EvidenceBundle[] }> {
    const repositories = this.context.store.read;
    const { entry } = await this.visible(repositories, principal, id);
    const bundles: EvidenceBundle[] = [];
    for (const seq of entry.evidence) bundles.push(await this.audit.evidence(seq));
    return { caseId: id, bundles };
  }

  /** One move of the stage, with the step and its audit entry; `work` may amend the case and add details. */
  private async runStep(principal: Principal, id: string, to: CaseStage, reason: string, work: (repositories: Repositories, entry: Case) => Promise<{ entry: Case; details: Record<string, unknown> }>): Promise<void> {
    await this.context.store.transaction(async (repositories) => {
      const entry = await this.runnable(repositories, principal, id);
      checkStage(entry.stage, to);
      const { entry: amended, details } = await work(repositories, entry);
      const at = this.context.clock.now().toISOString();
      await this.write(repositories, { ...amended, stage: to, updatedAt: at }, entry.stage);
      await repositories.cases.addStep({ caseId: id, at, actorId: principal.person.id, from: entry.stage, to, reason: reason.trim() });
      await repositories.audit.append({ actor: actorOf(principal), action: `case.${to === 'statement' ? 'statement_requested' : to}`, object: `case:${id}`, details: { from: entry.stage, to, ...details, reasonDigest: textDigest(this.context, reason.trim()) } });
    });
  }

  private async write(repositories: Repositories, entry: Case, expectedStage: CaseStage): Promise<void> {
    if (!(await repositories.cases.update(entry, expectedStage))) throw stageConflict('案件已被他人同时办理，请刷新 / the case was moved by someone else at the same time; reload it');
  }

  private async requireRunner(principal: Principal, repositories: Repositories): Promise<void> {
    if (!isCaseRunner(principal)) throw forbidden();
    // Running a case is an act of supervision: the person's supervision training must be in force (DSL Art. 27).
    await this.people.requireTraining(principal.person, 'supervise', repositories);
  }

  /** The case, for its authority's supervisor; anyone who may only read it is refused, anyone else told it is absent. */
  private async runnable(repositories: Repositories, principal: Principal, id: string): Promise<Case> {
    const entry = await repositories.cases.get(id);
    if (!entry) throw notFound('问责案件', 'case');
    const viewer = viewerOf(principal, entry, await repositories.cases.parties(id));
    if (viewer.kind !== 'runner') throw forbidden();
    await this.requireRunner(principal, repositories);
    return entry;
  }

  private async visible(repositories: Repositories, principal: Principal, id: string): Promise<{ entry: Case; parties: CaseParty[]; viewer: CaseViewer }> {
    const entry = await repositories.cases.get(id);
    if (!entry) throw notFound('问责案件', 'case');
    const parties = await repositories.cases.parties(id);
    return { entry, parties, viewer: viewerOf(principal, entry, parties) };
  }

  private async present(repositories: Repositories, entry: Case, parties: CaseParty[], viewer: CaseViewer): Promise<CaseView> {
    const statements = await repositories.cases.statements(entry.id);
    const visible = viewer.kind === 'party' ? statements.filter((statement) => viewer.parties.some((party) => party.kind === statement.party.kind && party.id === statement.party.id)) : statements;
    const investigationOverdue = (entry.stage === 'filed' || entry.stage === 'investigating') && this.context.clock.now().getTime() > Date.parse(entry.investigationDueAt);
    return { ...entry, parties, steps: await repositories.cases.steps(entry.id), statements: visible, investigationOverdue };
  }

  /** The organisation a party answers through; null when it does not exist. */
  private async orgOf(repositories: Repositories, party: Responsible): Promise<string | null> {
    if (party.kind === 'organisation') return (await repositories.organisations.get(party.id))?.id ?? null;
    return (await repositories.people.get(party.id))?.orgId ?? null;
  }

  /** The escalation entry of an overdue alert joins the evidence: it records the authority's own delay. */
  private async addEscalation(repositories: Repositories, alert: Alert, evidence: Set<number>, errors: FieldError[]): Promise<void> {
    if (alert.escalatedAt === null) {
      errors.push({ path: '/source/id', code: 'CASE_SOURCE_NOT_OVERDUE', message: '该告警未逾期督办 / the alert was not escalated as overdue' });
      return;
    }
    const [escalation] = await repositories.auditStore.search({ action: 'alert.escalated', object: `alert:${alert.id}`, limit: 1 });
    if (escalation) evidence.add(escalation.seq);
  }

  /** Reads through the transaction's own executor: on SQLite the store's other connection would wait for it. */
  private async requireInLog(repositories: Repositories, seqs: readonly number[], path: string, errors: FieldError[]): Promise<void> {
    const size = await repositories.auditStore.size();
    seqs.forEach((seq, index) => {
      if (seq >= size) errors.push({ path: `${path}/${index}`, code: 'CASE_EVIDENCE_UNKNOWN', message: '审计日志中没有该序号 / no such audit entry' });
    });
  }
}
