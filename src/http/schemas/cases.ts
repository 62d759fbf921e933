import { Type } from 'typebox';
import { ATTRIBUTION_RULES, PARTY_KINDS, PARTY_ROLES } from '../../core/accountability/attribution.ts';
import { CASE_SOURCE_KINDS, CASE_STAGES, DETERMINATION_OUTCOMES, SANCTION_KINDS } from '../../core/accountability/case.ts';
import { MAX_EVIDENCE, MAX_PARTIES, MAX_SANCTIONS, REASON_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH } from '../../core/accountability/check-case.ts';
import { Cursor, Id, Limit, literals } from './common.ts';

const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Seqs = Type.Array(Seq, { maxItems: MAX_EVIDENCE, uniqueItems: true, description: '审计记录序号 / audit seqs' });
const Nullable = <Schema extends ReturnType<typeof Type.String>>(schema: Schema) => Type.Union([schema, Type.Null()]);
const Reason = Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH });

export const CaseFilingSchema = Type.Object(
  {
    source: Type.Object(
      {
        kind: literals(CASE_SOURCE_KINDS, { description: 'alert 告警 / complaint 投诉举报 / leak_report 泄露报告 / audit_finding 审计发现 / overdue_action 逾期督办' }),
        id: Type.String({ minLength: 1, maxLength: 64, description: '告警编号或来源文书编号 / the alert id, or the reference of the source' }),
      },
      { additionalProperties: false },
    ),
    title: Type.String({ minLength: 1, maxLength: TITLE_MAX_LENGTH }),
    facts: Type.String({ minLength: 1, maxLength: TEXT_MAX_LENGTH, description: '已查明的事实，不得含个人证件号码 / the facts, without personal numbers' }),
    evidence: Type.Optional(Seqs),
  },
  { additionalProperties: false },
);

export const ReasonSchema = Type.Object({ reason: Reason }, { additionalProperties: false });

export const PartySchema = Type.Object({ kind: literals(PARTY_KINDS), id: Id, role: literals(PARTY_ROLES) }, { additionalProperties: false });

export const AttributionSchema = Type.Object(
  {
    rules: Type.Optional(Type.Array(literals(ATTRIBUTION_RULES), { minItems: 1, uniqueItems: true, description: '确认这些规则的建议；缺省为全部 / confirm these rules’ proposals; all by default' })),
    parties: Type.Optional(Type.Array(PartySchema, { minItems: 1, maxItems: MAX_PARTIES, description: '改为认定这些当事方 / name these parties instead' })),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const StatementInputSchema = Type.Object(
  {
    party: Type.Union([Type.Literal('organisation'), Type.Literal('person')], { description: '以所代表的单位或本人名义 / for the department you represent, or for yourself' }),
    text: Type.String({ minLength: 1, maxLength: TEXT_MAX_LENGTH }),
    evidence: Type.Optional(Seqs),
  },
  { additionalProperties: false },
);

export const DeterminationSchema = Type.Object(
  {
    outcome: literals(DETERMINATION_OUTCOMES, { description: 'sanction 予以处理 / no_fault 无过错' }),
    reasons: Type.String({ minLength: 1, maxLength: TEXT_MAX_LENGTH }),
    publicSummary: Type.String({ minLength: 1, maxLength: TEXT_MAX_LENGTH, description: '可公开的案件摘要 / what may be published' }),
    sanctions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: literals(SANCTION_KINDS, { description: '约谈 / 通报批评 / 责令整改 / 暂停共享权限 / 移送' }),
            orgId: Id,
            personId: Type.Optional(Id),
            grantIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true })),
          },
          { additionalProperties: false },
        ),
        { maxItems: MAX_SANCTIONS },
      ),
    ),
    evidence: Type.Optional(Seqs),
  },
  { additionalProperties: false },
);

export const CaseQuerySchema = Type.Object({ stage: Type.Optional(literals(CASE_STAGES)), cursor: Cursor, limit: Limit }, { additionalProperties: false });

const ReasonText = Type.Object({ zh: Type.String(), en: Type.String() });
const Responsible = Type.Object({ kind: literals(PARTY_KINDS), id: Type.String(), role: literals(PARTY_ROLES) });

const SanctionSchema = Type.Object({ id: Type.String(), kind: literals(SANCTION_KINDS), orgId: Type.String(), personId: Nullable(Type.String()), grantIds: Type.Array(Type.String()), decidedAt: Type.String() });

export const CaseSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  authorityOrgId: Type.String(),
  source: Type.Object({ kind: literals(CASE_SOURCE_KINDS), id: Type.String() }),
  title: Type.String(),
  facts: Type.String(),
  stage: literals(CASE_STAGES),
  evidence: Type.Array(Type.Integer()),
  attribution: Type.Object({
    proposals: Type.Array(Type.Object({ rule: literals(ATTRIBUTION_RULES), parties: Type.Array(Responsible), reasons: Type.Array(ReasonText), evidence: Type.Array(Type.Integer()) })),
    confirmed: Type.Union([
      Type.Object({ parties: Type.Array(Responsible), rules: Type.Array(literals(ATTRIBUTION_RULES)), changed: Type.Boolean(), reason: Type.String(), by: Type.String(), at: Type.String() }),
      Type.Null(),
    ]),
  }),
  investigationDueAt: Type.String({ description: '调查期限（20 个工作日）/ investigation deadline (20 working days)' }),
  investigationOverdue: Type.Boolean({ description: '调查已逾期 / the investigation is past its deadline' }),
  statementDueAt: Nullable(Type.String({ description: '陈述申辩期限（5 个工作日）/ statement deadline (5 working days)' })),
  determination: Type.Union([
    Type.Object({ outcome: literals(DETERMINATION_OUTCOMES), reasons: Type.String(), sanctions: Type.Array(SanctionSchema), by: Type.String(), at: Type.String() }),
    Type.Null(),
  ]),
  publicSummary: Nullable(Type.String()),
  filedBy: Type.String(),
  filedAt: Type.String(),
  updatedAt: Type.String(),
  parties: Type.Array(Type.Object({ kind: literals(PARTY_KINDS), id: Type.String(), role: literals(PARTY_ROLES), orgId: Type.String() })),
  steps: Type.Array(Type.Object({ at: Type.String(), actorId: Type.String(), from: Type.Union([literals(CASE_STAGES), Type.Null()]), to: literals(CASE_STAGES), reason: Type.String() })),
  statements: Type.Array(
    Type.Object({ party: Type.Object({ kind: literals(PARTY_KINDS), id: Type.String() }), orgId: Type.String(), personId: Type.String(), text: Type.String(), evidence: Type.Array(Type.Integer()), submittedAt: Type.String() }),
  ),
});

/** The bundle format of docs/audit-log.md, one per evidence entry. */
export const CaseEvidenceSchema = Type.Object({
  caseId: Type.String(),
  bundles: Type.Array(
    Type.Object({
      format: Type.String(),
      suite: Type.Union([Type.Literal('intl'), Type.Literal('gm')]),
      entry: Type.Object({ seq: Type.Integer(), leaf: Type.String() }),
      inclusionProof: Type.Object({ leafIndex: Type.Integer(), treeSize: Type.Integer(), hashes: Type.Array(Type.String()) }),
      checkpoint: Type.String(),
      verifierKey: Type.String(),
    }),
  ),
});
