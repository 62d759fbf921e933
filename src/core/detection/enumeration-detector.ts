import type { EventKind, Observation } from './detector.ts';
import { EvidenceField } from './evidence.ts';
import type { AccessEvent } from './event.ts';
import { dedupKey, escalate, type Finding, type Severity } from './finding.ts';
import { Sketch, SlidingSketch } from './hyper-log-log.ts';
import { localDay, localHour, MILLISECONDS_PER_MINUTE } from './local-time.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';
import type { DetectionProfile, EnumerationSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * Bulk enumeration: one person looking at many different subjects, or at identifiers in order.
 *
 * Why: the Songyang case (2016) and most resale leaks of government data were harvested one
 * identifier after another through lookups each of which was permitted. GB/T 39477-2020 asks for
 * behaviour correlated with the data touched; 个人信息保护法 Art. 51 for measures against
 * unauthorised access. Imperva's excessive-record-access and Elastic's high_distinct_count jobs
 * count distinct records per user; here the subjects are counted without being stored.
 *
 * Three signals, per person:
 *   - distinct subjects in the last hour (sliding: 4 sub-windows of 15 minutes): high, or
 *     critical at scraping pace, so containment can act within minutes;
 *   - distinct subjects in the local day against the person's own day baseline (EWMA, bias
 *     corrected), which is how low-and-slow harvesting over days shows;
 *   - one request naming many identifiers in sequential or dictionary order (the gateway scores
 *     it while the identifiers are in hand).
 * Exports and large pages (bulk) are not counted: their rows are the grant's approved method, and
 * the volume, quota and contractor detectors watch them.
 *
 * State per person, a section of 1,784 bytes: for the hour a sparse list of 15 hashes, or 5 × 256
 * HyperLogLog registers (four sub-windows and their union); for the day a list of 15, or 256
 * registers; the day baseline and four evidence seqs.
 */

const HOUR_BUCKETS = 4;
const HOUR_BUCKET_MILLISECONDS = 15 * MILLISECONDS_PER_MINUTE;

// The first 64 bytes, one cache line, are the counters every event reads.
const layout = new RowLayout();
/** EWMA of distinct subjects a day, from zero (bias-corrected when read). */
const BASELINE = layout.float64();
const DAILY_THRESHOLD = layout.float64();
const evidence = new EvidenceField(layout);
const DAILY_ALERTED = layout.uint8();
/** 0: under the hourly threshold; 1: alerted high; 2: alerted critical. Rearms when the hour falls back under. */
const HOURLY_ALERTED = layout.uint8();
/** Local days and hours since 1970; DAY and SEQUENTIAL_HOUR (the last sequential-request finding) are stored + 1, 0 meaning none. */
const FIRST_DAY = layout.uint32();
const DAY = layout.uint32();
const SEQUENTIAL_HOUR = layout.uint32();
const lastHour = new SlidingSketch(layout, HOUR_BUCKETS, HOUR_BUCKET_MILLISECONDS);
const today = new Sketch(layout);
export const ENUMERATION_ROW_BYTES = layout.bytes();

