import type { ExchangeOperation } from '../core/exchange/index.ts';

export interface QueryBody {
  subject?: string;
  filters?: Record<string, string>;
  items?: string[];
  limit?: number;
  cursor?: string;
}

export interface VerifyBody {
  subject: string;
  assert: Record<string, string>;
}

/** One call to the gateway as the HTTP layer hands it over: nothing here has been believed yet. */
export interface ExchangeCall {
  operation: ExchangeOperation;
  resourceCode: string;
  method: string;
  path: string;
  /** The bearer token, without "Bearer ". */
  token: string | null;
  purpose: string | null;
  user: string | null;
  /** X-Custos-Issue as sent (percent-encoded). */
  issue: string | null;
  sourceIp: string;
  body: QueryBody | VerifyBody;
  rawBody: Uint8Array;
}
