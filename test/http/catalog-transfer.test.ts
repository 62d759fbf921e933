import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { auditCount } from '../support/http.ts';
import { buildWorld, type World } from '../support/world.ts';

const HEADER = '资源代码,资源名称,分类代码,摘要,资源格式,共享类型,共享方式,共享条件,不予共享依据,开放属性,更新周期,关联资源,信息项名称,信息项代码,数据类型,个人信息类别,敏感类别,分级,脱敏方式,主体标识';
const ROWS = [
  'HR-1,社会保险参保信息,C03.01,参保人员与参保状态,数据库,有条件共享,接口,仅限履行法定职责【依据：个人信息保护法 第十三条第一款第三项】,,不予开放,每月,,姓名,name,字符型,个人信息,,一般2级,姓名,否',
  'HR-1,社会保险参保信息,C03.01,参保人员与参保状态,数据库,有条件共享,接口,仅限履行法定职责【依据：个人信息保护法 第十三条第一款第三项】,,不予开放,每月,,公民身份号码,resident_id,字符型,敏感个人信息,特定身份,一般3级,公民身份号码,是',
  'HR-2,就业登记信息,C03.02,就业与失业登记,数据库,无条件共享,接口,,,不予开放,每月,,用人单位,employer,字符型,无,,一般1级,不脱敏,否',
];

for (const dialect of DIALECTS) {
  describe(`catalog import and export over HTTP (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
    });
    afterAll(() => test.close());

    const upload = (token: string, payload: Buffer, format = 'csv') =>
      test.app.inject({ method: 'POST', url: `/api/v1/catalog/import?format=${format}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload });

    it('imports a GBK CSV as drafts of the importing department', async () => {
      const response = await upload(world.people.civilAdmin.token, iconv.encode([HEADER, ...ROWS].join('\r\n'), 'gbk'));
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ imported: 2, codes: ['HR-1', 'HR-2'] });
      const stored = await test.runtime.context.store.read.resources.getByCode('HR-1');
      expect(stored).toMatchObject({ status: 'draft', grade: 'general-3', providerOrgId: world.orgs.civil });
    });

    it('reports every bad row by number and writes nothing', async () => {
      const before = await auditCount(test.runtime);
      const bad = [HEADER, ROWS[0]!.replace('HR-1', 'HR-9'), ROWS[1]!.replace('HR-1', 'HR-9').replace('一般3级', '一般2级'), ROWS[2]!.replace('HR-2', 'HR-8').replace('一般1级', '绝密')];
      const response = await upload(world.people.civilAdmin.token, Buffer.from(bad.join('\n')));
      expect(response.statusCode).toBe(400);
      const errors = (response.json() as { details: { errors: { path: string; code: string }[] } }).details.errors;
      expect(errors).toContainEqual(expect.objectContaining({ path: '/rows/3/grade', code: 'VALUE_INVALID' }));
      // The rule broken on the second data row is reported in the same answer, at that row.
      expect(errors).toContainEqual(expect.objectContaining({ path: '/rows/2/grade', code: 'SENSITIVE_PI_GRADE_TOO_LOW' }));
      expect(await auditCount(test.runtime)).toBe(before);
      expect(await test.runtime.context.store.read.resources.getByCode('HR-9')).toBeUndefined();
    });

    it('names the file row of a rule broken in a file that otherwise reads cleanly', async () => {
      const rows = [HEADER, ROWS[2]!.replace('HR-2', 'HR-5'), ROWS[0]!.replace('HR-1', 'HR-6'), ROWS[1]!.replace('HR-1', 'HR-6').replace('一般3级', '一般2级')];
      const response = await upload(world.people.civilAdmin.token, Buffer.from(rows.join('\n')));
      expect(response.statusCode).toBe(400);
      const errors = (response.json() as { details: { errors: { path: string; code: string }[] } }).details.errors;
      expect(errors).toEqual([expect.objectContaining({ path: '/rows/3/grade', code: 'SENSITIVE_PI_GRADE_TOO_LOW' })]);
    });

    it('refuses an import by someone who is not a provider admin', async () => {
      const response = await upload(world.people.civilConsumer.token, Buffer.from([HEADER, ROWS[2]!.replace('HR-2', 'HR-7')].join('\n')));
      expect(response.statusCode).toBe(403);
    });

    it('exports published entries to everyone and drafts only to their provider', async () => {
      const own = await test.app.inject({ method: 'GET', url: '/api/v1/catalog/export?format=csv', headers: { authorization: `Bearer ${world.people.civilAdmin.token}` } });
      expect(own.statusCode).toBe(200);
      expect(own.headers['content-type']).toContain('text/csv');
      expect(own.body).toContain('HR-1');
      const other = await test.app.inject({ method: 'GET', url: '/api/v1/catalog/export?format=json', headers: { authorization: `Bearer ${world.people.policeAdmin.token}` } });
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain('HR-1');
      const xlsx = await test.app.inject({ method: 'GET', url: '/api/v1/catalog/export?format=xlsx', headers: { authorization: `Bearer ${world.people.civilAdmin.token}` } });
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });
}
