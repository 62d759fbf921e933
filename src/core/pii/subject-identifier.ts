import { validateResidentId } from './resident-id.ts';
import { validateUscc } from './uscc.ts';

export type SubjectIdentifier = { kind: 'resident_id' | 'uscc'; normalized: string };

/**
 * The one normal form of a data subject's identifier, which the blind index is computed over:
 * a 15-digit resident ID upgraded to 18, X upper-cased, full-width digits folded; a USCC
 * upper-cased. Consent, access records, the citizen view and leak tracing then agree on a subject.
 * The kind prefixes the indexed string so that no ID can collide with a USCC.
 */
export function subjectIdentifier(raw: string): SubjectIdentifier | null {
  const resident = validateResidentId(raw);
  if (resident.valid) return { kind: 'resident_id', normalized: resident.normalized };
  const uscc = validateUscc(raw);
  if (uscc.valid) return { kind: 'uscc', normalized: uscc.normalized };
  return null;
}

export function blindIndexInput(subject: SubjectIdentifier): string {
  return `${subject.kind}:${subject.normalized}`;
}
