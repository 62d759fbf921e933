import type { SubjectIdentifier } from '../pii/index.ts';

/** A data subject of the citizen view: a natural person (resident ID) or a company (USCC). */
export const SUBJECT_KINDS = ['person', 'company'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** How a subject proved who it is: a government identity service over OIDC, or the demo region's logins. */
export const CITIZEN_PROVIDERS = ['oidc', 'demo'] as const;
export type CitizenProvider = (typeof CITIZEN_PROVIDERS)[number];

export function subjectKindOf(identifier: SubjectIdentifier): SubjectKind {
  switch (identifier.kind) {
    case 'resident_id':
      return 'person';
    case 'uscc':
      return 'company';
  }
}
