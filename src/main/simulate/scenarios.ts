import { callBody, workingDayFrom } from './benign-traffic.ts';
import type { ScenarioName } from './options.ts';
import { byTime, type PlannedCall } from './planned-call.ts';
import type { SimulationRandom } from './random.ts';
import { grantPlan } from './world-plan.ts';
import { MINUTE, pacedOfficeTimes, simulatedDays, type SimulatedDay } from './work-pattern.ts';
import type { SimulatedSubject, SimulationWorld } from './world.ts';

/*
 * The attacks of issue #7 §6, each as the calls an attacker makes and the principals whose alerts
 * belong to it. The attackers use what a real one would have — an insider's own login and system,
 * a credential copied from a server, a contractor's operating access — never a way around the
 * gateway. They stop when the gateway contains them, and give up a step after repeated refusals.
 */

export interface ScenarioPlan {
  name: ScenarioName;
  /** Logins, system keys and source addresses whose alerts belong to the scenario. */
  persons: string[];
  systems: string[];
  addresses: string[];
  calls: PlannedCall[];
  /** Simulated minutes between detection catch-ups while the scenario runs, so containment keeps pace with it. */
  syncMinutes: number;
}

/** Days of a 14-day run the scenarios are placed on (0-based): after the detectors' first week. */
const PLACEMENT: Record<ScenarioName, number> = {
  probing: 7,
  'slow-exfiltration': 7,
  'contractor-abuse': 8,
  'out-of-jurisdiction': 9,
  'insider-bulk-export': 10,
  'stolen-credential': 12,
};

/** The same place in a run of another length. */
export function scenarioDay(days: readonly SimulatedDay[], name: ScenarioName, working: boolean): SimulatedDay {
  const index = Math.min(days.length - 1, Math.floor((PLACEMENT[name] * days.length) / 14));
  return days[working ? workingDayFrom(days, index) : index]!;
}

const at = (day: SimulatedDay, hour: number, minute: number) => day.start + (hour * 60 + minute) * MINUTE;

function call(base: Omit<PlannedCall, 'at'>, time: number): PlannedCall {
  return { ...base, at: time };
}

/** Subjects in identifier order from a random place, as a script walking a register does. */
function inOrder(subjects: readonly SimulatedSubject[], random: SimulationRandom, count: number): SimulatedSubject[] {
  const sorted = [...subjects].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
  const offset = random.integer(0, Math.max(0, sorted.length - 1));
  return Array.from({ length: Math.min(count, sorted.length) }, (_, index) => sorted[(offset + index) % sorted.length]!);
}

/**
 * Songyang, 2016: an insider with a legitimate lookup grant scripts it through the household
 * register, one resident after another, from the office's own server in working hours — the
 * month-end rush, when one more busy clerk draws no attention.
 */
function insiderBulkExport(world: SimulationWorld, days: readonly SimulatedDay[], random: SimulationRandom): ScenarioPlan {
  const day = scenarioDay(days, 'insider-bulk-export', true);
  const grant = grantPlan('insurance-household');
  const system = world.systems['hrss-insurance']!;
  const user = 'hrss.c07';
  const base = { system: system.key, user, ip: system.servers[1 % system.servers.length]!, resourceCode: grant.resourceCode, purposeCode: grant.purposeCode, operation: 'query' as const, issue: null, actor: 'insider-bulk-export' as const, phase: 'register' };
  // A hundred lookups a minute for an hour and a half, unless something stops it.
  const subjects = inOrder(world.pools.household, random, 9000);
  const calls = subjects.map((subject, index) => call({ ...base, body: { subject: subject.id } }, at(day, 14, 0) + Math.floor((index * 60_000) / 100)));
  return { name: 'insider-bulk-export', persons: [user], systems: [system.key], addresses: [], calls, syncMinutes: 5 };
}

/**
 * A system credential copied from a department server is used in the small hours of a holiday,
 * from another machine of the same network (so the allowlist lets it in), under a real user's
 * login from the same configuration file: the household register in identifier order, then the
 * floating population once the quota stops the first.
 */
