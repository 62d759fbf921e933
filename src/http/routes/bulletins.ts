import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, Id } from '../schemas/common.ts';
import { AcknowledgementSchema, BulletinInputSchema, BulletinQuerySchema, BulletinSchema, TrackingQuerySchema, TrackingSchema } from '../schemas/bulletins.ts';

const IdParams = Type.Object({ id: Id });

/** An acknowledgement may come with no body at all: validate it as `{}` rather than refuse it. */
async function bodyOptional(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** Early-warning bulletins (预警通报) under /api/v1/bulletins: published by supervisors, acknowledged by departments. */
export function bulletinRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);

    app.post(
      '/bulletins',
      {
        schema: {
          tags: ['bulletins'],
          summary: '发布预警通报，3 个工作日内签收 / publish a bulletin; departments acknowledge within 3 working days',
          body: BulletinInputSchema,
          response: { 201: BulletinSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => reply.status(201).send(await services.bulletins.publish(principalOf(request), { ...request.body, alertIds: request.body.alertIds ?? [] })),
    );
    app.get(
      '/bulletins',
      {
        schema: {
          tags: ['bulletins'],
          summary: '本地区发布的或通报本部门的预警（新的在前）/ bulletins of your region, or addressed to your department, newest first',
          querystring: BulletinQuerySchema,
          response: { 200: Type.Object({ bulletins: Type.Array(BulletinSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const { cursor, ...filters } = request.query;
        return services.bulletins.list(principalOf(request), { ...filters, before: cursor });
      },
    );
    app.get(
      '/bulletins/:id',
      { schema: { tags: ['bulletins'], summary: '预警通报详情 / a bulletin', params: IdParams, response: { 200: BulletinSchema, ...ERROR_RESPONSES } } },
      async (request) => services.bulletins.get(principalOf(request), request.params.id),
    );
    app.post(
      '/bulletins/:id/acknowledge',
      {
        schema: {
          tags: ['bulletins'],
          summary: '签收预警通报并说明已采取的措施 / acknowledge a bulletin, saying what was done',
          params: IdParams,
          body: AcknowledgementSchema,
          response: { 200: BulletinSchema, ...ERROR_RESPONSES },
        },
        preValidation: bodyOptional,
      },
      async (request) => services.bulletins.acknowledge(principalOf(request), request.params.id, request.body),
    );
    app.get(
      '/bulletins/:id/recipients',
      {
        schema: {
          tags: ['bulletins'],
          summary: '签收跟踪：已签收、逾期及逾期工作日数 / tracking: acknowledged, overdue, and working days late',
          params: IdParams,
          querystring: TrackingQuerySchema,
          response: { 200: TrackingSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.bulletins.tracking(principalOf(request), request.params.id, request.query),
    );
  };
}
