import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import type { CliHost, CliRuntime } from './cli-host.ts';
import { withRuntime } from './run-command.ts';
import { auditCommands } from './audit-commands.ts';
import { catalogCommands } from './catalog-commands.ts';
import { datasetCommands } from './dataset-commands.ts';
import { directoryCommands } from './directory-commands.ts';
import { keyCommands } from './key-commands.ts';
import { requestsCommands } from './requests-commands.ts';
import { maskCommand, scanCommand } from './scan-commands.ts';
import { progressBar } from './progress.ts';

async function serveUntilSignal(runtime: CliRuntime, host: string, port: number): Promise<void> {
  const server = await runtime.serve(host, port);
  process.stdout.write(`Custos 已启动 / serving at ${server.url}\n  API 文档 / API docs: ${server.url}/docs\n  OpenAPI: ${server.url}/api/v1/openapi.json\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}

/** Commands built apart (catalog, audit, directory) do not inherit help settings; set them on all. */
function showGlobalOptionsEverywhere(command: Command): void {
  command.configureHelp({ showGlobalOptions: true });
  for (const child of command.commands) showGlobalOptionsEverywhere(child);
}

export function buildProgram(host: CliHost): Command {
  const program = new Command('custos')
    .description('Custos 政务数据共享安全监管平台 — government data sharing with security supervision.\n\nEvery command reads configuration from a JSON file (--config or CUSTOS_CONFIG), then CUSTOS_* environment variables, then flags; the later wins.\nWithout DATABASE_URL the data lives in DIR/custos.db (SQLite).')
    .version(host.version)
    .option('-c, --config <file>', '配置文件 / JSON configuration file')
    .option('-d, --data <dir>', '数据目录 / data folder (default ./var)')
    .addOption(new Option('--log-level <level>', '日志级别 / log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .showHelpAfterError('(用 --help 查看用法 / add --help for usage)');

  program
    .command('serve')
    .description('启动服务（自动迁移数据库）/ run the server, migrating the database first')
    .option('--host <host>', '监听地址 / address to listen on (default 127.0.0.1)')
    .option('-p, --port <port>', '端口 / port (default 8080)')
    .addHelpText('after', '\nExample:\n  custos serve --data /srv/custos --port 8080\n  DATABASE_URL=postgres://custos@db/custos custos serve')
    .action((_options, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        await runtime.migrate();
        await runtime.warnAboutCalendars();
        await serveUntilSignal(runtime, runtime.host, runtime.port);
      }),
    );

  program
    .command('migrate')
    .description('把数据库结构升级到最新 / bring the database schema up to date')
    .addHelpText('after', '\nExample:\n  custos migrate --data /srv/custos\n  DATABASE_URL=postgres://custos@db/custos custos migrate')
    .action((_options, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const applied = await runtime.migrate();
        process.stdout.write(applied.length === 0 ? `已是最新 / already up to date (${runtime.location})\n` : `已应用 / applied: ${applied.join(', ')} (${runtime.location})\n`);
      }),
    );

  program
    .command('demo')
    .description('生成演示区划（若数据目录尚无数据库）并启动服务 / seed a demo county unless DIR already holds a database, then serve')
    .option('--host <host>', '监听地址 / address to listen on (default 127.0.0.1)')
    .option('-p, --port <port>', '端口 / port (default 8080)')
    .addHelpText('after', '\nWrites DIR/demo-credentials.json with every demo person’s login, password, TOTP secret and API token.\nExample:\n  custos demo --port 8080 --data ./var')
    .action((_options, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const credentialsFile = join(runtime.dataDir, 'demo-credentials.json');
        const fresh = !(await runtime.isInitialised());
        await runtime.migrate();
        if (fresh) {
          const bar = progressBar('生成演示数据 / seeding demo');
          // The seeder and every service it needs load only for `custos demo`, not for `custos scan`.
          const { seedDemo } = await import('../app/demo/seed-demo.ts');
          const credentials = await seedDemo(runtime.context, runtime.services, (done, total, label) => bar.update(done, total, label));
          bar.stop();
          writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
          process.stdout.write(`演示账号已写入 / demo credentials written to ${credentialsFile}\n`);
        } else {
          process.stdout.write(`数据目录已有数据库，跳过演示数据 / ${runtime.location} already holds a database; not seeding\n`);
          if (existsSync(credentialsFile)) process.stdout.write(`演示账号 / demo credentials: ${credentialsFile}\n`);
        }
        await runtime.warnAboutCalendars();
        if (existsSync(credentialsFile)) {
          // The command reads the token from the file, so no secret is printed to the terminal or its log.
          const token = `$(node -p "require('${credentialsFile}').people.find((p) => p.login === 'civil.admin').token")`;
          process.stdout.write(`试一试 / try:\n  curl -H "Authorization: Bearer ${token}" http://${runtime.host}:${runtime.port}/api/v1/catalog/resources\n`);
        }
        await serveUntilSignal(runtime, runtime.host, runtime.port);
      }),
    );

  program
    .command('config')
    .description('显示生效的配置（隐藏密钥）/ print the effective configuration, secrets hidden')
    .addHelpText('after', '\nExample:\n  CUSTOS_PORT=9000 custos config --config custos.json')
    .action((_options, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        process.stdout.write(`${JSON.stringify(runtime.describeConfig(), null, 2)}\n`);
      }),
    );

  program.addCommand(auditCommands(host));
  program.addCommand(catalogCommands(host));
  program.addCommand(directoryCommands(host));
  program.addCommand(datasetCommands(host));
  program.addCommand(keyCommands(host));
  program.addCommand(requestsCommands());
  program.addCommand(scanCommand(host));
  program.addCommand(maskCommand());
  showGlobalOptionsEverywhere(program);
  return program;
}
