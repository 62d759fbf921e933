import { readFileSync } from 'node:fs';
import { buildProgram } from '../cli/program.ts';
import { reportError } from '../cli/run-command.ts';
import type { CliHost, GlobalOptions } from '../cli/cli-host.ts';
import { loadConfig, redactConfig, type ConfigInput } from '../config/config.ts';
import type { Runtime } from './runtime.ts';
import { simulateCommand } from './simulate/simulate-command.ts';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Turns the command line's options into configuration, and configuration into a runtime. */
const host: CliHost = {
  version: packageJson.version,
  async open(options: GlobalOptions) {
    const flags: ConfigInput = { dataDir: options.data, logLevel: options.logLevel, host: options.host, port: options.port };
    const config = loadConfig({ file: options.config, flags });
    // Loaded only by commands that need a database: `custos scan` on a file starts without the server.
    const { openRuntime } = await import('./runtime.ts');
    const runtime = openRuntime(config);
    return {
      services: runtime.services,
      context: runtime.context,
      dataDir: config.dataDir,
      location: runtime.database.location,
      host: config.host,
      port: config.port,
      migrate: () => runtime.migrate(),
      warnAboutCalendars: () => warnAboutCalendars(runtime),
      isInitialised: runtime.isInitialised,
      serve: runtime.serve,
      describeConfig: () => redactConfig(config),
      close: runtime.close,
    };
  },
};

/** Deadlines need next year's holidays: say so at start-up when a region lacks them. */
async function warnAboutCalendars(runtime: Runtime): Promise<void> {
  for (const region of await runtime.services.regions.list()) {
    const years = await runtime.services.regions.missingScheduleYears(region.code);
    if (years.length > 0) {
      // Said once, in words, on the operator's terminal (the JSON log is for machines).
      process.stderr.write(
        `提示：行政区划 ${region.code} 缺少 ${years.join('、')} 年节假日安排，期限暂按周末计算；国务院公布后请用 PUT /api/v1/regions/${region.code}/calendar/{year} 补充。\n` +
          `note: region ${region.code} has no holiday schedule for ${years.join(', ')}; deadlines count weekends only until it is added.\n`,
      );
    }
  }
}

try {
  // `simulate` builds a runtime of its own on a temporary region, so it is wired here, in main.
  await buildProgram(host).addCommand(simulateCommand()).parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
