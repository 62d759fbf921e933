import type { Grade } from '../catalog/grade.ts';

/*
 * What the detectors consume (issue #7). The gateway and the administrative use cases emit one
 * event per audit entry, from the same place the entry is appended, so nothing that is audited
 * escapes detection and replaying the audit log rebuilds detector state.
 *
 * Events carry derived, non-identifying features only: no names, no resident IDs, no case text
 * beyond what the audit entry holds. Subjects appear as blind indexes (HMAC, hex) and 6-digit
 * division codes, computed in the gateway while the plaintext is in hand (个人信息保护法 Art. 51:
 * de-identification as a security measure; GB/T 35273-2020 §6.3: keep identifiers apart).
 */

/** A permitted gateway call. */
export interface AccessEvent {
  kind: 'access';
  /** The audit entry's log position: the evidence an investigator pulls an inclusion proof for. */
  seq: number;
  /** Epoch milliseconds, from the audit entry; detectors never read a clock. */
  at: number;
  /** The consumer system's credential, its department, and the department's 6-digit division code. */
  credentialId: string;
  orgId: string;
  orgRegion: string;
  /** The end user named in X-Custos-User, and whether their organisation is the department or its contractor. */
  personId: string;
  personOrgKind: 'department' | 'contractor';
  grantId: string;
  resourceCode: string;
  grade: Grade;
  purposeCode: string;
  /** The case or document number of X-Custos-Issue, when one was given. */
  issue: string | null;
  /** The source address the gateway saw (a consumer system's, not a citizen's). */
  ip: string;
  items: string[];
  /** Rows delivered. */
  records: number;
  /** Blind indexes (hex) of the subjects returned; the gateway caps the list (e.g. 500). */
  subjects: string[];
  /**
   * [6-digit division code, number of subjects returned from that region], one pair a region. A
   * list rather than a Record: six-digit keys would make the Record an array-indexed object, slow
   * to walk on the detectors' hot path.
   */
  subjectRegions: Array<[region: string, subjects: number]>;
  /** The grant's row-scope prefixes; null when the grant names no region (all rows). */
  rowScopeRegions: string[] | null;
  /** 0..1: how sequential or dictionary-ordered the identifiers asked for were (computed upstream). */
  sequentiality: number;
  /** The grant's daily quota after this call; null when the grant has none. */
  quota: { used: number; limit: number } | null;
  /** An export, or a page of many rows. */
  bulk: boolean;
}

/**
 * A refused gateway call. Whatever the pipeline had established before refusing is filled in:
 * a credential or person id only once it was matched to a registered one, never the raw header
 * text, so that a caller cannot make the detectors keep state for names it invents (the source
 * address is the one field a caller chooses, and the probing detector caps what it keeps by it).
 */
export interface DenialEvent {
  kind: 'denial';
  seq: number;
  at: number;
  credentialId: string | null;
  orgId: string | null;
  personId: string | null;
  ip: string;
  /** The exchange denial code (EXCHANGE_DENIALS). */
  code: string;
  resourceCode: string | null;
}

/** An administrative act: approving, granting, suspending, changing settings. */
export interface AdminEvent {
  kind: 'admin';
  seq: number;
  at: number;
  actorId: string;
  /** The actor's organisation; null for the platform's own administrators. */
  orgId: string | null;
  action: string;
}

export type DetectionEvent = AccessEvent | DenialEvent | AdminEvent;

/**
 * Whether `at` falls in the organisation's working time (its office hours on a working day of its
 * calendar). Injected, so detectors stay pure; `orgId` null means the platform's own hours.
 */
export type IsWorkingTime = (orgId: string | null, at: number) => boolean;
