import { describe, expect, it } from 'vitest';
import { DetectionEngine, PRINCIPAL_BUDGET_BYTES, type DetectionSnapshot } from './detection-engine.ts';
import type { DetectionEvent } from './event.ts';
import { DETECTOR_NAMES, type Finding } from './finding.ts';
import { DEFAULT_DETECTION_PROFILE, mergeDetectionProfile } from './profile.ts';
import { access, admin, blindIndexes, DAY, denial, HOUR, MINUTE, MONDAY_9AM, seededRandom, weekdayNineToFive } from './test-events.ts';

const SUBJECTS = blindIndexes(5_000);
const REGIONS = ['330102', '330106', '110101', '440305'];

/** A mixed stream over three weeks: 20 people, 5 credentials, lookups, exports, denials, admin acts, bursts. */
function stream(seed: number, count: number): DetectionEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const events: DetectionEvent[] = [];
  let at = MONDAY_9AM;
  for (let index = 0; index < count; index += 1) {
    at += Math.floor(random() * 6 * MINUTE);
    const person = Math.floor(random() * 20);
    const roll = random();
    if (roll < 0.04) {
      events.push(denial({ seq: index + 1, at, credentialId: random() < 0.8 ? `credential-${person % 5}` : null, code: pick(['GRANT_NOT_FOUND', 'ITEM_NOT_GRANTED', 'QUOTA_EXCEEDED']), ip: `10.0.0.${person}` }));
      continue;
    }
    if (roll < 0.05) {
      events.push(admin({ seq: index + 1, at, actorId: `person-${person}` }));
      continue;
    }
    const burst = person === 7 && random() < 0.3;
    const size = burst ? 40 : 1 + Math.floor(random() * 3);
    const subjects = Array.from({ length: size }, () => pick(SUBJECTS));
    const regions: Record<string, number> = {};
    for (let subject = 0; subject < size; subject += 1) {
      const region = pick(REGIONS);
      regions[region] = (regions[region] ?? 0) + 1;
    }
    events.push(
      access({
        seq: index + 1,
        at,
        personId: `person-${person}`,
        personOrgKind: person >= 18 ? 'contractor' : 'department',
        credentialId: `credential-${person % 5}`,
        orgRegion: '330100',
        ip: `10.0.${person % 5}.${random() < 0.02 ? 99 : 1}`,
        resourceCode: pick(['RES-001', 'RES-002', 'RES-003', 'RES-CORE']),
        grade: pick(['general-2', 'general-3', 'general-4', 'important', 'core']),
        items: [pick(['name', 'address', 'birth', 'phone'])],
        issue: random() < 0.5 ? `case-${person}` : null,
        subjects,
        subjectRegions: Object.entries(regions),
        records: burst && random() < 0.2 ? 500 : size,
        bulk: burst && random() < 0.1,
        sequentiality: burst ? random() : 0,
        quota: { used: Math.floor(random() * 1000), limit: 1000 },
      }),
    );
  }
  return events;
}

function run(engine: DetectionEngine, events: readonly DetectionEvent[]): Finding[] {
  return events.flatMap((event) => [...engine.observe(event)]);
}

function engine() {
  return new DetectionEngine({ isWorkingTime: weekdayNineToFive });
}

/** Through JSON and back, as a snapshot written to storage would be. */
function stored(snapshot: DetectionSnapshot): DetectionSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as DetectionSnapshot;
}

const EVENTS = stream(7, 6_000);

