import { grantPlan, USER_GROUPS, type ActivityPlan, type GrantPlan, type UserGroupPlan } from './world-plan.ts';
import { byTime, type HardCase, type PlannedCall } from './planned-call.ts';
import type { SimulationRandom } from './random.ts';
import { dutyTimes, MINUTE, officeTimes, overtimeTimes, personalRhythm, simulatedDays, type SimulatedDay } from './work-pattern.ts';
import type { SimulatedPerson, SimulatedSubject, SimulationWorld } from './world.ts';

/*
 * Benign traffic: what a county's departments do on the gateway on ordinary days, with the cases
 * that look like attacks and are not — overtime, a server moving to a new address, new staff and
 * new tasks (first uses), month-end bursts, and lookups of residents registered elsewhere. Every
 * figure is drawn from the seed; nothing here talks to the server.
 */

/** The counts the report gives for each hard case. */
export interface HardCaseCounts {
  overtime_person_days: number;
  overtime_calls: number;
  ip_changes: number;
  first_uses: number;
  month_end_burst_person_days: number;
  month_end_burst_calls: number;
  cross_region_calls: number;
}

export interface BenignTraffic {
  calls: PlannedCall[];
  hardCases: HardCaseCounts;
}

/** Share of a person's lookups that revisit their own caseload rather than someone new. */
const REVISIT = 0.65;
/** Verifications where the name typed at the window does not match the register. */
const MISTYPED = 0.03;

/** A server change of a system: a migration (until null) or an afternoon on the standby. */
interface AddressChange {
  system: string;
  day: number;
  fromMinute: number;
  toMinute: number | null;
  server: string;
}

/** When and to whom the hard cases happen, placed by the run's length. */
export interface HardCasePlan {
  addressChanges: AddressChange[];
  /** Staff who start on `newStaffDay` and did not work before. */
  newStaff: string[];
  newStaffDay: number;
  /** Staff who take up another grant's work from `newTaskDay` on. */
  newTask: { logins: string[]; activity: ActivityPlan };
  newTaskDay: number;
}

/** The first working day at or after `index`, or `index` when none follows within the run. */
export function workingDayFrom(days: readonly SimulatedDay[], index: number): number {
  return days.find((day) => day.index >= index && day.working)?.index ?? Math.min(index, days.length - 1);
}

export function hardCasePlan(days: readonly SimulatedDay[]): HardCasePlan {
  const at = (share: number) => workingDayFrom(days, Math.floor(days.length * share));
  return {
    addressChanges: [
      { system: 'civil-marriage', day: at(0.45), fromMinute: 13 * 60 + 30, toMinute: 17 * 60 + 30, server: '10.31.2.12' },
      { system: 'tax-collection', day: at(0.6), fromMinute: 12 * 60, toMinute: null, server: '10.35.1.21' },
    ],
    newStaff: ['health.p69', 'health.p70'],
    newStaffDay: at(0.5),
    newTask: { logins: ['hrss.c11', 'hrss.c12'], activity: { grant: 'hrss-employer', weight: 0.25 } },
    newTaskDay: at(0.65),
  };
}

function pickWeighted(random: SimulationRandom, activities: readonly ActivityPlan[]): ActivityPlan {
  let roll = random.next() * activities.reduce((sum, activity) => sum + activity.weight, 0);
  for (const activity of activities) {
    roll -= activity.weight;
    if (roll < 0) return activity;
  }
  return activities.at(-1)!;
}

/** A case or document number that stays the same for the same subject (one file per household). */
export function caseNumber(prefix: string, year: string, subject: string): string {
  let hash = 0;
  for (let index = 0; index < subject.length; index += 1) hash = (hash * 31 + subject.charCodeAt(index)) >>> 0;
  return `${prefix}〔${year}〕${1000 + (hash % 9000)}号`;
}

