import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import type { ProfileOverrides } from '../../core/policy/index.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES } from '../schemas/common.ts';
import { PolicyOverridesSchema, PolicySchema, PurposeInputSchema, PurposeSchema } from '../schemas/sharing.ts';

const RegionParams = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) });
const PurposeParams = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), purposeCode: Type.String({ minLength: 1, maxLength: 32 }) });

/** A region's graded-controls profile and purpose list, under /api/v1/regions/{code}. */
export function sharingPolicyRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);
    app.get(
      '/regions/:code/policy',
      { schema: { tags: ['sharing'], summary: '分级管控矩阵（含本地区调整）/ the graded-controls profile in force', params: RegionParams, response: { 200: PolicySchema, ...ERROR_RESPONSES } } },
      async (request) => {
        principalOf(request);
        return services.sharingPolicy.policy(request.params.code);
      },
    );
    app.put(
      '/regions/:code/policy',
      {
        schema: {
          tags: ['sharing'],
          summary: '调整分级管控（只可从严）/ set the region’s overrides; only ever stricter',
          params: RegionParams,
          body: PolicyOverridesSchema,
          response: { 200: PolicySchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.sharingPolicy.putPolicy(principalOf(request), request.params.code, request.body as ProfileOverrides),
    );
    app.get(
      '/regions/:code/purposes',
      { schema: { tags: ['sharing'], summary: '用途清单及其对应职责 / the purpose list and the duties behind each', params: RegionParams, response: { 200: Type.Object({ purposes: Type.Array(PurposeSchema) }), ...ERROR_RESPONSES } } },
      async (request) => {
        principalOf(request);
        return { purposes: await services.sharingPolicy.purposes(request.params.code) };
      },
    );
    app.put(
      '/regions/:code/purposes/:purposeCode',
      { schema: { tags: ['sharing'], summary: '登记或修改用途 / add or change a purpose', params: PurposeParams, body: PurposeInputSchema, response: { 200: PurposeSchema, ...ERROR_RESPONSES } } },
      async (request) => services.sharingPolicy.putPurpose(principalOf(request), { regionCode: request.params.code, code: request.params.purposeCode, ...request.body }),
    );
  };
}
