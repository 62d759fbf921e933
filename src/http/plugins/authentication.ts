import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../app/context.ts';
import type { Services } from '../../app/services.ts';
import { DomainError } from '../../core/shared/domain-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type Authenticate = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Resolves `Authorization: Bearer …` to a principal, as an onRequest hook of the routes that need one. */
export function authenticator(services: Services): Authenticate {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    if (!header) throw new DomainError('UNAUTHENTICATED', '需要登录令牌 / a bearer token is required');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('UNAUTHENTICATED', '认证头格式应为 Bearer <token> / expected Authorization: Bearer <token>');
    request.principal = await services.auth.authenticate(match[1]!);
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('UNAUTHENTICATED', '需要登录令牌 / a bearer token is required');
  return request.principal;
}
