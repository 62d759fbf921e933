import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type CryptoSuite = 'intl' | 'gm';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The one validated configuration. Secrets are references (`file:PATH` or `env:NAME`), never values. */
export interface Config {
  dataDir: string;
  databaseUrl: string | null;
  host: string;
  port: number;
  logLevel: LogLevel;
  cryptoSuite: CryptoSuite;
  blindIndexKey: string;
  sessionMinutes: number;
  bodyLimitBytes: number;
  /** The audit log's name in its checkpoints (C2SP origin line), e.g. `audit.custos.example/331199`. */
  auditOrigin: string;
  /** Reference to the checkpoint signing key (a JSON key file). */
  checkpointKey: string;
  /** How long audit entries are kept before they may be archived; 网络安全法 Art. 21 sets six months as the floor. */
  auditRetentionMonths: number;
  /** Addresses of the load balancers in front, whose X-Forwarded-For is believed; none by default. */
  trustProxy: string[];
  /**
   * The key store of key-encryption keys (a key file by default), configured apart from the data
   * folder so that it can live on another volume: a copy of the data alone decrypts nothing.
   */
  keyStorePath: string;
  /** Gateway calls a second per system credential and server process. */
  gatewayRatePerSecond: number;
  /** The largest dataset file accepted over HTTP; larger files are loaded with `custos dataset load`. */
  datasetUploadBytes: number;
  /** How long a data subject's citizen-view session lives, in minutes (docs/citizen-view.md). */
  citizenSessionMinutes: number;
  /**
   * The government identity service citizens log in with (OIDC issuer URL, https; plain http only
   * on loopback, for tests); null turns OIDC login off. Custos talks to no other host for it.
   */
  citizenOidcIssuer: string | null;
  citizenOidcClientId: string | null;
  /** Reference (`file:PATH` or `env:NAME`) to the client secret; null for a public client (PKCE alone). */
  citizenOidcClientSecret: string | null;
  /** Where the identity service sends the citizen back with the code: the console's callback page. */
  citizenOidcRedirectUri: string | null;
  /** The ID-token claim that carries the resident ID or USCC. */
  citizenOidcIdentifierClaim: string;
  /** Scopes asked for, space-separated; `openid` is always among them. */
  citizenOidcScope: string;
}

export type ConfigInput = { [Key in keyof Config]?: unknown };

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`配置无效 / invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Environment variables and the keys they set; `DATABASE_URL` is honoured as the common convention. */
const ENVIRONMENT: Record<string, keyof Config> = {
  CUSTOS_DATA_DIR: 'dataDir',
  CUSTOS_DATABASE_URL: 'databaseUrl',
  DATABASE_URL: 'databaseUrl',
  CUSTOS_HOST: 'host',
  CUSTOS_PORT: 'port',
  CUSTOS_LOG_LEVEL: 'logLevel',
  CUSTOS_CRYPTO_SUITE: 'cryptoSuite',
  CUSTOS_BLIND_INDEX_KEY: 'blindIndexKey',
  CUSTOS_SESSION_MINUTES: 'sessionMinutes',
  CUSTOS_BODY_LIMIT_BYTES: 'bodyLimitBytes',
  CUSTOS_AUDIT_ORIGIN: 'auditOrigin',
  CUSTOS_CHECKPOINT_KEY: 'checkpointKey',
  CUSTOS_AUDIT_RETENTION_MONTHS: 'auditRetentionMonths',
  CUSTOS_TRUST_PROXY: 'trustProxy',
  CUSTOS_KEY_STORE: 'keyStorePath',
  CUSTOS_GATEWAY_RATE: 'gatewayRatePerSecond',
  CUSTOS_DATASET_UPLOAD_BYTES: 'datasetUploadBytes',
  CUSTOS_CITIZEN_SESSION_MINUTES: 'citizenSessionMinutes',
  CUSTOS_CITIZEN_OIDC_ISSUER: 'citizenOidcIssuer',
  CUSTOS_CITIZEN_OIDC_CLIENT_ID: 'citizenOidcClientId',
  CUSTOS_CITIZEN_OIDC_CLIENT_SECRET: 'citizenOidcClientSecret',
  CUSTOS_CITIZEN_OIDC_REDIRECT_URI: 'citizenOidcRedirectUri',
  CUSTOS_CITIZEN_OIDC_IDENTIFIER_CLAIM: 'citizenOidcIdentifierClaim',
  CUSTOS_CITIZEN_OIDC_SCOPE: 'citizenOidcScope',
};

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Beside the data folder, not inside it; docs/operations.md tells operators to move it to another volume. */
export function defaultKeyStorePath(dataDir: string): string {
  return `${dataDir}-keys/keystore.json`;
}

function defaults(dataDir: string): Config {
  return {
    dataDir,
    databaseUrl: null,
    host: '127.0.0.1',
    port: 8080,
    logLevel: 'info',
    cryptoSuite: 'intl',
    // Kept beside, not inside, the database file: a copied database alone cannot be tested against guesses.
    blindIndexKey: `file:${join(dataDir, 'keys', 'blind-index.key')}`,
    sessionMinutes: 480,
    bodyLimitBytes: 1024 * 1024,
    auditOrigin: 'custos.local/audit',
    checkpointKey: `file:${join(dataDir, 'keys', 'checkpoint-key.json')}`,
    auditRetentionMonths: 12,
    trustProxy: [],
    keyStorePath: defaultKeyStorePath(dataDir),
    gatewayRatePerSecond: 500,
    datasetUploadBytes: 200 * 1024 * 1024,
    citizenSessionMinutes: 30,
    citizenOidcIssuer: null,
    citizenOidcClientId: null,
    citizenOidcClientSecret: null,
    citizenOidcRedirectUri: null,
    citizenOidcIdentifierClaim: 'sub',
    citizenOidcScope: 'openid',
  };
}

function readFileLayer(path: string, problems: string[]): ConfigInput {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${path}: 须为 JSON 对象 / must be a JSON object`);
      return {};
    }
    const known = new Set(Object.keys(defaults('.')));
    for (const key of Object.keys(parsed)) if (!known.has(key)) problems.push(`${path}: 未知配置项 / unknown key "${key}"`);
    return parsed as ConfigInput;
  } catch (error) {
    problems.push(`${path}: 无法读取或不是有效 JSON / cannot read or not valid JSON (${(error as Error).message.split('\n')[0]})`);
    return {};
  }
}

