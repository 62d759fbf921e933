import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { reportCsv, reportHtml } from '../../core/transparency/index.ts';
import { publicDoor } from '../plugins/public-door.ts';
import { PUBLIC_ERROR_RESPONSES } from '../schemas/common.ts';
import { ReportQuerySchema, TransparencyReportSchema } from '../schemas/transparency.ts';

const MEDIA_TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

/** The page loads nothing and runs nothing: the policy says so to the browser as well (report-html.ts). */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/**
 * The public transparency report (透明度报告) under /api/v1/transparency-reports: no token, as
 * public disclosure is its purpose (issue #8 §6). It carries counts only, with small counts
 * suppressed, and reading it writes nothing. Each source address may ask for it 60 times a minute
 * (app/public-limits.ts): a report counts over a whole region's log.
 */
export function transparencyRoutes(services: Services): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/transparency-reports',
      {
        ...publicDoor(services.publicLimits, 'transparency-report'),
        schema: {
          tags: ['transparency'],
          summary: '透明度报告：各部门按月或按季度的共享、拒绝、交换、告警、案件与问责数量（小于 5 的数隐藏）/ transparency report: counts per department and period, small counts suppressed',
          security: [],
          querystring: ReportQuerySchema,
          produces: Object.values(MEDIA_TYPES),
          response: {
            200: {
              content: {
                'application/json': { schema: TransparencyReportSchema },
                'text/csv': { schema: Type.String({ description: 'UTF-8，带 BOM / UTF-8 with a byte-order mark' }) },
                'text/html': { schema: Type.String({ description: '自包含页面，内嵌 SVG 图表 / a self-contained page with inline SVG charts' }) },
              },
            },
            ...PUBLIC_ERROR_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const { format = 'json', region, ...period } = request.query;
        const report = await services.transparency.report({ regionCode: region, ...period });
        const name = `transparency-${report.region.code}-${report.from}-${report.to}`;
        if (format === 'csv') return reply.header('content-type', MEDIA_TYPES.csv).header('content-disposition', `attachment; filename="${name}.csv"`).send(reportCsv(report));
        if (format === 'html') return reply.header('content-type', MEDIA_TYPES.html).header('content-security-policy', HTML_POLICY).send(reportHtml(report));
        return reply.header('content-type', MEDIA_TYPES.json).send(report);
      },
    );
  };
}
