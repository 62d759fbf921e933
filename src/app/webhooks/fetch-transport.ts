import type { WebhookTransport } from './webhook-service.ts';

/**
 * The webhook transport over the global fetch. Redirects are not followed: a receiver, or
 * whoever controls its DNS, could otherwise bounce a signed delivery to an address that was never
 * registered or checked. The response body is discarded unread; only the status matters.
 */
export const fetchTransport: WebhookTransport = async function fetchTransport(url, request) {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(request.timeoutMs) });
  await response.body?.cancel();
  return { status: response.status };
};
