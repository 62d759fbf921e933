import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES } from '../schemas/common.ts';
import { ConsentCheckSchema, ConsentInputSchema, ConsentListQuerySchema, ConsentParams, ConsentSchema, SubjectWithdrawalSchema, WithdrawInputSchema } from '../schemas/consents.ts';

/** A withdrawal may come with no body at all: validate it as `{}` rather than refuse it. */
async function bodyOptional(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * The consent registry (个人同意登记, PIPL Arts. 13(1), 14, 15) under /api/v1/consents. Every
 * route that names a subject is a POST, so the identifier stays in the body and out of URLs.
 */
export function consentRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);

    app.post(
      '/consents',
      { schema: { tags: ['consents'], summary: '登记个人同意（身份号码只用于计算盲索引）/ record a consent; the identifier is only blind-indexed', body: ConsentInputSchema, response: { 201: ConsentSchema, ...ERROR_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.consents.record(principalOf(request), request.body)),
    );
    app.get(
      '/consents',
      {
        schema: {
          tags: ['consents'],
          summary: '本部门的同意登记（监管调查人员可指定部门）/ your department’s consents; investigators may name another',
          querystring: ConsentListQuerySchema,
          response: { 200: Type.Object({ consents: Type.Array(ConsentSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.consents.list(principalOf(request), request.query),
    );
    app.post(
      '/consents/:id/withdraw',
      {
        schema: { tags: ['consents'], summary: '撤回一项同意（默认即时）/ withdraw one consent; now unless dated', params: ConsentParams, body: WithdrawInputSchema, response: { 200: ConsentSchema, ...ERROR_RESPONSES } },
        preValidation: bodyOptional,
      },
      async (request) => services.consents.withdraw(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/consents/withdrawals',
      {
        schema: {
          tags: ['consents'],
          summary: '主体撤回同意：撤回该用途下的全部同意 / a subject withdraws: every consent for the purpose ends',
          body: SubjectWithdrawalSchema,
          response: { 200: Type.Object({ withdrawn: Type.Integer() }), ...ERROR_RESPONSES },
        },
      },
      async (request) => ({ withdrawn: await services.consents.withdrawBySubject(principalOf(request), request.body) }),
    );
    app.post(
      '/consents/check',
      { schema: { tags: ['consents'], summary: '核验同意是否有效（仅本部门）/ is the subject’s consent in force', body: ConsentCheckSchema, response: { 200: Type.Object({ consented: Type.Boolean() }), ...ERROR_RESPONSES } } },
      async (request) => services.consents.check(principalOf(request), request.body),
    );
  };
}
