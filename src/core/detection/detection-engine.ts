import { canonicalJson } from '../audit/canonical-json.ts';
import { CaseRepeatDetector } from './case-repeat-detector.ts';
import { ContractorBulkDetector } from './contractor-bulk-detector.ts';
import { CoreAccessDetector } from './core-access-detector.ts';
import { invalidSnapshot, type Detector, type EventKind, type JsonValue, type Observation } from './detector.ts';
import { DormantCredentialDetector } from './dormant-credential-detector.ts';
import { EnumerationDetector } from './enumeration-detector.ts';
import type { DetectionEvent, IsWorkingTime } from './event.ts';
import { DETECTOR_NAMES, type DetectorName, type Finding, type Principal } from './finding.ts';
import { FirstUseDetector } from './first-use-detector.ts';
import { JurisdictionDetector } from './jurisdiction-detector.ts';
import { NewAddressDetector } from './new-address-detector.ts';
import { OffHoursDetector } from './off-hours-detector.ts';
import { emptyObservation, PrincipalIndexes } from './principal-index.ts';
import { ProbingDetector } from './probing-detector.ts';
import { DEFAULT_DETECTION_PROFILE, parseDetectionProfile, type DetectionProfile } from './profile.ts';
import { QuotaEdgeDetector } from './quota-edge-detector.ts';
import { SharedRows } from './row-slab.ts';
import { VolumeDetector } from './volume-detector.ts';

/** The budget of issue #7: about 8 KB of detector state per principal, summed over detectors. */
export const PRINCIPAL_BUDGET_BYTES = 8192;
export const DETECTION_SNAPSHOT_VERSION = 1;

/** All detector state, as JSON: written beside an audit checkpoint, read back on start. */
export interface DetectionSnapshot {
  version: typeof DETECTION_SNAPSHOT_VERSION;
  /** The profile the state was built under: thresholds shape it, so a changed profile means replay. */
  profile: JsonValue;
  /** The last audit seq folded in; replay resumes after it. */
  lastSeq: number | null;
  lastAt: number | null;
  /** Person and credential ids in slot order. */
  persons: JsonValue;
  credentials: JsonValue;
  detectors: Record<DetectorName, JsonValue>;
}

export interface DetectionEngineOptions {
  profile?: DetectionProfile;
  isWorkingTime: IsWorkingTime;
}

/**
 * One of each detector; a Record, so that a detector added to DETECTOR_NAMES and not built here
 * fails to compile. Detectors with state per person share one row per person, and those with
 * state per credential one row per credential (row-slab.ts says why).
 */
export function createDetectors(
  profile: DetectionProfile,
  isWorkingTime: IsWorkingTime,
  persons: SharedRows = new SharedRows(),
  credentials: SharedRows = new SharedRows(),
): Record<DetectorName, Detector> {
  return {
    volume: new VolumeDetector(profile, persons),
    enumeration: new EnumerationDetector(profile, persons),
    'off-hours': new OffHoursDetector(profile, isWorkingTime, persons),
    'first-use': new FirstUseDetector(profile, persons),
    probing: new ProbingDetector(profile, credentials),
    'quota-edge': new QuotaEdgeDetector(profile, credentials),
    jurisdiction: new JurisdictionDetector(profile, persons),
    'case-repeat': new CaseRepeatDetector(profile, persons),
    'dormant-credential': new DormantCredentialDetector(profile, credentials),
    'new-address': new NewAddressDetector(profile, credentials),
    'contractor-bulk': new ContractorBulkDetector(profile),
    'core-access': new CoreAccessDetector(profile),
  };
}

