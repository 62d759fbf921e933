import { decide, denialMessage, EXCHANGE_DENIALS, MAX_PAGE, requestHash, rowScopePrefixes, type ExchangeDenialCode, type ExchangeObligations } from '../core/exchange/index.ts';
import type { Grade } from '../core/catalog/grade.ts';
import type { Grant } from '../core/sharing/grant.ts';
import type { CanaryRow, Dataset, ExchangeService, StoredRow, Subject } from '../app/exchange/exchange-service.ts';
import type { LedgerEntry } from '../app/exchange/exchange-ledger.ts';
import { CallAudit } from './call-audit.ts';
import { authenticate, checkQuota, checkUser, findGrant, readIssue } from './checks.ts';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.ts';
import { deliver, fetchRows, type Delivery } from './deliver.ts';
import type { ExchangeCall, QueryBody, VerifyBody } from './exchange-call.ts';
import { upstreamRows } from './proxy-rows.ts';

export interface Refusal {
  kind: 'refused';
  status: number;
  code: ExchangeDenialCode;
  message: string;
  seq: number | null;
  requestHash: string;
}

export type ExchangeOutcome =
  | Refusal
  | { kind: 'answer'; body: { records: Record<string, string | null>[]; nextCursor: string | null } | { match: boolean }; seq: number; requestHash: string }
  | { kind: 'export'; seq: number; requestHash: string; lines: AsyncIterable<string> };

/** An answer of more rows than this is bulk for the detectors, as an export is. */
const BULK_RECORDS = 100;

/** Rows an export writes per audit entry. */
const EXPORT_PAGE = 500;

interface Asked {
  /** The identifier as sent: only ever forwarded to the provider's own API in proxy mode. */
  subjectText: string | null;
  subject: Subject | null;
  filters: { itemCode: string; value: string }[];
  items: string[] | null;
  cursor: Cursor | null;
  limit: number | null;
  assert: Record<string, string> | null;
}

/** What the steps after the decision share. */
interface Permit {
  port: ExchangeService;
  grade: Grade;
  personOrgKind: 'department' | 'contractor';
  audit: CallAudit;
  grant: Grant;
  personId: string;
  day: string;
  obligations: ExchangeObligations;
  dataset: Dataset;
  subjectItem: string;
  asked: Asked;
}

type Page = { kind: 'page'; rows: StoredRow[]; nextCursor: Cursor | null } | Refusal;

/**
 * The enforcement pipeline (GB/T 39477-2020: centralised authentication, authorisation and audit).
 * It reads as the checklist it implements; each step either passes or ends the call with a coded
 * denial, which is audited like a permit. Nothing leaves before its audit entry and access
 * records have committed (fail closed).
 */
