import { Type } from 'typebox';
import { PERIOD_KINDS, REPORT_METRICS } from '../../core/transparency/index.ts';
import { literals } from './common.ts';

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;

export const ReportQuerySchema = Type.Object(
  {
    region: Type.String({ pattern: '^\\d{6}$', description: '行政区划代码（GB/T 2260）/ region code' }),
    from: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: '起始月份 YYYY-MM / first month' }),
    to: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: '结束月份 YYYY-MM（含）/ last month, included' }),
    period: literals(PERIOD_KINDS, { description: '按月或按季度 / monthly or quarterly' }),
    format: Type.Optional(literals(REPORT_FORMATS)),
  },
  { additionalProperties: false },
);

/** A count as published: null with `suppressed` when hidden. */
const CellSchema = Type.Object({ value: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]), suppressed: Type.Boolean() }, { additionalProperties: false });

const MetricTableSchema = Type.Object(
  {
    metric: literals(REPORT_METRICS),
    label: Type.Object({ zh: Type.String(), en: Type.String() }),
    cells: Type.Array(Type.Array(CellSchema), { description: '部门 × 期间 / departments × periods' }),
    rowTotals: Type.Union([Type.Array(CellSchema), Type.Null()], { description: '各部门合计；存量指标为 null / per department; null for a stock' }),
    columnTotals: Type.Array(CellSchema),
    total: Type.Union([CellSchema, Type.Null()]),
    suppressedCount: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const TransparencyReportSchema = Type.Object(
  {
    region: Type.Object({ code: Type.String(), name: Type.String() }),
    periodKind: literals(PERIOD_KINDS),
    from: Type.String(),
    to: Type.String(),
    generatedAt: Type.String(),
    suppressionLimit: Type.Integer(),
    periods: Type.Array(Type.Object({ key: Type.String(), start: Type.String(), end: Type.String() })),
    departments: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    metrics: Type.Array(MetricTableSchema),
  },
  { additionalProperties: false },
);
