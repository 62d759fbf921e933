import { expect } from 'vitest';
import type { TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';
import { requestDraft, type SharingWorld } from '../support/sharing-world.ts';
import type { Actor } from '../support/world.ts';

export interface RequestBody {
  id: string;
  resourceCode: string | null;
  period: { from: string; to: string };
  status: string;
  step: string | null;
  stepDueAt: string | null;
  grade: string | null;
  grantId: string | null;
  remaining: string[];
  flags: { code: string; grantIds?: string[] }[];
  refusal: { step: string; code: string; reason: string } | null;
  steps: { step: string; orgId: string; dueAt: string; decision: string | null; escalatedAt: string | null; overdueWorkingDays: number; decidedBy: string | null }[];
  risk: null | { score: number; level: string; aggregationGrade: string | null; factors: { code: string; weight: number; reason: string }[]; mitigations: string[] };
  controls: { approval: string[]; masking: string };
}

export interface GrantBody {
  id: string;
  status: string;
  statusCode: string | null;
  items: { code: string; mask: string }[];
  method: string;
  expiresAt: string;
  reviewDueAt: string | null;
  reviewReason: string | null;
  caseNumberRequired: boolean;
  policyVersion: number;
  quotaPerDay: number | null;
  approvals: { step: string; by: string | null }[];
  history: { action: string; code: string | null; reason: string }[];
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: { errors?: { path: string; code: string }[] };
}

export async function submit(test: TestRuntime, world: SharingWorld, overrides: Record<string, unknown> = {}, actor: Actor = world.people.civilConsumer) {
  return call<RequestBody & ErrorBody>(test.app, 'POST', '/api/v1/sharing-requests', { token: actor.token, body: { ...requestDraft(world), ...overrides } });
}

/** Submits and expects the request to be accepted. */
export async function submitted(test: TestRuntime, world: SharingWorld, overrides: Record<string, unknown> = {}, actor?: Actor): Promise<RequestBody> {
  const reply = await submit(test, world, overrides, actor);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

export async function decide(test: TestRuntime, actor: Actor, id: string, body: Record<string, unknown>) {
  return call<RequestBody & ErrorBody>(test.app, 'POST', `/api/v1/sharing-requests/${id}/decisions`, { token: actor.token, body });
}

export async function approved(test: TestRuntime, actor: Actor, id: string, body: Record<string, unknown> = {}): Promise<RequestBody> {
  const reply = await decide(test, actor, id, { decision: 'approve', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

export async function grantOf(test: TestRuntime, actor: Actor, id: string): Promise<GrantBody> {
  const reply = await call<GrantBody>(test.app, 'GET', `/api/v1/grants/${id}`, { token: actor.token });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** A legal basis of the given kinds from the seeded registry. */
export async function basisOfKind(test: TestRuntime, kinds: string[]): Promise<string> {
  const basis = (await test.runtime.services.legalBases.list()).find((candidate) => kinds.includes(candidate.kind));
  if (!basis) throw new Error(`no legal basis of kind ${kinds.join('/')}`);
  return basis.id;
}
