import { Type } from 'typebox';
import { Cursor, Id, Instant, Limit } from './common.ts';

/**
 * The subject's identifier travels only in request bodies, never in a URL, which ends up in
 * logs (DESIGN §7). Its validity is judged by the use case, so the error names the field with
 * SUBJECT_ID_INVALID; the schema only bounds the length.
 */
const SubjectId = Type.String({ minLength: 1, maxLength: 40, description: '公民身份号码（GB 11643）或统一社会信用代码（GB 32100）；不存储 / resident ID or USCC; never stored' });
const PurposeCode = Type.String({ minLength: 1, maxLength: 32, description: '用途代码 / purpose code' });
const ResourceCode = Type.String({ minLength: 1, maxLength: 64, description: '资源代码；空为该用途下所有资源 / resource code; null covers every resource of the purpose' });

export const ConsentSchema = Type.Object({
  id: Type.String(),
  purposeCode: Type.String(),
  resourceCode: Type.Union([Type.String(), Type.Null()]),
  givenAt: Type.String(),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const ConsentInputSchema = Type.Object(
  {
    subjectId: SubjectId,
    purposeCode: PurposeCode,
    resourceCode: Type.Optional(Type.Union([ResourceCode, Type.Null()])),
    givenAt: Instant,
    evidence: Type.String({ maxLength: 200, description: '同意凭证（签署文书或电子记录的编号），不得含身份证号或手机号 / reference to the signed form or electronic record' }),
  },
  { additionalProperties: false },
);

export const ConsentListQuerySchema = Type.Object(
  {
    limit: Limit,
    cursor: Cursor,
    purposeCode: Type.Optional(PurposeCode),
    orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '监管调查人员查看其他部门 / investigators: another organisation' })),
  },
  { additionalProperties: false },
);

export const ConsentParams = Type.Object({ id: Id });

export const WithdrawInputSchema = Type.Object({ withdrawnAt: Type.Optional(Instant) }, { additionalProperties: false });

export const SubjectWithdrawalSchema = Type.Object({ subjectId: SubjectId, purposeCode: PurposeCode }, { additionalProperties: false });

export const ConsentCheckSchema = Type.Object(
  { subjectId: SubjectId, purposeCode: PurposeCode, resourceCode: Type.Optional(Type.Union([ResourceCode, Type.Null()])) },
  { additionalProperties: false },
);

