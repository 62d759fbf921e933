import type { SubjectIdentifier } from '../pii/subject-identifier.ts';

/**
 * The subject's 6-digit division code: a resident ID begins with the code where it was issued
 * (GB 11643), a USCC carries the registration authority's code in characters 3–8 (GB 32100).
 * It is coarse enough to keep beside a blind index, and row scopes and detectors need it.
 */
export function subjectRegionCode(subject: SubjectIdentifier): string {
  return subject.kind === 'resident_id' ? subject.normalized.slice(0, 6) : subject.normalized.slice(2, 8);
}
