import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { AppContext } from '../app/context.ts';
import { seedNational } from '../app/seed/seed-national.ts';
import { createServices, type Services } from '../app/services.ts';
import { systemClock, type Clock } from '../core/shared/clock.ts';
import { secureRandom, uuidV7Generator, type IdGenerator, type RandomSource } from '../core/shared/id-generator.ts';
import { BLIND_INDEX_KEY_BYTES, blindIndexer } from '../crypto/blind-index.ts';
import { buildHttpApp } from '../http/build-app.ts';
import { isInitialised, migrateToLatest, openDatabase, type Database } from '../storage/database.ts';
import { Store } from '../storage/store.ts';
import { ConfigError, resolveSecret, type Config } from '../config/config.ts';

export interface RuntimeOptions {
  clock?: Clock;
  ids?: IdGenerator;
  random?: RandomSource;
  /** A PostgreSQL schema to live in (tests). */
  schema?: string;
  logger?: Logger;
}

export interface Runtime {
  config: Config;
  database: Database;
  context: AppContext;
  services: Services;
  logger: Logger;
  migrate(): Promise<string[]>;
  isInitialised(): Promise<boolean>;
  /** Starts the HTTP server; resolves with its address. */
  serve(host: string, port: number): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

/** Loads the blind-index key; the default key file is created on first use, readable by its owner only. */
function loadBlindIndexKey(config: Config): Buffer {
  const reference = config.blindIndexKey;
  const defaultPath = `file:${config.dataDir}/keys/blind-index.key`;
  if (reference === defaultPath && !existsSync(reference.slice(5))) {
    mkdirSync(dirname(reference.slice(5)), { recursive: true, mode: 0o700 });
    writeFileSync(reference.slice(5), randomBytes(BLIND_INDEX_KEY_BYTES), { mode: 0o600 });
  }
  const key = resolveSecret(reference);
  if (key.length < BLIND_INDEX_KEY_BYTES) throw new ConfigError([`blindIndexKey: 密钥至少 ${BLIND_INDEX_KEY_BYTES} 字节 / the key must be at least ${BLIND_INDEX_KEY_BYTES} bytes`]);
  return key;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    // Secrets and personal data never reach the log (DESIGN §7).
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', '*.totp', '*.secret'], censor: '[redacted]' },
  });
}

/** The composition root: wires configuration, storage, crypto and use cases together. */
export function openRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? secureRandom;
  const ids = options.ids ?? uuidV7Generator(clock, random);
  const logger = options.logger ?? createLogger(config);
  const database = openDatabase({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir, schema: options.schema });
  const store = new Store(database, clock);
  const context: AppContext = {
    store,
    clock,
    ids,
    random,
    blindIndex: blindIndexer(loadBlindIndexKey(config), config.cryptoSuite),
    settings: { sessionMinutes: config.sessionMinutes },
  };
  const services = createServices(context);
  return {
    config,
    database,
    context,
    services,
    logger,
    async migrate() {
      const outcome = await migrateToLatest(database);
      if (outcome.error) throw outcome.error;
      await seedNational(context);
      return outcome.applied;
    },
    isInitialised: () => isInitialised(database),
    async serve(host, port) {
      const app = await buildHttpApp({ services, logger, bodyLimit: config.bodyLimitBytes, nextRequestId: () => ids.next() });
      const url = await app.listen({ host, port });
      return { url, close: () => app.close() };
    },
    close: () => database.close(),
  };
}
