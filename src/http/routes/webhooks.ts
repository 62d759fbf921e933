import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { Cursor, ERROR_RESPONSES, Id, Limit } from '../schemas/common.ts';
import { DeliverySchema, RegisteredWebhookSchema, WebhookInputSchema, WebhookSchema } from '../schemas/webhooks.ts';

const IdParams = Type.Object({ id: Id });

/** Webhooks of department systems under /api/v1/webhooks: each organisation manages its own. */
export function webhookRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);

    app.post(
      '/webhooks',
      {
        schema: {
          tags: ['webhooks'],
          summary: '登记回调地址，签名密钥仅显示一次 / register a webhook; the signing secret is shown once',
          body: WebhookInputSchema,
          response: { 201: RegisteredWebhookSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => reply.status(201).send(await services.webhooks.register(principalOf(request), request.body)),
    );
    app.get(
      '/webhooks',
      { schema: { tags: ['webhooks'], summary: '本机构的回调地址 / your organisation’s webhooks', response: { 200: Type.Object({ webhooks: Type.Array(WebhookSchema) }), ...ERROR_RESPONSES } } },
      async (request) => ({ webhooks: await services.webhooks.list(principalOf(request)) }),
    );
    app.post(
      '/webhooks/:id/disable',
      { schema: { tags: ['webhooks'], summary: '停用回调地址，未送达的推送作废 / disable a webhook; undelivered events are dropped', params: IdParams, response: { 200: WebhookSchema, ...ERROR_RESPONSES } } },
      async (request) => services.webhooks.disable(principalOf(request), request.params.id),
    );
    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          tags: ['webhooks'],
          summary: '推送记录（新的在前）/ deliveries, newest first',
          params: IdParams,
          querystring: Type.Object({ cursor: Cursor, limit: Limit }, { additionalProperties: false }),
          response: { 200: Type.Object({ deliveries: Type.Array(DeliverySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.webhooks.deliveries(principalOf(request), request.params.id, { limit: request.query.limit, before: request.query.cursor }),
    );
  };
}
