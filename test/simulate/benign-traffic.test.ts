import { beforeAll, describe, expect, it } from 'vitest';
import { benignTraffic, type BenignTraffic } from '../../src/main/simulate/benign-traffic.ts';
import { simulationRandom } from '../../src/main/simulate/random.ts';
import { GRANTS, grantPlan, USER_GROUPS } from '../../src/main/simulate/world-plan.ts';
import { DAY, MINUTE, simulatedDays } from '../../src/main/simulate/work-pattern.ts';
import type { SimulationWorld } from '../../src/main/simulate/world.ts';
import { testWorld } from './test-world.ts';

let world: SimulationWorld;
let traffic: BenignTraffic;

beforeAll(() => {
  world = testWorld(14);
  traffic = benignTraffic(world, simulationRandom(42).fork('benign'));
});

describe('benign traffic', () => {
  it('is the same for the same seed, and different for another', () => {
    const again = benignTraffic(world, simulationRandom(42).fork('benign'));
    expect(again.calls.length).toBe(traffic.calls.length);
    expect(again.calls.slice(0, 50)).toEqual(traffic.calls.slice(0, 50));
    expect(benignTraffic(world, simulationRandom(43).fork('benign')).calls.slice(0, 50)).not.toEqual(traffic.calls.slice(0, 50));
  });

  it('is big enough to mean something: hundreds of users, thousands of calls a working day', () => {
    const users = new Set(traffic.calls.map((call) => call.user));
    expect(users.size).toBeGreaterThan(300);
    expect(traffic.calls.length / 9).toBeGreaterThan(2500);
    expect(new Set(traffic.calls.map((call) => call.system)).size).toBe(7);
  });

  it('works office hours on working days; what falls outside is overtime or duty, and counted', () => {
    const days = simulatedDays(world.start, world.days, world.calendar);
    let outside = 0;
    for (const call of traffic.calls) {
      const day = days[Math.floor((call.at - world.start) / DAY)]!;
      const minute = (call.at - day.start) / MINUTE;
      const office = day.working && ((minute >= 8 * 60 + 10 && minute < 12 * 60) || (minute >= 13 * 60 + 30 && minute < 17 * 60 + 50));
      if (!office) {
        outside += 1;
        expect(call.hardCase).toBe('overtime');
      }
    }
    // Evening work starts at 17:30, so a little of it falls within a late leaver's office day.
    expect(traffic.calls.filter((call) => call.hardCase === 'overtime')).toHaveLength(traffic.hardCases.overtime_calls);
    expect(outside).toBeGreaterThan(0.7 * traffic.hardCases.overtime_calls);
    expect(traffic.hardCases.overtime_person_days).toBeGreaterThan(20);
  });

  it('asks about plausible subjects: the county’s own residents, floating residents only where the grant reaches them', () => {
    const household = new Set(world.pools.household.map((subject) => subject.id));
    const floating = new Set(world.pools.floating.map((subject) => subject.id));
    for (const call of traffic.calls.slice(0, 5000)) {
      const subject = String(call.body?.['subject']);
      const pool = GRANTS.find((grant) => grant.resourceCode === call.resourceCode && grant.purposeCode === call.purposeCode)!.pool;
      if (pool === 'household') expect(household.has(subject)).toBe(true);
      if (pool === 'floating') expect(floating.has(subject)).toBe(true);
    }
    expect(traffic.hardCases.cross_region_calls).toBeGreaterThan(500);
  });

  it('holds each hard case: first uses, address changes and month-end bursts', () => {
    expect(traffic.hardCases).toMatchObject({ ip_changes: 2, first_uses: 4 });
    expect(traffic.calls.some((call) => call.ip === '10.35.1.21')).toBe(true);
    expect(traffic.calls.some((call) => call.user === 'hrss.c11' && call.purposeCode === 'EMPLOYER-CHECK')).toBe(true);
    expect(traffic.calls.filter((call) => call.user === 'health.p70').every((call) => call.at >= world.start + 7 * DAY)).toBe(true);
    expect(traffic.hardCases.month_end_burst_person_days).toBeGreaterThan(100);
  });

  it('uses every tool of a person on their first day, so that later first uses are the hard cases only', () => {
    for (const group of USER_GROUPS) {
      const person = world.people.find((candidate) => candidate.group === group.key && !candidate.login.startsWith('health.p7'))!;
      const firstDay = traffic.calls.filter((call) => call.user === person.login && call.at < world.start + DAY);
      expect(new Set(firstDay.map((call) => call.purposeCode)).size).toBe(new Set(group.activities.map((activity) => grantPlan(activity.grant).purposeCode)).size);
    }
  });

  it('keeps every grant’s busiest day under its quota, as the plan is sized', () => {
    const perGrantDay = new Map<string, number>();
    for (const call of traffic.calls) {
      const key = `${call.resourceCode}|${call.purposeCode}|${Math.floor((call.at - world.start) / DAY)}`;
      perGrantDay.set(key, (perGrantDay.get(key) ?? 0) + 1);
    }
    for (const grant of GRANTS) {
      const busiest = Math.max(0, ...[...perGrantDay].filter(([key]) => key.startsWith(`${grant.resourceCode}|${grant.purposeCode}|`)).map(([, count]) => count));
      // Under the quota-edge detector's 90 %: a benign department does not ride its quota.
      expect(busiest, grant.key).toBeLessThan(0.9 * grant.quotaPerDay);
    }
  });
});