export class EnumerationDetector extends RowDetector {
  readonly name = 'enumeration';
  readonly principalKind = 'person';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: EnumerationSettings;
  private readonly profile: DetectionProfile;

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(ENUMERATION_ROW_BYTES, shared);
    this.profile = profile;
    this.settings = profile.detectors.enumeration;
  }

  observe({ event, time, person, subjectHashes, subjectCount }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access' || event.bulk || subjectCount === 0) return;
    const rows = this.rows;
    const day = localDay(time);
    if (rows.select(person)) {
      lastHour.initialise(rows, time);
      today.clear(rows);
      rows.u32[rows.at4 + FIRST_DAY] = day;
    }
    if (day + 1 !== rows.u32[rows.at4 + DAY]) this.startDay(day);
    lastHour.advance(rows, time);
    for (let index = 0; index < subjectCount; index += 1) {
      const hash = subjectHashes[index]!;
      lastHour.add(rows, hash);
      today.add(rows, hash);
    }
    evidence.add(rows, event.seq);

    const settings = this.settings;
    const hourly = lastHour.estimate(rows);
    const hourlyRank = hourly >= settings.hourlyCritical ? 2 : hourly >= settings.hourlySubjects ? 1 : 0;
    const alerted = rows.u8[rows.at1 + HOURLY_ALERTED]!;
    rows.u8[rows.at1 + HOURLY_ALERTED] = hourlyRank === 0 ? 0 : Math.max(alerted, hourlyRank);
    if (hourlyRank > alerted) {
      const threshold = hourlyRank === 2 ? settings.hourlyCritical : settings.hourlySubjects;
      this.report(findings, event, hourlyRank === 2 ? 'critical' : 'high', `hour:${localHour(time)}`, {
        zh: `过去一小时查询约 ${Math.round(hourly)} 名不同主体，超过阈值 ${threshold}`,
        en: `about ${Math.round(hourly)} distinct subjects in the last hour, over the threshold of ${threshold}`,
      });
    }

    const daily = today.estimate(rows);
    const dailyThreshold = rows.f64[rows.at8 + DAILY_THRESHOLD]!;
    if (rows.u8[rows.at1 + DAILY_ALERTED] === 0 && daily >= dailyThreshold) {
      rows.u8[rows.at1 + DAILY_ALERTED] = 1;
      this.report(findings, event, 'high', `day:${day}`, {
        zh: `今日已查询约 ${Math.round(daily)} 名不同主体，超过阈值 ${Math.round(dailyThreshold)}`,
        en: `about ${Math.round(daily)} distinct subjects today, over the threshold of ${Math.round(dailyThreshold)}`,
      });
    }

    if (subjectCount >= settings.sequentialSubjects && event.sequentiality >= settings.sequentiality) {
      const hour = localHour(time);
      if (hour + 1 !== rows.u32[rows.at4 + SEQUENTIAL_HOUR]) {
        rows.u32[rows.at4 + SEQUENTIAL_HOUR] = hour + 1;
        this.report(findings, event, 'high', `sequential:${hour}`, {
          zh: `一次请求按顺序或字典序列举 ${subjectCount} 个标识（顺序度 ${event.sequentiality.toFixed(2)}）`,
          en: `one request listed ${subjectCount} identifiers in sequential or dictionary order (score ${event.sequentiality.toFixed(2)})`,
        });
      }
    }
  }

  private report(findings: Finding[], event: AccessEvent, severity: Severity, window: string, summary: Finding['summary']): void {
    const principal = { kind: 'person' as const, id: event.personId };
    findings.push({
      detector: this.name,
      severity: escalate(severity, event.grade, this.profile.escalateGrades),
      principal,
      evidence: evidence.list(this.rows),
      dedupKey: dedupKey(this.name, principal, window),
      summary,
    });
  }

  /** Folds the finished day into the baseline (days without activity as zeros) and sets the new day's threshold. */
  private startDay(day: number): void {
    const rows = this.rows;
    const f64 = rows.f64;
    const smoothing = this.settings.dailySmoothing;
    const previous = rows.u32[rows.at4 + DAY]! - 1;
    if (previous >= 0) {
      const silentDays = day - previous - 1;
      const folded = (1 - smoothing) * f64[rows.at8 + BASELINE]! + smoothing * today.estimate(rows);
      f64[rows.at8 + BASELINE] = folded * (1 - smoothing) ** silentDays;
    }
    today.clear(rows);
    rows.u32[rows.at4 + DAY] = day + 1;
    rows.u8[rows.at1 + DAILY_ALERTED] = 0;
    const watchedDays = day - rows.u32[rows.at4 + FIRST_DAY]!;
    if (watchedDays < this.settings.warmupDays) {
      f64[rows.at8 + DAILY_THRESHOLD] = this.settings.dailyCeiling;
      return;
    }
    const expected = f64[rows.at8 + BASELINE]! / (1 - (1 - smoothing) ** watchedDays);
    f64[rows.at8 + DAILY_THRESHOLD] = Math.max(this.settings.dailyMinimum, this.settings.dailyMultiplier * expected);
  }
}
