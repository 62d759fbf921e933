import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, literals } from '../schemas/common.ts';
import { DraftSchema, RegradeSchema, ResourceSchema, SearchQuerySchema, SuggestInputSchema, SuggestionSchema, UpdateSchema, VersionSchema } from '../schemas/catalog.ts';

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });
const FormatQuery = Type.Object({ format: literals(['json', 'csv', 'xlsx'] as const) }, { additionalProperties: false });

const MEDIA_TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
/** Catalog files can be larger than ordinary requests. */
const IMPORT_LIMIT_BYTES = 20 * 1024 * 1024;

/** The resource catalog (政务信息资源目录) under /api/v1/catalog. */
export function catalogRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);
    // Files arrive as raw bytes; the importer detects GBK and reads XLSX itself.
    app.addContentTypeParser(['text/csv', 'application/octet-stream', MEDIA_TYPES.xlsx], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES }, (_request, body, done) => done(null, body));

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
      '/catalog/import',
      {
        bodyLimit: IMPORT_LIMIT_BYTES,
        schema: {
          tags: ['catalog'],
          summary: '导入资源草稿：逐行校验，全部通过才写入 / import drafts; nothing is written unless every row passes',
          description: 'Send the file as the body: text/csv (UTF-8 or GBK/GB18030), the XLSX media type, or application/json. Layout: docs/catalog-import.md.',
          querystring: FormatQuery,
          response: { 201: Type.Object({ imported: Type.Integer(), codes: Type.Array(Type.String()) }), ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? null));
        const created = await services.catalogTransfer.import(principalOf(request), bytes, request.query.format);
        return reply.status(201).send({ imported: created.length, codes: created.map((resource) => resource.code) });
      },
    );
    app.get(
      '/catalog/export',
      {
        schema: {
          tags: ['catalog'],
          summary: '导出目录：已发布资源及本部门草稿 / export what you may see',
          querystring: FormatQuery,
          produces: Object.values(MEDIA_TYPES),
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const { bytes } = await services.catalogTransfer.export(principalOf(request), format);
        return reply.header('content-type', MEDIA_TYPES[format]).header('content-disposition', `attachment; filename="catalog.${format}"`).send(Buffer.from(bytes));
      },
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
