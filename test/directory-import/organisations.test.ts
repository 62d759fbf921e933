import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/app/context.ts';
import { decodeText } from '../../src/app/catalog/transfer/decode-text.ts';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { DomainError } from '../../src/core/shared/domain-error.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { buildWorld, REGION, type World } from '../support/world.ts';
import { countOrganisations, echoedValues, gbkCsv, importService, refusal, summary, utf8Csv, xlsx } from './sheets.ts';

const HEADER = ['机构名称', '统一社会信用代码', '行政区划代码', '机构类型', '法定职责', '委托部门', '合同开始', '合同结束'];

/** A USCC whose check character is wrong: the kind of typo the check character exists to catch. */
function withBadCheck(uscc: string): string {
  return uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
}

/**
 * What the person typed, less the kind column: 部门 and 第三方运维 are the sheet's own vocabulary,
 * which messages name as column titles ("委托部门"), not data.
 */
function typedValues(rows: readonly (readonly string[])[]): string[] {
  return rows.slice(1).flatMap((row) => row.filter((_value, index) => index !== 3));
}

for (const dialect of DIALECTS) {
  describe(`directory import: organisations (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    let admin: Principal;
    const civilUscc = syntheticUscc(REGION, 3);
    const bureauUscc = syntheticUscc(REGION, 1);

    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
      admin = await principalFor(test.runtime, world.people.admin.id);
      for (const [code, name] of [['social-assistance', '社会救助'], ['education', '教育管理']] as const) {
        await test.runtime.context.store.read.regions.putDuty({ regionCode: REGION, code, name });
      }
    });
    afterAll(() => test.close());

    it('registers departments and a contractor from a GBK-encoded CSV, as Chinese Excel saves it', async () => {
      const bytes = gbkCsv([
        HEADER,
        ['云溪县教育局', syntheticUscc(REGION, 101), REGION, '部门', 'education', '', '', ''],
        ['云溪县医疗保障局', syntheticUscc(REGION, 102).toLowerCase(), REGION, 'department', 'social-assistance；education', '', '', ''],
        ['云溪智联运维有限公司', syntheticUscc(REGION, 103, '91'), REGION, '第三方运维', '', `${civilUscc}；`, '2026/1/1', '2027-12-31'],
      ]);
      expect(decodeText(bytes).encoding).toBe('gb18030');
      const created = await importService(test.runtime).importOrganisations(admin, bytes, 'csv');

      expect(created.map((organisation) => organisation.name)).toEqual(['云溪县教育局', '云溪县医疗保障局', '云溪智联运维有限公司']);
      expect(created[1]).toMatchObject({ uscc: syntheticUscc(REGION, 102), kind: 'department', duties: ['social-assistance', 'education'], contract: null });
      // The contract runs from the first day's Shanghai midnight through the whole of its last day.
      expect(created[2]!.contract).toEqual({ commissionedBy: [world.orgs.civil], start: '2025-12-31T16:00:00.000Z', end: '2027-12-31T16:00:00.000Z' });
      expect(await test.runtime.context.store.read.organisations.getByUscc(syntheticUscc(REGION, 101))).toMatchObject({ name: '云溪县教育局' });
    });

    it('reads the same layout from XLSX, headed by English identifiers', async () => {
      const bytes = await xlsx([
        ['name', 'uscc', 'regionCode', 'kind'],
        ['云溪县文化和旅游局', syntheticUscc(REGION, 111), REGION, 'department'],
      ]);
      const stages: number[] = [];
      const created = await importService(test.runtime).importOrganisations(null, bytes, 'xlsx', (done) => stages.push(done));
      expect(created).toHaveLength(1);
      expect(stages).toEqual([0, 1, 2, 3]);
    });

    it('refuses a USCC with a wrong check character and writes nothing', async () => {
      const before = await countOrganisations(test.runtime);
      const bytes = utf8Csv([
        HEADER.slice(0, 4),
        ['云溪县农业农村局', syntheticUscc(REGION, 121), REGION, '部门'],
        ['云溪县水利局', withBadCheck(syntheticUscc(REGION, 122)), REGION, '部门'],
      ]);
      const errors = await refusal(importService(test.runtime).importOrganisations(admin, bytes, 'csv'));
      expect(summary(errors)).toEqual(['/rows/2/uscc USCC_INVALID']);
      expect(await countOrganisations(test.runtime)).toBe(before);
    });

    it('lists every problem of the file by row and column, quoting no cell, and writes nothing', async () => {
      const before = await countOrganisations(test.runtime);
      const firstUscc = syntheticUscc(REGION, 131);
      const unknownUscc = syntheticUscc(REGION, 139);
      const badCheck = withBadCheck(syntheticUscc(REGION, 132));
      const rows = [
        [...HEADER, ''],
        ['云溪县统计局', firstUscc, REGION, '部门', '', '', '', '', ''],
        ['', syntheticUscc(REGION, 133), REGION, '部门', '', '', '', '', ''],
        ['云溪县档案馆', syntheticUscc(REGION, 134), REGION, '档案机构', '', '', '', '', ''],
        ['云溪县审计局', badCheck, REGION, '部门', '', '', '', '', ''],
        ['云溪县统计调查队', firstUscc, REGION, '部门', '', '', '', '', ''],
        ['云溪县林业局', syntheticUscc(REGION, 135), REGION, '部门', '', '', '2026-03-01', '', ''],
        ['云溪网络维护中心', syntheticUscc(REGION, 136, '91'), REGION, '第三方运维', '', unknownUscc, '2026-01-01', '2027-02-30', ''],
        ['云溪县气象局', syntheticUscc(REGION, 137), '33119X', '部门', '', '', '', '', ''],
        ['', '', '', '', '', '', '', '', ''],
        ['云溪县地震局', syntheticUscc(REGION, 138), REGION, '部门', '', '', '', '', '手写备注内容'],
      ];
      const errors = await refusal(importService(test.runtime).importOrganisations(admin, utf8Csv(rows), 'csv'));
      expect(summary(errors)).toEqual(
        [
          '/rows/2/name VALUE_REQUIRED',
          '/rows/3/kind VALUE_INVALID',
          '/rows/4/uscc USCC_INVALID',
          '/rows/5/uscc USCC_DUPLICATE',
          '/rows/6/contractStart CONTRACT_NOT_ALLOWED',
          '/rows/7/commissionedBy/0 COMMISSIONER_UNKNOWN',
          '/rows/7/contractEnd VALUE_INVALID',
          '/rows/8/regionCode VALUE_INVALID',
          '/rows/10/column-9 VALUE_UNEXPECTED',
        ].sort(),
      );
      expect(echoedValues(errors, typedValues(rows))).toEqual([]);
      expect(await countOrganisations(test.runtime)).toBe(before);
    });

    it('reports the registry checks at the file’s own rows and columns, past blank rows', async () => {
      const before = await countOrganisations(test.runtime);
      const rows = [
        HEADER,
        ['', '', '', '', '', '', '', ''],
        ['云溪县商务局', syntheticUscc(REGION, 141), '110101', '部门', '', '', '', ''],
        ['云溪县公安局（重复）', syntheticUscc(REGION, 2), REGION, '部门', '', '', '', ''],
        ['云溪系统集成公司', syntheticUscc(REGION, 142, '91'), REGION, '第三方运维', '', bureauUscc, '2026-01-01', '2027-01-01'],
        ['云溪数据服务公司', syntheticUscc(REGION, 143, '91'), REGION, '第三方运维', '', civilUscc, '2027-01-01', '2026-01-01'],
        ['云溪县住房和城乡建设局', syntheticUscc(REGION, 144), REGION, '部门', 'education;no-such-duty', '', '', ''],
      ];
      const errors = await refusal(importService(test.runtime).importOrganisations(admin, utf8Csv(rows), 'csv'));
      expect(summary(errors)).toEqual(
        [
          '/rows/2/regionCode REGION_UNKNOWN',
          '/rows/3/uscc USCC_TAKEN',
          '/rows/4/commissionedBy/0 COMMISSIONER_UNKNOWN',
          '/rows/5/contractEnd CONTRACT_PERIOD_INVALID',
          '/rows/6/duties/1 DUTY_UNKNOWN',
        ].sort(),
      );
      expect(echoedValues(errors, typedValues(rows))).toEqual([]);
      expect(await countOrganisations(test.runtime)).toBe(before);
    });

    it('reports header problems once, instead of on every row', async () => {
      const service = importService(test.runtime);
      const missing = await refusal(service.importOrganisations(admin, utf8Csv([['机构名称', '统一社会信用代码', '机构类型'], ['云溪县某局', syntheticUscc(REGION, 151), '部门']]), 'csv'));
      expect(summary(missing)).toEqual(['/header/regionCode COLUMN_MISSING']);
      const contract = await refusal(service.importOrganisations(admin, utf8Csv([[...HEADER.slice(0, 4), '委托部门'], ['云溪县某局', syntheticUscc(REGION, 151), REGION, '部门', '']]), 'csv'));
      expect(summary(contract)).toEqual(['/header/contractEnd COLUMN_MISSING', '/header/contractStart COLUMN_MISSING']);
      const unknown = await refusal(service.importOrganisations(admin, utf8Csv([[...HEADER.slice(0, 4), '备注', '机构名称'], ['a', 'b', 'c', 'd', 'e', 'f']]), 'csv'));
      expect(summary(unknown)).toEqual(['/header/5 COLUMN_UNKNOWN', '/header/name COLUMN_DUPLICATE']);
    });

    it('refuses an unreadable or empty file', async () => {
      const service = importService(test.runtime);
      expect(summary(await refusal(service.importOrganisations(admin, new TextEncoder().encode('not a workbook'), 'xlsx')))).toEqual([' FILE_UNREADABLE']);
      expect(summary(await refusal(service.importOrganisations(admin, utf8Csv([HEADER]), 'csv')))).toEqual([' FILE_EMPTY']);
      expect(summary(await refusal(service.importOrganisations(admin, new Uint8Array(), 'csv')))).toEqual([' FILE_EMPTY']);
    });

    it('lets only a platform admin import, before reading the file', async () => {
      const department = await principalFor(test.runtime, world.people.civilAdmin.id);
      const attempt = importService(test.runtime).importOrganisations(department, new Uint8Array(), 'csv');
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
}