function integer(value: unknown, key: string, minimum: number, maximum: number, problems: string[]): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < minimum || number > maximum) {
    problems.push(`${key}: 须为 ${minimum}–${maximum} 的整数 / must be an integer from ${minimum} to ${maximum}`);
    return undefined;
  }
  return number;
}

function oneOf<Value extends string>(value: unknown, key: string, allowed: readonly Value[], problems: string[]): Value | undefined {
  if (typeof value !== 'string' || !allowed.includes(value as Value)) {
    problems.push(`${key}: 须为 ${allowed.join(' | ')} 之一 / must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return value as Value;
}

function text(value: unknown, key: string, problems: string[]): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    problems.push(`${key}: 须为非空字符串 / must be a non-empty string`);
    return undefined;
  }
  return value;
}

/**
 * Loads the configuration in layers — defaults, then a JSON file, then `CUSTOS_*` environment
 * variables, then command-line flags; the later wins — and fails fast listing every problem.
 */
export function loadConfig(options: { file?: string | undefined; flags?: ConfigInput; environment?: Record<string, string | undefined> }): Config {
  const environment = options.environment ?? process.env;
  const problems: string[] = [];
  const file = options.file ?? environment['CUSTOS_CONFIG'];
  const fileLayer = file ? readFileLayer(file, problems) : {};
  const environmentLayer: ConfigInput = {};
  for (const [name, key] of Object.entries(ENVIRONMENT)) {
    const value = environment[name];
    if (value !== undefined && value !== '' && environmentLayer[key] === undefined) environmentLayer[key] = value;
  }
  const flags = Object.fromEntries(Object.entries(options.flags ?? {}).filter(([, value]) => value !== undefined));
  const merged: ConfigInput = { ...fileLayer, ...environmentLayer, ...flags };
  const dataDir = resolve(text(merged.dataDir ?? './var', 'dataDir', problems) ?? './var');
  const base = defaults(dataDir);
  const value = { ...base, ...merged, dataDir };

  const config: Partial<Config> = { dataDir };
  config.host = text(value.host, 'host', problems);
  config.port = integer(value.port, 'port', 0, 65535, problems);
  config.logLevel = oneOf(value.logLevel, 'logLevel', LOG_LEVELS, problems);
  config.cryptoSuite = oneOf(value.cryptoSuite, 'cryptoSuite', ['intl', 'gm'] as const, problems);
  config.sessionMinutes = integer(value.sessionMinutes, 'sessionMinutes', 5, 24 * 60, problems);
  config.bodyLimitBytes = integer(value.bodyLimitBytes, 'bodyLimitBytes', 1024, 64 * 1024 * 1024, problems);
  for (const name of ['blindIndexKey', 'checkpointKey'] as const) {
    const key = text(value[name], name, problems);
    if (key !== undefined && !/^(file|env):.+/.test(key)) problems.push(`${name}: 须以 file:PATH 或 env:NAME 引用，不得直接写入密钥 / must be a reference, file:PATH or env:NAME`);
    config[name] = key;
  }
  config.auditOrigin = text(value.auditOrigin, 'auditOrigin', problems);
  if (config.auditOrigin !== undefined && !/^[\x21-\x7e]+$/.test(config.auditOrigin)) problems.push('auditOrigin: 须为不含空格的 ASCII 名称 / must be printable ASCII without spaces');
  // A comma-separated list from the environment, an array in the file.
  const proxies = typeof value.trustProxy === 'string' ? value.trustProxy.split(',').map((part) => part.trim()).filter(Boolean) : value.trustProxy;
  if (Array.isArray(proxies) && proxies.every((proxy) => typeof proxy === 'string' && /^[0-9a-fA-F.:/]+$/.test(proxy))) config.trustProxy = proxies as string[];
  else problems.push('trustProxy: 须为 IP 地址或网段列表 / must be a list of IP addresses or CIDR blocks');
  // 网络安全法 Art. 21: network logs are kept for no less than six months.
  config.keyStorePath = text(value.keyStorePath, 'keyStorePath', problems);
  if (config.keyStorePath !== undefined) {
    config.keyStorePath = resolve(config.keyStorePath);
    if (config.keyStorePath.startsWith(`${dataDir}/`)) problems.push('keyStorePath: 密钥库不得放在数据目录内 / the key store must not be inside the data folder');
  }
  config.datasetUploadBytes = integer(value.datasetUploadBytes, 'datasetUploadBytes', 1024, 16 * 1024 * 1024 * 1024, problems);
  config.gatewayRatePerSecond = integer(value.gatewayRatePerSecond, 'gatewayRatePerSecond', 1, 1_000_000, problems);
  config.auditRetentionMonths = integer(value.auditRetentionMonths, 'auditRetentionMonths', 6, 1200, problems);
  citizenSettings(value, config, problems);
  const url = value.databaseUrl;
  if (url === null || url === undefined) config.databaseUrl = null;
  else if (typeof url === 'string' && /^postgres(ql)?:\/\/.+/.test(url)) config.databaseUrl = url;
  else problems.push('databaseUrl: 须为 postgres://… 地址 / must be a postgres:// URL');
  if (problems.length > 0) throw new ConfigError(problems);
  return config as Config;
}

/** An https URL, or plain http to a loopback host (a test's mock provider), and nothing else. */
function endpoint(value: unknown, key: string, problems: string[]): string | null {
  if (value === null || value === undefined) return null;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const loopback = url !== undefined && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) || url.search !== '' || url.hash !== '') {
    problems.push(`${key}: 须为 https 地址（仅本机可用 http），不含查询串 / must be an https URL (http only on loopback), without a query`);
    return null;
  }
  return value as string;
}

/** The citizen view's keys: OIDC is either fully configured or off. */
function citizenSettings(value: ConfigInput, config: Partial<Config>, problems: string[]): void {
  config.citizenSessionMinutes = integer(value.citizenSessionMinutes, 'citizenSessionMinutes', 5, 24 * 60, problems);
  config.citizenOidcIssuer = endpoint(value.citizenOidcIssuer, 'citizenOidcIssuer', problems);
  config.citizenOidcRedirectUri = endpoint(value.citizenOidcRedirectUri, 'citizenOidcRedirectUri', problems);
  config.citizenOidcClientId = value.citizenOidcClientId === null || value.citizenOidcClientId === undefined ? null : (text(value.citizenOidcClientId, 'citizenOidcClientId', problems) ?? null);
  const secret = value.citizenOidcClientSecret;
  if (secret === null || secret === undefined) config.citizenOidcClientSecret = null;
  else if (typeof secret === 'string' && /^(file|env):.+/.test(secret)) config.citizenOidcClientSecret = secret;
  else problems.push('citizenOidcClientSecret: 须以 file:PATH 或 env:NAME 引用，不得直接写入密钥 / must be a reference, file:PATH or env:NAME');
  config.citizenOidcIdentifierClaim = text(value.citizenOidcIdentifierClaim, 'citizenOidcIdentifierClaim', problems);
  const scope = text(value.citizenOidcScope, 'citizenOidcScope', problems);
  if (scope !== undefined && !scope.split(' ').includes('openid')) problems.push('citizenOidcScope: 须包含 openid / must include openid');
  config.citizenOidcScope = scope;
  if (config.citizenOidcIssuer && (!config.citizenOidcClientId || !config.citizenOidcRedirectUri)) {
    problems.push('citizenOidcIssuer: 须同时配置 citizenOidcClientId 与 citizenOidcRedirectUri / needs citizenOidcClientId and citizenOidcRedirectUri too');
  }
}

/** Reads a secret by reference. The value never enters the configuration object or a log. */
export function resolveSecret(reference: string, environment: Record<string, string | undefined> = process.env): Buffer {
  if (reference.startsWith('env:')) {
    const value = environment[reference.slice(4)];
    if (!value) throw new ConfigError([`${reference}: 环境变量未设置 / environment variable is not set`]);
    return Buffer.from(value, 'base64');
  }
  if (reference.startsWith('file:')) return readFileSync(reference.slice(5));
  throw new ConfigError([`${reference}: 不是 file: 或 env: 引用 / not a file: or env: reference`]);
}

/** The configuration as it may be logged or printed: the database password is hidden. */
export function redactConfig(config: Config): Record<string, unknown> {
  let databaseUrl = config.databaseUrl;
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    databaseUrl = url.toString();
  }
  return { ...config, databaseUrl };
}
