import { createHash } from 'node:crypto';
import type { AccessEvent, AdminEvent, DenialEvent, DetectionEvent, IsWorkingTime } from './event.ts';
import type { Detector, Observation } from './detector.ts';
import type { Finding } from './finding.ts';
import { emptyObservation, PrincipalIndexes } from './principal-index.ts';
import { mulberry32 } from '../shared/mulberry32.ts';

/*
 * Builders for the detectors' unit tests (and nothing else): events with plausible defaults, a
 * fake clock that lives entirely in the events' `at`, and blind indexes that look like the real
 * ones (hex SHA-256 of a counter, as uniform as an HMAC).
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** Monday 2 March 2026, 09:00 in Shanghai (01:00 UTC). */
export const MONDAY_9AM = Date.UTC(2026, 2, 2, 1, 0);

let nextSeq = 1;

export function access(overrides: Partial<AccessEvent> = {}): AccessEvent {
  return {
    kind: 'access',
    seq: nextSeq++,
    at: MONDAY_9AM,
    credentialId: 'credential-1',
    orgId: 'org-1',
    orgRegion: '330102',
    personId: 'person-1',
    personOrgKind: 'department',
    grantId: 'grant-1',
    resourceCode: 'RES-001',
    grade: 'general-2',
    purposeCode: 'P01',
    issue: null,
    ip: '10.0.0.1',
    items: ['name', 'address'],
    records: 1,
    subjects: [],
    subjectRegions: [],
    rowScopeRegions: null,
    sequentiality: 0,
    quota: null,
    bulk: false,
    ...overrides,
  };
}

export function denial(overrides: Partial<DenialEvent> = {}): DenialEvent {
  return { kind: 'denial', seq: nextSeq++, at: MONDAY_9AM, credentialId: 'credential-1', orgId: 'org-1', personId: 'person-1', ip: '10.0.0.1', code: 'GRANT_NOT_FOUND', resourceCode: 'RES-002', ...overrides };
}

export function admin(overrides: Partial<AdminEvent> = {}): AdminEvent {
  return { kind: 'admin', seq: nextSeq++, at: MONDAY_9AM, actorId: 'person-1', orgId: 'org-1', action: 'grant.suspend', ...overrides };
}

/** `count` distinct blind indexes, the same for the same `from`. */
export function blindIndexes(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, index) => createHash('sha256').update(`subject-${from + index}`).digest('hex'));
}

/** Monday to Friday, 09:00–17:00 Shanghai, for every organisation. */
export const weekdayNineToFive: IsWorkingTime = (_orgId, at) => {
  const local = new Date(at + 8 * HOUR);
  const weekday = local.getUTCDay();
  const hour = local.getUTCHours();
  return weekday >= 1 && weekday <= 5 && hour >= 9 && hour < 17;
};

/** Each detector under test gets its own index, kept across calls of `feed`, as the engine keeps one. */
const indexes = new WeakMap<Detector, { indexes: PrincipalIndexes; observation: Observation }>();

/** Feeds events to one detector in order, as the engine would (without its clamping of time); all findings. */
export function feed(detector: Detector, events: readonly DetectionEvent[]): Finding[] {
  let harness = indexes.get(detector);
  if (harness === undefined) {
    harness = { indexes: new PrincipalIndexes(), observation: emptyObservation() };
    indexes.set(detector, harness);
  }
  const findings: Finding[] = [];
  for (const event of events) {
    harness.indexes.fill(harness.observation, event, event.at);
    if (detector.kinds.includes(event.kind)) detector.observe(harness.observation, findings);
  }
  return findings;
}

/** A seeded uniform source, so that generated streams repeat exactly. */
export const seededRandom = mulberry32;
