import type { Actor } from '../../core/audit/audit-log.ts';
import type { CitizenProvider, SubjectKind } from '../../core/citizen/subject.ts';

/** The authenticated data subject of a citizen-view call: a blind index, never the identifier itself. */
export interface CitizenPrincipal {
  sessionId: string;
  subjectIndex: string;
  subjectKind: SubjectKind;
  provider: CitizenProvider;
}

/** In the audit log a subject is its blind index, which investigators can join to access records (DESIGN §7). */
export function citizenActor(principal: Pick<CitizenPrincipal, 'subjectIndex'>): Actor {
  return { type: 'citizen', id: principal.subjectIndex, org: null };
}
