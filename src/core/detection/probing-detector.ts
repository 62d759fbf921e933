import { invalidSnapshot, type Detector, type EventKind, type JsonValue, type Observation, type SlotCounts } from './detector.ts';
import { EvidenceField } from './evidence.ts';
import { dedupKey, type Finding, type Principal } from './finding.ts';
import { MILLISECONDS_PER_MINUTE } from './local-time.ts';
import { INDEX_ENTRY_BYTES } from './principal-index.ts';
import { PROBING_MEMORY, type DetectionProfile, type ProbingSettings } from './profile.ts';
import { RowLayout, SharedRows, type RowSection } from './row-slab.ts';

/*
 * Repeated denials: probing for what a credential can reach.
 *
 * Why: someone who holds a credential but not the grants tries resources, items, purposes and
 * users until one passes; someone without one tries credentials. Each try is refused and
 * audited, and the series is the signal (GB/T 39477-2020: centralised authorisation with audit
 * of refusals; the brute-force and enumeration rules of every SIEM). Refusals that say nothing
 * about intent — load, outages, an exhausted quota — are ignored (`ignoredCodes`).
 *
 * A denial is held against its credential, or, when no valid credential was presented, against
 * the source address. Addresses are chosen by whoever is probing, so their table is capped at
 * ADDRESS_CAPACITY and forgets the least recently seen first: a spray of addresses costs the
 * attacker nothing and must not cost the platform its memory.
 *
 * State per principal, a section of 304 bytes: the times of the last PROBING_MEMORY denials, the
 * episode, and four evidence seqs.
 */

export const ADDRESS_CAPACITY = 10_000;

const layout = new RowLayout();
const TIMES = layout.float64(PROBING_MEMORY);
/** The minute the current episode was first reported: medium and high of one episode share a key. */
const EPISODE = layout.float64();
const evidence = new EvidenceField(layout);
const LENGTH = layout.uint8();
const NEXT = layout.uint8();
/** 0: under the threshold; 1: reported medium; 2: reported high. Rearms when the window falls under. */
const ALERTED = layout.uint8();
export const PROBING_ROW_BYTES = layout.bytes();

/** Source addresses to rows, least recently seen first, at most ADDRESS_CAPACITY. */
class AddressTable {
  readonly rows: RowSection = new SharedRows().section(PROBING_ROW_BYTES);
  /** Always a permutation of 0 … size − 1: a new address takes slot `size`, or the evicted one's. */
  private readonly slots = new Map<string, number>();

  get size(): number {
    return this.slots.size;
  }

  has(address: string): boolean {
    return this.slots.has(address);
  }

  /** Points the rows' cursor at `address`, taking the least recently seen address's row when full. */
  select(address: string): void {
    let slot = this.slots.get(address);
    if (slot !== undefined) {
      this.slots.delete(address);
    } else if (this.slots.size >= ADDRESS_CAPACITY) {
      const [oldest, oldestSlot] = this.slots.entries().next().value!;
      this.slots.delete(oldest);
      this.rows.release(oldestSlot);
      slot = oldestSlot;
    } else {
      slot = this.slots.size;
    }
    this.slots.set(address, slot);
    this.rows.select(slot);
  }

  snapshot(): JsonValue {
    return [...this.slots].map(([address, slot]) => [address, this.rows.encode(slot)]);
  }

  restore(detector: string, snapshot: JsonValue): void {
    if (!Array.isArray(snapshot) || snapshot.length > ADDRESS_CAPACITY) throw invalidSnapshot(detector, 'addresses are not a list within capacity');
    const decoded = snapshot.map((entry) => {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') throw invalidSnapshot(detector, 'an address is not [address, base64]');
      return [entry[0], this.rows.decode(detector, entry[1] ?? null)] as const;
    });
    this.slots.clear();
    this.rows.clear();
    decoded.forEach(([address, bytes], slot) => {
      this.slots.set(address, slot);
      this.rows.write(slot, bytes);
    });
  }
}

