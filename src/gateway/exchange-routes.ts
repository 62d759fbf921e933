import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import type { ExchangeService } from '../app/exchange/exchange-service.ts';
import type { ExchangeOperation } from '../core/exchange/index.ts';
import type { ExchangeCall, QueryBody, VerifyBody } from './exchange-call.ts';
import { EXCHANGE_ERRORS, ExchangeParams, ExportBodySchema, QueryAnswerSchema, QueryBodySchema, VerifyAnswerSchema, VerifyBodySchema } from './exchange-schemas.ts';
import { enforce, type ExchangeOutcome } from './pipeline.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function callOf(request: FastifyRequest<{ Params: { resourceCode: string } }>, operation: ExchangeOperation): ExchangeCall {
  const authorization = header(request, 'authorization');
  const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return {
    operation,
    resourceCode: request.params.resourceCode,
    method: request.method,
    path: request.url.split('?')[0]!,
    token: bearer?.[1] ?? null,
    purpose: header(request, 'x-custos-purpose'),
    user: header(request, 'x-custos-user'),
    issue: header(request, 'x-custos-issue'),
    sourceIp: request.ip,
    body: (request.body ?? {}) as QueryBody | VerifyBody,
    rawBody: request.rawBody ?? Buffer.alloc(0),
  };
}

function send(request: FastifyRequest, reply: FastifyReply, outcome: ExchangeOutcome) {
  reply.header('x-custos-request-hash', outcome.requestHash);
  if (outcome.seq !== null) reply.header('x-custos-audit-seq', String(outcome.seq));
  if (outcome.kind === 'refused') return reply.status(outcome.status).send({ code: outcome.code, message: outcome.message, requestId: request.id });
  if (outcome.kind === 'export') return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(outcome.lines));
  return reply.send(outcome.body);
}

/**
 * The exchange gateway under /api/v1/exchange: every call between departments goes through the
 * enforcement pipeline. Personal identifiers travel in bodies only; request logs hold the method
 * and path, never a body. Bodies are kept as received, for the request hash.
 */
export function exchangeRoutes(port: ExchangeService): FastifyPluginAsync {
  return async (fastify) => {
    fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      const bytes = body as Buffer;
      request.rawBody = bytes;
      if (bytes.length === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(bytes.toString('utf8')) as unknown);
      } catch {
        done(Object.assign(new Error('malformed JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
      }
    });
    // Without a bearer token there is nothing to check: refused (and audited) before the body is read.
    fastify.addHook('onRequest', async (request, reply) => {
      if (/^Bearer\s+\S+$/i.test(header(request, 'authorization') ?? '')) return;
      const operation = request.url.split('?')[0]!.split('/').at(-1) as ExchangeOperation;
      const call = { ...callOf(request as FastifyRequest<{ Params: { resourceCode: string } }>, operation), body: {}, rawBody: new Uint8Array() };
      await send(request, reply, await enforce(call, port));
    });
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // Every call is in the audit log, with far more than a request log line would hold; logging
    // each one again at info level would cost throughput and add nothing.
    const quiet = { logLevel: 'warn' as const };
    const headers = { description: 'Authorization: Bearer <系统凭证>；X-Custos-Purpose；X-Custos-User；X-Custos-Issue（按级别要求）' };
    app.post(
      '/exchange/:resourceCode/query',
      { ...quiet, schema: { tags: ['exchange'], summary: '按授权查询（脱敏后返回）/ query within the grant, masked', ...headers, params: ExchangeParams, body: QueryBodySchema, response: { 200: QueryAnswerSchema, ...EXCHANGE_ERRORS } } },
      async (request, reply) => send(request, reply, await enforce(callOf(request, 'query'), port)),
    );
    app.post(
      '/exchange/:resourceCode/verify',
      { ...quiet, schema: { tags: ['exchange'], summary: '核验：只答“是/否” / verification: yes or no only', ...headers, params: ExchangeParams, body: VerifyBodySchema, response: { 200: VerifyAnswerSchema, ...EXCHANGE_ERRORS } } },
      async (request, reply) => send(request, reply, await enforce(callOf(request, 'verify'), port)),
    );
    app.post(
      '/exchange/:resourceCode/export',
      {
        ...quiet,
        schema: { tags: ['exchange'], summary: '批量导出 NDJSON（级别允许时）/ bulk export as NDJSON, where the grade allows', ...headers, params: ExchangeParams, body: ExportBodySchema, response: EXCHANGE_ERRORS },
        // An export may be asked with no body at all: read as `{}`.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request, reply) => send(request, reply, await enforce(callOf(request, 'export'), port)),
    );
  };
}
