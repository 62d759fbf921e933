import type { EventKind, Observation } from './detector.ts';
import { EvidenceField } from './evidence.ts';
import type { IsWorkingTime } from './event.ts';
import { dedupKey, escalate, type Finding } from './finding.ts';
import { HOURS_PER_WEEK, hourOfWeek, localDay, localHour, weekOfHour } from './local-time.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';
import type { DetectionProfile, OffHoursSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * Off-hours use: data taken, or administrative acts done, outside the organisation's working
 * time and outside the person's own habit.
 *
 * Why: an insider copying data, or someone using a stolen credential, prefers the hours when
 * nobody is watching; GB/T 39477-2020 correlates behaviour with the post, and a post has working
 * hours. Overtime is common and legitimate, so the organisation's hours alone would drown the
 * supervisor: as in Elastic's rare-hour jobs, an hour of the week in which this person was
 * active in at least `habitualWeeks` earlier weeks is their habit and is not reported, and a
 * day's off-hours use is reported only once it reaches `minimumRecords` records (or
 * `minimumAdminActs` acts). Working time comes from an injected, pure `isWorkingTime`.
 *
 * State per person, a section of 736 bytes: for each hour of the week the number of weeks with
 * activity and the last such week (336 uint16), and the current day's tally with four evidence
 * seqs.
 */

const COUNT_CEILING = 0xffff;

const layout = new RowLayout();
const DAY = layout.float64();
const RECORDS = layout.float64();
const ACTS = layout.float64();
const evidence = new EvidenceField(layout);
/** 0: not reported today; 1: low; 2: medium. */
const ALERTED = layout.uint8();
/** Slot s: weeks with activity at 2s, the last such week at 2s + 1 (one cache line for both). */
const HABITS = layout.uint16(2 * HOURS_PER_WEEK);
export const OFF_HOURS_ROW_BYTES = layout.bytes();

export class OffHoursDetector extends RowDetector {
  readonly name = 'off-hours';
  readonly principalKind = 'person';
  readonly kinds: readonly EventKind[] = ['access', 'admin'];
  private readonly settings: OffHoursSettings;
  private readonly profile: DetectionProfile;
  private readonly isWorkingTime: IsWorkingTime;

  constructor(profile: DetectionProfile, isWorkingTime: IsWorkingTime, shared?: SharedRows) {
    super(OFF_HOURS_ROW_BYTES, shared);
    this.profile = profile;
    this.settings = profile.detectors['off-hours'];
    this.isWorkingTime = isWorkingTime;
  }

  observe({ event, time, person }: Observation, findings: Finding[]): void {
    if (event.kind === 'denial') return;
    const personId = event.kind === 'access' ? event.personId : event.actorId;
    const rows = this.rows;
    if (rows.select(person)) rows.f64[rows.at8 + DAY] = -1;
    const { u16, at2 } = rows;
    const hour = localHour(time);
    const slot = hourOfWeek(hour);
    const week = weekOfHour(hour);
    // Only earlier weeks make a habit: tonight's session must not excuse the rest of itself.
    const weeksActive = at2 + HABITS + 2 * slot;
    const thisWeekCounted = u16[weeksActive + 1] === week;
    const habitual = u16[weeksActive]! - (thisWeekCounted ? 1 : 0) >= this.settings.habitualWeeks;
    if (!thisWeekCounted) {
      u16[weeksActive + 1] = week;
      if (u16[weeksActive]! < COUNT_CEILING) u16[weeksActive] = u16[weeksActive]! + 1;
    }
    if (habitual || this.isWorkingTime(event.orgId, time)) return;

    const { f64, at8 } = rows;
    const day = localDay(time);
    if (day !== f64[at8 + DAY]) {
      f64[at8 + DAY] = day;
      f64[at8 + RECORDS] = 0;
      f64[at8 + ACTS] = 0;
      rows.u8[rows.at1 + ALERTED] = 0;
      evidence.clear(rows);
    }
    if (event.kind === 'access') f64[at8 + RECORDS] = f64[at8 + RECORDS]! + Math.max(event.records, 1);
    else f64[at8 + ACTS] = f64[at8 + ACTS]! + 1;
    evidence.add(rows, event.seq);

    const settings = this.settings;
    const records = f64[at8 + RECORDS]!;
    const acts = f64[at8 + ACTS]!;
    const rank = records >= settings.mediumRecords ? 2 : records >= settings.minimumRecords || acts >= settings.minimumAdminActs ? 1 : 0;
    if (rank <= rows.u8[rows.at1 + ALERTED]!) return;
    rows.u8[rows.at1 + ALERTED] = rank;
    const principal = { kind: 'person' as const, id: personId };
    const severity = rank === 2 ? 'medium' : 'low';
    findings.push({
      detector: this.name,
      severity: event.kind === 'access' ? escalate(severity, event.grade, this.profile.escalateGrades) : severity,
      principal,
      evidence: evidence.list(rows),
      dedupKey: dedupKey(this.name, principal, `day:${day}`),
      summary: {
        zh: `非工作时间且非本人惯常时段：今日已获取 ${records} 条记录、管理操作 ${acts} 次`,
        en: `outside working time and this person's usual hours: ${records} records and ${acts} administrative acts today`,
      },
    });
  }
}