export async function enforce(call: ExchangeCall, port: ExchangeService): Promise<ExchangeOutcome> {
  const audit = new CallAudit(call, requestHash(port.hash.bind(port), { method: call.method, path: call.path, purpose: call.purpose ?? '', user: call.user ?? '', issue: call.issue ?? '', body: call.rawBody }));
  const refuse = (code: ExchangeDenialCode) => refusal(port, audit, code);
  // The one cheap indexed read of the policy version: compiled grants are dropped when it moved.
  await port.refresh();

  // 1. Authenticate the credential and its source address (and its rate).
  const credential = await authenticate(call, port);
  if (!credential.ok) return refuse(credential.denial.code);
  audit.credential = credential.value;

  // 2. Find the live grant for this resource and purpose.
  const grant = await findGrant(call, credential.value, port);
  if (!grant.ok) return refuse(grant.denial.code);
  audit.grant = grant.value;

  // 3. Check the user and the case number (the purpose was matched in 2; the time window in 5).
  const user = await checkUser(call, credential.value, port);
  if (!user.ok) return refuse(user.denial.code);
  audit.personId = user.value.person.id;
  const issue = readIssue(call);
  if (!issue.ok) return refuse(issue.denial.code);
  audit.issue = issue.value;

  // 4. Check the quota (counted again, exactly, when the call commits).
  const quota = checkQuota(grant.value, port);
  if (!quota.ok) return refuse(quota.denial.code);

  // 5. Decide: the grant in force now, the case number if the grade needs one, operation and items.
  const source = await port.resource(grant.value.resourceCode);
  const subjectItem = source?.resource.items.find((item) => item.subjectKey)?.code;
  const dataset = source?.dataset;
  if (!subjectItem || !dataset || (dataset.mode === 'hosted' && dataset.version === 0)) return refuse('DATASET_UNAVAILABLE');
  const asked = readAsk(call, port, subjectItem, dataset);
  if ('code' in asked) return refuse(asked.code);
  const conditionItems = [...asked.filters.map((filter) => filter.itemCode), ...Object.keys(asked.assert ?? {})];
  const decision = decide(grant.value, { operation: call.operation, items: asked.items, conditionItems, hasSubject: asked.subject !== null, limit: asked.limit, issue: issue.value }, port.now());
  if (decision.effect === 'deny') return refuse(decision.code);
  const personOrgKind = user.value.org.id === credential.value.orgId ? 'department' : 'contractor';
  const permit: Permit = { port, grade: source!.resource.grade, personOrgKind, audit, grant: grant.value, personId: user.value.person.id, day: quota.value, obligations: decision.obligations, dataset, subjectItem, asked };

  if (call.operation === 'verify') return verify(permit);
  if (call.operation === 'export') return dataset.mode === 'hosted' ? exportAll(permit) : refuse('DATASET_UNAVAILABLE');

  // 6. Fetch only the granted rows: from the hosted dataset, or from the provider's API.
  const page = await fetchPage(permit, permit.obligations.limit);
  if (page.kind === 'refused') return page;
  // 7–9. Decrypt only the granted items, mask per the grant, note each subject's access.
  const delivery = await deliver(port, permit.grant, permit.obligations, page.rows, permit.subjectItem, await canaryFor(permit));
  // 10. Append the audit entry with the access records, or answer nothing.
  const seq = await commitDelivery(permit, delivery);
  if (typeof seq !== 'number') return seq;
  // 11. Answer.
  return { kind: 'answer', body: { records: delivery.records, nextCursor: page.nextCursor && encodeCursor(page.nextCursor) }, seq, requestHash: audit.requestHash };
}

async function refusal(port: ExchangeService, audit: CallAudit, code: ExchangeDenialCode): Promise<Refusal> {
  let seq: number | null = null;
  try {
    seq = (await port.commit({ event: audit.denied(code), access: [], quota: null, overQuota: null })).seq;
  } catch {
    // The denial stands even when it cannot be recorded; the caller learns that nothing was recorded.
    code = 'AUDIT_UNAVAILABLE';
  }
  return refused(code, seq, audit);
}

function refused(code: ExchangeDenialCode, seq: number | null, audit: CallAudit): Refusal {
  return { kind: 'refused', status: EXCHANGE_DENIALS[code].status, code, message: denialMessage(code), seq, requestHash: audit.requestHash };
}

/** Step 6: one page of rows in the grant's scope, of consenting subjects where consent is the basis. */
async function fetchPage(permit: Permit, limit: number, items: readonly string[] = permit.obligations.items.map((item) => item.code)): Promise<Page> {
  const { port, grant, obligations, dataset, asked } = permit;
  const prefixes = rowScopePrefixes(obligations.rowScope);
  if (dataset.mode === 'hosted') {
    const afterRow = asked.cursor?.kind === 'hosted' ? asked.cursor.row : 0;
    const { rows, more } = await fetchRows(port, grant, obligations, { subject: asked.subject, filters: asked.filters, afterRow, limit }, prefixes);
    const last = rows.at(-1);
    return { kind: 'page', rows, nextCursor: more && last ? { kind: 'hosted', version: dataset.version, row: last.rowNumber } : null };
  }
  const answer = await port.forward(
    dataset.upstreamUrl!,
    {
      operation: asked.assert ? 'verify' : 'query',
      ...(asked.subjectText === null ? {} : { subject: asked.subjectText }),
      ...(asked.filters.length === 0 ? {} : { filters: Object.fromEntries(asked.filters.map((filter) => [filter.itemCode, filter.value])) }),
      items: [...new Set([permit.subjectItem, ...items])],
      limit,
      ...(asked.cursor?.kind === 'upstream' ? { cursor: asked.cursor.cursor } : {}),
    },
    { 'x-custos-request-hash': permit.audit.requestHash, 'x-custos-consumer': grant.consumerOrgId, 'x-custos-purpose': grant.purposeCode },
  );
  if (!answer) return refusal(port, permit.audit, 'UPSTREAM_FAILED');
  let rows = upstreamRows(answer, grant, port, permit.subjectItem, asked.subject, prefixes).slice(0, limit);
  if (obligations.consentRequired && rows.length > 0) {
    const consenting = await port.consenting(rows.map((row) => row.subjectIndex), grant);
    rows = rows.filter((row) => consenting.has(row.subjectIndex));
  }
  return { kind: 'page', rows, nextCursor: answer.nextCursor ? { kind: 'upstream', cursor: answer.nextCursor } : null };
}

