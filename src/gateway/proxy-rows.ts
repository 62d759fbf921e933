import type { ExchangeService, StoredRow, Subject } from '../app/exchange/exchange-service.ts';
import type { UpstreamAnswer } from '../app/exchange/upstream.ts';
import type { Grant } from '../core/sharing/grant.ts';

/**
 * Proxy mode, step 6: the provider's answer as rows the rest of the pipeline treats like hosted
 * ones. A record is kept only with a valid subject key — without one it cannot be scoped,
 * consented or recorded, so it does not leave (fail closed) — and only if it is about the subject
 * asked for, inside the grant's row scope. Items beyond the grant are dropped here.
 */
export function upstreamRows(answer: UpstreamAnswer, grant: Grant, port: ExchangeService, subjectItem: string, asked: Subject | null, regionPrefixes: readonly string[] | null): StoredRow[] {
  const granted = new Set(grant.items.map((item) => item.code));
  const rows: StoredRow[] = [];
  answer.records.forEach((record, index) => {
    const key = record[subjectItem];
    const subject = typeof key === 'string' ? port.subject(key) : null;
    if (!subject || (asked && subject.index !== asked.index)) return;
    if (regionPrefixes && !regionPrefixes.some((prefix) => subject.regionCode.startsWith(prefix))) return;
    const plain: Record<string, string | null> = {};
    for (const code of granted) {
      const value = record[code];
      plain[code] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
    }
    rows.push({ version: 0, rowNumber: index + 1, subjectIndex: subject.index, regionCode: subject.regionCode, plain, sealed: {} });
  });
  return rows;
}
