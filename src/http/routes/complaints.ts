import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { publicDoor } from '../plugins/public-door.ts';
import { ERROR_RESPONSES, Id, PUBLIC_ERROR_RESPONSES } from '../schemas/common.ts';
import { AnswerSchema, ComplaintInputSchema, ComplaintQuerySchema, ComplaintSchema, ReceiptSchema, RewardSchema, StatusLookupSchema, StatusSchema, TriageSchema } from '../schemas/complaints.ts';

const IdParams = Type.Object({ id: Id });

/** A triage may come with no body at all: validate it as `{}` rather than refuse it. */
async function bodyOptional(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * Complaints and reports (投诉举报) under /api/v1/complaints. Filing and the status lookup are
 * public (no token: anyone may complain, anonymously too) and rate-limited per source address;
 * the rest is for the supervision authority and the departments complaints are routed to. The
 * query code travels in a body, never in a URL, which ends up in logs.
 */
export function complaintRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // The per-request log lines carry the caller's address: for the public routes they are left
    // out, so the server log cannot identify a filer (《数据安全法》第十二条); failures still log.
    const quiet = { logLevel: 'warn' as const };

    app.post(
      '/complaints',
      {
        ...quiet,
        ...publicDoor(services.publicLimits, 'complaint-filing'),
        schema: {
          tags: ['complaints'],
          summary: '投诉举报（可匿名），返回受理编号和查询码 / file a complaint or report, anonymously if you wish; returns a tracking number and query code',
          security: [],
          body: ComplaintInputSchema,
          response: { 201: ReceiptSchema, ...PUBLIC_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const { departmentId, contact, ...draft } = request.body;
        const receipt = await services.complaints.file({ ...draft, departmentId: departmentId ?? null, contact: contact ?? null });
        return reply.status(201).send(receipt);
      },
    );
    app.post(
      '/complaints/status',
      {
        ...quiet,
        ...publicDoor(services.publicLimits, 'complaint-lookup'),
        schema: {
          tags: ['complaints'],
          summary: '凭受理编号和查询码查询进度 / look up progress with the tracking number and query code',
          security: [],
          body: StatusLookupSchema,
          response: { 200: StatusSchema, ...PUBLIC_ERROR_RESPONSES },
        },
      },
      async (request) => services.complaints.status(request.body),
    );

    app.get(
      '/complaints',
      {
        onRequest: authenticate,
        schema: {
          tags: ['complaints'],
          summary: '本监管部门受理的或转本部门的投诉举报（新的在前）/ complaints handled by your authority, or routed to your department, newest first',
          querystring: ComplaintQuerySchema,
          response: { 200: Type.Object({ complaints: Type.Array(ComplaintSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const { cursor, ...filters } = request.query;
        return services.complaints.list(principalOf(request), { ...filters, before: cursor });
      },
    );
    app.get(
      '/complaints/:id',
      { onRequest: authenticate, schema: { tags: ['complaints'], summary: '投诉举报详情 / a complaint', params: IdParams, response: { 200: ComplaintSchema, ...ERROR_RESPONSES } } },
      async (request) => services.complaints.get(principalOf(request), request.params.id),
    );
    app.post(
      '/complaints/:id/acknowledge',
      {
        onRequest: authenticate,
        preValidation: bodyOptional,
        schema: {
          tags: ['complaints'],
          summary: '受理并转责任部门（1 个工作日内）/ acknowledge and route to the responsible department, within 1 working day',
          params: IdParams,
          body: TriageSchema,
          response: { 200: ComplaintSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.complaints.acknowledge(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/complaints/:id/answer',
      {
        onRequest: authenticate,
        schema: {
          tags: ['complaints'],
          summary: '答复处理结果（15 个工作日内）；属实的立案问责 / answer within 15 working days; substantiated ones open a case',
          params: IdParams,
          body: AnswerSchema,
          response: { 200: ComplaintSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.complaints.answer(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/complaints/:id/reward',
      {
        onRequest: authenticate,
        schema: {
          tags: ['complaints'],
          summary: '记录举报奖励决定 / record the reward decision for a substantiated report',
          params: IdParams,
          body: RewardSchema,
          response: { 200: ComplaintSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.complaints.decideReward(principalOf(request), request.params.id, request.body),
    );
  };
}
