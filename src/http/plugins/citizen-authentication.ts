import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CitizenPrincipal } from '../../app/citizen/citizen-principal.ts';
import type { Services } from '../../app/services.ts';
import { DomainError } from '../../core/shared/domain-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    citizen: CitizenPrincipal | null;
  }
}

export type AuthenticateCitizen = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Resolves `Authorization: Bearer cus_cit_…` to a data subject, for the /api/v1/citizen routes only.
 * A staff token is refused here, and a citizen token is refused by the staff authenticator: each
 * is looked up in its own table.
 */
export function citizenAuthenticator(services: Services): AuthenticateCitizen {
  return async function authenticateCitizen(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new DomainError('UNAUTHENTICATED', '需要公民会话令牌 / a citizen bearer token is required');
    request.citizen = await services.citizenAuth.authenticate(match[1]!);
  };
}

export function citizenOf(request: FastifyRequest): CitizenPrincipal {
  if (!request.citizen) throw new DomainError('UNAUTHENTICATED', '需要公民会话令牌 / a citizen bearer token is required');
  return request.citizen;
}
