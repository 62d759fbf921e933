import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { disclosedCells, extendTable, type MetricTable, type PublishedCell, type TransparencyReport } from '../../src/core/transparency/index.ts';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { buildGatewayWorld, exchange, RESIDENTS, type GatewayWorld } from '../gateway/gateway-world.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { REGION } from '../support/world.ts';

const OTHER_REGION = '330102';
const OCTOBER = '2026-10-15T02:00:00.000Z';
/** After November has ended in Shanghai, so October and November may be reported. */
const REPORTED_AT = '2026-12-02T02:00:00.000Z';
const URL = `/api/v1/transparency-reports?region=${REGION}&from=2026-10&to=2026-11&period=month`;

interface ErrorReply {
  code: string;
  details?: { errors?: { path: string; code: string }[] };
}

async function insertAlerts(db: Kysely<Schema>, prefix: string, orgId: string, regionCode: string, raisedAt: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await db
      .insertInto('alerts')
      .values({
        id: `${prefix}-${index}`,
        dedup_key: `${prefix}-${index}`,
        detector: 'volume',
        severity: 'medium',
        status: 'resolved',
        principal_kind: 'credential',
        principal_id: `${prefix}-credential`,
        org_id: orgId,
        region_code: regionCode,
        assignee_org_id: null,
        credential_id: null,
        grant_id: null,
        evidence: '[]',
        summary_zh: '测试告警',
        summary_en: 'test alert',
        raised_at: raisedAt,
        last_seen_at: raisedAt,
        occurrences: 1,
        deadline_at: raisedAt,
        escalated_at: null,
        updated_at: raisedAt,
      })
      .execute();
  }
}

async function insertSanctions(db: Kysely<Schema>, prefix: string, orgId: string, decidedAt: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await db.insertInto('sanctions').values({ id: `${prefix}-${index}`, org_id: orgId, person_id: null, kind: 'interview', document: '{}', decided_at: decidedAt, case_id: null }).execute();
  }
}

async function insertCases(db: Kysely<Schema>, world: GatewayWorld, partyOrgId: string, filedAt: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const id = `case-${partyOrgId}-${index}`;
    await db
      .insertInto('cases')
      .values({
        id,
        region_code: REGION,
        authority_org_id: world.orgs.bureau,
        source_kind: 'alert',
        source_id: `source-${index}`,
        title: '测试案件',
        facts: '事实',
        stage: 'filed',
        evidence: '[]',
        attribution: '{}',
        investigation_due_at: filedAt,
        statement_due_at: null,
        determination: null,
        public_summary: null,
        filed_by: world.people.supervisor.id,
        filed_at: filedAt,
        updated_at: filedAt,
      })
      .execute();
    // Two roles of one organisation in one case: the case counts once for it.
    for (const role of ['consumer', 'commissioning-department']) {
      await db.insertInto('case_parties').values({ case_id: id, party_kind: 'organisation', party_id: partyOrgId, role, org_id: partyOrgId }).execute();
    }
  }
}

function values(cells: readonly PublishedCell[]): (number | null)[] {
  return cells.map((cell) => cell.value);
}

function metric(report: TransparencyReport, name: MetricTable['metric']): MetricTable {
  return report.metrics.find((table) => table.metric === name)!;
}

/** The grid as published: cells, then row totals, then the column totals and grand total (a stock repeats its suppression without them). */
function published(table: MetricTable): PublishedCell[][] {
  return [...table.cells.map((row, index) => [...row, ...(table.rowTotals ? [table.rowTotals[index]!] : [])]), [...table.columnTotals, ...(table.total ? [table.total] : [])]];
}

/** What must hold of any published table: no visible count of 1–4, no line with one hidden cell, and visible lines add up. */
function expectSafe(table: MetricTable): void {
  const grid = published(table);
  for (const cell of grid.flat()) {
    expect(cell.suppressed).toBe(cell.value === null);
    if (cell.value !== null) expect(cell.value === 0 || cell.value >= 5, `${table.metric}: ${cell.value}`).toBe(true);
  }
  if (!table.rowTotals) return;
  const columns = grid[0]!.length;
  const lines = [...grid, ...Array.from({ length: columns }, (_, column) => grid.map((row) => row[column]!))];
  for (const line of lines) expect(line.filter((cell) => cell.suppressed).length, table.metric).not.toBe(1);
  for (const line of lines) {
    if (line.some((cell) => cell.suppressed)) continue;
    const parts = line.slice(0, -1).reduce((sum, cell) => sum + cell.value!, 0);
    expect(parts, table.metric).toBe(line.at(-1)!.value);
  }
}

