import type { HashFunction } from '../audit/merkle/index.ts';

/** What a request hash binds; header values exactly as sent, the empty string when absent. */
export interface RequestHashInput {
  method: string;
  /** The URL path, without query string. */
  path: string;
  purpose: string;
  user: string;
  /** X-Custos-Issue as sent, still percent-encoded. */
  issue: string;
  /** The request body's bytes as received. */
  body: Uint8Array;
}

const DOMAIN = 'custos-exchange-request/1';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * The request hash (docs/exchange.md): H of the lines
 *   custos-exchange-request/1, METHOD, path, purpose, user, issue, hex(H(body))
 * joined by LF, in the deployment's hash (SHA-256 or SM3), as lower-case hex. It is returned in
 * X-Custos-Request-Hash and kept in the audit entry, so that an answer can be shown to answer that
 * request and no other. Header values cannot hold LF, so the lines cannot be shifted.
 */
export function requestHash(hash: HashFunction, input: RequestHashInput): string {
  const lines = [DOMAIN, input.method.toUpperCase(), input.path, input.purpose, input.user, input.issue, hex(hash(input.body))];
  return hex(hash(lines.join('\n')));
}
