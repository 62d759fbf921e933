import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import type { Grant } from '../../core/sharing/grant.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, Id } from '../schemas/common.ts';
import {
  DecisionSchema,
  GrantQuerySchema,
  GrantSchema,
  InboxItemSchema,
  NoticeSchema,
  ReasonSchema,
  RequestDraftSchema,
  RequestQuerySchema,
  RequestSchema,
} from '../schemas/sharing.ts';

const IdParams = Type.Object({ id: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Page = <T extends Parameters<typeof Type.Array>[0]>(key: string, schema: T) => Type.Object({ [key]: Type.Array(schema), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Sharing requests (共享申请), grants (共享授权) and each person's inbox, under /api/v1. */
export function sharingRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    app.post(
      '/sharing-requests',
      {
        schema: {
          tags: ['sharing'],
          summary: '提交共享申请：自动合规检查与风险评估 / submit a request; checked and risk-assessed at once',
          body: RequestDraftSchema,
          response: { 201: RequestSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => reply.status(201).send(await services.requests.submit(principalOf(request), { ...request.body, credentialId: request.body.credentialId ?? null, uncataloged: request.body.uncataloged ?? null })),
    );
    app.get(
      '/sharing-requests',
      { schema: { tags: ['sharing'], summary: '本部门提出、答复或监管的申请 / requests you made, answer or supervise', querystring: RequestQuerySchema, response: { 200: Page('requests', RequestSchema), ...ERROR_RESPONSES } } },
      async (request) => {
        const { cursor, ...filters } = request.query;
        return services.requests.search(principalOf(request), { ...filters, before: cursor });
      },
    );
    app.get(
      '/sharing-requests/:id',
      { schema: { tags: ['sharing'], summary: '申请详情，含风险评估与各环节时限 / a request with its risk and step deadlines', params: IdParams, response: { 200: RequestSchema, ...ERROR_RESPONSES } } },
      async (request) => services.requests.get(principalOf(request), request.params.id),
    );
    app.post(
      '/sharing-requests/:id/decisions',
      {
        schema: {
          tags: ['sharing'],
          summary: '办理当前环节：同意或不同意（须说明理由）/ decide the open step; a refusal needs a reason',
          params: IdParams,
          body: DecisionSchema,
          response: { 200: RequestSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.requests.decide(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/sharing-requests/:id/dispute',
      { schema: { tags: ['sharing'], summary: '对拒绝提出异议，由监管部门协调 / dispute a refusal; the supervisor coordinates', params: IdParams, body: ReasonSchema, response: { 200: RequestSchema, ...ERROR_RESPONSES } } },
      async (request) => services.requests.dispute(principalOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/sharing-requests/:id/withdraw',
      { schema: { tags: ['sharing'], summary: '撤回申请 / withdraw a pending request', params: IdParams, response: { 200: RequestSchema, ...ERROR_RESPONSES } } },
      async (request) => services.requests.withdraw(principalOf(request), request.params.id),
    );

    app.get(
      '/grants',
      { schema: { tags: ['sharing'], summary: '共享授权 / grants you gave, hold or supervise', querystring: GrantQuerySchema, response: { 200: Page('grants', GrantSchema), ...ERROR_RESPONSES } } },
      async (request) => {
        const { cursor, ...filters } = request.query;
        return services.grants.search(principalOf(request), { ...filters, before: cursor });
      },
    );
    app.get(
      '/grants/ledger',
      { schema: { tags: ['sharing'], summary: '共享台账（XLSX）/ the sharing ledger as XLSX', produces: [XLSX] } },
      async (request, reply) => {
        const bytes = await services.grants.ledger(principalOf(request));
        return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="sharing-ledger.xlsx"').send(Buffer.from(bytes));
      },
    );
    app.get(
      '/grants/policy-version',
      { schema: { tags: ['sharing'], summary: '授权策略版本号（网关缓存校验）/ the policy version gateways compare', response: { 200: Type.Object({ version: Type.Integer() }), ...ERROR_RESPONSES } } },
      async (request) => {
        principalOf(request);
        return { version: await services.grants.policyVersion() };
      },
    );
    app.get(
      '/grants/:id',
      { schema: { tags: ['sharing'], summary: '授权详情 / a grant', params: IdParams, response: { 200: GrantSchema, ...ERROR_RESPONSES } } },
      async (request) => services.grants.get(principalOf(request), request.params.id),
    );
    app.get(
      '/grants/:id/notices',
      { schema: { tags: ['sharing'], summary: '告知记录（个人信息保护法第十七、三十五条）/ notices, PIPL Arts. 17 and 35', params: IdParams, response: { 200: Type.Object({ notices: Type.Array(NoticeSchema) }), ...ERROR_RESPONSES } } },
      async (request) => ({ notices: await services.grants.notices(principalOf(request), request.params.id) }),
    );
    const change = (path: string, summary: string, run: (principal: ReturnType<typeof principalOf>, id: string, reason: string) => Promise<Grant>) =>
      app.post(path, { schema: { tags: ['sharing'], summary, params: IdParams, body: ReasonSchema, response: { 200: GrantSchema, ...ERROR_RESPONSES } } }, async (request) =>
        run(principalOf(request), request.params.id, request.body.reason),
      );
    change('/grants/:id/suspend', '暂停授权，立即生效 / suspend at once', (principal, id, reason) => services.grants.suspend(principal, id, { reason }));
    change('/grants/:id/resume', '恢复授权 / lift a suspension', (principal, id, reason) => services.grants.resume(principal, id, { reason }));
    change('/grants/:id/revoke', '撤销授权，立即生效 / revoke at once', (principal, id, reason) => services.grants.revoke(principal, id, { reason }));
    change('/grants/:id/recertify', '定期复核：确认继续有效 / periodic review: recertify', (principal, id, reason) => services.grants.recertify(principal, id, { reason }));

    app.get(
      '/inbox',
      { schema: { tags: ['sharing'], summary: '我的待办及时限 / your pending actions and deadlines', response: { 200: Type.Object({ items: Type.Array(InboxItemSchema) }), ...ERROR_RESPONSES } } },
      async (request) => ({ items: await services.inbox.inbox(principalOf(request)) }),
    );
  };
}
