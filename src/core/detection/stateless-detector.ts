import { invalidSnapshot, type Detector, type EventKind, type JsonValue, type Observation } from './detector.ts';
import type { DetectorName, Finding } from './finding.ts';

/** A detector that judges each event on its own and keeps nothing: its snapshot is an empty list. */
export abstract class StatelessDetector implements Detector {
  abstract readonly name: DetectorName;
  abstract readonly kinds: readonly EventKind[];
  abstract observe(observation: Observation, findings: Finding[]): void;

  snapshot(): JsonValue {
    return [];
  }

  restore(snapshot: JsonValue): void {
    if (!Array.isArray(snapshot) || snapshot.length !== 0) throw invalidSnapshot(this.name, 'a stateless detector has an empty snapshot');
  }

  stateBytes(): number {
    return 0;
  }

  principalCount(): number {
    return 0;
  }
}
