import { personalNumberErrors } from '../pii/index.ts';
import type { FieldError } from '../shared/domain-error.ts';
import { PARTY_KINDS, PARTY_ROLES, type Responsible } from './attribution.ts';
import { CASE_SOURCE_KINDS, DETERMINATION_OUTCOMES, SANCTION_KINDS, type CaseSource, type DeterminationOutcome, type SanctionKind } from './case.ts';

export const TITLE_MAX_LENGTH = 200;
export const TEXT_MAX_LENGTH = 10_000;
export const REASON_MAX_LENGTH = 4_000;
export const MAX_EVIDENCE = 200;
export const MAX_PARTIES = 50;
export const MAX_SANCTIONS = 20;
const REFERENCE = /^[A-Za-z0-9._:-]{1,64}$/;

export interface CaseFiling {
  source: CaseSource;
  title: string;
  facts: string;
  /** Audit seqs; an alert's own evidence is added to these. */
  evidence: number[];
}

export interface SanctionInput {
  kind: SanctionKind;
  orgId: string;
  personId?: string | undefined;
  /** For a suspension; by default the grants the evidence shows the organisation used. */
  grantIds?: string[] | undefined;
}

export interface DeterminationInput {
  outcome: DeterminationOutcome;
  reasons: string;
  publicSummary: string;
  sanctions: SanctionInput[];
  /** Audit seqs that support the determination; a finding of no fault must cite some (PIPL Art. 69). */
  evidence: number[];
}

function text(path: string, value: string, maxLength: number, errors: FieldError[]): void {
  if (value.trim().length === 0) errors.push({ path, code: 'CASE_TEXT_REQUIRED', message: '不能为空 / must not be empty' });
  else if (value.length > maxLength) errors.push({ path, code: 'CASE_TEXT_TOO_LONG', message: `不得超过 ${maxLength} 个字符 / at most ${maxLength} characters` });
}

function seqs(path: string, values: readonly number[], errors: FieldError[]): void {
  if (values.length > MAX_EVIDENCE) errors.push({ path, code: 'CASE_EVIDENCE_TOO_MANY', message: `至多 ${MAX_EVIDENCE} 条 / at most ${MAX_EVIDENCE}` });
  values.forEach((seq, index) => {
    if (!Number.isSafeInteger(seq) || seq < 0) errors.push({ path: `${path}/${index}`, code: 'CASE_EVIDENCE_INVALID', message: '须为审计记录序号 / must be an audit seq' });
  });
}

/**
 * The rules of a case as filed, every breach at once. The same limits as the HTTP schema, since
 * other use cases (complaints, the command line) file cases too. Titles and facts stay on record
 * and reach the parties, so they refer to subjects by audit seq, never by number (DESIGN §7).
 */
export function checkFiling(filing: CaseFiling): FieldError[] {
  const errors: FieldError[] = [];
  if (!(CASE_SOURCE_KINDS as readonly string[]).includes(filing.source.kind)) errors.push({ path: '/source/kind', code: 'CASE_SOURCE_UNKNOWN', message: '未知的案件来源 / unknown source' });
  if (!REFERENCE.test(filing.source.id)) errors.push({ path: '/source/id', code: 'CASE_SOURCE_INVALID', message: '来源编号格式不符 / malformed source reference' });
  text('/title', filing.title, TITLE_MAX_LENGTH, errors);
  text('/facts', filing.facts, TEXT_MAX_LENGTH, errors);
  seqs('/evidence', filing.evidence, errors);
  errors.push(...personalNumberErrors([['/title', filing.title], ['/facts', filing.facts]]));
  return errors;
}

/** A reason on record for a step of the case. */
export function checkReason(path: string, reason: string): FieldError[] {
  const errors: FieldError[] = [];
  text(path, reason, REASON_MAX_LENGTH, errors);
  errors.push(...personalNumberErrors([[path, reason]]));
  return errors;
}