function stolenCredential(world: SimulationWorld, days: readonly SimulatedDay[], random: SimulationRandom): ScenarioPlan {
  const day = scenarioDay(days, 'stolen-credential', false);
  const system = world.systems['health-public']!;
  const user = 'health.p05';
  const address = '10.34.1.87';
  const calls: PlannedCall[] = [];
  for (const [phase, grantKey, pool, hour] of [['household', 'health-household', 'household', 1], ['floating', 'health-floating', 'floating', 2]] as const) {
    const grant = grantPlan(grantKey);
    const base = { system: system.key, user, ip: address, resourceCode: grant.resourceCode, purposeCode: grant.purposeCode, operation: 'query' as const, issue: null, actor: 'stolen-credential' as const, phase };
    inOrder(world.pools[pool], random, 1800).forEach((subject, index) => calls.push(call({ ...base, body: { subject: subject.id } }, at(day, hour, 40) + index * 2000)));
  }
  return { name: 'stolen-credential', persons: [user], systems: [system.key], addresses: [address], calls: calls.sort(byTime), syncMinutes: 5 };
}

/**
 * 数据安全法 Art. 40: the contractor runs the statistics system for human resources, and one of
 * its operators uses that access to page through the whole market register, then export it.
 */
function contractorAbuse(world: SimulationWorld, days: readonly SimulatedDay[]): ScenarioPlan {
  const day = scenarioDay(days, 'contractor-abuse', true);
  const grant = grantPlan('statistics-market');
  const system = world.systems['hrss-statistics']!;
  const user = 'ops.02';
  const base = { system: system.key, user, ip: system.servers[0]!, resourceCode: grant.resourceCode, purposeCode: grant.purposeCode, issue: null, actor: 'contractor-abuse' as const, phase: 'pages' };
  const calls: PlannedCall[] = [];
  for (let page = 0; page < 5; page += 1) calls.push(call({ ...base, operation: 'query', body: { limit: 100 }, ...(page > 0 ? { continuePaging: true } : {}) }, at(day, 15, 10 + page)));
  calls.push(call({ ...base, operation: 'export', body: null, phase: 'export' }, at(day, 15, 20)));
  return { name: 'contractor-abuse', persons: [user], systems: [system.key], addresses: [], calls, syncMinutes: 5 };
}

/**
 * Low and slow: an insurance clerk adds about five hundred residents a day to their ordinary work,
 * paced evenly through office hours and never the same resident twice, for three working days.
 */
function slowExfiltration(world: SimulationWorld, days: readonly SimulatedDay[], random: SimulationRandom): ScenarioPlan {
  const first = scenarioDay(days, 'slow-exfiltration', true);
  const grant = grantPlan('insurance-household');
  const system = world.systems['hrss-insurance']!;
  const user = 'hrss.c23';
  const workingDays = days.filter((day) => day.working && day.index >= first.index).slice(0, 3);
  const subjects = random.sample(world.pools.household, 500 * workingDays.length);
  const calls: PlannedCall[] = [];
  workingDays.forEach((day, dayIndex) => {
    pacedOfficeTimes(random, day.start, 500).forEach((time, index) => {
      const subject = subjects[dayIndex * 500 + index];
      if (!subject) return;
      calls.push({ at: time, system: system.key, user, ip: system.servers[index % system.servers.length]!, resourceCode: grant.resourceCode, purposeCode: grant.purposeCode, operation: 'query', body: { subject: subject.id }, issue: null, actor: 'slow-exfiltration', phase: 'daily' });
    });
  });
  return { name: 'slow-exfiltration', persons: [user], systems: [system.key], addresses: [], calls, syncMinutes: 60 };
}

/** A public-health doctor, whose grant must reach floating residents, works through those registered in other provinces. */
function outOfJurisdiction(world: SimulationWorld, days: readonly SimulatedDay[], random: SimulationRandom): ScenarioPlan {
  const day = scenarioDay(days, 'out-of-jurisdiction', true);
  const grant = grantPlan('health-floating');
  const system = world.systems['health-public']!;
  const user = 'health.p11';
  const province = world.region.slice(0, 2);
  const elsewhere = random.sample(world.pools.floating.filter((subject) => !subject.region.startsWith(province)), 480);
  const calls = elsewhere.map((subject, index): PlannedCall => ({
    at: at(day, 10, 0) + index * 15_000,
    system: system.key,
    user,
    ip: system.servers[index % system.servers.length]!,
    resourceCode: grant.resourceCode,
    purposeCode: grant.purposeCode,
    operation: 'query',
    body: callBody(grant, subject, random),
    issue: null,
    actor: 'out-of-jurisdiction',
    phase: 'elsewhere',
  }));
  return { name: 'out-of-jurisdiction', persons: [user], systems: [system.key], addresses: [], calls, syncMinutes: 5 };
}

