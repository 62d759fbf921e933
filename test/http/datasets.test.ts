import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/http/build-app.ts';
import { buildGatewayWorld, exchange, RESIDENTS, residentId, residentsCsv, type GatewayWorld, type Resident } from '../gateway/gateway-world.ts';
import { createTestRuntime, DIALECTS, type Dialect, type TestRuntime } from '../support/harness.ts';
import { auditCount } from '../support/http.ts';

interface Upload {
  name: string;
  bytes: Uint8Array | string;
  field?: string;
}

interface LoadBody {
  resourceCode: string;
  version: number;
  rows: number;
  encryptedItems: string[];
}

interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: { errors?: { path: string; code: string; message: string }[] };
}

const BOUNDARY = '----custos-dataset-boundary';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart/form-data body as a browser sends it: fields first, then the files. */
function multipart(uploads: readonly Upload[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const upload of uploads) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${upload.field ?? 'file'}"; filename="${upload.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(Buffer.from(upload.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** Residents of the test county with valid IDs, as many as asked for. */
function manyResidents(count: number): Resident[] {
  return Array.from({ length: count }, (_, index) => ({ name: `居民${index}`, residentId: residentId('331199', '19900101', 100 + index), address: `云溪县城关镇新村${index}号` }));
}

async function residentsXlsx(residents: readonly Resident[] = RESIDENTS): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('户籍');
  sheet.addRow(['name', 'resident_id', 'address']);
  for (const resident of residents) sheet.addRow([resident.name, resident.residentId, resident.address]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function asJson(residents: readonly Resident[]): Record<string, string>[] {
  return residents.map((resident) => ({ name: resident.name, resident_id: resident.residentId, address: resident.address }));
}

/** Upload folders this suite's routes spool to; none may be left behind. */
function spoolFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('custos-dataset-'));
}

const [wang] = RESIDENTS as [Resident];
const EVERY_ITEM_ENCRYPTED = ['name', 'resident_id', 'address'];

describe.each(DIALECTS)('hosted dataset API (%s)', (dialect: Dialect) => {
  let test: TestRuntime;
  let world: GatewayWorld;
  /** Every error body answered in this suite, checked at the end for echoed values. */
  const errorBodies: string[] = [];

  beforeAll(async () => {
    test = await createTestRuntime(dialect);
    // COND holds version 1 (the four residents), and the civil affairs bureau has a grant on it.
    world = await buildGatewayWorld(test);
  });
  afterAll(() => test.close());

  function record<Reply extends { statusCode: number; body: string }>(response: Reply): Reply {
    if (response.statusCode >= 400) errorBodies.push(response.body);
    return response;
  }

  const upload = (token: string | undefined, uploads: readonly Upload[], fields: Record<string, string> = {}, resourceCode = 'COND', app: FastifyInstance = test.app) => {
    const body = multipart(uploads, fields);
    return app
      .inject({ method: 'POST', url: `/api/v1/datasets/${resourceCode}/versions`, payload: body.payload, headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } })
      .then(record);
  };
  const raw = (token: string | undefined, contentType: string, payload: Uint8Array | string, resourceCode = 'COND', app: FastifyInstance = test.app) =>
    app
      .inject({ method: 'POST', url: `/api/v1/datasets/${resourceCode}/versions`, payload: Buffer.from(payload), headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) } })
      .then(record);
  const status = (token: string | undefined, resourceCode = 'COND') =>
    test.app.inject({ method: 'GET', url: `/api/v1/datasets/${resourceCode}`, headers: token ? { authorization: `Bearer ${token}` } : {} }).then(record);
  const currentVersion = async () => (await test.runtime.services.datasets.get(await providerPrincipal(), 'COND')).version;
  const providerPrincipal = async () => test.runtime.services.auth.localPrincipal(world.people.policeAdmin.login);

  it('loads a multipart CSV as a new version, every PI item encrypted, and audits the load', async () => {
    const before = await currentVersion();
    const audits = await auditCount(test.runtime);
    const reply = await upload(world.people.policeAdmin.token, [{ name: '户籍人口.csv', bytes: residentsCsv() }]);
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json<LoadBody>()).toEqual({ resourceCode: 'COND', version: before + 1, rows: 4, encryptedItems: EVERY_ITEM_ENCRYPTED });
    expect(await auditCount(test.runtime)).toBe(audits + 1);
    // The gateway serves the new version.
    const answer = await exchange<{ records: unknown[] }>(test, world, 'query', { subject: wang.residentId });
    expect(answer.body.records).toHaveLength(1);
  });

  it('loads a raw CSV body, a JSON array, NDJSON, and an XLSX file', async () => {
    const residents = RESIDENTS.slice(0, 3);
    const cases: [string, Uint8Array | string][] = [
      ['text/csv; charset=utf-8', residentsCsv(residents)],
      ['application/json', JSON.stringify(asJson(residents))],
      ['application/x-ndjson', `${asJson(residents).map((row) => JSON.stringify(row)).join('\n')}\n`],
      [XLSX, await residentsXlsx(residents)],
    ];
    for (const [contentType, payload] of cases) {
      const before = await currentVersion();
      const reply = await raw(world.people.policeAdmin.token, contentType, payload);
      expect(reply.statusCode, `${contentType}: ${reply.body}`).toBe(201);
      expect(reply.json<LoadBody>()).toMatchObject({ version: before + 1, rows: 3 });
    }
    const xlsx = await upload(world.people.policeAdmin.token, [{ name: 'residents.xlsx', bytes: await residentsXlsx() }]);
    expect([xlsx.statusCode, xlsx.json<LoadBody>().rows]).toEqual([201, 4]);
  });

  it('takes the format from a format field when the file name says nothing', async () => {
    const reply = await upload(world.people.policeAdmin.token, [{ name: 'export.txt', bytes: residentsCsv() }], { format: 'csv' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json<LoadBody>().rows).toBe(4);
  });

  it('spools a file larger than the body limit to a temporary file, and deletes it afterwards', async () => {
    const app = await buildHttpApp({ services: test.runtime.services, logger: false, bodyLimit: 1024, nextRequestId: () => test.runtime.context.ids.next() });
    try {
      const before = spoolFolders();
      const csv = residentsCsv(manyResidents(200));
      expect(csv.byteLength).toBeGreaterThan(4 * 1024);
      const viaRaw = await raw(world.people.policeAdmin.token, 'text/csv', csv, 'COND', app);
      expect([viaRaw.statusCode, viaRaw.json<LoadBody>().rows]).toEqual([201, 200]);
      expect(spoolFolders()).toEqual(before);
      const viaMultipart = await upload(world.people.policeAdmin.token, [{ name: 'big.csv', bytes: csv }], {}, 'COND', app);
      expect([viaMultipart.statusCode, viaMultipart.json<LoadBody>().rows]).toEqual([201, 200]);
      expect(spoolFolders()).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('shows the provider the dataset’s status, and no row', async () => {
    const reply = await status(world.people.policeAdmin.token);
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toEqual({ resourceCode: 'COND', mode: 'hosted', version: await currentVersion(), rowCount: 200, updatedAt: expect.any(String) });
    // Anyone of the provider may look; the status says nothing about the rows' contents.
    expect((await status(world.policeConsumer.token)).statusCode).toBe(200);
  });

  it('lets only the provider’s provider_admin load: another organisation sees no such resource', async () => {
    const audits = await auditCount(test.runtime);
    const before = await currentVersion();
    const file = [{ name: 'residents.csv', bytes: residentsCsv() }];
    const consumer = await upload(world.people.civilConsumer.token, file);
    expect([consumer.statusCode, consumer.json<ErrorBody>().code]).toEqual([403, 'FORBIDDEN']);
    const sameOrgConsumer = await upload(world.policeConsumer.token, file);
    expect([sameOrgConsumer.statusCode, sameOrgConsumer.json<ErrorBody>().code]).toEqual([403, 'FORBIDDEN']);
    const otherProvider = await upload(world.people.civilAdmin.token, file);
    const absent = await upload(world.people.civilAdmin.token, file, {}, 'NO-SUCH-RESOURCE');
    expect([otherProvider.statusCode, otherProvider.json<ErrorBody>().code]).toEqual([404, 'NOT_FOUND']);
    // Another department cannot tell a resource it may not load from one that does not exist.
    expect(otherProvider.json<ErrorBody>().message).toBe(absent.json<ErrorBody>().message);
    const otherRaw = await raw(world.people.civilAdmin.token, 'text/csv', residentsCsv());
    expect(otherRaw.statusCode).toBe(404);
    const anonymous = await upload(undefined, file);
    expect([anonymous.statusCode, anonymous.json<ErrorBody>().code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await raw('cus_not-a-token', 'text/csv', residentsCsv())).statusCode).toBe(401);
    expect(await currentVersion()).toBe(before);
    expect(await auditCount(test.runtime)).toBe(audits);
  });

  it('shows the status to the provider only: 404 to another organisation, 401 without a token', async () => {
    const other = await status(world.people.civilAdmin.token);
    expect([other.statusCode, other.json<ErrorBody>().code]).toEqual([404, 'NOT_FOUND']);
    expect((await status(world.people.supervisor.token)).statusCode).toBe(404);
    expect((await status(world.people.policeAdmin.token, 'OPEN')).statusCode).toBe(404);
    expect((await status(undefined)).statusCode).toBe(401);
  });

  it('reports bad rows by row number and item, echoes no value, and keeps the version in force', async () => {
    const before = await currentVersion();
    const audits = await auditCount(test.runtime);
    const badId = `${wang.residentId.slice(0, 17)}${wang.residentId.endsWith('0') ? '1' : '0'}`;
    const lines = ['姓名,公民身份号码,住址', '钱多多,' + residentId('331199', '19700101', 51) + ',云溪县东门街1号', `孙悟空,${badId},花果山水帘洞`, '猪八戒,,高老庄'];
    const reply = await upload(world.people.policeAdmin.token, [{ name: 'bad.csv', bytes: `${lines.join('\n')}\n` }]);
    expect(reply.statusCode, reply.body).toBe(400);
    const body = reply.json<ErrorBody>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details?.errors?.map((error) => [error.path, error.code])).toEqual([
      ['/rows/2/resident_id', 'DATASET_SUBJECT_KEY_INVALID'],
      ['/rows/3/resident_id', 'DATASET_SUBJECT_KEY_MISSING'],
    ]);
    for (const value of [badId, '孙悟空', '花果山水帘洞', '猪八戒', '高老庄', '钱多多']) expect(reply.body).not.toContain(value);
    // Nothing replaced: the same version, and the gateway still serves its rows.
    expect(await currentVersion()).toBe(before);
    expect((await status(world.people.policeAdmin.token)).json()).toMatchObject({ version: before, rowCount: 200 });
    expect(await auditCount(test.runtime)).toBe(audits);
    const answer = await exchange<{ records: unknown[] }>(test, world, 'query', { subject: residentId('331199', '19900101', 100) });
    expect(answer.body.records).toHaveLength(1);
  });

  it('refuses a file with a header and no rows, keeping the version in force', async () => {
    const before = await currentVersion();
    const reply = await raw(world.people.policeAdmin.token, 'text/csv', '姓名,公民身份号码,住址\n');
    expect([reply.statusCode, reply.json<ErrorBody>().details?.errors?.[0]?.code]).toEqual([400, 'DATASET_EMPTY']);
    expect(await currentVersion()).toBe(before);
  });

  it('refuses a header that names no item, by column, and a JSON row that is not an object', async () => {
    const header = await raw(world.people.policeAdmin.token, 'text/csv', `姓名,公民身份号码,婚姻状况\n王小明,${wang.residentId},已婚\n`);
    expect(header.statusCode).toBe(400);
    expect(header.json<ErrorBody>().details?.errors?.map((error) => error.path)).toEqual(['/header/3']);
    expect(header.body).not.toContain('已婚');
    const json = await raw(world.people.policeAdmin.token, 'application/json', JSON.stringify([asJson([wang])[0], '王小明住在云溪县']));
    expect(json.statusCode).toBe(400);
    expect(json.body).not.toContain('云溪县');
    const unreadable = await raw(world.people.policeAdmin.token, XLSX, 'this is not a workbook');
    expect([unreadable.statusCode, unreadable.json<ErrorBody>().code]).toEqual([400, 'DATASET_UNREADABLE']);
  });

  it('refuses file types it does not read with 415, and odd multipart parts with 400', async () => {
    const token = world.people.policeAdmin.token;
    const xls = await upload(token, [{ name: '户籍.xls', bytes: residentsCsv() }]);
    expect([xls.statusCode, xls.json<ErrorBody>().code]).toEqual([415, 'FORMAT_UNSUPPORTED']);
    expect(xls.body).not.toContain('户籍.xls');
    const field = await upload(token, [{ name: 'residents.csv', bytes: residentsCsv() }], { format: 'tsv' });
    expect([field.statusCode, field.json<ErrorBody>().code]).toEqual([415, 'FORMAT_UNSUPPORTED']);
    const text = await raw(token, 'text/plain', residentsCsv());
    expect([text.statusCode, text.json<ErrorBody>().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const noFile = await upload(token, [], { format: 'csv' });
    expect([noFile.statusCode, noFile.json<ErrorBody>().details?.errors?.[0]?.code]).toEqual([400, 'FILE_REQUIRED']);
    const wrongField = await upload(token, [{ name: 'residents.csv', bytes: residentsCsv(), field: 'upload' }]);
    expect([wrongField.statusCode, wrongField.json<ErrorBody>().details?.errors?.[0]?.code]).toEqual([400, 'FIELD_UNEXPECTED']);
    const two = await upload(token, [
      { name: 'a.csv', bytes: residentsCsv() },
      { name: 'b.csv', bytes: residentsCsv() },
    ]);
    expect([two.statusCode, two.json<ErrorBody>().details?.errors?.[0]?.code]).toEqual([400, 'TOO_MANY_FILES']);
  });

  it('refuses a file over the upload limit with 413, raw or multipart, and leaves no temporary file', async () => {
    const app = await buildHttpApp({ services: test.runtime.services, logger: false, bodyLimit: 1024, nextRequestId: () => test.runtime.context.ids.next(), datasetUploadBytes: 2048 });
    try {
      const before = spoolFolders();
      const versionBefore = await currentVersion();
      const csv = residentsCsv(manyResidents(100));
      const viaRaw = await raw(world.people.policeAdmin.token, 'text/csv', csv, 'COND', app);
      expect([viaRaw.statusCode, viaRaw.json<ErrorBody>().code]).toEqual([413, 'FILE_TOO_LARGE']);
      const viaMultipart = await upload(world.people.policeAdmin.token, [{ name: 'big.csv', bytes: csv }], {}, 'COND', app);
      expect([viaMultipart.statusCode, viaMultipart.json<ErrorBody>().code]).toEqual([413, 'FILE_TOO_LARGE']);
      // A chunked body declares no length: the cap holds as the bytes arrive.
      const chunked = await app.inject({
        method: 'POST',
        url: '/api/v1/datasets/COND/versions',
        headers: { 'content-type': 'text/csv', 'transfer-encoding': 'chunked', authorization: `Bearer ${world.people.policeAdmin.token}` },
        payload: Buffer.from(csv),
      });
      expect(chunked.statusCode).toBe(413);
      const small = await raw(world.people.policeAdmin.token, 'text/csv', residentsCsv(), 'COND', app);
      expect(small.statusCode).toBe(201);
      expect(await currentVersion()).toBe(versionBefore + 1);
      expect(spoolFolders()).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('lets the provider point a resource at its own API (proxy mode), and no one else', async () => {
    const put = (token: string | undefined, body: unknown) =>
      test.app.inject({ method: 'PUT', url: '/api/v1/datasets/HEALTH/upstream', payload: body as object, headers: token ? { authorization: `Bearer ${token}` } : {} }).then(record);
    const before = await auditCount(test.runtime);
    expect((await put(undefined, { url: 'https://api.police.example/custos' })).statusCode).toBe(401);
    expect((await put(world.people.civilAdmin.token, { url: 'https://api.police.example/custos' })).json<ErrorBody>().code).toBe('NOT_FOUND');
    expect((await put(world.policeConsumer.token, { url: 'https://api.police.example/custos' })).json<ErrorBody>().code).toBe('FORBIDDEN');
    const bad = await put(world.people.policeAdmin.token, { url: 'ftp://api.police.example/custos' });
    expect([bad.statusCode, bad.json<ErrorBody>().details?.errors?.[0]?.code]).toEqual([400, 'UPSTREAM_URL_INVALID']);
    expect((await put(world.people.policeAdmin.token, { url: 'https://api.police.example/custos', extra: 1 })).statusCode).toBe(400);
    expect(await auditCount(test.runtime)).toBe(before);
    const done = await put(world.people.policeAdmin.token, { url: 'https://api.police.example/custos' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ resourceCode: 'HEALTH', mode: 'proxy', version: 0, rowCount: 0, updatedAt: expect.any(String) });
    expect(done.body).not.toContain('api.police.example');
    expect(await auditCount(test.runtime)).toBe(before + 1);
  });

  it('lists the routes in OpenAPI', async () => {
    const document = (await test.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/datasets/{resourceCode}/versions', '/api/v1/datasets/{resourceCode}']));
  });

  it('never echoes a cell value in any error body', () => {
    expect(errorBodies.length).toBeGreaterThan(10);
    const values = [...RESIDENTS, ...manyResidents(200)].flatMap((resident) => [resident.name, resident.residentId, resident.address]);
    for (const body of errorBodies) for (const value of values) expect(body).not.toContain(value);
  });
});