/** The request a grant's end user sends about `subject`. */
export function callBody(grant: GrantPlan, subject: SimulatedSubject, random: SimulationRandom): Record<string, unknown> {
  if (grant.operation === 'verify') {
    const name = random.chance(MISTYPED) ? `${subject.name.slice(0, -1)}${subject.name.endsWith('华') ? '化' : '华'}` : subject.name;
    return { subject: subject.id, assert: { name } };
  }
  return { subject: subject.id };
}

interface PersonModel {
  person: SimulatedPerson;
  group: UserGroupPlan;
  random: SimulationRandom;
  rate: number;
  rhythm: ReturnType<typeof personalRhythm>;
  /** Which of the pool's towns is the person's patch. */
  townIndex: number;
  /** Per grant: the subjects of the person's patch, and the caseload within it. */
  patch: Map<string, { town: SimulatedSubject[]; caseload: SimulatedSubject[] }>;
}

export function benignTraffic(world: SimulationWorld, random: SimulationRandom): BenignTraffic {
  const days = simulatedDays(world.start, world.days, world.calendar);
  const plan = hardCasePlan(days);
  const hardCases: HardCaseCounts = { overtime_person_days: 0, overtime_calls: 0, ip_changes: 0, first_uses: 0, month_end_burst_person_days: 0, month_end_burst_calls: 0, cross_region_calls: 0 };
  const calls: PlannedCall[] = [];
  const turns = new Map<string, number>();

  const serverFor = (system: string, at: number): { ip: string; changed: boolean } => {
    const day = Math.floor((at - world.start) / (24 * 60 * MINUTE));
    const minute = Math.floor((at - days[Math.min(day, days.length - 1)]!.start) / MINUTE);
    for (const change of plan.addressChanges) {
      if (change.system !== system) continue;
      const started = day > change.day || (day === change.day && minute >= change.fromMinute);
      const ended = change.toMinute !== null && (day > change.day || minute >= change.toMinute);
      if (started && !ended) return { ip: change.server, changed: true };
    }
    const servers = world.systems[system]!.servers;
    const turn = turns.get(system) ?? 0;
    turns.set(system, turn + 1);
    return { ip: servers[turn % servers.length]!, changed: false };
  };

  const emit = (model: PersonModel, at: number, activity: ActivityPlan, hardCase: HardCase | undefined, callRandom: SimulationRandom) => {
    const grant = grantPlan(activity.grant);
    const patch = model.patch.get(grant.key) ?? patchFor(model, grant, world);
    const subject = model.group.caseload > 0 && patch.caseload.length > 0 && callRandom.chance(REVISIT) ? callRandom.pick(patch.caseload) : callRandom.pick(patch.town);
    const server = serverFor(model.person.system, at);
    const crossRegion = grant.pool === 'floating' && !subject.region.startsWith(world.region);
    if (crossRegion) hardCases.cross_region_calls += 1;
    const tag = hardCase ?? (server.changed ? 'ip-change' : crossRegion ? 'cross-region' : undefined);
    calls.push({
      at,
      system: model.person.system,
      user: model.person.login,
      ip: server.ip,
      resourceCode: grant.resourceCode,
      purposeCode: grant.purposeCode,
      operation: grant.operation,
      body: callBody(grant, subject, callRandom),
      issue: grant.issuePrefix ? caseNumber(grant.issuePrefix, days[0]!.date.slice(0, 4), subject.id) : null,
      actor: 'benign',
      ...(tag === undefined ? {} : { hardCase: tag }),
    });
  };

  for (const group of USER_GROUPS) {
    const members = world.people.filter((person) => person.group === group.key);
    const models = members.map((person, townIndex): PersonModel => {
      const personal = random.fork(`person:${person.login}`);
      return { person, group, random: personal, rate: personal.integer(...group.callsPerDay), rhythm: personalRhythm(personal), townIndex, patch: new Map() };
    });
    for (const model of models) {
      const { person, random: personal } = model;
      const startDay = plan.newStaff.includes(person.login) ? plan.newStaffDay : 0;
      const newTask = plan.newTask.logins.includes(person.login);
      let firstDay = true;
      for (const day of days) {
        if (day.index < startDay || !day.working) continue;
        const dayRandom = personal.fork(`day:${day.index}`);
        const factor = day.monthEnd ? group.monthEnd : 1;
        const usual = Math.round(model.rate * (0.6 + 0.8 * dayRandom.next()));
        let count = Math.round(usual * factor);
        if (factor > 1 && count > usual) {
          hardCases.month_end_burst_person_days += 1;
          hardCases.month_end_burst_calls += count - usual;
        }
        const activities = newTask && day.index >= plan.newTaskDay ? [...group.activities, plan.newTask.activity] : group.activities;
        // On a person's first day every tool they have is used once: later first uses are the hard case.
        if (firstDay) count = Math.max(count, group.activities.length);
        const times = officeTimes(dayRandom, day.start, count, model.rhythm);
        times.forEach((at, call) => {
          const activity = firstDay && call < group.activities.length ? group.activities[call]! : pickWeighted(dayRandom, activities);
          const hardCase = activity === plan.newTask.activity || (startDay > 0 && firstDay) ? 'first-use' : day.monthEnd && factor > 1 ? 'month-end' : undefined;
          emit(model, at, activity, hardCase, dayRandom);
        });
        if (count > 0) firstDay = false;
        if (dayRandom.chance(group.overtime)) {
          const late = overtimeTimes(dayRandom, day.start, dayRandom.integer(3, 15));
          hardCases.overtime_person_days += 1;
          hardCases.overtime_calls += late.length;
          for (const at of late) emit(model, at, pickWeighted(dayRandom, group.activities), 'overtime', dayRandom);
        }
      }
    }
    restDayDuty(group, models, days, random, (model, at, dayRandom) => emit(model, at, pickWeighted(dayRandom, group.activities), 'overtime', dayRandom), hardCases);
  }
  const present = new Set(world.people.map((person) => person.login));
  hardCases.first_uses = [...plan.newStaff, ...plan.newTask.logins].filter((login) => present.has(login)).length;
  hardCases.ip_changes = plan.addressChanges.filter((change) => world.systems[change.system] !== undefined).length;
  return { calls: calls.sort(byTime), hardCases };
}

