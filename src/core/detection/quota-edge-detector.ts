import type { EventKind, Observation } from './detector.ts';
import { EvidenceField } from './evidence.ts';
import { dedupKey, type Finding } from './finding.ts';
import { localDay } from './local-time.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';
import { QUOTA_EDGE_DAYS, type DetectionProfile, type QuotaEdgeSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * Quota edge riding: a credential that uses its grants' daily quota to the brim day after day.
 *
 * Why: the quota (DESIGN §5, required from general-3 up) is set from the volume the request
 * justified. Needs vary from day to day; a consumer that takes 90 % or more of it on most days,
 * or runs into it, is harvesting at the largest pace that raises no refusal — the quota has
 * become the target (数据安全法 Art. 32: collection and use no more than necessary; the
 * "threshold-hugging" pattern of fraud analytics). A single full day is normal (month end); the
 * pattern is `days` edge days within the last QUOTA_EDGE_DAYS.
 *
 * State per credential, a section of 48 bytes: today's local day and whether it reached the edge,
 * a bit per earlier day of the last week, and four evidence seqs.
 */

const QUOTA_EXCEEDED = 'QUOTA_EXCEEDED';
const HISTORY_MASK = (1 << (QUOTA_EDGE_DAYS - 1)) - 1;

const layout = new RowLayout();
const DAY = layout.float64();
const evidence = new EvidenceField(layout);
/** Bit i set: the day i + 1 days before DAY reached the edge. */
const HISTORY = layout.uint8();
const EDGE_TODAY = layout.uint8();
const ALERTED_TODAY = layout.uint8();
export const QUOTA_EDGE_ROW_BYTES = layout.bytes();

function bitCount(value: number): number {
  let count = 0;
  for (let rest = value; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

export class QuotaEdgeDetector extends RowDetector {
  readonly name = 'quota-edge';
  readonly principalKind = 'credential';
  readonly kinds: readonly EventKind[] = ['access', 'denial'];
  private readonly settings: QuotaEdgeSettings;

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(QUOTA_EDGE_ROW_BYTES, shared);
    this.settings = profile.detectors['quota-edge'];
  }

  observe({ event, time, credential }: Observation, findings: Finding[]): void {
    let credentialId: string;
    if (event.kind === 'access' && event.quota !== null && event.quota.limit > 0) {
      if (event.quota.used < this.settings.edgeRatio * event.quota.limit) return;
      credentialId = event.credentialId;
    } else if (event.kind === 'denial' && event.code === QUOTA_EXCEEDED && event.credentialId !== null) {
      credentialId = event.credentialId;
    } else {
      return;
    }
    const rows = this.rows;
    const day = localDay(time);
    if (rows.select(credential)) rows.f64[rows.at8 + DAY] = day;
    const { u8, at1 } = rows;
    const previous = rows.f64[rows.at8 + DAY]!;
    if (day !== previous) {
      const shift = day - previous;
      const carried = shift > QUOTA_EDGE_DAYS ? 0 : ((u8[at1 + HISTORY]! << 1) | u8[at1 + EDGE_TODAY]!) << (shift - 1);
      u8[at1 + HISTORY] = carried & HISTORY_MASK;
      rows.f64[rows.at8 + DAY] = day;
      u8[at1 + ALERTED_TODAY] = 0;
      evidence.clear(rows);
    }
    u8[at1 + EDGE_TODAY] = 1;
    evidence.add(rows, event.seq);
    const edgeDays = bitCount(u8[at1 + HISTORY]!) + 1;
    if (u8[at1 + ALERTED_TODAY] === 1 || edgeDays < this.settings.days) return;
    u8[at1 + ALERTED_TODAY] = 1;
    const principal = { kind: 'credential' as const, id: credentialId };
    findings.push({
      detector: this.name,
      severity: 'medium',
      principal,
      evidence: evidence.list(rows),
      dedupKey: dedupKey(this.name, principal, `day:${day}`),
      summary: {
        zh: `近 ${QUOTA_EDGE_DAYS} 天中有 ${edgeDays} 天用量达到配额的 ${Math.round(this.settings.edgeRatio * 100)}% 以上或用尽配额`,
        en: `on ${edgeDays} of the last ${QUOTA_EDGE_DAYS} days use reached ${Math.round(this.settings.edgeRatio * 100)} % of the quota or ran out of it`,
      },
    });
  }
}
