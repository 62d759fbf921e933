import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../src/main/runtime.ts';

export interface Reply<Body = Record<string, unknown>> {
  status: number;
  body: Body;
}

/** A JSON call through app.inject, with an optional bearer token. */
export async function call<Body = Record<string, unknown>>(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {}): Promise<Reply<Body>> {
  const response = await app.inject({
    method,
    url,
    ...(options.remoteAddress !== undefined ? { remoteAddress: options.remoteAddress } : {}),
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  return { status: response.statusCode, body: (response.body ? response.json() : {}) as Body };
}

/** How many audit events exist: a refused request must not have added one. */
export async function auditCount(runtime: Runtime): Promise<number> {
  return runtime.context.store.auditStore.size();
}
