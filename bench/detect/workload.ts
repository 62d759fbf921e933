/**
 * One measured run of bench/detect, in its own process so that its peak RSS is its own:
 *   node bench/detect/workload.ts <principals> <events>
 * The seeded stream is made in batches of BATCH events (made outside the clocks). Each batch is
 * read twice: by the baseline, a loop that only reads and counts the events, and by a
 * DetectionEngine with the production working-time adapter over the default calendar. Only those
 * two loops are timed. Prints one JSON line of figures.
 */
import { DEFAULT_CALENDAR, DEFAULT_WORKING_HOURS } from '../../src/core/calendar/index.ts';
import { DetectionEngine, organisationWorkingTime, type DetectionEvent, type DetectorName } from '../../src/core/detection/index.ts';
import { SyntheticStream } from './synthetic-events.ts';

export interface WorkloadFigures {
  principals: number;
  persons: number;
  credentials: number;
  organisations: number;
  events: number;
  baselineSeconds: number;
  engineSeconds: number;
  baselineEventsPerSecond: number;
  engineEventsPerSecond: number;
  peakRssMb: number;
  /** After the run: the engine's state is all that is left on the heap besides the stream's pools. */
  heapUsedMb: number;
  arrayBuffersMb: number;
  findings: Partial<Record<DetectorName, number>>;
  statesByDetector: Record<DetectorName, number>;
  /** Counted in the baseline loop, so that the loop cannot be optimised away. */
  checksum: number;
}

/** Small enough that a batch is still in the processor's caches when the engine reads it, as live events would be. */
const BATCH = 500;
const principals = Number(process.argv[2]);
const events = Number(process.argv[3]);
if (!Number.isInteger(principals) || principals < 100 || !Number.isInteger(events) || events < 1) {
  throw new Error('usage: node bench/detect/workload.ts <principals ≥ 100> <events>');
}

/** The baseline: read every event and count what a detector would at least look at. */
function count(batch: readonly DetectionEvent[]): number {
  let total = 0;
  for (let index = 0; index < batch.length; index += 1) {
    const event = batch[index]!;
    total += event.kind === 'access' ? event.records + event.subjects.length : 1;
  }
  return total;
}

const stream = new SyntheticStream({ principals, events, days: 14, seed: 20_260_302 });
const everyone = { hours: DEFAULT_WORKING_HOURS, calendar: DEFAULT_CALENDAR };
const engine = new DetectionEngine({ isWorkingTime: organisationWorkingTime(() => everyone) });
const findings: Partial<Record<DetectorName, number>> = {};
let baselineMilliseconds = 0;
let engineMilliseconds = 0;
let checksum = 0;
const batch: DetectionEvent[] = [];
for (let made = 0; made < events; made += batch.length) {
  batch.length = 0;
  for (let index = 0; index < Math.min(BATCH, events - made); index += 1) batch.push(stream.next());
  let started = performance.now();
  checksum += count(batch);
  baselineMilliseconds += performance.now() - started;
  started = performance.now();
  for (let index = 0; index < batch.length; index += 1) {
    const found = engine.observe(batch[index]!);
    for (let at = 0; at < found.length; at += 1) findings[found[at]!.detector] = (findings[found[at]!.detector] ?? 0) + 1;
  }
  engineMilliseconds += performance.now() - started;
}
batch.length = 0;

const memory = process.memoryUsage();
const figures: WorkloadFigures = {
  principals,
  persons: stream.persons,
  credentials: stream.credentials,
  organisations: stream.organisations,
  events,
  baselineSeconds: baselineMilliseconds / 1000,
  engineSeconds: engineMilliseconds / 1000,
  baselineEventsPerSecond: events / (baselineMilliseconds / 1000),
  engineEventsPerSecond: events / (engineMilliseconds / 1000),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  heapUsedMb: memory.heapUsed / 1024 / 1024,
  arrayBuffersMb: memory.arrayBuffers / 1024 / 1024,
  findings,
  statesByDetector: engine.principalCounts(),
  checksum,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
