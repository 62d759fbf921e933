import type { Kysely } from 'kysely';
import type { Responsible } from '../../core/accountability/attribution.ts';
import type { Case, CaseAttribution, CaseSourceKind, CaseStage, CaseStatement, CaseStep, Determination, Sanction } from '../../core/accountability/case.ts';
import type { Schema } from '../schema.ts';

/** Who is looking decides which cases a search sees: an authority's own, or those a department or person is party to. */
export type CaseScope = { authorityOrgId: string } | { partyOrgId: string | null; partyPersonId: string };

export interface CaseSearch {
  scope: CaseScope;
  stage?: CaseStage | undefined;
  before?: string | undefined;
  limit: number;
}

/** A party with the organisation it answers through. */
export interface CaseParty extends Responsible {
  orgId: string;
}

function toCase(row: Schema['cases']): Case {
  return {
    id: row.id,
    regionCode: row.region_code,
    authorityOrgId: row.authority_org_id,
    source: { kind: row.source_kind as CaseSourceKind, id: row.source_id },
    title: row.title,
    facts: row.facts,
    stage: row.stage as CaseStage,
    evidence: JSON.parse(row.evidence) as number[],
    attribution: JSON.parse(row.attribution) as CaseAttribution,
    investigationDueAt: row.investigation_due_at,
    statementDueAt: row.statement_due_at,
    determination: row.determination === null ? null : (JSON.parse(row.determination) as Determination),
    publicSummary: row.public_summary,
    filedBy: row.filed_by,
    filedAt: row.filed_at,
    updatedAt: row.updated_at,
  };
}

function toRow(entry: Case): Schema['cases'] {
  return {
    id: entry.id,
    region_code: entry.regionCode,
    authority_org_id: entry.authorityOrgId,
    source_kind: entry.source.kind,
    source_id: entry.source.id,
    title: entry.title,
    facts: entry.facts,
    stage: entry.stage,
    evidence: JSON.stringify(entry.evidence),
    attribution: JSON.stringify(entry.attribution),
    investigation_due_at: entry.investigationDueAt,
    statement_due_at: entry.statementDueAt,
    determination: entry.determination === null ? null : JSON.stringify(entry.determination),
    public_summary: entry.publicSummary,
    filed_by: entry.filedBy,
    filed_at: entry.filedAt,
    updated_at: entry.updatedAt,
  };
}

/** Accountability cases, their parties, steps and statements, and the sanctions decided in them. */
export class CaseRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(entry: Case): Promise<void> {
    await this.db.insertInto('cases').values(toRow(entry)).execute();
  }

  /**
   * Writes a case over the stage it was read at; returns whether it did. Two supervisors moving
   * the same case at once cannot both win: the second finds the stage moved and is refused.
   */
  async update(entry: Case, expectedStage: CaseStage): Promise<boolean> {
    const { id: _id, ...row } = toRow(entry);
    const result = await this.db.updateTable('cases').set(row).where('id', '=', entry.id).where('stage', '=', expectedStage).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async get(id: string): Promise<Case | undefined> {
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCase(row);
  }

  /** Newest first; `before` is the id of the last one seen. */
  async search(search: CaseSearch): Promise<Case[]> {
    const { scope } = search;
    let query = this.db.selectFrom('cases as c').selectAll('c');
    if ('authorityOrgId' in scope) query = query.where('c.authority_org_id', '=', scope.authorityOrgId);
    else {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('case_parties as p')
            .select('p.case_id')
            .whereRef('p.case_id', '=', 'c.id')
            .where((where) => {
              const person = where.and([where('p.party_kind', '=', 'person'), where('p.party_id', '=', scope.partyPersonId)]);
              return scope.partyOrgId === null ? person : where.or([person, where.and([where('p.party_kind', '=', 'organisation'), where('p.party_id', '=', scope.partyOrgId)])]);
            }),
        ),
      );
    }
    if (search.stage) query = query.where('c.stage', '=', search.stage);
    if (search.before) query = query.where('c.id', '<', search.before);
    const rows = await query.orderBy('c.id', 'desc').limit(search.limit).execute();
    return rows.map(toCase);
  }

  async replaceParties(caseId: string, parties: readonly CaseParty[]): Promise<void> {
    await this.db.deleteFrom('case_parties').where('case_id', '=', caseId).execute();
    if (parties.length === 0) return;
    await this.db
      .insertInto('case_parties')
      .values(parties.map((party) => ({ case_id: caseId, party_kind: party.kind, party_id: party.id, role: party.role, org_id: party.orgId })))
      .execute();
  }

  async parties(caseId: string): Promise<CaseParty[]> {
    const rows = await this.db.selectFrom('case_parties').selectAll().where('case_id', '=', caseId).orderBy('party_kind').orderBy('party_id').orderBy('role').execute();
    return rows.map((row) => ({ kind: row.party_kind as CaseParty['kind'], id: row.party_id, role: row.role as CaseParty['role'], orgId: row.org_id }));
  }

  async addStep(step: CaseStep): Promise<void> {
    await this.db.insertInto('case_steps').values({ case_id: step.caseId, at: step.at, actor_id: step.actorId, from_stage: step.from, to_stage: step.to, reason: step.reason }).execute();
  }

  async steps(caseId: string): Promise<CaseStep[]> {
    const rows = await this.db.selectFrom('case_steps').selectAll().where('case_id', '=', caseId).orderBy('at').execute();
    return rows.map((row) => ({ caseId: row.case_id, at: row.at, actorId: row.actor_id, from: row.from_stage as CaseStage | null, to: row.to_stage as CaseStage, reason: row.reason }));
  }

  async addStatement(statement: CaseStatement): Promise<void> {
    await this.db
      .insertInto('case_statements')
      .values({
        case_id: statement.caseId,
        party_kind: statement.party.kind,
        party_id: statement.party.id,
        org_id: statement.orgId,
        person_id: statement.personId,
        text: statement.text,
        evidence: JSON.stringify(statement.evidence),
        submitted_at: statement.submittedAt,
      })
      .execute();
  }

  async statements(caseId: string): Promise<CaseStatement[]> {
    const rows = await this.db.selectFrom('case_statements').selectAll().where('case_id', '=', caseId).orderBy('submitted_at').execute();
    return rows.map((row) => ({
      caseId: row.case_id,
      party: { kind: row.party_kind as CaseStatement['party']['kind'], id: row.party_id },
      orgId: row.org_id,
      personId: row.person_id,
      text: row.text,
      evidence: JSON.parse(row.evidence) as number[],
      submittedAt: row.submitted_at,
    }));
  }

  /** Into the table the risk assessment counts (oversight.sanctionsSince). */
  async addSanction(caseId: string, sanction: Sanction, document: object): Promise<void> {
    await this.db
      .insertInto('sanctions')
      .values({ id: sanction.id, org_id: sanction.orgId, person_id: sanction.personId, kind: sanction.kind, document: JSON.stringify(document), decided_at: sanction.decidedAt, case_id: caseId })
      .execute();
  }

  async sanctions(caseId: string): Promise<Sanction[]> {
    const rows = await this.db.selectFrom('sanctions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
    return rows.map((row) => ({ id: row.id, kind: row.kind as Sanction['kind'], orgId: row.org_id, personId: row.person_id, grantIds: (JSON.parse(row.document) as { grantIds?: string[] }).grantIds ?? [], decidedAt: row.decided_at }));
  }
}
