import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES } from '../schemas/common.ts';
import { DatasetStatusSchema, ResourceCodeParams, UpstreamInputSchema } from '../schemas/datasets.ts';

/**
 * Proxy mode (docs/exchange.md §6): a provider keeps a resource's data in its own system and
 * registers its API. A scope of its own, with JSON bodies, apart from the upload routes, which
 * read bodies only as streams.
 */
export function datasetProxyRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);
    app.put(
      '/datasets/:resourceCode/upstream',
      {
        schema: {
          tags: ['datasets'],
          summary: '代理模式：数据留在提供方，网关转发至其接口 / proxy mode: the gateway forwards to the provider’s API',
          params: ResourceCodeParams,
          body: UpstreamInputSchema,
          response: { 200: DatasetStatusSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.datasets.useUpstream(principalOf(request), request.params.resourceCode, request.body.url),
    );
  };
}
