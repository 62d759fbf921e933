import { DomainError } from '../shared/domain-error.ts';
import type { DetectionEvent } from './event.ts';
import type { DetectorName, Finding, Principal } from './finding.ts';

export type EventKind = DetectionEvent['kind'];

/** A value that survives JSON.stringify and JSON.parse unchanged (no NaN, no Infinity, no typed arrays). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One event as the engine hands it to each detector: the event itself, the instant to use for
 * windows (never earlier than an earlier event's, since gateway processes' clocks differ by a
 * little), the slots of its principals and the subjects' hashes, each worked out once for every
 * detector.
 * The engine reuses one Observation; a detector must not keep it.
 */
export interface Observation {
  event: DetectionEvent;
  time: number;
  /** The slots (PrincipalIndex) of the event's person and credential; -1 when it has none. */
  person: number;
  credential: number;
  subjectHashes: Uint32Array;
  subjectCount: number;
}

/** How many slots the engine's index holds for each row-keyed kind: a restored row must belong to one. */
export interface SlotCounts {
  person: number;
  credential: number;
}

/**
 * A Detector is a pure state machine over the event stream: it folds each event into bounded
 * per-principal state and pushes what it finds. It reads no clock and no storage, so replaying
 * the same events from an empty state gives the same state and the same findings.
 */
export interface Detector {
  readonly name: DetectorName;
  /** The kinds of event it looks at; the engine hands it no others. */
  readonly kinds: readonly EventKind[];
  observe(observation: Observation, findings: Finding[]): void;
  /** All state as JSON, principals in slot (first-seen) order, so that equal histories give equal snapshots. */
  snapshot(): JsonValue;
  /** Replaces all state; throws DETECTION_SNAPSHOT_INVALID, changing nothing, when the snapshot does not fit. */
  restore(snapshot: JsonValue, slots: SlotCounts): void;
  /** Bytes held for one principal (0 when it holds none), for the 8 KB budget; `slot` is its PrincipalIndex slot, for row-keyed kinds. */
  stateBytes(principal: Principal, slot: number): number;
  principalCount(): number;
}

export function invalidSnapshot(detector: string, reason: string): DomainError<'DETECTION_SNAPSHOT_INVALID'> {
  return new DomainError('DETECTION_SNAPSHOT_INVALID', `检测状态快照无效 / invalid detection snapshot (${detector}: ${reason})`, { details: { detector, reason } });
}