for (const dialect of DIALECTS) {
  describe(`transparency report (${dialect})`, () => {
    let test: TestRuntime;
    let world: GatewayWorld;
    let otherDepartment: string;
    let report: TransparencyReport;

    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildGatewayWorld(test);
      const db = test.runtime.context.store.database.db;
      // November (Shanghai): the police bureau's grant to civil affairs (issued at TEST_START),
      // six answered gateway calls of one record each, and one denied call, which is no volume.
      for (let call = 0; call < 6; call += 1) {
        const reply = await exchange(test, world, 'query', { subject: RESIDENTS[call % 3]!.residentId });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      }
      expect((await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId }, { purpose: 'PATROL' })).status).toBe(403);
      // October: alerts, sanctions and cases, some of them small counts.
      await insertAlerts(db, 'civil-october', world.orgs.civil, REGION, OCTOBER, 7);
      await insertAlerts(db, 'police-october', world.orgs.police, REGION, OCTOBER, 2);
      await insertSanctions(db, 'police-october', world.orgs.police, OCTOBER, 3);
      await insertCases(db, world, world.orgs.civil, OCTOBER, 6);
      // Another region's department, with activity of its own that must not show here.
      await test.runtime.services.regions.create(null, { code: OTHER_REGION, name: '上城区' });
      otherDepartment = (await test.runtime.services.organisations.create(null, { name: '上城区民政局', uscc: syntheticUscc(OTHER_REGION, 9), regionCode: OTHER_REGION, kind: 'department' })).id;
      await insertAlerts(db, 'other-october', otherDepartment, OTHER_REGION, OCTOBER, 9);
      await insertSanctions(db, 'other-october', otherDepartment, OCTOBER, 8);
      test.clock.set(REPORTED_AT);
      const reply = await call<TransparencyReport>(test.app, 'GET', URL);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      report = reply.body;
    });
    afterAll(() => test.close());

    it('is public: it needs no token, and a token changes nothing', async () => {
      const withToken = await call<TransparencyReport>(test.app, 'GET', URL, { token: world.people.civilConsumer.token });
      expect(withToken.body).toEqual(report);
      expect(report.periods.map((period) => period.key)).toEqual(['2026-10', '2026-11']);
      // Periods are Shanghai calendar months: November starts at 16:00 UTC on 31 October.
      expect(report.periods[1]).toEqual({ key: '2026-11', start: '2026-10-31T16:00:00.000Z', end: '2026-11-30T16:00:00.000Z' });
      expect(report.suppressionLimit).toBe(5);
    });

    it('answers one address 60 times a minute, then 429 with the seconds to wait, and other addresses meanwhile', async () => {
      const address = '203.0.113.9';
      // A malformed query counts too: the limit is checked before anything else is.
      for (let ask = 0; ask < 60; ask += 1) expect((await call(test.app, 'GET', `${URL}&format=pdf`, { remoteAddress: address })).status).toBe(400);
      const refused = await test.app.inject({ method: 'GET', url: URL, remoteAddress: address });
      expect([refused.statusCode, refused.json<{ code: string }>().code, refused.headers['retry-after']]).toEqual([429, 'RATE_LIMITED', '60']);
      expect((await call(test.app, 'GET', URL, { remoteAddress: '203.0.113.10' })).status).toBe(200);
      test.clock.advance(60_000);
      expect((await call(test.app, 'GET', URL, { remoteAddress: address })).status).toBe(200);
    });

    it('counts the gateway volume from the audit log and the access records, leaving out denials', () => {
      const civil = report.departments.findIndex((department) => department.id === world.orgs.civil);
      const calls = metric(report, 'gatewayCalls');
      expect(values(calls.cells[civil]!)).toEqual([0, 6]);
      expect(calls.rowTotals![civil]!.value).toBe(6);
      expect(values(calls.columnTotals)).toEqual([0, 6]);
      expect(calls.total!.value).toBe(6);
      expect(values(metric(report, 'recordsDelivered').cells[civil]!)).toEqual([0, 6]);
      // Six cases with two roles each for civil affairs: six cases, not twelve.
      expect(values(metric(report, 'cases').cells[civil]!)).toEqual([6, 0]);
    });

    it('suppresses small counts, and neither totals nor other cells give them away', () => {
      const police = report.departments.findIndex((department) => department.id === world.orgs.police);
      // One grant issued, two alerts, three sanctions: all hidden, with their totals.
      expect(metric(report, 'grantsIssued').cells[police]![1]).toEqual({ value: null, suppressed: true });
      expect(metric(report, 'grantsIssued').columnTotals[1]).toEqual({ value: null, suppressed: true });
      expect(metric(report, 'grantsInForce').cells[police]![1]).toEqual({ value: null, suppressed: true });
      expect(metric(report, 'alerts').cells[police]![0]).toEqual({ value: null, suppressed: true });
      const sanctions = metric(report, 'sanctions');
      expect(sanctions.cells[police]![0]).toEqual({ value: null, suppressed: true });
      expect(sanctions.rowTotals![police]!.suppressed).toBe(true);
      expect(sanctions.columnTotals[0]!.suppressed).toBe(true);
      expect(sanctions.total!.suppressed).toBe(true);
      for (const table of report.metrics) expectSafe(table);
      // With the true counts: no hidden cell of the sanctions table can be worked out from what is shown.
      const truth = report.departments.map((department) => (department.id === world.orgs.police ? [3, 0] : [0, 0]));
      const hidden = published(sanctions).map((line) => line.map((cell) => cell.suppressed));
      expect(disclosedCells(extendTable(truth, 2), hidden)).toEqual([]);
    });

    it('shows a month the same in every report that covers it, so two reports cannot be subtracted', async () => {
      const october = await call<TransparencyReport>(test.app, 'GET', `/api/v1/transparency-reports?region=${REGION}&from=2026-10&to=2026-10&period=month`);
      expect(october.status).toBe(200);
      for (const table of october.body.metrics) {
        const wide = metric(report, table.metric);
        expect(table.cells.map((row) => row[0]), table.metric).toEqual(wide.cells.map((row) => row[0]));
        expect(table.columnTotals[0], table.metric).toEqual(wide.columnTotals[0]);
      }
    });

    it('shows only its own region, and only counts: no person, no subject', async () => {
      const ids = report.departments.map((department) => department.id);
      expect(ids).toContain(world.orgs.civil);
      expect(ids).not.toContain(otherDepartment);
      expect(ids).not.toContain(world.orgs.platform);
      // October's alerts here are civil affairs' 7 and the police's 2: the other region's 9 are not in the total.
      expect(metric(report, 'alerts').columnTotals[0]!.value).toBe(9);
      const text = JSON.stringify(report);
      for (const secret of [world.people.civilConsumer.id, world.people.civilConsumer.login, world.credentialId, ...RESIDENTS.map((resident) => resident.residentId), ...RESIDENTS.map((resident) => resident.name)]) {
        expect(text).not.toContain(secret);
      }
      const other = await call<TransparencyReport>(test.app, 'GET', `/api/v1/transparency-reports?region=${OTHER_REGION}&from=2026-10&to=2026-11&period=month`);
      expect(other.body.departments).toEqual([{ id: otherDepartment, name: '上城区民政局' }]);
      expect(values(metric(other.body, 'alerts').cells[0]!)).toEqual([9, 0]);
      expect(values(metric(other.body, 'sanctions').cells[0]!)).toEqual([8, 0]);
    });

    it('exports CSV with a byte-order mark for Excel, suppressed cells marked x', async () => {
      const response = await test.app.inject({ method: 'GET', url: `${URL}&format=csv` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="transparency-${REGION}-2026-10-2026-11.csv"`);
      const bytes = response.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('指标 / metric,指标代码 / metric code,部门 / department,部门标识 / department id,2026-10,2026-11,合计 / total');
      expect(lines).toContain(`网关调用次数（作为使用方） / gateway calls answered (as consumer),gatewayCalls,云溪县民政局,${world.orgs.civil},0,6,6`);
      expect(lines).toContain(`问责处理 / sanctions,sanctions,云溪县公安局,${world.orgs.police},x,0,x`);
      // One line per metric and department, and a totals line per metric.
      expect(lines.length).toBe(1 + report.metrics.length * (report.departments.length + 1));
    });

    it('renders a self-contained HTML page with SVG charts and nothing to load or run', async () => {
      const response = await test.app.inject({ method: 'GET', url: `${URL}&format=html` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      const page = response.body;
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(page.match(/<svg /g)?.length).toBe(report.metrics.length);
      expect(page).toContain('云溪县民政局');
      expect(page).not.toMatch(/<script|<link|<img|<iframe|src=|href=|@import|url\(/i);
    });

    it('escapes department names in the page and guards them in the CSV', async () => {
      const created = await test.runtime.services.organisations.create(null, { name: '=HYPERLINK("x")<b>局</b>', uscc: syntheticUscc(REGION, 8), regionCode: REGION, kind: 'department' });
      const page = (await test.app.inject({ method: 'GET', url: `${URL}&format=html` })).body;
      expect(page).toContain('=HYPERLINK(&quot;x&quot;)&lt;b&gt;局&lt;/b&gt;');
      expect(page).not.toContain('<b>局</b>');
      const csv = (await test.app.inject({ method: 'GET', url: `${URL}&format=csv` })).body;
      expect(csv).toContain(`"'=HYPERLINK(""x"")<b>局</b>",${created.id}`);
    });

    it('refuses periods that have not ended, are reversed, misaligned or too long, and bad input, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const cases: [string, number, string, string?][] = [
        [`region=${REGION}&from=2026-11&to=2026-12&period=month`, 400, 'VALIDATION_FAILED', 'PERIOD_NOT_ENDED'],
        [`region=${REGION}&from=2026-11&to=2026-10&period=month`, 400, 'VALIDATION_FAILED', 'PERIOD_REVERSED'],
        [`region=${REGION}&from=2026-02&to=2026-06&period=quarter`, 400, 'VALIDATION_FAILED', 'PERIOD_NOT_QUARTERS'],
        [`region=${REGION}&from=2024-01&to=2026-10&period=month`, 400, 'VALIDATION_FAILED', 'PERIOD_TOO_LONG'],
        [`region=${REGION}&from=2026-13&to=2026-10&period=month`, 400, 'VALIDATION_FAILED', 'PERIOD_MONTH_INVALID'],
        [`region=${REGION}&from=0000-01&to=0000-02&period=month`, 400, 'VALIDATION_FAILED', 'PERIOD_MONTH_INVALID'],
        [`region=${REGION}&from=2026-10&to=2026-11&period=week`, 400, 'VALIDATION_FAILED'],
        [`region=${REGION}&from=2026-10&to=2026-11&period=month&format=pdf`, 400, 'VALIDATION_FAILED'],
        [`region=${REGION}&from=2026-10&to=2026-11&period=month&department=x`, 400, 'VALIDATION_FAILED'],
        [`from=2026-10&to=2026-11&period=month`, 400, 'VALIDATION_FAILED'],
        [`region=999999&from=2026-10&to=2026-11&period=month`, 404, 'NOT_FOUND'],
      ];
      for (const [query, status, code, detail] of cases) {
        const reply = await call<ErrorReply>(test.app, 'GET', `/api/v1/transparency-reports?${query}`);
        expect([reply.status, reply.body.code], query).toEqual([status, code]);
        if (detail) expect(reply.body.details?.errors?.[0]?.code, query).toBe(detail);
      }
      // Reading is public; nothing else is: there is no way to write through it.
      expect((await call(test.app, 'POST', '/api/v1/transparency-reports', { body: {} })).status).toBe(404);
      expect(await auditCount(test.runtime)).toBe(before);
    });

    it('reports quarters', async () => {
      test.clock.set('2027-01-05T02:00:00.000Z');
      const reply = await call<TransparencyReport>(test.app, 'GET', `/api/v1/transparency-reports?region=${REGION}&from=2026-07&to=2026-12&period=quarter`);
      expect(reply.status).toBe(200);
      expect(reply.body.periods.map((period) => period.key)).toEqual(['2026-Q3', '2026-Q4']);
      const civil = reply.body.departments.findIndex((department) => department.id === world.orgs.civil);
      expect(values(metric(reply.body, 'gatewayCalls').cells[civil]!)).toEqual([0, 6]);
      test.clock.set(REPORTED_AT);
    });
  });
}
