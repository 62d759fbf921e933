import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../../app/services.ts';
import { utcInstant } from '../../core/shared/instant.ts';
import { principalOf, type Authenticate } from '../plugins/authentication.ts';
import { ERROR_RESPONSES, Id } from '../schemas/common.ts';

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
              actor: Type.Optional(Id),
              action: Type.Optional(Type.String({ maxLength: 100 })),
              object: Type.Optional(Type.String({ maxLength: 200 })),
              from: Type.Optional(Type.String({ format: 'date-time' })),
              to: Type.Optional(Type.String({ format: 'date-time' })),
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
        // Stored times are UTC with milliseconds; normalise the bounds so text comparison holds.
        const instant = (value: string | undefined, path: string) => (value === undefined ? undefined : utcInstant(value, path));
        return { records: await services.audit.search(principalOf(request), { ...rest, actorId: actor, from: instant(from, '/querystring/from'), to: instant(to, '/querystring/to') }) };
      },
    );
  };
}
