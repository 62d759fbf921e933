import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES } from '../schemas/common.ts';
import { DraftSchema, RegradeSchema, ResourceSchema, SearchQuerySchema, SuggestInputSchema, SuggestionSchema, UpdateSchema, VersionSchema } from '../schemas/catalog.ts';

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });

/** The resource catalog (政务信息资源目录) under /api/v1/catalog. */
export function catalogRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('preHandler', authenticate);

    app.get(
      '/catalog/resources',
      {
        schema: {
          tags: ['catalog'],
          summary: '检索目录：全文与筛选 / search the catalog',
          querystring: SearchQuerySchema,
          response: { 200: Type.Object({ resources: Type.Array(ResourceSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const { q, provider, cursor, ...filters } = request.query;
        return services.catalog.search(principalOf(request), { ...filters, text: q, providerOrgId: provider, before: cursor });
      },
    );
    app.post(
      '/catalog/resources',
      { schema: { tags: ['catalog'], summary: '登记信息资源（草稿）/ register a resource as a draft', body: DraftSchema, response: { 201: ResourceSchema, ...ERROR_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.catalog.create(principalOf(request), request.body)),
    );
    app.get(
      '/catalog/resources/:code',
      { schema: { tags: ['catalog'], summary: '资源详情 / a resource', params: CodeParams, response: { 200: ResourceSchema, ...ERROR_RESPONSES } } },
      async (request) => services.catalog.get(principalOf(request), request.params.code),
    );
    app.put(
      '/catalog/resources/:code',
      { schema: { tags: ['catalog'], summary: '修改资源（生成新版本）/ change a resource; makes a new version', params: CodeParams, body: UpdateSchema, response: { 200: ResourceSchema, ...ERROR_RESPONSES } } },
      async (request) => {
        const { gradeChangeReason, ...draft } = request.body;
        return services.catalog.update(principalOf(request), request.params.code, draft, gradeChangeReason);
      },
    );
    app.post(
      '/catalog/resources/:code/publish',
      { schema: { tags: ['catalog'], summary: '发布 / publish', params: CodeParams, response: { 200: ResourceSchema, ...ERROR_RESPONSES } } },
      async (request) => services.catalog.publish(principalOf(request), request.params.code),
    );
    app.post(
      '/catalog/resources/:code/retire',
      { schema: { tags: ['catalog'], summary: '停用 / retire', params: CodeParams, response: { 200: ResourceSchema, ...ERROR_RESPONSES } } },
      async (request) => services.catalog.retire(principalOf(request), request.params.code),
    );
    app.post(
      '/catalog/resources/:code/grades',
      {
        schema: {
          tags: ['catalog'],
          summary: '监管调整分级（降级须说明理由）/ supervisor re-grades items; lowering needs a reason',
          params: CodeParams,
          body: RegradeSchema,
          response: { 200: ResourceSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.catalog.regrade(principalOf(request), request.params.code, request.body),
    );
    app.get(
      '/catalog/resources/:code/versions',
      { schema: { tags: ['catalog'], summary: '版本历史 / version history', params: CodeParams, response: { 200: Type.Object({ versions: Type.Array(VersionSchema) }), ...ERROR_RESPONSES } } },
      async (request) => ({ versions: await services.catalog.versions(principalOf(request), request.params.code) }),
    );
    app.post(
      '/catalog/suggestions',
      {
        schema: {
          tags: ['catalog'],
          summary: '按名称与样本值建议个人信息类别与分级（样本不存储）/ suggest PI class and grade; samples are never stored',
          body: SuggestInputSchema,
          response: { 200: Type.Object({ suggestions: Type.Array(SuggestionSchema) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        principalOf(request);
        return { suggestions: services.catalog.suggest(request.body.items) };
      },
    );
  };
}