/** On rest days a few of a group are on duty: a handful of lookups, all outside working time. */
function restDayDuty(group: UserGroupPlan, members: readonly PersonModel[], days: readonly SimulatedDay[], random: SimulationRandom, emit: (model: PersonModel, at: number, dayRandom: SimulationRandom) => void, counts: HardCaseCounts): void {
  if (group.restDayDuty === 0 || members.length === 0) return;
  for (const day of days) {
    if (day.working) continue;
    const dayRandom = random.fork(`duty:${group.key}:${day.index}`);
    for (const person of dayRandom.sample(members, group.restDayDuty)) {
      const times = dutyTimes(dayRandom, day.start, dayRandom.integer(3, 8));
      counts.overtime_person_days += 1;
      counts.overtime_calls += times.length;
      for (const at of times) emit(person, at, dayRandom);
    }
  }
}

/**
 * A person's patch for a grant: the subjects of one town (caseworkers and officers each cover a
 * town), and the caseload they keep returning to. Floating residents and companies have towns too.
 */
function patchFor(model: PersonModel, grant: GrantPlan, world: SimulationWorld): { town: SimulatedSubject[]; caseload: SimulatedSubject[] } {
  const pool = world.pools[grant.pool];
  const towns = [...new Set(pool.map((subject) => subject.town))].sort();
  const town = pool.filter((subject) => subject.town === towns[model.townIndex % Math.max(towns.length, 1)]);
  const patch = { town: town.length > 0 ? town : pool, caseload: model.random.fork(`caseload:${grant.key}`).sample(town.length > 0 ? town : pool, model.group.caseload) };
  model.patch.set(grant.key, patch);
  return patch;
}