/** The detectors that look at each kind of event, in detector order. */
function byKind(detectors: Record<DetectorName, Detector>): Record<EventKind, readonly Detector[]> {
  const ordered = DETECTOR_NAMES.map((name) => detectors[name]);
  return {
    access: ordered.filter((detector) => detector.kinds.includes('access')),
    denial: ordered.filter((detector) => detector.kinds.includes('denial')),
    admin: ordered.filter((detector) => detector.kinds.includes('admin')),
  };
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * The DetectionEngine feeds each event, in audit order, to every detector and collects their
 * findings. It is the whole of active detection's state: snapshot it, or replay the audit log
 * into a new engine, and the result is the same. An event at or before the last seq folded in is
 * skipped, so replaying from an older position after a restore is harmless.
 */
export class DetectionEngine {
  readonly profile: DetectionProfile;
  private readonly isWorkingTime: IsWorkingTime;
  private readonly canonicalProfile: string;
  private readonly observation: Observation = emptyObservation();
  private readonly findings: Finding[] = [];
  private indexes = new PrincipalIndexes();
  private detectors: Record<DetectorName, Detector>;
  private routes: Record<EventKind, readonly Detector[]>;
  private personRows = new SharedRows();
  private credentialRows = new SharedRows();
  /** Where warm() puts what it read. */
  private warmth = 0;
  private lastSeq: number | null = null;
  private lastAt: number | null = null;

  constructor(options: DetectionEngineOptions) {
    this.profile = parseDetectionProfile(options.profile ?? DEFAULT_DETECTION_PROFILE);
    this.canonicalProfile = canonicalJson(this.profile);
    this.isWorkingTime = options.isWorkingTime;
    this.detectors = createDetectors(this.profile, this.isWorkingTime, this.personRows, this.credentialRows);
    this.routes = byKind(this.detectors);
  }

  /** Folds one event into every detector; the findings, in detector order (a shared empty list when none). */
  observe(event: DetectionEvent): readonly Finding[] {
    if (this.lastSeq !== null && event.seq <= this.lastSeq) return NO_FINDINGS;
    this.lastSeq = event.seq;
    // Gateway processes' clocks differ by a little: windows never run backwards.
    const time = this.lastAt !== null && event.at < this.lastAt ? this.lastAt : event.at;
    this.lastAt = time;
    this.indexes.fill(this.observation, event, time);
    this.warmth = this.personRows.warm(this.observation.person) ^ this.credentialRows.warm(this.observation.credential);
    const detectors = this.routes[event.kind];
    for (let index = 0; index < detectors.length; index += 1) detectors[index]!.observe(this.observation, this.findings);
    if (this.findings.length === 0) return NO_FINDINGS;
    const found = this.findings.slice();
    this.findings.length = 0;
    return found;
  }

  /** The last seq folded in: where a replay resumes. */
  position(): number | null {
    return this.lastSeq;
  }

  snapshot(): DetectionSnapshot {
    const detectors = {} as Record<DetectorName, JsonValue>;
    for (const name of DETECTOR_NAMES) detectors[name] = this.detectors[name].snapshot();
    return {
      version: DETECTION_SNAPSHOT_VERSION,
      profile: JSON.parse(this.canonicalProfile) as JsonValue,
      lastSeq: this.lastSeq,
      lastAt: this.lastAt,
      persons: this.indexes.persons.snapshot(),
      credentials: this.indexes.credentials.snapshot(),
      detectors,
    };
  }

  /**
   * Replaces all state with a snapshot's. Throws DETECTION_SNAPSHOT_INVALID when it is of another
   * version or another profile, or malformed: the caller then replays the audit log instead.
   * Either everything is restored or nothing is.
   */
  restore(snapshot: DetectionSnapshot): void {
    if (snapshot.version !== DETECTION_SNAPSHOT_VERSION) throw invalidSnapshot('engine', `version ${String(snapshot.version)}`);
    if (canonicalJson(snapshot.profile) !== this.canonicalProfile) throw invalidSnapshot('engine', 'taken under another profile');
    const isPosition = (value: unknown) => value === null || (typeof value === 'number' && Number.isFinite(value));
    if (!isPosition(snapshot.lastSeq) || !isPosition(snapshot.lastAt)) throw invalidSnapshot('engine', 'position');
    const indexes = new PrincipalIndexes();
    indexes.persons.restore(snapshot.persons);
    indexes.credentials.restore(snapshot.credentials);
    const slots = { person: indexes.persons.size, credential: indexes.credentials.size };
    const personRows = new SharedRows();
    const credentialRows = new SharedRows();
    const detectors = createDetectors(this.profile, this.isWorkingTime, personRows, credentialRows);
    for (const name of DETECTOR_NAMES) detectors[name].restore(snapshot.detectors?.[name] ?? null, slots);
    this.indexes = indexes;
    this.personRows = personRows;
    this.credentialRows = credentialRows;
    this.detectors = detectors;
    this.routes = byKind(detectors);
    this.lastSeq = snapshot.lastSeq;
    this.lastAt = snapshot.lastAt;
  }

  /**
   * Bytes of state held for one principal (budget: PRINCIPAL_BUDGET_BYTES): its index entry and
   * its whole row — every detector's section, the padding and the in-use line — for a person or a
   * credential; its probing row for a source address. No detector keeps state per organisation.
   */
  principalStateBytes(principal: Principal): number {
    switch (principal.kind) {
      case 'person':
        return this.indexes.persons.find(principal.id) < 0 ? 0 : this.indexes.persons.entryBytes(principal.id) + this.personRows.rowBytes();
      case 'credential':
        return this.indexes.credentials.find(principal.id) < 0 ? 0 : this.indexes.credentials.entryBytes(principal.id) + this.credentialRows.rowBytes();
      case 'address':
        return this.detectors.probing.stateBytes(principal, -1);
      case 'organisation':
        return 0;
    }
  }

  /** Bytes one detector holds for one principal: its section of the principal's row (or its own table). */
  detectorStateBytes(name: DetectorName, principal: Principal): number {
    const index = principal.kind === 'person' ? this.indexes.persons : principal.kind === 'credential' ? this.indexes.credentials : null;
    return this.detectors[name].stateBytes(principal, index === null ? -1 : index.find(principal.id));
  }

  /** Rows each detector holds, and the principals indexed. */
  principalCounts(): Record<DetectorName | 'persons' | 'credentials', number> {
    const counts = { persons: this.indexes.persons.size, credentials: this.indexes.credentials.size } as Record<DetectorName | 'persons' | 'credentials', number>;
    for (const name of DETECTOR_NAMES) counts[name] = this.detectors[name].principalCount();
    return counts;
  }
}
