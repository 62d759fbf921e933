import type { PlannedCall } from './planned-call.ts';

/** What came back from one gateway call, as far as the figures need it. */
export interface CallOutcome {
  status: number;
  /** The denial code of a refused call; null for an answer. */
  code: string | null;
  /** X-Custos-Audit-Seq: the call's audit entry, permit or denial. */
  seq: number | null;
  /** Records delivered: rows of a query or an export; a yes/no verification delivers none. */
  records: number;
  nextCursor: string | null;
}

/** Denials that mean the credential was taken out of service: its system stops calling. */
export const CREDENTIAL_CONTAINMENT_CODES: ReadonlySet<string> = new Set(['CREDENTIAL_CONTAINED', 'CREDENTIAL_SUSPENDED']);
/** Denials that mean one grant was taken out of service: calls under it stop. */
export const GRANT_CONTAINMENT_CODES: ReadonlySet<string> = new Set(['GRANT_CONTAINED', 'GRANT_SUSPENDED']);

/**
 * Makes one call over real HTTP, as a department system behind the platform's load balancer
 * would: the balancer (trusted by the simulated region) names the system's source address in
 * X-Forwarded-For.
 */
export async function sendCall(baseUrl: string, call: PlannedCall, token: string, cursor: string | null): Promise<CallOutcome> {
  const body = call.continuePaging ? { ...call.body, cursor } : call.body;
  const response = await fetch(`${baseUrl}/api/v1/exchange/${call.resourceCode}/${call.operation}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${call.token ?? token}`,
      'x-forwarded-for': call.ip,
      'x-custos-purpose': call.purposeCode,
      'x-custos-user': call.user,
      ...(call.issue === null ? {} : { 'x-custos-issue': encodeURIComponent(call.issue) }),
      ...(body === null ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === null ? {} : { body: JSON.stringify(body) }),
  });
  const seqHeader = response.headers.get('x-custos-audit-seq');
  const seq = seqHeader === null ? null : Number(seqHeader);
  const text = await response.text();
  if (!response.ok) {
    let code = `HTTP_${response.status}`;
    try {
      code = (JSON.parse(text) as { code?: string }).code ?? code;
    } catch {
      // A body that is not JSON keeps the status as its code.
    }
    return { status: response.status, code, seq, records: 0, nextCursor: null };
  }
  if (call.operation === 'export') {
    // An export that fails part-way ends with an error line: only the lines before it were delivered.
    const lines = text.split('\n').filter((line) => line !== '');
    const records = lines.filter((line) => !line.startsWith('{"error"')).length;
    return { status: response.status, code: lines.some((line) => line.startsWith('{"error"')) ? 'EXPORT_INTERRUPTED' : null, seq, records, nextCursor: null };
  }
  const answer = JSON.parse(text) as { records?: unknown[]; nextCursor?: string | null };
  return { status: response.status, code: null, seq, records: answer.records?.length ?? 0, nextCursor: answer.nextCursor ?? null };
}
