import type { Grade } from '../catalog/grade.ts';

/** The detectors of issue #7, in the order the engine feeds them. */
export const DETECTOR_NAMES = [
  'volume',
  'enumeration',
  'off-hours',
  'first-use',
  'probing',
  'quota-edge',
  'jurisdiction',
  'case-repeat',
  'dormant-credential',
  'new-address',
  'contractor-bulk',
  'core-access',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

/** Alert severities, mildest first; the alert deadline follows from the severity (issue #7 §3). */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Whom a finding is about. `address` is a source address that presented no valid credential:
 * probing before authentication has no other principal to hold it against.
 */
export const PRINCIPAL_KINDS = ['person', 'credential', 'organisation', 'address'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

export interface Principal {
  kind: PrincipalKind;
  id: string;
}

/** What a detector reports; the alert use case turns it into an Alert with a deadline. */
export interface Finding {
  detector: DetectorName;
  severity: Severity;
  principal: Principal;
  /** Audit seqs of the events behind the finding, oldest first, so that inclusion proofs can be pulled. */
  evidence: number[];
  /** Findings with the same key belong to one alert (one principal, one detector, one window). */
  dedupKey: string;
  /** Counts and thresholds only: never a name, an identifier or a case number. */
  summary: { zh: string; en: string };
}

/**
 * One step up for findings on grades the profile watches more tightly (DESIGN §5: important
 * data gets "tighter detectors"). Escalation stops at high: critical findings may contain a
 * credential automatically, and that stays a decision of the detector, never of the grade alone.
 */
export function escalate(severity: Severity, grade: Grade, escalateGrades: readonly Grade[]): Severity {
  if (!escalateGrades.includes(grade)) return severity;
  if (severity === 'low') return 'medium';
  if (severity === 'medium') return 'high';
  return severity;
}

export function dedupKey(detector: DetectorName, principal: Principal, window: string | number): string {
  return `${detector}:${principal.kind}:${principal.id}:${window}`;
}
