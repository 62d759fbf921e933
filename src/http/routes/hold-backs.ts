import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES } from '../schemas/common.ts';
import { HoldBackInputSchema, HoldBackLiftSchema, HoldBackListQuerySchema, HoldBackParams, HoldBackSchema } from '../schemas/citizen.ts';

const TAGS = ['citizen'];

/** Investigation hold-backs of the citizen view (暂缓告知, PIPL Art. 35), for supervisors, under /api/v1/hold-backs. */
export function holdBackRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    app.post(
      '/hold-backs',
      { schema: { tags: TAGS, summary: '登记暂缓告知（须有截止时间）/ register a hold-back, with an end', body: HoldBackInputSchema, response: { 201: HoldBackSchema, ...ERROR_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.holdBacks.create(principalOf(request), request.body)),
    );
    app.get(
      '/hold-backs',
      { schema: { tags: TAGS, summary: '本监管部门的暂缓告知 / this authority’s hold-backs', querystring: HoldBackListQuerySchema, response: { 200: Type.Object({ holdBacks: Type.Array(HoldBackSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES } } },
      async (request) => services.holdBacks.list(principalOf(request), request.query),
    );
    app.post(
      '/hold-backs/:id/lift',
      { schema: { tags: TAGS, summary: '提前解除暂缓告知 / lift a hold-back early', params: HoldBackParams, body: HoldBackLiftSchema, response: { 200: HoldBackSchema, ...ERROR_RESPONSES } } },
      async (request) => services.holdBacks.lift(principalOf(request), request.params.id, request.body.reason),
    );
  };
}
