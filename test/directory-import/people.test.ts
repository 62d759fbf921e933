import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/app/context.ts';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { buildWorld, REGION, type World } from '../support/world.ts';
import { countPeople, echoedValues, gbkCsv, importService, refusal, summary, utf8Csv, xlsx } from './sheets.ts';

const HEADER = ['登录名', '姓名', '所属机构', '角色', '培训课程', '培训通过日期', '培训有效期至'];

for (const dialect of DIALECTS) {
  describe(`directory import: people (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    let admin: Principal;
    const policeUscc = syntheticUscc(REGION, 2);
    const contractorUscc = syntheticUscc(REGION, 4);

    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
      admin = await principalFor(test.runtime, world.people.admin.id);
      // Two organisations sharing a name: a person can only be placed in one of them by USCC.
      for (const serial of [61, 62]) {
        await test.runtime.services.organisations.create(null, { name: '云溪县便民服务中心', uscc: syntheticUscc(REGION, serial), regionCode: REGION, kind: 'department' });
      }
    });
    afterAll(() => test.close());

    it('enrols people from an XLSX workbook, with generated passwords, TOTP secrets and training', async () => {
      const bytes = await xlsx([
        HEADER,
        ['zhang.san', '张三', policeUscc, '数据提供管理员；审批人', '数据安全基础;personal-information-protection', '2026-01-05;2026/1/6', '2027-01-05;2027年1月6日'],
        ['li.si', '李四', '云溪县民政局', 'consumer', '', '', ''],
        ['wang.wu', '王五', syntheticUscc(REGION, 62), '数据使用人员', '数据安全基础', new Date(Date.UTC(2026, 1, 1)), new Date(Date.UTC(2027, 1, 1))],
      ]);
      const enrolments = await importService(test.runtime).importPeople(admin, bytes, 'xlsx');

      expect(enrolments.map((enrolment) => [enrolment.person.login, enrolment.person.name])).toEqual([
        ['zhang.san', '张三'],
        ['li.si', '李四'],
        ['wang.wu', '王五'],
      ]);
      expect(enrolments[0]!.person).toMatchObject({ orgId: world.orgs.police, roles: ['provider_admin', 'approver'] });
      expect(enrolments[1]!.person.orgId).toBe(world.orgs.civil);
      for (const enrolment of enrolments) {
        expect(enrolment.password.length).toBeGreaterThanOrEqual(12);
        expect(enrolment.totpUri).toMatch(/^otpauth:\/\/totp\//u);
        expect(enrolment.totpUri).toContain(enrolment.totpSecret);
      }
      expect(new Set(enrolments.map((enrolment) => enrolment.password)).size).toBe(3);

      const training = await test.runtime.context.store.read.people.training(enrolments[0]!.person.id);
      expect(training.map(({ course, passedAt, expiresAt }) => ({ course, passedAt, expiresAt }))).toEqual([
        // Passed on the day from its Shanghai start; valid through the whole of the expiry day.
        { course: 'data-security-basics', passedAt: '2026-01-04T16:00:00.000Z', expiresAt: '2027-01-05T16:00:00.000Z' },
        { course: 'personal-information-protection', passedAt: '2026-01-05T16:00:00.000Z', expiresAt: '2027-01-06T16:00:00.000Z' },
      ]);
      const dated = await test.runtime.context.store.read.people.training(enrolments[2]!.person.id);
      expect(dated).toMatchObject([{ course: 'data-security-basics', passedAt: '2026-01-31T16:00:00.000Z', expiresAt: '2027-02-01T16:00:00.000Z' }]);
    });

    it('reads a GBK CSV without the optional training columns', async () => {
      const bytes = gbkCsv([
        ['登录名', '姓名', '所属单位', '角色'],
        ['zhao.liu', '赵六', '云溪县公安局', '数据使用人员'],
      ]);
      const enrolments = await importService(test.runtime).importPeople(null, bytes, 'csv');
      expect(enrolments.map((enrolment) => enrolment.person.orgId)).toEqual([world.orgs.police]);
    });

    it('refuses an unknown or ambiguous organisation and writes nothing', async () => {
      const before = await countPeople(test.runtime);
      const rows = [
        HEADER.slice(0, 4),
        ['sun.qi', '孙七', '云溪县不存在局', '数据使用人员'],
        ['zhou.ba', '周八', '云溪县便民服务中心', '数据使用人员'],
        ['wu.jiu', '吴九', syntheticUscc(REGION, 99), '数据使用人员'],
        ['zheng.shi', '郑十', '云溪县民政局', '数据使用人员'],
      ];
      const errors = await refusal(importService(test.runtime).importPeople(admin, await xlsx(rows), 'xlsx'));
      expect(summary(errors)).toEqual(['/rows/1/org ORGANISATION_UNKNOWN', '/rows/2/org ORGANISATION_UNKNOWN', '/rows/3/org ORGANISATION_UNKNOWN']);
      expect(echoedValues(errors, rows.slice(1).flat())).toEqual([]);
      expect(await countPeople(test.runtime)).toBe(before);
    });

    it('refuses a login repeated within the file, naming the earlier row', async () => {
      const before = await countPeople(test.runtime);
      const rows = [
        HEADER.slice(0, 4),
        ['qian.yi', '钱一', policeUscc, '数据使用人员'],
        ['', '', '', ''],
        ['qian.yi', '钱二', '云溪县民政局', '数据使用人员'],
      ];
      const errors = await refusal(importService(test.runtime).importPeople(admin, utf8Csv(rows), 'csv'));
      expect(summary(errors)).toEqual(['/rows/3/login LOGIN_DUPLICATE']);
      expect(errors[0]!.message).toContain('第 1 行');
      expect(echoedValues(errors, rows.slice(1).flat())).toEqual([]);
      expect(await countPeople(test.runtime)).toBe(before);
    });

    it('lists every problem of the file by row and column, quoting no cell', async () => {
      const before = await countPeople(test.runtime);
      const rows = [
        HEADER,
        ['feng.a', '', policeUscc, '数据使用人员', '', '', ''],
        ['feng.b', '冯乙', policeUscc, '', '', '', ''],
        ['feng.c', '冯丙', policeUscc, '数据使用人员;局长', '', '', ''],
        ['feng.d', '冯丁', policeUscc, '数据使用人员', '数据安全基础;个人信息保护', '2026-01-01', '2027-01-01;2027-01-02'],
        ['feng.e', '冯戊', policeUscc, '数据使用人员', '数据安全基础', '2026-01-01', '2027-13-01'],
        ['feng.f', '冯己', policeUscc, '数据使用人员', '保密常识', '2026-01-01', '2027-01-01'],
        ['', '冯庚', policeUscc, '数据使用人员', '', '', ''],
      ];
      const errors = await refusal(importService(test.runtime).importPeople(admin, utf8Csv(rows), 'csv'));
      expect(summary(errors)).toEqual(
        [
          '/rows/1/name VALUE_REQUIRED',
          '/rows/2/roles VALUE_REQUIRED',
          '/rows/3/roles/1 VALUE_INVALID',
          '/rows/4/passedAt VALUE_INVALID',
          '/rows/5/expiresAt/0 VALUE_INVALID',
          '/rows/6/course/0 VALUE_INVALID',
          '/rows/7/login VALUE_REQUIRED',
        ].sort(),
      );
      expect(echoedValues(errors, rows.slice(1).flat())).toEqual([]);
      expect(await countPeople(test.runtime)).toBe(before);
    });

    it('reports the directory rules at the file’s own rows and columns, past blank rows', async () => {
      const before = await countPeople(test.runtime);
      const rows = [
        HEADER,
        ['', '', '', '', '', '', ''],
        ['Chen Yi', '陈一', policeUscc, '数据使用人员', '', '', ''],
        ['chen.er', '陈二', contractorUscc, '数据使用人员', '', '', ''],
        ['admin', '陈三', policeUscc, '数据使用人员', '', '', ''],
        ['chen.si', '陈四', policeUscc, '数据使用人员', '数据安全基础', '2027-01-01', '2026-01-01'],
      ];
      const errors = await refusal(importService(test.runtime).importPeople(admin, utf8Csv(rows), 'csv'));
      expect(summary(errors)).toEqual(['/rows/2/login LOGIN_INVALID', '/rows/3/roles/0 ROLE_NOT_ALLOWED', '/rows/4/login LOGIN_TAKEN', '/rows/5/expiresAt/0 TRAINING_PERIOD_INVALID'].sort());
      expect(echoedValues(errors, rows.slice(1).flat())).toEqual([]);
      expect(await countPeople(test.runtime)).toBe(before);
    });

    it('reports a partial training group and an unknown header once, from the header', async () => {
      const errors = await refusal(importService(test.runtime).importPeople(admin, utf8Csv([[...HEADER.slice(0, 5), '手机号'], ['a.b', '某', policeUscc, 'consumer', '', '']]), 'csv'));
      expect(summary(errors)).toEqual(['/header/6 COLUMN_UNKNOWN', '/header/expiresAt COLUMN_MISSING', '/header/passedAt COLUMN_MISSING']);
    });
  });
}
