import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/shared/clock.ts';
import { loadConfig } from '../../config/config.ts';
import { openRuntime } from '../runtime.ts';
import { benignTraffic } from './benign-traffic.ts';
import { DetectionClient, type Alert } from './detection-client.ts';
import { drive } from './driver.ts';
import { computeFigures, type ScenarioEvidence, type SimulationDetails, type SimulationFigures } from './metrics.ts';
import type { SimulationOptions } from './options.ts';
import { simulationRandom } from './random.ts';
import type { TrafficSummary } from './report.ts';
import { scenarioPlans } from './scenarios.ts';
import { enrolWorld } from './world-setup.ts';
import { personByLogin } from './world.ts';
import { SIMULATION_START } from './work-pattern.ts';

/** Setup happens the Friday before, mid-morning: enrolment and approvals are office work too. */
const SETUP_TIME = '2026-04-17T10:00:00+08:00';
/** The simulated region sits behind a load balancer on the loopback interface, which it trusts to name each caller's address. */
const LOAD_BALANCER = '127.0.0.1';

export type Phase = 'seed' | 'enrol' | 'traffic';
export type Progress = (phase: Phase, done: number, total: number, label: string) => void;

export interface SimulationOutcome {
  figures: SimulationFigures;
  details: SimulationDetails;
  traffic: TrafficSummary;
  /** The temporary data folder, when kept. */
  keptFolder: string | null;
}

/**
 * `custos simulate`: a demo region of its own in a temporary folder, served on a loopback port
 * with a clock the simulator owns, driven over HTTP through simulated days of benign traffic and
 * the chosen attacks, then measured through the supervisor's alerts API. Nothing outside the
 * temporary folder is read or written: the environment's configuration is not consulted.
 */
export async function simulate(options: SimulationOptions, progress: Progress): Promise<SimulationOutcome> {
  const root = mkdtempSync(join(tmpdir(), 'custos-simulate-'));
  const config = loadConfig({ flags: { dataDir: join(root, 'data'), logLevel: 'silent', host: '127.0.0.1', port: 0, trustProxy: [LOAD_BALANCER] }, environment: {} });
  const clock = new ManualClock(SETUP_TIME);
  const runtime = openRuntime(config, { clock });
  let server: { url: string; close(): Promise<void> } | null = null;
  try {
    await runtime.migrate();
    const { world, supervisorToken } = await enrolWorld(runtime.context, runtime.services, { start: SIMULATION_START, days: options.days }, {
      seed: (done, total, label) => progress('seed', done, total, label),
      enrol: (done, total, label) => progress('enrol', done, total, label),
    });
    server = await runtime.serve('127.0.0.1', 0);
    const detection = new DetectionClient(server.url, supervisorToken);
    // Fail before hours of traffic, not after: without the alerts API nothing can be measured.
    await detection.status();

    const random = simulationRandom(options.seed);
    const benign = benignTraffic(world, random.fork('benign'));
    const plans = scenarioPlans(world, options.scenarios, random.fork('scenarios'));
    clock.set(new Date(SIMULATION_START));
    const { runs, traffic } = await drive({ baseUrl: server.url, clock, world, benign: benign.calls, scenarios: plans, detection, progress: (done, total, label) => progress('traffic', done, total, label) });

    const alerts: Alert[] = await detection.alerts();
    const scenarioPersons = new Set(plans.flatMap((plan) => plan.persons));
    const scenarioSystems = new Set(plans.flatMap((plan) => plan.systems));
    const evidence: ScenarioEvidence[] = runs.map((run) => ({
      name: run.plan.name,
      personIds: new Set(run.plan.persons.map((login) => personByLogin(world, login).id)),
      credentialIds: new Set(run.plan.systems.map((key) => world.systems[key]!.credentialId)),
      addresses: new Set(run.plan.addresses),
      firstCallAt: run.firstCallAt,
      seqs: run.seqs,
      recordsLeaked: run.recordsLeaked,
    }));
    const benignSystems = new Set(benign.calls.map((call) => call.system));
    const { figures, details } = computeFigures({
      alerts,
      scenarios: evidence,
      hardCases: benign.hardCases,
      // Conservative: the principals an attack used are left out of the benign count, even for the days before it.
      benignPersons: world.people.filter((person) => !scenarioPersons.has(person.login)).length,
      benignCredentials: [...benignSystems].filter((system) => !scenarioSystems.has(system)).length,
      days: options.days,
    });
    return { figures, details, traffic, keptFolder: options.keep ? root : null };
  } finally {
    await server?.close();
    await runtime.close();
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
}
