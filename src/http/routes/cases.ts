import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, Id } from '../schemas/common.ts';
import { AttributionSchema, CaseEvidenceSchema, CaseFilingSchema, CaseQuerySchema, CaseSchema, DeterminationSchema, ReasonSchema, StatementInputSchema } from '../schemas/cases.ts';

const IdParams = Type.Object({ id: Id });
const tags = ['cases'];

/** Accountability cases (问责案件) under /api/v1/cases: run by the supervision authority, answered by the parties. */
export function caseRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Authentication comes first, so an anonymous caller learns nothing from validation errors.
    app.addHook('onRequest', authenticate);

    app.post(
      '/cases',
      { schema: { tags, summary: '立案（监管部门监管人员）/ file a case (supervisors of the supervision authority)', body: CaseFilingSchema, response: { 201: CaseSchema, ...ERROR_RESPONSES } } },
      async (request, reply) => reply.status(201).send(await services.cases.file(principalOf(request), { ...request.body, evidence: request.body.evidence ?? [] })),
    );
    app.get(
      '/cases',
      {
        schema: {
          tags,
          summary: '本机构办理的或本单位、本人作为当事方的案件（新的在前）/ cases your authority runs, or that you or your department are party to, newest first',
          querystring: CaseQuerySchema,
          response: { 200: Type.Object({ cases: Type.Array(CaseSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const { cursor, ...filters } = request.query;
        return services.cases.list(principalOf(request), { ...filters, before: cursor });
      },
    );
    app.get('/cases/:id', { schema: { tags, summary: '案件详情 / a case', params: IdParams, response: { 200: CaseSchema, ...ERROR_RESPONSES } } }, async (request) => services.cases.get(principalOf(request), request.params.id));
    app.post(
      '/cases/:id/investigation',
      { schema: { tags, summary: '开始调查，按规则提出责任认定建议 / start the investigation; the rules propose who is responsible', params: IdParams, body: ReasonSchema, response: { 200: CaseSchema, ...ERROR_RESPONSES } } },
      async (request) => services.cases.investigate(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/cases/:id/attribution',
      { schema: { tags, summary: '确认或变更责任认定，须说明理由 / confirm or change the attribution, with a reason', params: IdParams, body: AttributionSchema, response: { 200: CaseSchema, ...ERROR_RESPONSES } } },
      async (request) => services.cases.attribute(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/cases/:id/statement-request',
      { schema: { tags, summary: '告知当事方陈述申辩（5 个工作日）/ call for the parties’ statements (5 working days)', params: IdParams, body: ReasonSchema, response: { 200: CaseSchema, ...ERROR_RESPONSES } } },
      async (request) => services.cases.requestStatements(principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/cases/:id/statements',
      { schema: { tags, summary: '当事方陈述申辩 / a party’s statement and defence', params: IdParams, body: StatementInputSchema, response: { 200: CaseSchema, ...ERROR_RESPONSES } } },
      async (request) => services.cases.submitStatement(principalOf(request), request.params.id, { ...request.body, evidence: request.body.evidence ?? [] }),
    );
    app.post(
      '/cases/:id/determination',
      { schema: { tags, summary: '作出认定：处理或无过错 / determine: a sanction, or no fault', params: IdParams, body: DeterminationSchema, response: { 200: CaseSchema, ...ERROR_RESPONSES } } },
      async (request) => services.cases.determine(principalOf(request), request.params.id, { ...request.body, sanctions: request.body.sanctions ?? [], evidence: request.body.evidence ?? [] }),
    );
    app.post(
      '/cases/:id/closure',
      { schema: { tags, summary: '结案 / close the case', params: IdParams, body: ReasonSchema, response: { 200: CaseSchema, ...ERROR_RESPONSES } } },
      async (request) => services.cases.close(principalOf(request), request.params.id, request.body),
    );
    app.get(
      '/cases/:id/evidence',
      { schema: { tags, summary: '案件证据包，可离线验证 / the case’s evidence bundles, verifiable offline', params: IdParams, response: { 200: CaseEvidenceSchema, ...ERROR_RESPONSES } } },
      async (request) => services.cases.evidence(principalOf(request), request.params.id),
    );
  };
}
