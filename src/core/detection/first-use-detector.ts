import { gradeRank } from '../catalog/grade.ts';
import type { EventKind, Observation } from './detector.ts';
import { dedupKey, escalate, type Finding } from './finding.ts';
import { fnv1a, mix32 } from './hash.ts';
import { MILLISECONDS_PER_DAY } from './local-time.ts';
import { RowLayout, type RowCursor, type SharedRows } from './row-slab.ts';
import type { DetectionProfile, FirstUseSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * First-time use of a resource, or of an item of a resource, by a person.
 *
 * Why: a grant lists what a department may use, not what each of its officers does use; an
 * officer who suddenly reaches for a resource or an item never touched before (household
 * registration after years of social-security lookups) is the pattern of curiosity browsing and
 * of a hijacked account (Elastic's rare/first-seen jobs, Splunk UBA's "first access" anomalies).
 * GB/T 39477-2020 correlates behaviour with the post; 个人信息保护法 Art. 6 limits use to the
 * minimum the purpose needs.
 *
 * State per person, a section of 576 bytes: a blocked Bloom filter of 4,096 bits (eight blocks
 * of one cache line) with 4 bits a key, over resource codes and resource-item pairs; digests of
 * the person's last six calls (a repeated call, the common case, skips the filter); and when the
 * person was first seen. At 300 keys a new key is missed with well under 1 % probability; past
 * its design load the filter errs towards silence, never towards noise. Uses in the person's
 * first `learningDays` are learned without reports, so new staff do not alert on their first
 * week.
 */

const FILTER_BITS = 4096;
/** Blocked Bloom filter (Putze, Sanders, Singler, 2007): all bits of a key in one 512-bit block, one cache line. */
const BLOCK_WORDS = 16;
const BLOCKS = FILTER_BITS / 32 / BLOCK_WORDS;
const FILTER_HASHES = 4;
const RESOURCE_SEED = fnv1a('resource');
const ITEM_SEPARATOR = '\u0000';
/** From general-4 up a first use of the resource is medium (DESIGN §5: case number and supervisor approval). */
const MEDIUM_FROM = gradeRank('general-4');
/** Resource codes are few; their hashes are kept rather than recomputed for every call. */
const HASH_MEMORY = 10_000;

/** Recent calls remembered whole (resource and items): a person repeats the same few calls, and a repeat skips the filter. */
const RECENT = 6;

const layout = new RowLayout();
const FIRST_AT = layout.float64();
const RECENT_CALLS = layout.uint32(RECENT);
const RECENT_NEXT = layout.uint8();
layout.nextLine();
const FILTER = layout.uint32(FILTER_BITS / 32);
export const FIRST_USE_ROW_BYTES = layout.bytes();

/** Sets the key's bits in the selected row; true when they were all set already (seen before, or a rare false positive). */
function testAndSet(rows: RowCursor, hash: number): boolean {
  const u32 = rows.u32;
  const block = rows.at4 + FILTER + (hash % BLOCKS) * BLOCK_WORDS;
  // Four 9-bit positions within the block, from a second, independent hash.
  let bits = mix32(hash);
  let seen = true;
  for (let index = 0; index < FILTER_HASHES; index += 1) {
    const bit = index === 3 ? (hash >>> 3) & 511 : bits & 511;
    bits >>>= 9;
    const word = block + (bit >>> 5);
    const mask = 1 << (bit & 31);
    if ((u32[word]! & mask) === 0) {
      seen = false;
      u32[word] = u32[word]! | mask;
    }
  }
  return seen;
}

export class FirstUseDetector extends RowDetector {
  readonly name = 'first-use';
  readonly principalKind = 'person';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: FirstUseSettings;
  private readonly profile: DetectionProfile;
  /** Resource code → its hash. Derived, never snapshotted; bounded by HASH_MEMORY. */
  private readonly resourceHashes = new Map<string, number>();
  /** The current call's item hashes, reused from call to call. */
  private itemHashes = new Uint32Array(32);

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(FIRST_USE_ROW_BYTES, shared);
    this.profile = profile;
    this.settings = profile.detectors['first-use'];
  }

  observe({ event, time, person }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access') return;
    const rows = this.rows;
    if (rows.select(person)) rows.f64[rows.at8 + FIRST_AT] = time;
    const resourceHash = this.resourceHash(event.resourceCode);
    const items = event.items;
    if (items.length > this.itemHashes.length) this.itemHashes = new Uint32Array(items.length);
    const itemSeed = fnv1a(ITEM_SEPARATOR, resourceHash);
    let call = resourceHash;
    for (let index = 0; index < items.length; index += 1) {
      const hash = (this.itemHashes[index] = fnv1a(items[index]!, itemSeed));
      call = mix32(call ^ hash);
    }
    const recent = rows.at4 + RECENT_CALLS;
    for (let index = 0; index < RECENT; index += 1) if (rows.u32[recent + index] === call) return;
    const next = rows.u8[rows.at1 + RECENT_NEXT]!;
    rows.u32[recent + next] = call;
    rows.u8[rows.at1 + RECENT_NEXT] = (next + 1) % RECENT;

    const newResource = !testAndSet(rows, resourceHash);
    let newItems = 0;
    for (let index = 0; index < items.length; index += 1) if (!testAndSet(rows, this.itemHashes[index]!)) newItems += 1;
    if ((!newResource && newItems === 0) || time - rows.f64[rows.at8 + FIRST_AT]! < this.settings.learningDays * MILLISECONDS_PER_DAY) return;

    const principal = { kind: 'person' as const, id: event.personId };
    const severity = newResource && gradeRank(event.grade) >= MEDIUM_FROM ? 'medium' : 'low';
    findings.push({
      detector: this.name,
      severity: escalate(severity, event.grade, this.profile.escalateGrades),
      principal,
      evidence: [event.seq],
      dedupKey: dedupKey(this.name, principal, `resource:${event.resourceCode}`),
      summary: newResource
        ? { zh: `首次使用资源 ${event.resourceCode}（${event.items.length} 个信息项）`, en: `first use of resource ${event.resourceCode} (${event.items.length} items)` }
        : { zh: `首次使用资源 ${event.resourceCode} 的 ${newItems} 个信息项`, en: `first use of ${newItems} items of resource ${event.resourceCode}` },
    });
  }

  private resourceHash(code: string): number {
    let hash = this.resourceHashes.get(code);
    if (hash === undefined) {
      if (this.resourceHashes.size >= HASH_MEMORY) this.resourceHashes.clear();
      hash = fnv1a(code, RESOURCE_SEED);
      this.resourceHashes.set(code, hash);
    }
    return hash;
  }
}
