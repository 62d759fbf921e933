import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { AuditSigning } from '../app/audit/audit-service.ts';
import type { AppContext } from '../app/context.ts';
import type { CitizenSettings } from '../app/citizen/citizen-settings.ts';
import { seedNational } from '../app/seed/seed-national.ts';
import { createServices, type Services } from '../app/services.ts';
import { startSharingSweep } from '../app/sharing/sharing-sweep.ts';
import { DEFAULT_ACTIVE_DEFENCE_TIMINGS, startActiveDefence } from '../app/defence/active-defence.ts';
import { startWebhookDispatcher } from '../app/webhooks/webhook-service.ts';
import { sha256, sm3 } from '../core/audit/merkle/index.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import { systemClock, type Clock } from '../core/shared/clock.ts';
import { pooledSecureRandom, uuidV7Generator, type IdGenerator, type RandomSource } from '../core/shared/id-generator.ts';
import { BLIND_INDEX_KEY_BYTES, blindIndexer } from '../crypto/blind-index.ts';
import { cipherSuite } from '../crypto/cipher-suite.ts';
import { openFileKeyStore } from '../crypto/file-key-store.ts';
import { keyedHasher } from '../crypto/keyed-hash.ts';
import type { KeyStore } from '../crypto/key-store.ts';
import { generateSigningKey, signerFromKey, verifierKeyText, type SigningKey } from '../crypto/checkpoint/index.ts';
import { buildHttpApp } from '../http/build-app.ts';
import { isInitialised, migrateToLatest, openDatabase, type Database } from '../storage/database.ts';
import { Store } from '../storage/store.ts';
import { ConfigError, defaultKeyStorePath, resolveSecret, type Config } from '../config/config.ts';

const CHECKPOINT_INTERVAL_MS = 1000;
/** Deadlines are in days, so a sweep a minute is prompt enough for escalation, expiry and review. */
const SHARING_SWEEP_INTERVAL_MS = 60_000;
/** Webhook deliveries due are sent within a few seconds. */
const WEBHOOK_DISPATCH_INTERVAL_MS = 5_000;

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

/**
 * Creates a key file at a default location on first use, readable by its owner only. A key the
 * operator configured elsewhere is never created: a missing one is an error.
 */
function ensureDefaultKey(reference: string, defaultReference: string, create: () => Uint8Array | string): void {
  const path = reference.slice('file:'.length);
  if (reference === defaultReference && !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, create(), { mode: 0o600 });
  }
}

function loadBlindIndexKey(config: Config): Buffer {
  const reference = config.blindIndexKey;
  ensureDefaultKey(reference, `file:${join(config.dataDir, 'keys', 'blind-index.key')}`, () => randomBytes(BLIND_INDEX_KEY_BYTES));
  const key = resolveSecret(reference);
  if (key.length < BLIND_INDEX_KEY_BYTES) throw new ConfigError([`blindIndexKey: 密钥至少 ${BLIND_INDEX_KEY_BYTES} 字节 / the key must be at least ${BLIND_INDEX_KEY_BYTES} bytes`]);
  return key;
}

/** The checkpoint signing key: Ed25519 (intl) or SM2 (gm), its name the log's origin. */
function loadAuditSigning(config: Config): AuditSigning {
  ensureDefaultKey(config.checkpointKey, `file:${join(config.dataDir, 'keys', 'checkpoint-key.json')}`, () => `${JSON.stringify(generateSigningKey(config.cryptoSuite, config.auditOrigin))}\n`);
  let key: SigningKey;
  try {
    key = JSON.parse(resolveSecret(config.checkpointKey).toString('utf8')) as SigningKey;
  } catch {
    throw new ConfigError(['checkpointKey: 不是有效的密钥文件 / not a valid key file']);
  }
  if (key.suite !== config.cryptoSuite || key.name !== config.auditOrigin) {
    throw new ConfigError([`checkpointKey: 密钥属于 ${key.suite}/${key.name}，与配置 ${config.cryptoSuite}/${config.auditOrigin} 不符 / the key is for another suite or origin`]);
  }
  return { suite: config.cryptoSuite, origin: config.auditOrigin, signer: signerFromKey(key), verifierKey: verifierKeyText(key) };
}

/**
 * The key store, opened on first use (it is asynchronous, so that an HSM can stand behind the same
 * interface). The default key file is created with its first key-encryption key; a path the
 * operator configured must exist.
 */
