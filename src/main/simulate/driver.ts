import type { ManualClock } from '../../core/shared/clock.ts';
import type { DetectionClient } from './detection-client.ts';
import { CREDENTIAL_CONTAINMENT_CODES, GRANT_CONTAINMENT_CODES, sendCall, type CallOutcome } from './gateway-client.ts';
import type { ScenarioName } from './options.ts';
import { byTime, type PlannedCall } from './planned-call.ts';
import type { TrafficSummary } from './report.ts';
import { persistsThroughRefusals, type ScenarioPlan } from './scenarios.ts';
import { DAY, MINUTE } from './work-pattern.ts';
import type { SimulationWorld } from './world.ts';

/*
 * The clock driver: walks the planned calls in simulated time, a minute at a time. For each
 * minute it sets the simulated clock the server reads, sends that minute's calls over HTTP, and
 * moves on; empty minutes cost nothing, so days pass in seconds. While an attack runs it waits
 * every few simulated minutes for the server's detection to catch up, as detection running in
 * real time would, so that containment stops an attacker when it would have in production.
 */

/** Calls in flight at once within one simulated minute. */
const CONCURRENCY = 8;
/** Refusals in a row after which an attacker gives up a step (an exhausted quota, a closed door). */
const GIVE_UP_AFTER = 3;
/** How long after its last planned call a scenario still counts as running, for catching up. */
const RUNNING_AFTER = 15 * MINUTE;

export interface ScenarioRun {
  plan: ScenarioPlan;
  firstCallAt: number | null;
  seqs: Set<number>;
  recordsLeaked: number;
  sent: number;
  refused: number;
  refusals: Record<string, number>;
  contained: boolean;
  cursor: string | null;
  refusedInRow: Map<string, number>;
  givenUp: Set<string>;
}

export interface DriveResult {
  runs: ScenarioRun[];
  traffic: TrafficSummary;
  lastSeq: number | null;
}

export interface DriveInput {
  baseUrl: string;
  clock: ManualClock;
  world: SimulationWorld;
  benign: readonly PlannedCall[];
  scenarios: readonly ScenarioPlan[];
  detection: DetectionClient;
  progress: (done: number, total: number, label: string) => void;
}

async function eachLimited<Item>(items: readonly Item[], limit: number, work: (item: Item) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function drive(input: DriveInput): Promise<DriveResult> {
  const { world, clock } = input;
  const runs = new Map<ScenarioName, ScenarioRun>(
    input.scenarios.map((plan) => [plan.name, { plan, firstCallAt: null, seqs: new Set(), recordsLeaked: 0, sent: 0, refused: 0, refusals: {}, contained: false, cursor: null, refusedInRow: new Map(), givenUp: new Set() }]),
  );
  const windows = input.scenarios
    .filter((plan) => plan.calls.length > 0)
    .map((plan) => ({ from: plan.calls[0]!.at, to: plan.calls.at(-1)!.at + RUNNING_AFTER, every: plan.syncMinutes * MINUTE }));
  const calls = [...input.benign, ...input.scenarios.flatMap((plan) => plan.calls)].sort(byTime);
  const traffic: TrafficSummary = { benignCalls: 0, benignRecords: 0, benignRefusals: {}, blockedByContainment: 0, scenarioCalls: {} };
  const contained = new Set<string>();
  let lastSeq: number | null = null;
  let lastSync = world.start;
  const totalMinutes = world.days * 24 * 60;

  const catchUp = async (now: number) => {
    lastSync = now;
    await input.detection.catchUp(lastSeq);
  };

  const grantOf = (call: PlannedCall) => `${call.resourceCode}|${call.purposeCode}`;
  const handle = async (call: PlannedCall, now: number) => {
    const run = call.actor === 'benign' ? null : runs.get(call.actor)!;
    const ownCredential = call.token === undefined;
    // Once a system learns its credential or grant was contained it stops calling with it, as its operators would.
    if (ownCredential && (contained.has(call.system) || contained.has(grantOf(call)))) {
      if (!run) traffic.blockedByContainment += 1;
      return;
    }
    if (run && call.phase !== undefined && run.givenUp.has(call.phase)) return;
    if (run && call.continuePaging && run.cursor === null) return;
    const token = world.systems[call.system]!.token;
    const outcome: CallOutcome = await sendCall(input.baseUrl, call, token, run?.cursor ?? null);
    if (outcome.seq !== null && (lastSeq === null || outcome.seq > lastSeq)) lastSeq = outcome.seq;
    const containedCredential = outcome.code !== null && CREDENTIAL_CONTAINMENT_CODES.has(outcome.code);
    const containedGrant = outcome.code !== null && GRANT_CONTAINMENT_CODES.has(outcome.code);
    if (containedCredential && ownCredential) contained.add(call.system);
    if (containedGrant) contained.add(grantOf(call));
    if (!run) {
      traffic.benignCalls += 1;
      traffic.benignRecords += outcome.records;
      if (outcome.code !== null) traffic.benignRefusals[outcome.code] = (traffic.benignRefusals[outcome.code] ?? 0) + 1;
      return;
    }
    run.firstCallAt ??= now;
    run.sent += 1;
    if (outcome.seq !== null) run.seqs.add(outcome.seq);
    if (containedCredential || containedGrant) run.contained = true;
    run.recordsLeaked += outcome.records;
    if (call.continuePaging || call.operation === 'query') run.cursor = outcome.nextCursor;
    const phase = call.phase ?? '';
    if (outcome.status >= 400) {
      run.refused += 1;
      run.refusals[outcome.code ?? `HTTP_${outcome.status}`] = (run.refusals[outcome.code ?? `HTTP_${outcome.status}`] ?? 0) + 1;
      const inRow = (run.refusedInRow.get(phase) ?? 0) + 1;
      run.refusedInRow.set(phase, inRow);
      if (inRow >= GIVE_UP_AFTER && !persistsThroughRefusals(run.plan.name)) run.givenUp.add(phase);
    } else {
      run.refusedInRow.set(phase, 0);
    }
  };

  for (let index = 0; index < calls.length; ) {
    const minute = Math.floor(calls[index]!.at / MINUTE) * MINUTE;
    let end = index;
    while (end < calls.length && calls[end]!.at < minute + MINUTE) end += 1;
    const running = windows.find((window) => minute >= window.from && minute <= window.to);
    const dayChanged = Math.floor((minute - world.start) / DAY) !== Math.floor((lastSync - world.start) / DAY);
    if (dayChanged || (running && minute - lastSync >= running.every)) await catchUp(minute);
    clock.set(new Date(minute));
    await eachLimited(calls.slice(index, end), CONCURRENCY, (call) => handle(call, minute));
    const elapsed = Math.min(totalMinutes, Math.floor((minute - world.start) / MINUTE));
    input.progress(elapsed, totalMinutes, `第 ${Math.floor(elapsed / 1440) + 1} 天 / day ${Math.floor(elapsed / 1440) + 1}`);
    index = end;
  }
  clock.set(new Date(world.start + world.days * DAY));
  await catchUp(world.start + world.days * DAY);
  input.progress(totalMinutes, totalMinutes, '完成 / done');
  for (const run of runs.values()) traffic.scenarioCalls[run.plan.name] = { sent: run.sent, refusals: run.refusals, contained: run.contained };
  return { runs: [...runs.values()], traffic, lastSeq };
}
