import type { AuditRecord } from '../audit/audit-log.ts';
import { GRADES, type Grade } from '../catalog/grade.ts';
import type { AccessEvent, AdminEvent, DenialEvent, DetectionEvent } from './event.ts';

/*
 * The event stream of issue #7 §1, read off the audit log itself: every gateway decision and
 * every administrative act is an audit entry before it is anything else, so the detectors see
 * exactly what the log holds, live or replayed. The subjects' blind indexes come from the access
 * records committed with the entry; everything else from the entry's details, which the gateway
 * filled with derived features only (docs/audit-events.md).
 */

/** Subjects an event carries at most: enough for the distinct-subject sketches, bounded per call. */
export const EVENT_SUBJECT_LIMIT = 500;

/**
 * Acts that are not administration of data or access: logins, and the handling of alerts and
 * bulletins, which a supervisor on duty does at any hour because the deadlines demand it.
 */
const NOT_ADMINISTRATION = ['auth.', 'alert.', 'containment.', 'bulletin.', 'detection.'];

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value);
}

/**
 * The detection event an audit entry stands for, or null when it is none (a system's own
 * bookkeeping, or a permit written before the gateway recorded the detectors' features).
 * `orgRegion` names a department's 6-digit division code.
 */
export function detectionEvent(entry: AuditRecord, subjects: readonly string[], orgRegion: (orgId: string) => string | null): DetectionEvent | null {
  const at = Date.parse(entry.time);
  if (!Number.isFinite(at)) return null;
  if (entry.action === 'exchange.denied') return denialEvent(entry, at);
  if (entry.action.startsWith('exchange.') && entry.action.endsWith('.permitted')) return accessEvent(entry, at, subjects, orgRegion);
  if (entry.actor.type === 'person' && !NOT_ADMINISTRATION.some((prefix) => entry.action.startsWith(prefix))) {
    const event: AdminEvent = { kind: 'admin', seq: entry.seq, at, actorId: entry.actor.id, orgId: entry.actor.org, action: entry.action };
    return event;
  }
  return null;
}

function denialEvent(entry: AuditRecord, at: number): DenialEvent {
  const details = entry.details;
  const system = entry.actor.type === 'system';
  return {
    kind: 'denial',
    seq: entry.seq,
    at,
    credentialId: system ? entry.actor.id : null,
    orgId: system ? entry.actor.org : null,
    personId: text(details['personId']),
    ip: text(details['ip']) ?? 'unknown',
    code: text(details['code']) ?? 'unknown',
    resourceCode: text(details['resourceCode']),
  };
}

function accessEvent(entry: AuditRecord, at: number, subjects: readonly string[], orgRegion: (orgId: string) => string | null): AccessEvent | null {
  const details = entry.details;
  const orgId = entry.actor.org;
  const personId = text(details['personId']);
  const grantId = text(details['grantId']);
  const resourceCode = text(details['resourceCode']);
  const grade = details['grade'];
  if (entry.actor.type !== 'system' || orgId === null || personId === null || grantId === null || resourceCode === null || !isGrade(grade)) return null;
  const regions = details['regions'];
  const rowScope = details['rowScope'];
  const used = count(details['quotaUsed']);
  const limit = count(details['quotaLimit']);
  return {
    kind: 'access',
    seq: entry.seq,
    at,
    credentialId: entry.actor.id,
    orgId,
    orgRegion: orgRegion(orgId) ?? '',
    personId,
    personOrgKind: details['personOrgKind'] === 'contractor' ? 'contractor' : 'department',
    grantId,
    resourceCode,
    grade,
    purposeCode: text(details['purposeCode']) ?? '',
    issue: text(details['issue']),
    ip: text(details['ip']) ?? 'unknown',
    items: Array.isArray(details['items']) ? details['items'].filter((item): item is string => typeof item === 'string') : [],
    records: count(details['records']) ?? 0,
    subjects: subjects.length > EVENT_SUBJECT_LIMIT ? subjects.slice(0, EVENT_SUBJECT_LIMIT) : [...subjects],
    subjectRegions: regions !== null && typeof regions === 'object' ? Object.entries(regions as Record<string, unknown>).flatMap(([region, subjects]) => (typeof subjects === 'number' ? [[region, subjects] as [string, number]] : [])) : [],
    rowScopeRegions: Array.isArray(rowScope) ? rowScope.filter((prefix): prefix is string => typeof prefix === 'string') : null,
    sequentiality: count(details['sequentiality']) ?? 0,
    quota: used !== null && limit !== null ? { used, limit } : null,
    bulk: details['bulk'] === true,
  };
}
