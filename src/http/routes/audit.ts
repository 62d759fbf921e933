import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { utcInstant } from '../../core/shared/instant.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES } from '../schemas/common.ts';

/** Log positions arrive in query strings: bounded integers, parsed defensively. */
const Position = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Proof = { hashes: Type.Array(Type.String({ description: 'base64' })) };

const EntrySchema = Type.Object({ seq: Type.Integer(), leaf: Type.String({ description: '叶子原始字节的 base64 / base64 of the exact leaf bytes' }) });
const RecordSchema = Type.Object({
  seq: Type.Integer(),
  time: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Type.String(), org: Type.Union([Type.String(), Type.Null()]), via: Type.Optional(Type.Literal('local')) }),
  action: Type.String(),
  object: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A search bound as stored times are: UTC text with milliseconds. A bare date is a day in
 * Beijing time (UTC+8), which is how investigators think of one; `days` moves a `to` date to
 * the end of that day.
 */
function searchBound(value: string | undefined, days: number, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (!DATE_ONLY.test(value)) return utcInstant(value, path);
  const start = Date.parse(`${value}T00:00:00+08:00`) + days * 24 * 60 * 60 * 1000;
  return utcInstant(new Date(start).toISOString(), path);
}

/**
 * The transparency surface of the audit log (RFC 6962 style). Checkpoints, the verifier key
 * and proofs are public: they reveal only hashes. Entries are for investigators.
 */
export function auditRoutes(services: Services, authenticate: Authenticate): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/audit/checkpoint',
      { schema: { tags: ['audit'], summary: '最新签名检查点（C2SP signed note）/ the latest signed checkpoint', security: [], produces: ['text/plain'], response: { 200: Type.String() } } },
      async (_request, reply) => reply.type('text/plain; charset=utf-8').send(await services.audit.checkpoint()),
    );
    app.post(
      '/audit/checkpoint',
      {
        onRequest: authenticate,
        schema: { tags: ['audit'], summary: '按需签发检查点（监管、审计人员）/ issue a checkpoint now, for investigators', produces: ['text/plain'], response: { 200: Type.String(), ...ERROR_RESPONSES } },
      },
      async (request, reply) => {
        const { note } = await services.audit.issueCheckpointFor(principalOf(request));
        return reply.type('text/plain; charset=utf-8').send(note);
      },
    );
    app.get(
      '/audit/key',
      { schema: { tags: ['audit'], summary: '检查点验证公钥 / the checkpoint verifier key', security: [], produces: ['text/plain'], response: { 200: Type.String() } } },
      async (_request, reply) => reply.type('text/plain; charset=utf-8').send(`${services.audit.verifierKey}\n`),
    );
    app.get(
      '/audit/proof/inclusion',
      {
        schema: {
          tags: ['audit'],
          summary: '存在性证明 / inclusion proof',
          security: [],
          querystring: Type.Object({ index: Position, size: Position }, { additionalProperties: false }),
          response: { 200: Type.Object({ leafIndex: Type.Integer(), treeSize: Type.Integer(), ...Proof }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.audit.inclusionProof(request.query.index, request.query.size),
    );
    app.get(
      '/audit/proof/consistency',
      {
        schema: {
          tags: ['audit'],
          summary: '一致性证明 / consistency proof',
          security: [],
          querystring: Type.Object({ first: Position, second: Position }, { additionalProperties: false }),
          response: { 200: Type.Object({ first: Type.Integer(), second: Type.Integer(), ...Proof }), ...ERROR_RESPONSES },
        },
      },
      async (request) => services.audit.consistencyProof(request.query.first, request.query.second),
    );
    app.get(
      '/audit/entries',
      {
        onRequest: authenticate,
        schema: {
          tags: ['audit'],
          summary: '按位置读取审计记录（监管、审计人员，每次至多 1000 条）/ entries by position, for investigators',
          querystring: Type.Object({ start: Position, end: Position }, { additionalProperties: false }),
          response: { 200: Type.Object({ entries: Type.Array(EntrySchema) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => ({ entries: await services.audit.entries(principalOf(request), request.query.start, request.query.end) }),
    );
    app.get(
      '/audit/search',
      {
        onRequest: authenticate,
        schema: {
          tags: ['audit'],
          summary: '按行为人、动作、对象和时间检索审计记录 / search entries by actor, action, object and time',
          querystring: Type.Object(
            {
              actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '人员 id 或登录名 / a person’s id or login' })),
              action: Type.Optional(Type.String({ maxLength: 100, description: '动作；以 * 结尾时按前缀匹配，如 auth.login.* / an action; a trailing * matches by prefix' })),
              object: Type.Optional(Type.String({ maxLength: 200, description: '对象，如 resource:331199-MZ-0001 / an object such as resource:CODE' })),
              from: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.String({ format: 'date' })], { description: '起（含）；只给日期时按北京时间零点 / from (inclusive); a date means 00:00 Beijing time' })),
              to: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.String({ format: 'date' })], { description: '止（不含）；只给日期时含当天 / to (exclusive); a date includes that whole day' })),
              after: Type.Optional(Position),
              limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ records: Type.Array(RecordSchema) }), ...ERROR_RESPONSES },
        },
      },
      async (request) => {
        const { actor, from, to, ...rest } = request.query;
        return {
          records: await services.audit.search(principalOf(request), { ...rest, actorId: actor, from: searchBound(from, 0, '/querystring/from'), to: searchBound(to, 1, '/querystring/to') }),
        };
      },
    );
  };
}