/**
 * The grant's canary, in the first page of an answer that selects rows rather than a subject (a
 * listing, an export, or a filter its values meet, exactly as a row's would): where a bulk copy
 * starts. A query for one subject never gets it, so it cannot be singled out by asking.
 */
async function canaryFor(permit: Permit): Promise<CanaryRow | null> {
  const { asked } = permit;
  if (asked.subject !== null || asked.cursor !== null) return null;
  const canary = await permit.port.canary(permit.grant);
  return canary && asked.filters.every((filter) => canary.values[filter.itemCode] === filter.value.trim()) ? canary : null;
}

/** Steps 9–10 for one answer or export page: the seq of the committed entry, or the refusal. */
async function commitDelivery(permit: Permit, delivery: Delivery, options: { countQuota?: boolean; page?: number; items?: string[] } = {}): Promise<number | Refusal> {
  const { port, audit, grant, personId, day, obligations } = permit;
  const at = port.now().toISOString();
  const counted = options.countQuota !== false;
  const entry: LedgerEntry = {
    event: audit.permitted({
      records: delivery.records.length,
      items: options.items ?? obligations.items.map((item) => item.code),
      regions: delivery.regions,
      alert: obligations.alertEachAccess,
      ...(options.page === undefined ? {} : { page: options.page }),
      grade: permit.grade,
      personOrgKind: permit.personOrgKind,
      rowScope: rowScopePrefixes(obligations.rowScope),
      sequentiality: delivery.sequentiality,
      bulk: audit.operation === 'export' || delivery.records.length > BULK_RECORDS,
      quotaLimit: grant.quotaPerDay,
    }),
    access: delivery.access.map((access) => ({ ...access, id: port.newId(), at, credentialId: audit.credential!.id, personId, operation: audit.operation })),
    quota: counted ? { grantId: grant.id, day, limit: grant.quotaPerDay } : null,
    // Built only where a call can be over its quota: the ledger appends it instead of the permit.
    overQuota: counted && grant.quotaPerDay !== null ? audit.denied('QUOTA_EXCEEDED') : null,
  };
  try {
    const outcome = await port.commit(entry);
    return outcome.overQuota ? refused('QUOTA_EXCEEDED', outcome.seq, audit) : outcome.seq;
  } catch {
    return refused('AUDIT_UNAVAILABLE', null, audit);
  }
}

/** 核验: yes or no, whether a row of the subject in scope holds every asserted value. Nothing else leaves. */
async function verify(permit: Permit): Promise<ExchangeOutcome> {
  const { port, grant } = permit;
  const assert = permit.asked.assert ?? {};
  const codes = Object.keys(assert);
  const page = await fetchPage(permit, MAX_PAGE, codes);
  if (page.kind === 'refused') return page;
  let match = false;
  for (const row of page.rows) {
    const values = await port.open(grant.resourceCode, row, codes);
    if (codes.every((code) => values[code] !== null && values[code] === assert[code]!.trim())) match = true;
  }
  const subjects = [...new Map(page.rows.map((row) => [row.subjectIndex, row])).values()];
  const delivery: Delivery = {
    records: subjects.map(() => ({})),
    access: subjects.map((row) => ({ subjectIndex: row.subjectIndex, grantId: grant.id, consumerOrgId: grant.consumerOrgId, providerOrgId: grant.providerOrgId, resourceCode: grant.resourceCode, purposeCode: grant.purposeCode, items: codes, valueHashes: {} })),
    regions: countRegions(subjects),
    sequentiality: 0,
    lastRow: null,
  };
  const seq = await commitDelivery(permit, delivery, { items: codes });
  if (typeof seq !== 'number') return seq;
  return { kind: 'answer', body: { match }, seq, requestHash: permit.audit.requestHash };
}

