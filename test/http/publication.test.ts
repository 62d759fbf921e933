import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestRuntime, DIALECTS, principalFor, type Dialect, type TestRuntime } from '../support/harness.ts';
import { auditCount } from '../support/http.ts';
import { buildWorld, type World } from '../support/world.ts';
import { IDS, pdfFixture } from '../publication/formats/fixtures.ts';

interface Upload {
  name: string;
  bytes: Uint8Array | string;
  field?: string;
}

const BOUNDARY = '----custos-test-boundary';

/** A multipart/form-data body as a browser sends it: one part per file, names in UTF-8. */
function multipart(uploads: readonly Upload[], fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const upload of uploads) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${upload.field ?? 'files'}"; filename="${upload.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(typeof upload.bytes === 'string' ? Buffer.from(upload.bytes) : Buffer.from(upload.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const ROSTER_NAME = '低保名单-张三家.tsv';
const ROSTER = `姓名\t身份证号\t联系电话\n张三\t${IDS.a}\t13800138000\n`;
const CLEAN = '关于做好2024年度城乡居民医疗保险参保工作的通知\n各乡镇：请按要求做好参保登记工作。\n';

interface ScanBody {
  scanId: string;
  files: { path: string; findings: { type: string; value: string; start: number; end: number; line: number; confidence: number; location?: unknown }[]; error: { code: string; message: string } | null }[];
}

describe.each(DIALECTS)('publication guard API (%s)', (dialect: Dialect) => {
  let test: TestRuntime;
  let world: World;
  let contractorToken: string;

  beforeAll(async () => {
    test = await createTestRuntime(dialect);
    world = await buildWorld(test.runtime);
    const enrolment = await test.runtime.services.people.create(null, { orgId: world.orgs.contractor, login: 'contractor-ops', name: 'contractor-ops', roles: ['operator'], training: [] });
    contractorToken = (await test.runtime.services.auth.createPersonalToken(await principalFor(test.runtime, enrolment.person.id), 'test', null)).token;
  });
  afterAll(() => test.close());

  const scan = (token: string | undefined, uploads: readonly Upload[], query = '') => {
    const body = multipart(uploads);
    return test.app.inject({ method: 'POST', url: `/api/v1/publication/scan${query}`, payload: body.payload, headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  };
  const mask = (token: string, upload: Upload, query = '') => {
    const body = multipart([upload]);
    return test.app.inject({ method: 'POST', url: `/api/v1/publication/mask${query}`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
  };
  const get = (token: string, id: string) => test.app.inject({ method: 'GET', url: `/api/v1/publication/scans/${id}`, headers: { authorization: `Bearer ${token}` } });
  const release = (token: string, id: string) => test.app.inject({ method: 'POST', url: `/api/v1/publication/scans/${id}/release`, headers: { authorization: `Bearer ${token}` } });

  it('scans every uploaded file and answers the JSON of custos scan, with the scan id', async () => {
    const reply = await scan(world.people.civilConsumer.token, [
      { name: ROSTER_NAME, bytes: ROSTER },
      { name: '通知.txt', bytes: CLEAN },
      { name: '照片.jpg', bytes: 'not an image we read' },
    ]);
    expect(reply.statusCode, reply.body).toBe(200);
    const body = reply.json<ScanBody>();
    expect(body.scanId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.files.map((file) => file.path)).toEqual([ROSTER_NAME, '通知.txt', '照片.jpg']);
    const [roster, clean, photo] = body.files;
    expect(roster?.error).toBeNull();
    expect(roster?.findings.map((finding) => [finding.type, finding.value, finding.line])).toEqual([
      ['person_name', '张三', 2],
      ['cn_resident_id', IDS.a, 2],
      ['cn_mobile', '13800138000', 2],
    ]);
    expect(roster?.findings[1]).toEqual({ type: 'cn_resident_id', value: IDS.a, start: ROSTER.indexOf(IDS.a), end: ROSTER.indexOf(IDS.a) + 18, line: 2, confidence: 0.99 });
    expect(clean).toEqual({ path: '通知.txt', findings: [], error: null });
    expect(photo?.error?.code).toBe('FORMAT_UNSUPPORTED');
  });

  it('locates findings in a workbook by sheet and cell', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('名单').addRows([['姓名', '身份证号'], ['李四', IDS.b]]);
    const reply = await scan(world.people.civilAdmin.token, [{ name: 'list.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) }]);
    expect(reply.statusCode).toBe(200);
    const findings = reply.json<ScanBody>().files[0]?.findings ?? [];
    expect(findings.find((finding) => finding.type === 'cn_resident_id')).toMatchObject({ value: IDS.b, line: 2, location: { sheet: '名单', cell: 'B2' } });
  });

  it('records the scan for the organisation: hashes, sizes, formats and counts, no names or values', async () => {
    const reply = await scan(world.people.civilConsumer.token, [{ name: ROSTER_NAME, bytes: ROSTER }]);
    const { scanId } = reply.json<ScanBody>();
    const record = await get(world.people.civilAdmin.token, scanId);
    expect(record.statusCode).toBe(200);
    expect(record.json()).toMatchObject({
      id: scanId,
      orgId: world.orgs.civil,
      personId: world.people.civilConsumer.id,
      types: null,
      findingCount: 3,
      errorCount: 0,
      released: false,
      files: [{ size: Buffer.byteLength(ROSTER), format: 'tsv', counts: { person_name: 1, cn_resident_id: 1, cn_mobile: 1 }, errorCode: null }],
    });
    expect(record.json<{ files: { sha256: string }[] }>().files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.body).not.toContain(IDS.a);
    expect(record.body).not.toContain('张三');
  });

  it('audits each scan with counts per type and hashes, never a value or a file name', async () => {
    const reply = await scan(world.people.civilConsumer.token, [{ name: ROSTER_NAME, bytes: ROSTER }]);
    const { scanId } = reply.json<ScanBody>();
    const [entry] = await test.runtime.context.store.auditStore.search({ object: `publication-scan:${scanId}`, limit: 10 });
    expect(entry).toMatchObject({
      action: 'publication.scan.completed',
      actor: { type: 'person', id: world.people.civilConsumer.id, org: world.orgs.civil },
      details: { findings: 3, errors: 0, counts: { person_name: 1, cn_resident_id: 1, cn_mobile: 1 } },
    });
    const text = JSON.stringify(entry);
    for (const secret of [IDS.a, '13800138000', '张三', ROSTER_NAME, '低保名单']) expect(text).not.toContain(secret);
  });

  it('refuses an anonymous caller, and people who do not publish for a department', async () => {
    expect((await scan(undefined, [{ name: 'a.txt', bytes: CLEAN }])).statusCode).toBe(401);
    const before = await auditCount(test.runtime);
    for (const token of [world.people.admin.token, contractorToken, world.people.supervisor.token]) {
      const reply = await scan(token, [{ name: 'a.txt', bytes: CLEAN }]);
      expect(reply.statusCode).toBe(403);
      expect(reply.json()).toMatchObject({ code: 'FORBIDDEN' });
      expect((await mask(token, { name: 'a.txt', bytes: CLEAN })).statusCode).toBe(403);
    }
    expect(await auditCount(test.runtime)).toBe(before);
  });

  it('keeps a scan to its organisation: another department can neither read nor release it', async () => {
    const clean = (await scan(world.people.civilAdmin.token, [{ name: '通知.txt', bytes: CLEAN }])).json<ScanBody>();
    for (const token of [world.people.policeAdmin.token, world.people.admin.token]) {
      expect((await get(token, clean.scanId)).json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    const refused = await release(world.people.policeAdmin.token, clean.scanId);
    expect(refused.statusCode).toBe(404);
    expect((await get(world.people.civilAdmin.token, clean.scanId)).json()).toMatchObject({ released: false });
    expect((await get(world.people.civilAdmin.token, 'no-such-scan')).statusCode).toBe(404);
  });

  it('refuses to release while unmasked findings remain, and releases a clean scan once', async () => {
    const dirty = (await scan(world.people.civilConsumer.token, [{ name: ROSTER_NAME, bytes: ROSTER }])).json<ScanBody>();
    const before = await auditCount(test.runtime);
    const refused = await release(world.people.civilAdmin.token, dirty.scanId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'UNMASKED_FINDINGS_REMAIN', details: { findings: 3, unscanned: 0 } });
    expect(refused.body).not.toContain(IDS.a);
    expect(await auditCount(test.runtime)).toBe(before);

    // Mask it, scan the masked copy, and release that.
    const masked = await mask(world.people.civilConsumer.token, { name: ROSTER_NAME, bytes: ROSTER });
    expect(masked.statusCode).toBe(200);
    const rescanned = (await scan(world.people.civilConsumer.token, [{ name: ROSTER_NAME, bytes: masked.rawPayload }])).json<ScanBody>();
    expect(rescanned.files[0]?.findings).toEqual([]);
    const released = await release(world.people.civilAdmin.token, rescanned.scanId);
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ id: rescanned.scanId, released: true, releasedBy: world.people.civilAdmin.id });
    const [entry] = await test.runtime.context.store.auditStore.search({ object: `publication-scan:${rescanned.scanId}`, action: 'publication.scan.released', limit: 10 });
    expect(entry?.details).toMatchObject({ orgId: world.orgs.civil });

    const size = await auditCount(test.runtime);
    expect((await release(world.people.civilConsumer.token, rescanned.scanId)).json()).toMatchObject({ released: true, releasedBy: world.people.civilAdmin.id });
    expect(await auditCount(test.runtime)).toBe(size);
  });

  it('refuses to release a scan with a file it could not read, or one limited to some types', async () => {
    const unreadable = (await scan(world.people.civilConsumer.token, [{ name: 'x.jpg', bytes: 'x' }])).json<ScanBody>();
    expect((await release(world.people.civilAdmin.token, unreadable.scanId)).json()).toMatchObject({ code: 'UNMASKED_FINDINGS_REMAIN', details: { unscanned: 1 } });
    const partial = (await scan(world.people.civilConsumer.token, [{ name: ROSTER_NAME, bytes: ROSTER }], '?types=email')).json<ScanBody>();
    expect(partial.files[0]?.findings).toEqual([]);
    expect((await release(world.people.civilAdmin.token, partial.scanId)).json()).toMatchObject({ code: 'SCAN_INCOMPLETE' });
  });

  it('masks a file in its own format and refuses a PDF', async () => {
    const reply = await mask(world.people.civilConsumer.token, { name: ROSTER_NAME, bytes: ROSTER });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/tab-separated-values');
    expect(reply.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`masked-${ROSTER_NAME}`)}`);
    expect(reply.headers['x-custos-masked']).toBe('3');
    expect(reply.headers['x-custos-remaining']).toBe('0');
    expect(reply.body).toBe(`姓名\t身份证号\t联系电话\n张*\t${IDS.a.slice(0, 6)}********${IDS.a.slice(-4)}\t138****8000\n`);
    const [entry] = await test.runtime.context.store.auditStore.search({ action: 'publication.mask.completed', limit: 1 });
    expect(entry?.details).toMatchObject({ format: 'tsv', masked: { cn_resident_id: 1 }, remaining: {} });
    expect(JSON.stringify(entry)).not.toContain(IDS.a);

    const only = await mask(world.people.civilConsumer.token, { name: ROSTER_NAME, bytes: ROSTER }, '?types=cn_resident_id');
    expect(only.body).toContain('张三\t');

    const pdf = await pdfFixture();
    const refused = await mask(world.people.civilConsumer.token, { name: pdf.fileName, bytes: pdf.bytes });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'MASK_UNSUPPORTED_FORMAT' });
    expect(refused.json<{ message: string }>().message).toMatch(/源文档/u);
  });

  it('refuses bad requests with a code', async () => {
    const token = world.people.civilConsumer.token;
    const unknown = await scan(token, [{ name: 'a.txt', bytes: CLEAN }], '?types=cn_resident_id,shoe_size');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'PII_TYPE_UNKNOWN' });
    const json = await test.app.inject({ method: 'POST', url: '/api/v1/publication/scan', headers: { authorization: `Bearer ${token}` }, payload: { files: [] } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const none = await scan(token, []);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const field = multipart([{ name: 'a.txt', bytes: CLEAN }], { format: 'json' });
    const withField = await test.app.inject({ method: 'POST', url: '/api/v1/publication/scan', payload: field.payload, headers: { ...field.headers, authorization: `Bearer ${token}` } });
    expect(withField.statusCode).toBe(400);
    const two = multipart([{ name: 'a.txt', bytes: CLEAN }, { name: 'b.txt', bytes: CLEAN }]);
    const twoMasked = await test.app.inject({ method: 'POST', url: '/api/v1/publication/mask', payload: two.payload, headers: { ...two.headers, authorization: `Bearer ${token}` } });
    expect(twoMasked.statusCode).toBe(400);
    const huge = await scan(token, [{ name: 'big.txt', bytes: new Uint8Array(21 * 1024 * 1024).fill(0x61) }]);
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    const unsupported = await mask(token, { name: 'a.jpg', bytes: 'x' });
    expect(unsupported.statusCode).toBe(415);
    expect(unsupported.json()).toMatchObject({ code: 'FORMAT_UNSUPPORTED' });
  });
});