describe('DetectionEngine', () => {
  it('finds something of most kinds in the mixed stream (so the tests below compare real state)', () => {
    const detectors = new Set(run(engine(), EVENTS).map((finding) => finding.detector));
    expect(detectors.size).toBeGreaterThanOrEqual(7);
  });

  it('replaying the same events gives the same findings and the same state', () => {
    const first = engine();
    const second = engine();
    expect(run(second, EVENTS)).toEqual(run(first, EVENTS));
    expect(JSON.stringify(second.snapshot())).toBe(JSON.stringify(first.snapshot()));
  });

  it('a restored snapshot equals the original, and both go on identically', () => {
    const original = engine();
    run(original, EVENTS.slice(0, 3_000));
    const snapshot = stored(original.snapshot());
    const restored = engine();
    restored.restore(snapshot);
    expect(restored.snapshot()).toEqual(snapshot);
    expect(run(restored, EVENTS.slice(3_000))).toEqual(run(original, EVENTS.slice(3_000)));
    expect(restored.snapshot()).toEqual(original.snapshot());
  });

  it('after a restore, replaying from an older position skips what the snapshot holds', () => {
    const whole = engine();
    run(whole, EVENTS);
    const resumed = engine();
    const partial = engine();
    run(partial, EVENTS.slice(0, 2_500));
    resumed.restore(stored(partial.snapshot()));
    expect(resumed.position()).toBe(EVENTS[2_499]!.seq);
    run(resumed, EVENTS);
    expect(resumed.snapshot()).toEqual(whole.snapshot());
  });

  it('refuses a snapshot taken under another profile, or malformed, and keeps its state', () => {
    const original = engine();
    run(original, EVENTS.slice(0, 500));
    const before = original.snapshot();
    const strict = new DetectionEngine({ isWorkingTime: weekdayNineToFive, profile: mergeDetectionProfile(DEFAULT_DETECTION_PROFILE, { detectors: { probing: { denials: 3 } } }) });
    expect(() => strict.restore(stored(before))).toThrow(expect.objectContaining({ code: 'DETECTION_SNAPSHOT_INVALID' }));
    const broken = stored(before);
    (broken.detectors['first-use'] as { rows: unknown[] }).rows.push(['person-x', 'AAAA']);
    expect(() => original.restore(broken)).toThrow(expect.objectContaining({ code: 'DETECTION_SNAPSHOT_INVALID' }));
    const resized = stored(before);
    (resized.detectors.volume as { rowBytes: number }).rowBytes = 8;
    expect(() => original.restore(resized)).toThrow(expect.objectContaining({ code: 'DETECTION_SNAPSHOT_INVALID' }));
    expect(original.snapshot()).toEqual(before);
  });

  it('keeps each principal within the 8 KB budget however much it does', () => {
    const busy = engine();
    const heavy: DetectionEvent[] = [];
    for (let index = 0; index < 4_000; index += 1) {
      heavy.push(
        access({
          seq: index + 1,
          at: MONDAY_9AM + index * 7 * MINUTE,
          ip: `10.1.${index % 40}.1`,
          resourceCode: `RES-${index % 300}`,
          items: [`item-${index % 50}`, `item-${(index * 7) % 50}`],
          issue: `case-${index % 30}`,
          subjects: blindIndexes(20, index * 20),
          subjectRegions: [['110101', 20]],
          quota: { used: 999, limit: 1000 },
        }),
      );
      if (index % 10 === 0) heavy.push(denial({ seq: 100_000 + index, at: MONDAY_9AM + index * 7 * MINUTE }));
    }
    heavy.sort((left, right) => left.at - right.at || left.seq - right.seq);
    heavy.forEach((event, index) => (event.seq = index + 1));
    run(busy, heavy.slice(0, 2_000));
    const person = busy.principalStateBytes({ kind: 'person', id: 'person-1' });
    const credential = busy.principalStateBytes({ kind: 'credential', id: 'credential-1' });
    run(busy, heavy.slice(2_000));
    expect(busy.principalStateBytes({ kind: 'person', id: 'person-1' })).toBe(person);
    expect(busy.principalStateBytes({ kind: 'credential', id: 'credential-1' })).toBe(credential);
    expect(person).toBeLessThanOrEqual(PRINCIPAL_BUDGET_BYTES);
    expect(credential).toBeLessThanOrEqual(PRINCIPAL_BUDGET_BYTES);
    // Every detector's share is inside the row counted above, and the busy person uses them all.
    const shares = DETECTOR_NAMES.map((name) => busy.detectorStateBytes(name, { kind: 'person', id: 'person-1' }));
    expect(shares.filter((bytes) => bytes > 0)).toHaveLength(6);
    expect(shares.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThan(person);
  });

  it('skips an event already folded in, and never runs windows backwards', () => {
    const clocked = engine();
    const first = access({ seq: 10, at: MONDAY_9AM + HOUR, grade: 'core' });
    expect(clocked.observe(first)).toHaveLength(1);
    expect(clocked.observe(first)).toHaveLength(0);
    // A later seq stamped a little earlier by another gateway process is folded in at the later time.
    expect(clocked.observe(access({ seq: 11, at: MONDAY_9AM, grade: 'core' }))).toHaveLength(1);
    expect(clocked.snapshot().lastAt).toBe(MONDAY_9AM + HOUR);
  });

  it('reports findings in detector order', () => {
    const ordered = engine();
    run(ordered, [access({ seq: 1, at: MONDAY_9AM - 10 * DAY })]);
    const findings = ordered.observe(access({ seq: 2, at: MONDAY_9AM, grade: 'core', personOrgKind: 'contractor', bulk: true, records: 3000, resourceCode: 'RES-NEW' }));
    expect(findings.map((finding) => finding.detector)).toEqual(['volume', 'first-use', 'contractor-bulk', 'core-access']);
  });

  it('refuses an unsound profile', () => {
    const profile = mergeDetectionProfile(DEFAULT_DETECTION_PROFILE, { detectors: { probing: { highDenials: 64 } } });
    expect(() => new DetectionEngine({ profile, isWorkingTime: weekdayNineToFive })).toThrow(expect.objectContaining({ code: 'DETECTION_PROFILE_INVALID' }));
  });
});