function countRegions(rows: readonly StoredRow[]): Record<string, number> {
  const regions: Record<string, number> = {};
  for (const row of rows) regions[row.regionCode ?? 'unknown'] = (regions[row.regionCode ?? 'unknown'] ?? 0) + 1;
  return regions;
}

/** Bulk export as NDJSON, where the grade allows it: each page is audited before it is written. */
async function exportAll(permit: Permit): Promise<ExchangeOutcome> {
  const { port, grant, obligations } = permit;
  const page = async (cursor: Cursor | null, number: number) => {
    const fetched = await fetchPage({ ...permit, asked: { ...permit.asked, cursor } }, EXPORT_PAGE);
    if (fetched.kind === 'refused') return { fetched, delivery: null, seq: fetched };
    const delivery = await deliver(port, grant, obligations, fetched.rows, permit.subjectItem, number === 0 ? await canaryFor({ ...permit, asked: { ...permit.asked, cursor } }) : null);
    // The quota counts the export once, with its first page.
    return { fetched, delivery, seq: await commitDelivery(permit, delivery, { countQuota: number === 0, page: number }) };
  };
  const first = await page(permit.asked.cursor, 0);
  if (typeof first.seq !== 'number') return first.seq;
  async function* lines(): AsyncIterable<string> {
    let current = first;
    for (let number = 1; ; number += 1) {
      for (const record of current.delivery?.records ?? []) yield `${JSON.stringify(record)}\n`;
      const next = current.fetched.kind === 'refused' ? null : current.fetched.nextCursor;
      if (!next) return;
      current = await page(next, number);
      if (typeof current.seq !== 'number') {
        // Fail closed mid-stream: the page that could not be recorded is not written.
        yield `${JSON.stringify({ error: { code: current.seq.code, message: current.seq.message } })}\n`;
        return;
      }
    }
  }
  return { kind: 'export', seq: first.seq, requestHash: permit.audit.requestHash, lines: lines() };
}

/** What the body asks, checked against the resource's items; the subject as its blind index. */
function readAsk(call: ExchangeCall, port: ExchangeService, subjectItem: string, dataset: Dataset): Asked | { code: ExchangeDenialCode } {
  if (call.operation === 'verify') {
    const { subject: text, assert } = call.body as VerifyBody;
    const subject = port.subject(text);
    if (!subject) return { code: 'SUBJECT_INVALID' };
    return { subjectText: text, subject, filters: [], items: [], cursor: null, limit: 1, assert };
  }
  const query = call.body as QueryBody;
  const entries = Object.entries(query.filters ?? {});
  // A filter on the subject key is the subject, looked up by its blind index like one.
  const texts = [query.subject, ...entries.filter(([code]) => code === subjectItem).map(([, value]) => value)].filter((value) => value !== undefined);
  let subject: Subject | null = null;
  for (const text of texts) {
    const found = port.subject(text);
    if (!found || (subject && subject.index !== found.index)) return { code: 'SUBJECT_INVALID' };
    subject = found;
  }
  let cursor: Cursor | null = null;
  if (query.cursor !== undefined) {
    cursor = decodeCursor(query.cursor);
    const fits = cursor !== null && (dataset.mode === 'hosted' ? cursor.kind === 'hosted' && cursor.version === dataset.version : cursor.kind === 'upstream');
    if (!fits) return { code: 'CURSOR_INVALID' };
  }
  const filters = entries.filter(([code]) => code !== subjectItem).map(([itemCode, value]) => ({ itemCode, value }));
  return { subjectText: texts[0] ?? null, subject, filters, items: query.items ?? null, cursor, limit: query.limit ?? null, assert: null };
}
