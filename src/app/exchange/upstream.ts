/** What the gateway sends a provider's own API in proxy mode (docs/exchange.md, "proxy mode"). */
export interface UpstreamRequest {
  operation: 'query' | 'verify';
  subject?: string;
  filters?: Record<string, string>;
  /** The granted items asked for: the provider need not send more (what it sends beyond is dropped). */
  items: string[];
  limit: number;
  cursor?: string;
}

export interface UpstreamAnswer {
  records: Record<string, unknown>[];
  nextCursor: string | null;
}

/** How long a provider's API may take before the call fails closed with UPSTREAM_FAILED. */
const UPSTREAM_TIMEOUT_MS = 5000;
/** The most an upstream answer may weigh; more is refused unread. */
const UPSTREAM_MAX_BYTES = 8 * 1024 * 1024;

function isAnswer(value: unknown): value is UpstreamAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const { records, nextCursor } = value as Record<string, unknown>;
  return Array.isArray(records) && records.every((record) => typeof record === 'object' && record !== null && !Array.isArray(record)) && (nextCursor === null || nextCursor === undefined || typeof nextCursor === 'string');
}

/**
 * Forwards a call to the provider's API and reads its JSON answer; null when the provider did not
 * answer properly (status, time, size or shape), so that the gateway fails closed. Redirects are
 * not followed: the registered address is the only one the gateway talks to.
 */
export async function forwardUpstream(url: string, request: UpstreamRequest, headers: Record<string, string>): Promise<UpstreamAnswer | null> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(request), redirect: 'manual', signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
    if (response.status !== 200 || Number(response.headers.get('content-length') ?? 0) > UPSTREAM_MAX_BYTES) {
      await response.body?.cancel();
      return null;
    }
    const text = await response.text();
    if (text.length > UPSTREAM_MAX_BYTES) return null;
    const parsed: unknown = JSON.parse(text);
    return isAnswer(parsed) ? { records: parsed.records, nextCursor: parsed.nextCursor ?? null } : null;
  } catch {
    return null;
  }
}
