/**
 * A Custos server process for the multi-process tests: the real runtime and HTTP server, on a
 * given data folder, PostgreSQL URL and schema, with the clock fixed at an instant (the tests'
 * grants are in force then). Prints its URL on the first line of stdout; stops on SIGTERM.
 */
import { loadConfig } from '../../src/config/config.ts';
import { ManualClock } from '../../src/core/shared/clock.ts';
import { openRuntime } from '../../src/main/runtime.ts';

const [dataDir, databaseUrl, schema, instant] = process.argv.slice(2) as [string, string, string, string];
const config = loadConfig({ environment: {}, flags: { dataDir, databaseUrl, logLevel: 'silent' } });
const runtime = openRuntime(config, { clock: new ManualClock(instant), schema });
const server = await runtime.serve('127.0.0.1', 0);
process.stdout.write(`${server.url}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => runtime.close());
});
