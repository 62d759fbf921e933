import type { AppContext } from '../app/context.ts';
import type { Services } from '../app/services.ts';

/** Options every command accepts; main turns them into configuration. */
export interface GlobalOptions {
  config?: string;
  data?: string;
  logLevel?: string;
  host?: string;
  port?: string;
}

/** What a command needs of a running Custos: its use cases and its lifecycle. */
export interface CliRuntime {
  services: Services;
  context: AppContext;
  dataDir: string;
  /** Where the data lives, for messages (a file path or host:port/db, never a password). */
  location: string;
  host: string;
  port: number;
  migrate(): Promise<string[]>;
  /** Tells the operator, in words, which regions lack next year's holiday schedule. */
  warnAboutCalendars(): Promise<void>;
  isInitialised(): Promise<boolean>;
  serve(host: string, port: number): Promise<{ url: string; close(): Promise<void> }>;
  /** The effective configuration with secrets hidden. */
  describeConfig(): Record<string, unknown>;
  close(): Promise<void>;
}

/** The composition root hands the commands this; the CLI never reads config or storage itself. */
export interface CliHost {
  version: string;
  open(options: GlobalOptions): Promise<CliRuntime>;
}
