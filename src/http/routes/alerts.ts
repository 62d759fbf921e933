import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireRole } from '../../app/context.ts';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, Id } from '../schemas/common.ts';
import { AlertActSchema, AlertDetailSchema, AlertQuerySchema, AlertSchema, ContainmentSchema, DetectionStatusSchema, ReasonSchema } from '../schemas/defence.ts';

const IdParams = Type.Object({ id: Id });

/** Alerts of active defence (告警处置) and their containment actions, under /api/v1 (issue #7 §3–4). */
export function alertRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    app.get(
      '/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: '告警列表（新的在前）：监管机构看本区域，部门审计人员看本部门 / alerts, newest first: the authority sees its region, a department’s auditors their own',
          querystring: AlertQuerySchema,
          response: { 200: Type.Object({ alerts: Type.Array(AlertSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.alerts.list(principalOf(request), request.query),
    );
    app.get(
      '/alerts/:id',
      { schema: { tags: ['alerts'], summary: '告警详情、处置步骤与处置措施 / an alert with its steps and containment', params: IdParams, response: { 200: AlertDetailSchema, ...ERROR_RESPONSES } } },
      async (request) => services.alerts.get(principalOf(request), request.params.id),
    );
    app.post(
      '/alerts/:id/steps',
      {
        schema: {
          tags: ['alerts'],
          summary: '推进告警：确认、处置（可附带措施）、办结或误报，须写明理由 / move an alert on: acknowledge, contain (optionally with an action), resolve, or dismiss as a false positive, with a reason',
          params: IdParams,
          body: AlertActSchema,
          response: { 200: AlertDetailSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.alerts.act(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/containments/:id/confirm',
      { schema: { tags: ['alerts'], summary: '确认自动处置措施 / confirm a containment', params: IdParams, body: ReasonSchema, response: { 200: ContainmentSchema, ...ERROR_RESPONSES } } },
      async (request) => services.containments.confirm(principalOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/containments/:id/lift',
      { schema: { tags: ['alerts'], summary: '解除处置措施，凭证或授权恢复使用 / lift a containment; the credential or grant works again', params: IdParams, body: ReasonSchema, response: { 200: ContainmentSchema, ...ERROR_RESPONSES } } },
      async (request) => services.containments.lift(principalOf(request), request.params.id, request.body.reason),
    );
    app.get(
      '/detection/status',
      { schema: { tags: ['alerts'], summary: '检测进度：已检测到的审计序号与日志末尾 / detection progress: the last audit seq folded in, and the log’s last', response: { 200: DetectionStatusSchema, ...ERROR_RESPONSES } } },
      async (request) => {
        const principal = principalOf(request);
        requireRole(principal, 'supervisor', 'auditor', 'platform_admin');
        return services.detection.status();
      },
    );
  };
}
