/**
 * bench/detect: the detectors of issue #7 over 5,000,000 synthetic events, at 1,000 and at
 * 100,000 principals (two child processes, so that each peak RSS is its run's own).
 *
 * Each run (bench/detect/workload.ts) makes a seeded, realistic stream (bench/detect/
 * synthetic-events.ts: office-hours traffic over 14 days, lookups, multi-subject queries, pages
 * and exports, denials, administrative acts, grades up to core) in batches of 500 events. Each
 * batch is read by the baseline — a loop that only reads and counts the events — and by a
 * DetectionEngine with all twelve detectors and the production working-time adapter over the
 * default calendar. Only those two loops are timed; making the events is not.
 *
 *   npm run bench:detect                (EVENTS=5000000)
 * Its last line is JSON: {"events_per_s", "peak_rss_mb_1k", "peak_rss_mb_100k"}, events_per_s
 * being the slower of the two runs. Targets: ≥ 200,000 events/s on one core, ≤ 1 GB at 100,000
 * principals.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { WorkloadFigures } from './detect/workload.ts';

const EVENTS = Number(process.env['EVENTS'] ?? 5_000_000);
const TARGET_EVENTS_PER_S = 200_000;
const TARGET_RSS_MB_100K = 1024;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function run(principals: number): Promise<WorkloadFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'detect', 'workload.ts'), String(principals), String(EVENTS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1);
      if (code !== 0 || !last) return reject(new Error(`workload for ${principals} principals exited with ${code}`));
      resolve(JSON.parse(last) as WorkloadFigures);
    });
  });
}

function describe(figures: WorkloadFigures): void {
  const ratio = figures.engineEventsPerSecond / figures.baselineEventsPerSecond;
  out(`${figures.principals.toLocaleString('en')} principals (${figures.persons.toLocaleString('en')} people, ${figures.credentials.toLocaleString('en')} credentials, ${figures.organisations.toLocaleString('en')} departments), ${figures.events.toLocaleString('en')} events:`);
  out(`  detectors: ${Math.round(figures.engineEventsPerSecond).toLocaleString('en')} events/s (${figures.engineSeconds.toFixed(2)} s, ${((figures.engineSeconds / figures.events) * 1e6).toFixed(2)} µs an event)`);
  out(`  baseline (read and count): ${Math.round(figures.baselineEventsPerSecond).toLocaleString('en')} events/s (${figures.baselineSeconds.toFixed(3)} s); ratio detectors/baseline ${ratio.toFixed(4)}`);
  out(`  peak RSS ${figures.peakRssMb.toFixed(0)} MB; at the end: detector rows ${figures.arrayBuffersMb.toFixed(0)} MB, JS heap ${figures.heapUsedMb.toFixed(0)} MB`);
  out(`  principals with state: ${JSON.stringify(figures.statesByDetector)}`);
  out(`  findings: ${JSON.stringify(figures.findings)}`);
}

out(`bench:detect — ${EVENTS.toLocaleString('en')} synthetic events through all 12 detectors, one process per run, Node ${process.version}`);
const small = await run(1_000);
describe(small);
const large = await run(100_000);
describe(large);
const eventsPerSecond = Math.min(small.engineEventsPerSecond, large.engineEventsPerSecond);
out(`targets: ≥ ${TARGET_EVENTS_PER_S.toLocaleString('en')} events/s: ${eventsPerSecond >= TARGET_EVENTS_PER_S ? 'met' : 'not met'} (slower run ${Math.round(eventsPerSecond).toLocaleString('en')}); ≤ ${TARGET_RSS_MB_100K} MB at 100,000 principals: ${large.peakRssMb <= TARGET_RSS_MB_100K ? 'met' : 'not met'} (${large.peakRssMb.toFixed(0)} MB)`);
out(JSON.stringify({ events_per_s: Math.round(eventsPerSecond), peak_rss_mb_1k: Math.round(small.peakRssMb), peak_rss_mb_100k: Math.round(large.peakRssMb) }));
