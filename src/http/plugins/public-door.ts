import type { FastifyRequest } from 'fastify';
import type { PublicDoor, PublicLimits } from '../../app/public-limits.ts';

/**
 * Route options that count each request against a public door (app/public-limits.ts) before its
 * body is read: a flood is turned away for the price of a look-up, and a refused request writes
 * nothing.
 */
export function publicDoor(limits: PublicLimits, door: PublicDoor): { onRequest: (request: FastifyRequest) => Promise<void> } {
  return { onRequest: async (request) => limits.admit(door, request.ip) };
}
