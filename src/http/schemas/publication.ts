import { Type } from 'typebox';
import { PII_TYPES } from '../../core/pii/index.ts';
import { Id, Instant, literals } from './common.ts';

const PiiTypeSchema = literals(PII_TYPES);

/** Where a finding sits in a workbook or a PDF. */
const LocationSchema = Type.Union([
  Type.Object({ sheet: Type.String(), cell: Type.String() }, { additionalProperties: false }),
  Type.Object({ page: Type.Integer() }, { additionalProperties: false }),
]);

/** The finding of issue #6: the exact value, offsets and 1-based line within its part, the location where the format has one. */
export const FindingSchema = Type.Object({
  type: PiiTypeSchema,
  value: Type.String({ description: '原文中的确切值（仅在本次响应中返回，不存储）/ the exact text; returned in this answer only, never stored' }),
  start: Type.Integer(),
  end: Type.Integer(),
  line: Type.Integer(),
  confidence: Type.Number(),
  location: Type.Optional(LocationSchema),
});

const FileErrorSchema = Type.Object({ code: Type.String(), message: Type.String() });

/** The CLI's `--format json`, plus the id of the recorded scan. */
export const ScanResultSchema = Type.Object({
  scanId: Id,
  files: Type.Array(
    Type.Object({
      path: Type.String({ description: '上传时的文件名（不存储）/ the uploaded file name, echoed back, never stored' }),
      findings: Type.Array(FindingSchema),
      error: Type.Union([FileErrorSchema, Type.Null()]),
    }),
  ),
});

const CountsSchema = Type.Record(Type.String(), Type.Integer(), { description: '每种类型的数量 / count per type' });

export const PublicationScanSchema = Type.Object({
  id: Id,
  orgId: Id,
  personId: Id,
  createdAt: Instant,
  types: Type.Union([Type.Array(PiiTypeSchema), Type.Null()], { description: '仅扫描了这些类型；null 表示全部 / the types scanned; null for every type' }),
  findingCount: Type.Integer(),
  errorCount: Type.Integer(),
  released: Type.Boolean(),
  releasedBy: Type.Union([Id, Type.Null()]),
  releasedAt: Type.Union([Instant, Type.Null()]),
  files: Type.Array(
    Type.Object({
      sha256: Type.String(),
      size: Type.Integer(),
      format: Type.Union([Type.String(), Type.Null()]),
      counts: CountsSchema,
      errorCode: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

/** `types=cn_resident_id,cn_mobile`: the names are checked by the use case, which lists the known ones. */
export const TypesQuerySchema = Type.Object(
  { types: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[a-z0-9_,]+$', description: `逗号分隔 / comma-separated: ${PII_TYPES.join(', ')}` })) },
  { additionalProperties: false },
);
