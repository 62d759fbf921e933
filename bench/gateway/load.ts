/**
 * The load generator, run as its own process so that it does not share the server's event loop:
 * autocannon against one URL, each request's body taken in turn from a list (so that consecutive
 * gateway calls ask for different subjects), and autocannon's figures printed as one JSON line.
 *
 *   node bench/gateway/load.ts '<LoadPlan as JSON>'
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';

/** What the parent asks of one run. */
export interface LoadPlan {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  /** X-Custos-User values sent in turn, one a request. */
  users: string[];
  /** A JSON file holding the request bodies (strings), sent in rotation. */
  bodiesFile: string;
}

/** What the parent reads back. */
export interface LoadFigures {
  requestsPerSecond: number;
  requests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  seconds: number;
  /** How late this process's own event loop ran (p99, max): a starved load generator inflates latencies. */
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
}

const plan = JSON.parse(process.argv[2] ?? '') as LoadPlan;
const bodies = JSON.parse(readFileSync(plan.bodiesFile, 'utf8')) as string[];
if (bodies.length === 0) throw new Error('no request bodies');
let next = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const result = await autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.seconds,
  timeout: 10,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...plan.headers },
      setupRequest(request) {
        request.body = bodies[next]!;
        request.headers = { ...request.headers, 'x-custos-user': plan.users[next % plan.users.length]! };
        next = (next + 1) % bodies.length;
        return request;
      },
    },
  ],
});

const figures: LoadFigures = {
  requestsPerSecond: result.requests.average,
  requests: result.requests.total,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  latencyMaxMs: result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
  seconds: result.duration,
  clientLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
  clientLoopDelayMaxMs: Math.round(loopDelay.max / 1e5) / 10,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
