import { SHANGHAI_OFFSET_MILLISECONDS } from '../calendar/shanghai-time.ts';
import type { EventKind, Observation } from './detector.ts';
import { EvidenceField } from './evidence.ts';
import type { AccessEvent } from './event.ts';
import { dedupKey, escalate, type Finding } from './finding.ts';
import { localHour, MILLISECONDS_PER_MINUTE } from './local-time.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';
import type { DetectionProfile, JurisdictionSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * Subjects outside the consumer's jurisdiction.
 *
 * Why: a department acts within its territorial competence (属地管理; 政务数据共享条例: use only
 * for the department's duties). A county office looking up people registered in another
 * province is either a legitimate case that crosses borders, which the grant's row scope should
 * then name, or curiosity and resale. The subject's region prefix (resident ID or USCC, computed
 * in the gateway) is compared with the consumer's division code: a province (XX0000) covers its
 * prefectures and counties, a prefecture (XXXX00) its counties (GB/T 2260). A subject the grant's
 * row scope names explicitly is allowed; a scope of "all regions" names nothing, and is what lets
 * such rows through in the first place. Residents move, so a few outside subjects are normal: the
 * hour must reach `minimumSubjects` outside and `minimumShare` of all subjects.
 *
 * State per person, a section of 80 bytes: outside and total counts for 4 sub-windows of 15
 * minutes, and four evidence seqs.
 */

const BUCKETS = 4;
const BUCKET_MILLISECONDS = 15 * MILLISECONDS_PER_MINUTE;

// Counts and the sub-window in the first cache line; the evidence, written only for outside subjects, after.
const layout = new RowLayout();
const OUTSIDE = layout.uint32(BUCKETS);
const TOTAL = layout.uint32(BUCKETS);
/** The newest sub-window's number + 1; 0 before the first. */
const NEWEST = layout.uint32();
/** Reported in this episode; rearms when the hour falls back under the thresholds. */
const ALERTED = layout.uint8();
const evidence = new EvidenceField(layout);
export const JURISDICTION_ROW_BYTES = layout.bytes();

/** The significant prefix of a division code, as in row-scope.ts; the whole country for 000000. */
export function jurisdictionPrefix(code: string): string {
  if (code === '000000') return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Six ASCII digits (GB/T 2260), checked without a regular expression: this runs for every call. */
function isDivisionCode(code: string): boolean {
  if (code.length !== 6) return false;
  for (let index = 0; index < 6; index += 1) {
    const digit = code.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return false;
  }
  return true;
}

/** Counts the subjects of one call outside the consumer's region and not named by the grant's scope. */
export function outsideSubjects(event: AccessEvent, consumerPrefix: string): { outside: number; total: number } {
  let outside = 0;
  let total = 0;
  for (const [code, count] of event.subjectRegions) {
    // A subject with no known region says nothing either way.
    if (!isDivisionCode(code)) continue;
    total += count;
    if (code.startsWith(consumerPrefix)) continue;
    if (event.rowScopeRegions !== null && event.rowScopeRegions.some((prefix) => code.startsWith(prefix))) continue;
    outside += count;
  }
  return { outside, total };
}

export class JurisdictionDetector extends RowDetector {
  readonly name = 'jurisdiction';
  readonly principalKind = 'person';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: JurisdictionSettings;
  private readonly profile: DetectionProfile;
  /** Division code → its prefix. Derived, never snapshotted; codes are a few thousand. */
  private readonly prefixes = new Map<string, string>();

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(JURISDICTION_ROW_BYTES, shared);
    this.profile = profile;
    this.settings = profile.detectors.jurisdiction;
  }

  observe({ event, time, person }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access') return;
    let prefix = this.prefixes.get(event.orgRegion);
    if (prefix === undefined) {
      prefix = jurisdictionPrefix(event.orgRegion);
      this.prefixes.set(event.orgRegion, prefix);
    }
    const { outside, total } = outsideSubjects(event, prefix);
    const rows = this.rows;
    // A person who has only ever looked at subjects of unknown region needs no row.
    if (total === 0 && !rows.has(person)) return;
    rows.select(person);
    const { u32, at4 } = rows;
    const bucket = Math.floor((time + SHANGHAI_OFFSET_MILLISECONDS) / BUCKET_MILLISECONDS);
    const newest = u32[at4 + NEWEST]! - 1;
    if (bucket > newest) {
      const steps = newest < 0 ? BUCKETS : Math.min(bucket - newest, BUCKETS);
      for (let step = 1; step <= steps; step += 1) {
        const slot = (bucket - step + 1) % BUCKETS;
        u32[at4 + OUTSIDE + slot] = 0;
        u32[at4 + TOTAL + slot] = 0;
      }
      u32[at4 + NEWEST] = bucket + 1;
    }
    const slot = (u32[at4 + NEWEST]! - 1) % BUCKETS;
    u32[at4 + OUTSIDE + slot] = u32[at4 + OUTSIDE + slot]! + outside;
    u32[at4 + TOTAL + slot] = u32[at4 + TOTAL + slot]! + total;
    if (outside > 0) evidence.add(rows, event.seq);

    let windowOutside = 0;
    let windowTotal = 0;
    for (let index = 0; index < BUCKETS; index += 1) {
      windowOutside += u32[at4 + OUTSIDE + index]!;
      windowTotal += u32[at4 + TOTAL + index]!;
    }
    const over = windowOutside >= this.settings.minimumSubjects && windowOutside >= this.settings.minimumShare * windowTotal;
    const alerted = rows.u8[rows.at1 + ALERTED] === 1;
    rows.u8[rows.at1 + ALERTED] = over ? 1 : 0;
    if (!over || alerted) return;
    const principal = { kind: 'person' as const, id: event.personId };
    findings.push({
      detector: this.name,
      severity: escalate('medium', event.grade, this.profile.escalateGrades),
      principal,
      evidence: evidence.list(rows),
      dedupKey: dedupKey(this.name, principal, `hour:${localHour(time)}`),
      summary: {
        zh: `过去一小时 ${windowOutside} 名主体（共 ${windowTotal} 名）不在本部门辖区且不在授权范围内`,
        en: `${windowOutside} of ${windowTotal} subjects in the last hour lie outside the department's jurisdiction and the grant's scope`,
      },
    });
  }
}
