import type { WorkingCalendar } from '../../core/calendar/index.ts';
import type { SubjectPool } from './world-plan.ts';

/*
 * The simulated region as the traffic model sees it once it is enrolled: who can call, with which
 * token, from where, and which subjects exist. Plain data, so the traffic and scenario models are
 * pure functions of it and of a seed, and tests build small worlds by hand.
 */

/** A data subject: a resident (resident ID) or a company (USCC). */
export interface SimulatedSubject {
  id: string;
  name: string;
  /** The town (乡镇) of the address, which gives each caseworker a patch. */
  town: string;
  /** The six-digit division code the identifier was issued in. */
  region: string;
}

export interface SimulatedSystem {
  key: string;
  credentialId: string;
  token: string;
  servers: string[];
}

/** An end user the benign model drives. */
export interface SimulatedPerson {
  login: string;
  id: string;
  group: string;
  system: string;
}

export interface SimulationWorld {
  /** The county's division code. */
  region: string;
  calendar: WorkingCalendar;
  /** Midnight in Shanghai starting simulated day 1, as epoch milliseconds. */
  start: number;
  days: number;
  systems: Record<string, SimulatedSystem>;
  people: SimulatedPerson[];
  pools: Record<SubjectPool, SimulatedSubject[]>;
}

const TOWN = /云溪县(.+?[镇乡])/;

/** The town of a county address, or '' for an address outside any town. */
export function townOf(address: string): string {
  return TOWN.exec(address)?.[1] ?? '';
}

export function personByLogin(world: SimulationWorld, login: string): SimulatedPerson {
  const person = world.people.find((candidate) => candidate.login === login);
  if (!person) throw new Error(`no simulated person ${login}`);
  return person;
}
