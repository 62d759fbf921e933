/**
 * The baseline: a bare Fastify 5 app with the gateway's route shape — the same path, the same
 * body and answer schemas, the default JSON parser — answering the same JSON as a permitted query
 * (the subject's ID masked, a fixed masked name) with no authentication, policy, storage,
 * decryption or audit. What is left is the framework and HTTP floor on this machine.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { QueryAnswerSchema, QueryBodySchema } from '../../src/gateway/exchange-schemas.ts';

export async function listenBare(host: string): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ logger: false });
  app.post<{ Body: { subject?: string } }>(
    '/api/v1/exchange/:resourceCode/query',
    { schema: { body: QueryBodySchema, response: { 200: QueryAnswerSchema } } },
    async (request) => {
      const subject = request.body.subject ?? '';
      return { records: [{ name: '王**', resident_id: `${subject.slice(0, 6)}********${subject.slice(-4)}` }], nextCursor: null };
    },
  );
  const url = await app.listen({ host, port: 0 });
  return { url, app };
}