function lazyKeyStore(config: Config, random: RandomSource, clock: Clock): KeyStore {
  const suite = cipherSuite(config.cryptoSuite);
  let opened: Promise<KeyStore> | undefined;
  const store = () => (opened ??= openFileKeyStore(config.keyStorePath, suite, { random, now: () => clock.now(), create: config.keyStorePath === defaultKeyStorePath(config.dataDir) }));
  return {
    suite: config.cryptoSuite,
    wrap: async (dataKey, context) => (await store()).wrap(dataKey, context),
    unwrap: async (wrapped, context) => (await store()).unwrap(wrapped, context),
    rotate: async () => (await store()).rotate(),
    remove: async (kekId) => (await store()).remove(kekId),
    // Listing creates nothing: a mistyped data folder must not grow a key store of its own.
    list: async () => (opened || existsSync(config.keyStorePath) ? (await store()).list() : []),
  };
}

/** The citizen view's settings; the OIDC client secret is read here, from its reference, and nowhere else. */
function citizenSettings(config: Config): CitizenSettings {
  const { citizenOidcIssuer: issuer, citizenOidcClientId: clientId, citizenOidcRedirectUri: redirectUri } = config;
  const oidc =
    issuer && clientId && redirectUri
      ? {
          issuer,
          clientId,
          clientSecret: config.citizenOidcClientSecret === null ? null : resolveSecret(config.citizenOidcClientSecret).toString('utf8').trim(),
          redirectUri,
          identifierClaim: config.citizenOidcIdentifierClaim,
          scope: config.citizenOidcScope,
        }
      : null;
  return { sessionMinutes: config.citizenSessionMinutes, oidc };
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
  const random = options.random ?? pooledSecureRandom();
  const ids = options.ids ?? uuidV7Generator(clock, random);
  const logger = options.logger ?? createLogger(config);
  const database = openDatabase({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir, schema: options.schema });
  const hash = config.cryptoSuite === 'gm' ? sm3 : sha256;
  const store = new Store(database, clock, hash);
  const blindIndexKey = loadBlindIndexKey(config);
  const context: AppContext = {
    store,
    clock,
    ids,
    random,
    blindIndex: blindIndexer(blindIndexKey, config.cryptoSuite),
    hash,
    vault: { suite: cipherSuite(config.cryptoSuite), keyStore: lazyKeyStore(config, random, clock), keyedHash: keyedHasher(blindIndexKey, config.cryptoSuite) },
    settings: { sessionMinutes: config.sessionMinutes, gatewayRatePerSecond: config.gatewayRatePerSecond, citizen: citizenSettings(config) },
  };
  const services = createServices(context, loadAuditSigning(config), config.auditRetentionMonths);
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
      const app = await buildHttpApp({ services, logger, bodyLimit: config.bodyLimitBytes, datasetUploadBytes: config.datasetUploadBytes, nextRequestId: () => ids.next(), trustProxy: config.trustProxy });
      const issue = () => services.audit.issueCheckpoint().catch((error: unknown) => logger.error({ err: error }, 'checkpoint failed'));
      const checkpoints: { timer?: ReturnType<typeof setInterval> } = {};
      const stops: (() => void)[] = [];
      const defence: { stop?: () => Promise<void> } = {};
      app.addHook('onClose', async () => {
        clearInterval(checkpoints.timer);
        for (const stop of stops) stop();
        await defence.stop?.();
      });
      let url: string;
      try {
        url = await app.listen({ host, port });
      } catch (error) {
        await app.close();
        const code = (error as { code?: string }).code;
        if (code === 'EADDRINUSE') throw new DomainError('PORT_IN_USE', `端口 ${port} 已被占用，请用 --port 或 CUSTOS_PORT 换一个 / port ${port} is in use; choose another with --port or CUSTOS_PORT`);
        if (code === 'EACCES') throw new DomainError('PORT_NOT_ALLOWED', `无权监听 ${host}:${port} / not allowed to listen on ${host}:${port}`);
        throw error;
      }
      // Only once listening: a checkpoint every second while the log grows, cleared with the server.
      await issue();
      checkpoints.timer = setInterval(() => void issue(), CHECKPOINT_INTERVAL_MS);
      stops.push(startSharingSweep(services.sharingSweep, SHARING_SWEEP_INTERVAL_MS, (error) => logger.error({ err: error }, 'sharing sweep failed')));
      stops.push(startWebhookDispatcher(services.webhooks, WEBHOOK_DISPATCH_INTERVAL_MS, (error) => logger.error({ err: error }, 'webhook dispatch failed')));
      defence.stop = await startActiveDefence(services, DEFAULT_ACTIVE_DEFENCE_TIMINGS, (error) => logger.error({ err: error }, 'active defence failed'));
      return { url, close: () => app.close() };
    },
    close: () => database.close(),
  };
}