/** Parties the investigator names when changing a proposal: well-formed, each once. */
export function checkParties(parties: readonly Responsible[]): FieldError[] {
  const errors: FieldError[] = [];
  if (parties.length === 0) errors.push({ path: '/parties', code: 'CASE_PARTIES_REQUIRED', message: '须至少认定一方 / name at least one party' });
  if (parties.length > MAX_PARTIES) errors.push({ path: '/parties', code: 'CASE_PARTIES_TOO_MANY', message: `至多 ${MAX_PARTIES} 方 / at most ${MAX_PARTIES}` });
  parties.forEach((party, index) => {
    if (!(PARTY_KINDS as readonly string[]).includes(party.kind)) errors.push({ path: `/parties/${index}/kind`, code: 'CASE_PARTY_KIND_UNKNOWN', message: '未知的当事方类型 / unknown party kind' });
    if (!(PARTY_ROLES as readonly string[]).includes(party.role)) errors.push({ path: `/parties/${index}/role`, code: 'CASE_PARTY_ROLE_UNKNOWN', message: '未知的责任角色 / unknown role' });
  });
  return errors;
}

/**
 * A determination: a sanction against parties of the case, or no fault. Sanctions fall only on
 * parties the attribution named, who have had their statement period. No fault needs evidence:
 * under PIPL Art. 69 the party's word alone does not rebut the presumption.
 */
export function checkDetermination(input: DeterminationInput, parties: readonly Responsible[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!(DETERMINATION_OUTCOMES as readonly string[]).includes(input.outcome)) errors.push({ path: '/outcome', code: 'CASE_OUTCOME_UNKNOWN', message: '未知的认定结论 / unknown outcome' });
  text('/reasons', input.reasons, TEXT_MAX_LENGTH, errors);
  text('/publicSummary', input.publicSummary, TEXT_MAX_LENGTH, errors);
  errors.push(...personalNumberErrors([['/reasons', input.reasons], ['/publicSummary', input.publicSummary]]));
  seqs('/evidence', input.evidence, errors);
  if (input.outcome === 'sanction' && input.sanctions.length === 0) errors.push({ path: '/sanctions', code: 'CASE_SANCTION_REQUIRED', message: '处理决定须至少包含一项处理措施 / a sanction outcome needs at least one sanction' });
  if (input.outcome === 'no_fault' && input.sanctions.length > 0) errors.push({ path: '/sanctions', code: 'CASE_SANCTION_NOT_ALLOWED', message: '认定无过错时不得处理 / no sanctions with a finding of no fault' });
  if (input.outcome === 'no_fault' && input.evidence.length === 0) errors.push({ path: '/evidence', code: 'CASE_NO_FAULT_EVIDENCE_REQUIRED', message: '认定无过错须有证据（《个人信息保护法》第六十九条）/ no fault must rest on evidence (PIPL Art. 69)' });
  if (input.sanctions.length > MAX_SANCTIONS) errors.push({ path: '/sanctions', code: 'CASE_SANCTIONS_TOO_MANY', message: `至多 ${MAX_SANCTIONS} 项 / at most ${MAX_SANCTIONS}` });
  input.sanctions.forEach((sanction, index) => {
    const path = `/sanctions/${index}`;
    if (!(SANCTION_KINDS as readonly string[]).includes(sanction.kind)) errors.push({ path: `${path}/kind`, code: 'CASE_SANCTION_UNKNOWN', message: '未知的处理措施 / unknown sanction' });
    if (!parties.some((party) => party.kind === 'organisation' && party.id === sanction.orgId)) errors.push({ path: `${path}/orgId`, code: 'CASE_SANCTION_NOT_PARTY', message: '只能处理已认定的当事单位 / only an organisation named as a party' });
    if (sanction.personId !== undefined && !parties.some((party) => party.kind === 'person' && party.id === sanction.personId)) errors.push({ path: `${path}/personId`, code: 'CASE_SANCTION_NOT_PARTY', message: '只能处理已认定的当事人 / only a person named as a party' });
    if (sanction.grantIds !== undefined && sanction.kind !== 'suspension') errors.push({ path: `${path}/grantIds`, code: 'CASE_GRANTS_NOT_ALLOWED', message: '仅暂停共享权限可指定授权 / only a suspension names grants' });
  });
  return errors;
}

/** A party's statement and defence, with the audit seqs it relies on. */
export function checkStatement(statement: { text: string; evidence: readonly number[] }): FieldError[] {
  const errors: FieldError[] = [];
  text('/text', statement.text, TEXT_MAX_LENGTH, errors);
  errors.push(...personalNumberErrors([['/text', statement.text]]));
  seqs('/evidence', statement.evidence, errors);
  return errors;
}
