import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../../src/main/simulate/options.ts';
import { simulationRandom } from '../../src/main/simulate/random.ts';
import { scenarioPlans } from '../../src/main/simulate/scenarios.ts';
import { DAY, HOUR } from '../../src/main/simulate/work-pattern.ts';
import { testWorld } from './test-world.ts';

describe('attack scenarios', () => {
  const world = testWorld(14);
  const plans = scenarioPlans(world, SCENARIO_NAMES, simulationRandom(9).fork('scenarios'));
  const byName = Object.fromEntries(plans.map((plan) => [plan.name, plan]));
  const hourOf = (at: number) => Math.floor(((at - world.start) % DAY) / HOUR);

  it('uses real principals of the world, and marks every call with its scenario', () => {
    const logins = new Set(world.people.map((person) => person.login));
    for (const plan of plans) {
      expect(plan.calls.length).toBeGreaterThan(0);
      for (const login of plan.persons) expect(logins.has(login), login).toBe(true);
      for (const system of plan.systems) expect(world.systems[system]).toBeDefined();
      expect(plan.calls.every((call) => call.actor === plan.name)).toBe(true);
    }
  });

  it('waits for the detectors’ first week in a two-week run', () => {
    for (const plan of plans) expect(plan.calls[0]!.at, plan.name).toBeGreaterThanOrEqual(world.start + 7 * DAY);
  });

  it('gives each attack its pattern', () => {
    // The stolen credential: the small hours, from an address the system never used.
    expect(byName['stolen-credential']!.calls.every((call) => hourOf(call.at) < 6 && call.ip === '10.34.1.87')).toBe(true);
    // The insider: office hours, a hundred lookups a minute, residents in identifier order.
    const insider = byName['insider-bulk-export']!.calls;
    expect(hourOf(insider[0]!.at)).toBe(14);
    expect(insider.filter((call) => call.at < insider[0]!.at + 60_000)).toHaveLength(100);
    // Slow exfiltration: several days, about five hundred a day, none repeated.
    const slow = byName['slow-exfiltration']!.calls;
    expect(new Set(slow.map((call) => Math.floor((call.at - world.start) / DAY))).size).toBe(3);
    expect(new Set(slow.map((call) => call.body?.['subject'])).size).toBe(slow.length);
    // Out of jurisdiction: only residents registered outside the province.
    expect(byName['out-of-jurisdiction']!.calls.every((call) => !String(call.body?.['subject']).startsWith('33'))).toBe(true);
    // The contractor pages, then exports.
    expect(byName['contractor-abuse']!.calls.map((call) => call.operation)).toEqual(['query', 'query', 'query', 'query', 'query', 'export']);
    // Probing ends with made-up credentials from outside the allowlist.
    expect(byName['probing']!.calls.filter((call) => call.token !== undefined && call.ip === '10.66.23.9')).toHaveLength(12);
  });

  it('fits a one-day run into that day', () => {
    const short = testWorld(1);
    for (const plan of scenarioPlans(short, SCENARIO_NAMES, simulationRandom(9).fork('scenarios'))) {
      expect(plan.calls.every((call) => call.at >= short.start && call.at < short.start + DAY), plan.name).toBe(true);
    }
  });
});