/**
 * Probing: a market inspector tries what else the market system's credential reaches —
 * resources, purposes and users it holds no grant for — and, from outside the allowlist, someone
 * tries made-up credentials.
 */
function probing(world: SimulationWorld, days: readonly SimulatedDay[], random: SimulationRandom): ScenarioPlan {
  const day = scenarioDay(days, 'probing', true);
  const system = world.systems['market-supervision']!;
  const user = 'market.s09';
  const outsider = '10.66.23.9';
  const resident = random.pick(world.pools.household).id;
  const company = random.pick(world.pools.companies).id;
  const tries: [string, string, string, Record<string, unknown>][] = [
    ['331199-GA-0001', 'MARKET-SUPERVISION', user, { subject: resident }],
    ['331199-GA-0001', 'ASSISTANCE-ELIGIBILITY', user, { subject: resident }],
    ['331199-GA-0003', 'PUBLIC-ORDER', user, { subject: resident }],
    ['331199-MZ-0001', 'MARKET-SUPERVISION', user, { subject: resident }],
    ['331199-RS-0001', 'MARKET-SUPERVISION', user, { subject: resident }],
    ['331199-SW-0002', 'MARKET-SUPERVISION', user, { subject: resident }],
    ['331199-SW-0001', 'TAX-REGISTRATION', user, { subject: company }],
    ['331199-SW-0001', 'MARKET-SUPERVISION', 'market.admin', { subject: company }],
    ['331199-SW-0001', 'MARKET-SUPERVISION', 'tax.admin', { subject: company }],
    ['331199-SW-0001', 'MARKET-SUPERVISION', user, { subject: company, items: ['annual_income'] }],
    ['331199-SC-0001', 'MARKET-SUPERVISION', user, { subject: company }],
    ['331199-WJ-0002', 'MARKET-SUPERVISION', user, { subject: resident }],
  ];
  const calls: PlannedCall[] = [];
  for (let index = 0; index < 24; index += 1) {
    const [resourceCode, purposeCode, login, body] = tries[index % tries.length]!;
    calls.push({ at: at(day, 16, 20) + index * 30_000, system: system.key, user: login, ip: system.servers[0]!, resourceCode, purposeCode, operation: 'query', body, issue: null, actor: 'probing', phase: 'grants' });
  }
  for (let index = 0; index < 12; index += 1) {
    const token = `cus_c_${Array.from({ length: 32 }, () => random.pick([...'abcdefghijklmnopqrstuvwxyz0123456789'])).join('')}`;
    calls.push({ at: at(day, 16, 40) + index * 20_000, system: system.key, user, ip: outsider, resourceCode: '331199-GA-0001', purposeCode: 'ASSISTANCE-ELIGIBILITY', operation: 'query', body: { subject: resident }, issue: null, actor: 'probing', phase: 'tokens', token });
  }
  return { name: 'probing', persons: [user], systems: [system.key], addresses: [outsider], calls, syncMinutes: 5 };
}

const BUILDERS: Record<ScenarioName, (world: SimulationWorld, days: readonly SimulatedDay[], random: SimulationRandom) => ScenarioPlan> = {
  'insider-bulk-export': insiderBulkExport,
  'stolen-credential': stolenCredential,
  'contractor-abuse': contractorAbuse,
  'slow-exfiltration': slowExfiltration,
  'out-of-jurisdiction': outOfJurisdiction,
  probing,
};

/** The plans of the named scenarios, each from its own random stream. */
export function scenarioPlans(world: SimulationWorld, names: readonly ScenarioName[], random: SimulationRandom): ScenarioPlan[] {
  const days = simulatedDays(world.start, world.days, world.calendar);
  return names.map((name) => BUILDERS[name](world, days, random.fork(`scenario:${name}`)));
}

/** Whether a scenario never gives up on refusals: probing is made of them. */
export function persistsThroughRefusals(name: ScenarioName): boolean {
  return name === 'probing';
}
