import { DEFAULT_CALENDAR } from '../../src/core/calendar/index.ts';
import { SIMULATION_START } from '../../src/main/simulate/work-pattern.ts';
import { subjectPools } from '../../src/main/simulate/world-setup.ts';
import { groupLogin, SYSTEMS, USER_GROUPS } from '../../src/main/simulate/world-plan.ts';
import type { SimulationWorld } from '../../src/main/simulate/world.ts';

let pools: SimulationWorld['pools'] | undefined;

/** The simulated world as setup would enrol it, with made-up ids and tokens: no server needed. */
export function testWorld(days: number): SimulationWorld {
  pools ??= subjectPools();
  const systems = Object.fromEntries(SYSTEMS.map((system) => [system.key, { key: system.key, credentialId: `credential:${system.key}`, token: `cus_c_${system.key}`, servers: [...system.servers] }]));
  const people = USER_GROUPS.flatMap((group) => [
    ...group.existing.map((login) => ({ login, id: `person:${login}`, group: group.key, system: group.system })),
    ...Array.from({ length: group.count }, (_, index) => {
      const login = groupLogin(group, index + 1);
      return { login, id: `person:${login}`, group: group.key, system: group.system };
    }),
  ]);
  return { region: '331199', calendar: DEFAULT_CALENDAR, start: SIMULATION_START, days, systems, people, pools };
}
