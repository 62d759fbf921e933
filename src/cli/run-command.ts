import type { Command } from 'commander';
import { DomainError } from '../core/shared/domain-error.ts';
import type { CliHost, CliRuntime, GlobalOptions } from './cli-host.ts';

/** Prints an error for a person: the code, the message, and each field error; never a stack. */
export function reportError(error: unknown): number {
  if (error instanceof DomainError) {
    process.stderr.write(`错误 / error ${error.code}: ${error.message}\n`);
    for (const field of error.details?.errors ?? []) process.stderr.write(`  ${field.path}  ${field.code}  ${field.message}\n`);
    return 1;
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/** Runs a command against an open runtime, closing it afterwards and turning failures into exit codes. */
export function withRuntime(host: CliHost, command: Command, work: (runtime: CliRuntime) => Promise<void>): Promise<void> {
  return (async () => {
    let runtime: CliRuntime | undefined;
    try {
      runtime = await host.open(command.optsWithGlobals<GlobalOptions>());
      await work(runtime);
    } catch (error) {
      process.exitCode = reportError(error);
    } finally {
      await runtime?.close();
    }
  })();
}
