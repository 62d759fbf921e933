import { sequentiality } from '../core/detection/sequentiality.ts';
import type { ExchangeObligations } from '../core/exchange/index.ts';
import { canaryPosition } from '../core/accountability/canary-subject.ts';
import { maskValue } from '../core/masking/index.ts';
import type { Grant } from '../core/sharing/grant.ts';
import type { ExchangeService, Subject } from '../app/exchange/exchange-service.ts';
import type { AccessDraft } from '../app/exchange/exchange-ledger.ts';
import type { CanaryRow, StoredRow } from '../app/exchange/exchange-service.ts';

export interface Delivery {
  records: Record<string, string | null>[];
  access: Omit<AccessDraft, 'id' | 'at' | 'credentialId' | 'personId' | 'operation'>[];
  /** Subjects per 6-digit division code: a non-identifying feature for the detectors. */
  regions: Record<string, number>;
  /** 0..1: how much the delivered identifiers look like a walk of the identifier space (sequentiality.ts). */
  sequentiality: number;
  lastRow: number | null;
}

/** 6. The rows in the grant's row scope, of consenting subjects where the basis is consent. */
export async function fetchRows(port: ExchangeService, grant: Grant, obligations: ExchangeObligations, selection: { subject: Subject | null; filters: { itemCode: string; value: string }[]; afterRow: number; limit: number }, regionPrefixes: readonly string[] | null): Promise<{ rows: StoredRow[]; more: boolean }> {
  const kept: StoredRow[] = [];
  let afterRow = selection.afterRow;
  // Consent is checked after the read, so a page may need more than one read to fill.
  for (;;) {
    const batch = await port.select(grant.resourceCode, { subjectIndex: selection.subject?.index ?? null, filters: selection.filters, regionPrefixes, afterRow, limit: selection.limit + 1 });
    let rows = batch;
    if (obligations.consentRequired && rows.length > 0) {
      const consenting = await port.consenting(rows.map((row) => row.subjectIndex), grant);
      rows = rows.filter((row) => consenting.has(row.subjectIndex));
    }
    kept.push(...rows);
    if (kept.length > selection.limit) return { rows: kept.slice(0, selection.limit), more: true };
    if (batch.length <= selection.limit) return { rows: kept, more: false };
    afterRow = batch[batch.length - 1]!.rowNumber;
  }
}

/**
 * 7–9. Decrypts only the granted items, masks them per the grant, and notes what each subject was
 * given. Where the subject key is among the granted items, its plaintext scores the answer's
 * sequentiality for the detectors before it is masked. A canary (leak tracing, issue #8 §3) goes
 * among the rows at its fixed position, masked and recorded like them, so that nothing marks it.
 */
export async function deliver(port: ExchangeService, grant: Grant, obligations: ExchangeObligations, rows: readonly StoredRow[], subjectItem: string | null = null, canary: CanaryRow | null = null): Promise<Delivery> {
  const codes = obligations.items.map((item) => item.code);
  const keys = { keyedHash: port.pseudonym(grant.consumerOrgId) };
  const delivery: Delivery = { records: [], access: [], regions: {}, sequentiality: 0, lastRow: null };
  const identifiers: string[] = [];
  const scoring = rows.length > 2 && subjectItem !== null && codes.includes(subjectItem);
  const placed: (StoredRow | CanaryRow)[] = [...rows];
  if (canary && rows.length > 0) placed.splice(canaryPosition(canary.subjectIndex, rows.length), 0, canary);
  for (const row of placed) {
    const stored = 'rowNumber' in row;
    const values = stored ? await port.open(grant.resourceCode, row, codes) : row.values;
    const identifier = scoring && stored ? values[subjectItem] : null;
    if (identifier) identifiers.push(identifier);
    const record: Record<string, string | null> = {};
    const valueHashes: Record<string, string> = {};
    for (const item of obligations.items) {
      const value = values[item.code] ?? null;
      const shown = value === null ? null : maskValue(item.mask, value, keys);
      record[item.code] = shown;
      if (shown !== null) valueHashes[item.code] = port.deliveredHash(item.code, shown);
    }
    delivery.records.push(record);
    // The subject key as delivered, indexed, so that a leak of masked identifiers still finds this record.
    const keyHash = subjectItem === null ? null : (valueHashes[subjectItem] ?? null);
    delivery.access.push({ subjectIndex: row.subjectIndex, grantId: grant.id, consumerOrgId: grant.consumerOrgId, providerOrgId: grant.providerOrgId, resourceCode: grant.resourceCode, purposeCode: grant.purposeCode, items: codes, valueHashes, keyHash });
    const region = row.regionCode ?? 'unknown';
    delivery.regions[region] = (delivery.regions[region] ?? 0) + 1;
    if (stored) delivery.lastRow = row.rowNumber;
  }
  delivery.sequentiality = sequentiality(identifiers);
  return delivery;
}
