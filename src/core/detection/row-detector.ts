import type { Detector, EventKind, JsonValue, Observation, SlotCounts } from './detector.ts';
import type { DetectorName, Finding, Principal } from './finding.ts';
import { SharedRows, type RowSection } from './row-slab.ts';

/**
 * The shared part of a detector whose state is one fixed-size row per person or per credential,
 * kept by the principal's slot: the slab, its snapshot and its byte count. A subclass lays out
 * its row and says what an event does to it.
 */
export abstract class RowDetector implements Detector {
  abstract readonly name: DetectorName;
  abstract readonly principalKind: 'person' | 'credential';
  abstract readonly kinds: readonly EventKind[];
  protected readonly rows: RowSection;

  /** `shared`: the rows of this detector's kind of principal, shared with the engine's other detectors; its own by default. */
  constructor(rowBytes: number, shared: SharedRows = new SharedRows()) {
    this.rows = shared.section(rowBytes);
  }

  abstract observe(observation: Observation, findings: Finding[]): void;

  snapshot(): JsonValue {
    return this.rows.snapshot();
  }

  restore(snapshot: JsonValue, slots: SlotCounts): void {
    this.rows.restore(this.name, snapshot, slots[this.principalKind]);
  }

  stateBytes(principal: Principal, slot: number): number {
    return principal.kind === this.principalKind && slot >= 0 && this.rows.has(slot) ? this.rows.bytes : 0;
  }

  principalCount(): number {
    return this.rows.size;
  }
}
