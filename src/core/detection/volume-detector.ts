import type { EventKind, Observation } from './detector.ts';
import { EvidenceField } from './evidence.ts';
import { dedupKey, escalate, type Finding, type Severity } from './finding.ts';
import { HOURS_PER_WEEK, hourOfWeek, localHour, weekOfHour } from './local-time.ts';
import type { DetectionProfile, VolumeSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';

/*
 * Volume against the person's own baseline, by hour of the week.
 *
 * Why: GB/T 39477-2020 (政务信息共享 数据安全技术要求) asks for real-time correlation of a
 * user's behaviour with the data, permissions and post; 数据安全法 Art. 27 asks for monitoring
 * proportionate to risk. A volume that fits one officer's Monday morning is a breach for another's
 * Sunday night, so each person is compared with themselves (Splunk UBA's per-entity baselines,
 * Elastic's high_count jobs partitioned by user and hour of week), never with a global figure.
 *
 * State per person, a section of 2,080 bytes: for each of the 168 hours of the week the EWMA of
 * records in that hour and of its square (mean and deviation follow), and the week it was last
 * folded in, side by side; the current hour's count, its threshold, and four evidence seqs. An
 * hour is folded into its slot when the next hour begins; the weeks a slot was not folded are
 * zeros, applied lazily as (1 − α)^missed when the slot is next touched, so an event touches only
 * its own slots. A slot's EWMA is bias-corrected by the weeks the person has been watched, so a
 * new person's first weeks are not read as a quiet history. Within an hour the threshold is
 * fixed: an event costs an addition and a comparison.
 */

/** Weeks of decay kept in a table: ten years. */
const DECAY_WEEKS = 520;

// The first 64 bytes, one cache line, are what every event reads and writes.
const layout = new RowLayout();
const RECORDS = layout.float64();
const THRESHOLD = layout.float64();
const evidence = new EvidenceField(layout);
/** 0: no alert yet this hour; 1: a medium one; 2: a high one (a medium hour can still become high). */
const ALERTED = layout.uint8();
/** Local hours since 1970 (32 bits last half a million years); HOUR is stored + 1, so 0 means none yet. */
const FIRST_HOUR = layout.uint32();
const HOUR = layout.uint32();
/** The baseline mean of the current hour, for the summary. */
const EXPECTED = layout.float32();
/**
 * Slot s, 12 bytes from float32 index 3s: the mean, the mean of squares, and (as uint16) the week
 * it was last folded in — side by side, so that reading or folding a slot touches one cache line.
 */
const SLOT_FLOATS = 3;
const SLOTS = layout.float32(SLOT_FLOATS * HOURS_PER_WEEK);
export const VOLUME_ROW_BYTES = layout.bytes();

export class VolumeDetector extends RowDetector {
  readonly name = 'volume';
  readonly principalKind = 'person';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: VolumeSettings;
  private readonly profile: DetectionProfile;
  /** (1 − α)^n for n weeks, up to ten years: Math.pow on every hour of every person is measurable. */
  private readonly decay: Float64Array;

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(VOLUME_ROW_BYTES, shared);
    this.profile = profile;
    this.settings = profile.detectors.volume;
    const keep = 1 - this.settings.smoothing;
    this.decay = Float64Array.from({ length: DECAY_WEEKS + 1 }, (_, weeks) => keep ** weeks);
  }

  private decayFor(weeks: number): number {
    return weeks <= 0 ? 1 : weeks <= DECAY_WEEKS ? this.decay[weeks]! : this.decay[DECAY_WEEKS]! ** (weeks / DECAY_WEEKS);
  }

  observe({ event, time, person }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access') return;
    const rows = this.rows;
    const hour = localHour(time);
    if (rows.select(person)) rows.u32[rows.at4 + FIRST_HOUR] = hour;
    const f64 = rows.f64;
    const at8 = rows.at8;
    if (hour + 1 !== rows.u32[rows.at4 + HOUR]) this.startHour(hour);
    // A lookup that found nothing (or a yes/no verification) still touched the data: count one.
    const records = (f64[at8 + RECORDS] = f64[at8 + RECORDS]! + Math.max(event.records, 1));
    evidence.add(rows, event.seq);
    const threshold = f64[at8 + THRESHOLD]!;
    if (records <= threshold) return;
    const severity: Severity = records > threshold * this.settings.highMultiplier ? 'high' : 'medium';
    const rank = severity === 'high' ? 2 : 1;
    if (rank <= rows.u8[rows.at1 + ALERTED]!) return;
    rows.u8[rows.at1 + ALERTED] = rank;
    const principal = { kind: 'person' as const, id: event.personId };
    const expected = Math.round(rows.f32[rows.at4 + EXPECTED]!);
    findings.push({
      detector: this.name,
      severity: escalate(severity, event.grade, this.profile.escalateGrades),
      principal,
      evidence: evidence.list(rows),
      dedupKey: dedupKey(this.name, principal, `hour:${hour}`),
      summary: {
        zh: `本小时已获取 ${records} 条记录，超过阈值 ${Math.round(threshold)}（该人员同一时段通常约 ${expected} 条）`,
        en: `${records} records this hour, over the threshold of ${Math.round(threshold)} (this person usually gets about ${expected} in this hour of the week)`,
      },
    });
  }

  /** Folds the finished hour into its slot, then fixes the new hour's threshold from the new hour's slot. */
  private startHour(hour: number): void {
    const rows = this.rows;
    const { f32, f64, u16, u32, at4, at8 } = rows;
    const smoothing = this.settings.smoothing;
    const keep = 1 - smoothing;
    const previous = u32[at4 + HOUR]! - 1;
    if (previous >= 0) {
      const slot = hourOfWeek(previous);
      const week = weekOfHour(previous);
      const mean = at4 + SLOTS + SLOT_FLOATS * slot;
      const folded = 2 * (mean + 2);
      // Weeks since the slot was last folded, each a zero, then this week's count.
      const decay = this.decayFor(week - 1 - u16[folded]!);
      const records = f64[at8 + RECORDS]!;
      f32[mean] = keep * decay * f32[mean]! + smoothing * records;
      f32[mean + 1] = keep * decay * f32[mean + 1]! + smoothing * records * records;
      u16[folded] = week;
    }
    u32[at4 + HOUR] = hour + 1;
    f64[at8 + RECORDS] = 0;
    rows.u8[rows.at1 + ALERTED] = 0;
    evidence.clear(rows);
    const firstHour = u32[at4 + FIRST_HOUR]!;
    if (hour - firstHour < this.settings.warmupHours) {
      f64[at8 + THRESHOLD] = this.settings.warmupCeiling;
      f32[at4 + EXPECTED] = 0;
      return;
    }
    const slot = hourOfWeek(hour);
    const mean = at4 + SLOTS + SLOT_FLOATS * slot;
    // Bias correction: an EWMA started at zero, over n weeks of this slot, weighs 1 − keep^n of its history.
    const weight = 1 - this.decayFor(Math.floor((hour - firstHour) / HOURS_PER_WEEK));
    const decay = this.decayFor(weekOfHour(hour) - 1 - u16[2 * (mean + 2)]!);
    const expected = weight > 0 ? (decay * f32[mean]!) / weight : 0;
    const square = weight > 0 ? (decay * f32[mean + 1]!) / weight : 0;
    const deviation = Math.sqrt(Math.max(0, square - expected * expected));
    f32[at4 + EXPECTED] = expected;
    f64[at8 + THRESHOLD] = Math.max(this.settings.minimumRecords, this.settings.multiplier * expected, expected + this.settings.sigmas * deviation);
  }
}