export class ProbingDetector implements Detector {
  readonly name = 'probing';
  readonly kinds: readonly EventKind[] = ['denial'];
  private readonly settings: ProbingSettings;
  private readonly ignored: ReadonlySet<string>;
  private readonly credentials: RowSection;
  private readonly addresses = new AddressTable();

  /** `shared`: the engine's rows per credential; its own by default. */
  constructor(profile: DetectionProfile, shared: SharedRows = new SharedRows()) {
    this.credentials = shared.section(PROBING_ROW_BYTES);
    this.settings = profile.detectors.probing;
    this.ignored = new Set(this.settings.ignoredCodes);
  }

  observe({ event, time, credential }: Observation, findings: Finding[]): void {
    if (event.kind !== 'denial' || this.ignored.has(event.code)) return;
    let principal: Principal;
    let rows: RowSection;
    if (event.credentialId !== null) {
      principal = { kind: 'credential', id: event.credentialId };
      rows = this.credentials;
      rows.select(credential);
    } else {
      principal = { kind: 'address', id: event.ip };
      rows = this.addresses.rows;
      this.addresses.select(event.ip);
    }
    const { f64, u8, at8, at1 } = rows;
    const next = u8[at1 + NEXT]!;
    f64[at8 + TIMES + next] = time;
    u8[at1 + NEXT] = (next + 1) % PROBING_MEMORY;
    const length = Math.min(u8[at1 + LENGTH]! + 1, PROBING_MEMORY);
    u8[at1 + LENGTH] = length;
    evidence.add(rows, event.seq);

    const since = time - this.settings.windowMinutes * MILLISECONDS_PER_MINUTE;
    let recent = 0;
    for (let offset = 1; offset <= length; offset += 1) {
      if (f64[at8 + TIMES + ((next + 1 - offset + PROBING_MEMORY) % PROBING_MEMORY)]! < since) break;
      recent += 1;
    }
    const rank = recent >= this.settings.highDenials ? 2 : recent >= this.settings.denials ? 1 : 0;
    const alerted = u8[at1 + ALERTED]!;
    if (rank <= alerted) {
      if (rank === 0) u8[at1 + ALERTED] = 0;
      return;
    }
    if (alerted === 0) f64[at8 + EPISODE] = Math.floor(time / MILLISECONDS_PER_MINUTE);
    u8[at1 + ALERTED] = rank;
    findings.push({
      detector: this.name,
      severity: rank === 2 ? 'high' : 'medium',
      principal,
      evidence: evidence.list(rows),
      dedupKey: dedupKey(this.name, principal, `minute:${f64[at8 + EPISODE]}`),
      summary: {
        zh: `${this.settings.windowMinutes} 分钟内被拒绝 ${recent} 次（最近一次：${event.code}）`,
        en: `${recent} denials within ${this.settings.windowMinutes} minutes (latest: ${event.code})`,
      },
    });
  }

  snapshot(): JsonValue {
    return { credentials: this.credentials.snapshot(), addresses: this.addresses.snapshot() };
  }

  restore(snapshot: JsonValue, slots: SlotCounts): void {
    if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) throw invalidSnapshot(this.name, 'not an object');
    // Check both parts before changing either.
    new SharedRows().section(PROBING_ROW_BYTES).restore(this.name, snapshot['credentials'] ?? null, slots.credential);
    new AddressTable().restore(this.name, snapshot['addresses'] ?? null);
    this.credentials.restore(this.name, snapshot['credentials'] ?? null, slots.credential);
    this.addresses.restore(this.name, snapshot['addresses'] ?? null);
  }

  stateBytes(principal: Principal, slot: number): number {
    if (principal.kind === 'credential') return slot >= 0 && this.credentials.has(slot) ? PROBING_ROW_BYTES : 0;
    if (principal.kind === 'address') return this.addresses.has(principal.id) ? INDEX_ENTRY_BYTES + principal.id.length * 2 + PROBING_ROW_BYTES : 0;
    return 0;
  }

  principalCount(): number {
    return this.credentials.size + this.addresses.size;
  }
}
