import { DomainError, type ErrorDetails } from '../core/shared/domain-error.ts';
import { readInputFile } from './input-file.ts';

/** How long a remote command waits for one answer before it gives up. */
const TIMEOUT_MILLISECONDS = 30_000;

/** A bearer token is printable ASCII without spaces (RFC 6750 §2.1 b64token is narrower still). */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

/** Where a remote command sends its calls, and as whom. The token is never printed. */
export interface Connection {
  /** The server's base address without a trailing slash, e.g. `https://custos.example/custos`. */
  baseUrl: string;
  token: string;
}

/** A JSON client for the Custos HTTP API: the one place where the wire's failures become coded errors a person can read. */
export interface ApiClient {
  get<Body>(path: string, query?: Record<string, string | number | undefined>): Promise<Body>;
  post<Body>(path: string, body: unknown): Promise<Body>;
}

/** What the connection options look like on the command line. */
export interface ConnectionOptions {
  url: string;
  token?: string;
  tokenFile?: string;
}

/**
 * Removes terminal control and bidirectional-override characters from text a server or another
 * person wrote. Threat: a request's purpose, a refusal reason or an error message is written by
 * someone else (another department, or whoever sits between us and an http:// server); escape
 * sequences in it could rewrite the approver's screen or hide what is shown ("Trojan Source").
 */
export function printable(text: string): string {
  // Matching control characters is the point here (tab and line feed are kept).
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '\uFFFD');
}

function baseUrlOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('URL_INVALID', `--url 不是有效地址 / --url is not a valid address: ${printable(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DomainError('URL_INVALID', `--url 须为 http:// 或 https:// 地址 / --url must be an http:// or https:// address`);
  // Credentials in the address would be printed in every connection error: refuse them, and do not echo the address.
  if (parsed.username !== '' || parsed.password !== '') throw new DomainError('URL_INVALID', '--url 不得包含用户名或密码，请用 --token-file / --url must not hold credentials; use --token-file');
  if (parsed.search !== '' || parsed.hash !== '') throw new DomainError('URL_INVALID', `--url 不得包含查询串或片段 / --url must not have a query or fragment: ${printable(url)}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

function tokenOf(options: ConnectionOptions): string {
  if (options.token !== undefined && options.tokenFile !== undefined) throw new DomainError('TOKEN_CONFLICT', '--token 与 --token-file 只能用一个 / give --token or --token-file, not both');
  if (options.token === undefined && options.tokenFile === undefined) throw new DomainError('TOKEN_REQUIRED', '需要令牌：用 --token-file <文件> 或 --token <令牌> / a token is required: pass --token-file <file> or --token <token>');
  const token = options.token ?? readInputFile(options.tokenFile!).toString('utf8').trim();
  if (token === '') throw new DomainError('TOKEN_EMPTY', options.tokenFile === undefined ? '--token 为空 / --token is empty' : `令牌文件为空 / ${options.tokenFile} is empty`);
  // Checked here so that fetch never rejects the header with an error message that quotes it.
  if (!TOKEN_PATTERN.test(token)) throw new DomainError('TOKEN_INVALID', '令牌含空格或不可打印字符 / the token holds spaces or unprintable characters');
  return token;
}

/** Checks the connection options without calling anything: bad input sends nothing. */
export function connectionOf(options: ConnectionOptions): Connection {
  return { baseUrl: baseUrlOf(options.url), token: tokenOf(options) };
}

function isErrorBody(body: unknown): body is { code: string; message: string; requestId?: unknown; details?: ErrorDetails } {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate['code'] === 'string' && typeof candidate['message'] === 'string';
}

/** The server's coded error, as the CLI reports it; the request id lets an operator find it in the log. */
function serverError(status: number, body: unknown, url: string): DomainError {
  if (!isErrorBody(body)) return new DomainError('SERVER_ERROR', `服务器返回 HTTP ${status} / ${url} answered HTTP ${status}`);
  const requestId = typeof body.requestId === 'string' ? ` (请求编号 / request id ${printable(body.requestId)})` : '';
  const errors = Array.isArray(body.details?.errors)
    ? body.details.errors.map((field) => ({ path: printable(String(field.path)), code: printable(String(field.code)), message: printable(String(field.message)) }))
    : [];
  return new DomainError(printable(body.code), `${printable(body.message)}${requestId}`, { details: { errors } });
}

/** Why a call never got an answer, naming the address and never the token. */
function transportError(error: unknown, url: string): DomainError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new DomainError('SERVER_TIMEOUT', `服务器 ${TIMEOUT_MILLISECONDS / 1000} 秒内未响应 / ${url} did not answer within ${TIMEOUT_MILLISECONDS / 1000} s`, { cause: error });
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  const reason = detail === undefined ? '' : ` (${printable(detail)})`;
  return new DomainError('SERVER_UNREACHABLE', `无法连接服务器，请检查 --url 以及服务是否已启动 / cannot reach ${url}${reason}; check --url and that the server is running`, { cause: error });
}

/** A client for one server and one token. */
export function apiClient(connection: Connection): ApiClient {
  async function send<Body>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Body> {
    const url = `${connection.baseUrl}/api/v1${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${connection.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // A redirect could carry the token to another host: never follow one, say where it points.
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MILLISECONDS),
      });
    } catch (error) {
      throw transportError(error, connection.baseUrl);
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      throw new DomainError('SERVER_REDIRECT', `服务器要求跳转，请直接使用目标地址 / ${url} redirects${location ? ` to ${printable(location)}` : ''}; pass that address as --url`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw transportError(error, connection.baseUrl);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      if (!response.ok) throw serverError(response.status, undefined, url);
      throw new DomainError('RESPONSE_MALFORMED', `服务器的回答不是 JSON，--url 是否指向 Custos？/ ${url} did not answer JSON; is --url a Custos server?`);
    }
    if (!response.ok) throw serverError(response.status, parsed, url);
    return parsed as Body;
  }

  return {
    get<Body>(path: string, query: Record<string, string | number | undefined> = {}) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
      const suffix = search.size > 0 ? `?${search.toString()}` : '';
      return send<Body>('GET', `${path}${suffix}`);
    },
    post<Body>(path: string, body: unknown) {
      return send<Body>('POST', path, body);
    },
  };
}
