import { Type } from 'typebox';
import { LEAK_FORMATS } from '../../app/leak-traces/leaked-file.ts';
import { LEAK_CANDIDATE_KINDS } from '../../core/accountability/leak-coverage.ts';
import { Cursor, Id, Instant, Limit, literals } from './common.ts';

const Count = Type.Integer({ minimum: 0 });
const Share = Type.Number({ minimum: 0, maximum: 1 });

export const LeakCandidateSchema = Type.Object(
  {
    kind: literals(LEAK_CANDIDATE_KINDS),
    id: Type.String({ description: '授权、凭证或人员的标识；网关应答为审计序号 / the grant, credential or person id; for an answer, its audit seq' }),
    consumerOrgId: Id,
    records: Count,
    coverage: Share,
    byIdentifier: Count,
    byValue: Count,
    agreement: Share,
    canaryRecords: Count,
    answers: Count,
    firstAccessAt: Instant,
    lastAccessAt: Instant,
    explanation: Type.Object({ zh: Type.String(), en: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const Candidates = Type.Object(
  {
    grant: Type.Array(LeakCandidateSchema),
    credential: Type.Array(LeakCandidateSchema),
    person: Type.Array(LeakCandidateSchema),
    answer: Type.Array(LeakCandidateSchema),
  },
  { additionalProperties: false },
);

/** A kept trace: who ran it, when, the file by digest, the counts and the ranking — never the leaked contents. */
export const LeakTraceSchema = Type.Object(
  {
    id: Id,
    orgId: Id,
    investigatorId: Id,
    createdAt: Instant,
    file: Type.Object({ digest: Type.String({ description: 'SHA-256' }), format: literals(LEAK_FORMATS), bytes: Count }, { additionalProperties: false }),
    records: Count,
    matchedRecords: Count,
    canaryRecords: Count,
    result: Type.Object(
      {
        byIdentifier: Count,
        byValue: Count,
        truncated: Type.Boolean(),
        canaries: Type.Array(Type.Object({ grantId: Id, consumerOrgId: Id, records: Count }, { additionalProperties: false })),
        candidates: Candidates,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const LeakTraceQuerySchema = Type.Object({ cursor: Cursor, limit: Limit }, { additionalProperties: false });
