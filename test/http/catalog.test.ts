import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { conditionalDraft, openDraft } from '../support/drafts.ts';
import { auditCount, call } from '../support/http.ts';
import { buildWorld, type World } from '../support/world.ts';

interface ResourceBody {
  code: string;
  status: string;
  version: number;
  grade: string;
  piClass: string;
  items: { code: string; grade: string }[];
}

interface ErrorBody {
  code: string;
  details?: { errors?: { path: string; code: string }[] };
}

for (const dialect of DIALECTS) {
  describe(`catalog (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
    });
    afterAll(() => test.close());

    const civil = () => world.people.civilAdmin.token;
    const principal = () => test.runtime.services.auth.localPrincipal('supervisor');
    const police = () => world.people.policeAdmin.token;

    it('lets a provider admin register a draft, deriving grade and PI class from the items', async () => {
      const reply = await call<ResourceBody>(test.app, 'POST', '/api/v1/catalog/resources', { token: civil(), body: conditionalDraft('MZ-1', world.legalBasisId) });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ code: 'MZ-1', status: 'draft', version: 1, grade: 'general-3', piClass: 'sensitive' });
    });

    it('refuses a consumer, a supervisor and the platform admin as registrants', async () => {
      for (const token of [world.people.civilConsumer.token, world.people.supervisor.token, world.people.admin.token]) {
        const reply = await call<ErrorBody>(test.app, 'POST', '/api/v1/catalog/resources', { token, body: conditionalDraft('MZ-X', world.legalBasisId) });
        expect(reply.status).toBe(403);
        expect(reply.body.code).toBe('FORBIDDEN');
      }
    });

    it('enforces every catalog rule with its code and field, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const base = conditionalDraft('MZ-BAD', world.legalBasisId);
      const sensitiveLow = { ...base.items[1]!, grade: 'general-2' as const };
      const cases: [object, string, string][] = [
        [{ ...base, sharing: { ...base.sharing, type: 'unconditional', conditions: [] } }, 'UNCONDITIONAL_GRADE_TOO_HIGH', '/sharing/type'],
        [{ ...base, sharing: { type: 'none', methods: [], legalBasisIds: [], conditions: [] } }, 'NOT_SHARED_NEEDS_LEGAL_BASIS', '/sharing/legalBasisIds'],
        [{ ...base, sharing: { ...base.sharing, conditions: [{ text: '须审批', legalBasisIds: [], policy: null }] } }, 'CONDITION_NEEDS_BASIS', '/sharing/conditions/0'],
        [{ ...base, items: [base.items[0]!, sensitiveLow] }, 'SENSITIVE_PI_GRADE_TOO_LOW', '/items/1/grade'],
        [{ ...base, items: [base.items[0]!, { ...base.items[1]!, sensitiveCategory: null }] }, 'SENSITIVE_CATEGORY_REQUIRED', '/items/1/sensitiveCategory'],
        [{ ...base, items: [base.items[0]!, base.items[0]!] }, 'ITEM_CODE_DUPLICATE', '/items/1/code'],
        [{ ...base, sharing: { ...base.sharing, conditions: [{ text: 'x', legalBasisIds: ['no-such-basis'], policy: null }] } }, 'LEGAL_BASIS_UNKNOWN', '/sharing/conditions/0/legalBasisIds/0'],
        [{ ...base, sharing: { ...base.sharing, conditions: [] } }, 'CONDITIONS_REQUIRED', '/sharing/conditions'],
        [{ ...base, relatedCodes: ['NOPE-1'] }, 'RELATED_CODE_UNKNOWN', '/relatedCodes/0'],
        [{ ...base, openType: 'open' }, 'OPEN_WITH_PERSONAL_INFO', '/openType'],
      ];
      for (const [body, code, path] of cases) {
        const reply = await call<ErrorBody>(test.app, 'POST', '/api/v1/catalog/resources', { token: civil(), body });
        expect(reply.status, code).toBe(400);
        expect(reply.body.code).toBe('VALIDATION_FAILED');
        expect(reply.body.details?.errors).toContainEqual(expect.objectContaining({ code, path }));
      }
      expect(await auditCount(test.runtime)).toBe(before);
    });

    it('accepts a policy document as the basis of a condition', async () => {
      const base = conditionalDraft('MZ-POLICY', world.legalBasisId);
      const body = { ...base, sharing: { ...base.sharing, conditions: [{ text: '按县政府文件办理', legalBasisIds: [], policy: '云政办发〔2026〕1号' }] } };
      expect((await call(test.app, 'POST', '/api/v1/catalog/resources', { token: civil(), body })).status).toBe(201);
    });

    it('hides a draft from other departments and shows it once published', async () => {
      expect((await call(test.app, 'GET', '/api/v1/catalog/resources/MZ-1', { token: police() })).status).toBe(404);
      const search = await call<{ resources: ResourceBody[] }>(test.app, 'GET', '/api/v1/catalog/resources?q=低保', { token: police() });
      expect(search.body.resources.map((resource) => resource.code)).not.toContain('MZ-1');
      // The supervision authority sees drafts too.
      expect((await call(test.app, 'GET', '/api/v1/catalog/resources/MZ-1', { token: world.people.supervisor.token })).status).toBe(200);

      const published = await call<ResourceBody & { publishDate: string }>(test.app, 'POST', '/api/v1/catalog/resources/MZ-1/publish', { token: civil() });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ status: 'published', version: 2, publishDate: '2026-11-27' });
      const seen = await call<{ resources: ResourceBody[] }>(test.app, 'GET', '/api/v1/catalog/resources?q=低保', { token: police() });
      expect(seen.body.resources.map((resource) => resource.code)).toContain('MZ-1');
    });

    it('lets no other department change, publish or retire a resource', async () => {
      const body = conditionalDraft('MZ-1', world.legalBasisId, { name: '改名' });
      expect((await call(test.app, 'PUT', '/api/v1/catalog/resources/MZ-1', { token: police(), body })).status).toBe(404);
      expect((await call(test.app, 'POST', '/api/v1/catalog/resources/MZ-1/retire', { token: police() })).status).toBe(404);
      expect((await call(test.app, 'POST', '/api/v1/catalog/resources/MZ-POLICY/publish', { token: police() })).status).toBe(404);
    });

    it('makes every change a version, and needs a reason to lower a grade', async () => {
      const base = conditionalDraft('MZ-1', world.legalBasisId);
      const raised = { ...base, items: [base.items[0]!, { ...base.items[1]!, grade: 'general-4' as const }] };
      const up = await call<ResourceBody>(test.app, 'PUT', '/api/v1/catalog/resources/MZ-1', { token: civil(), body: raised });
      expect(up.status).toBe(200);
      expect(up.body).toMatchObject({ version: 3, grade: 'general-4', status: 'published' });

      const silent = await call<ErrorBody>(test.app, 'PUT', '/api/v1/catalog/resources/MZ-1', { token: civil(), body: base });
      expect(silent.status).toBe(400);
      expect(silent.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'GRADE_LOWERING_NEEDS_REASON' }));

      const reasoned = await call<ResourceBody>(test.app, 'PUT', '/api/v1/catalog/resources/MZ-1', { token: civil(), body: { ...base, gradeChangeReason: '复核后确认为 3 级' } });
      expect(reasoned.status).toBe(200);
      expect(reasoned.body.grade).toBe('general-3');

      const versions = await call<{ versions: { version: number; note: string }[] }>(test.app, 'GET', '/api/v1/catalog/resources/MZ-1/versions', { token: civil() });
      expect(versions.body.versions.map((version) => version.version)).toEqual([1, 2, 3, 4]);
      expect(versions.body.versions[3]!.note).toBe('复核后确认为 3 级');
      // Another department sees only the published history, not the provider's draft.
      const foreign = await call<{ versions: { version: number }[] }>(test.app, 'GET', '/api/v1/catalog/resources/MZ-1/versions', { token: police() });
      expect(foreign.body.versions.map((version) => version.version)).toEqual([2, 3, 4]);
    });

    it('lets a trained supervisor raise a grade, which the provider cannot then undo', async () => {
      const raised = await call<ResourceBody>(test.app, 'POST', '/api/v1/catalog/resources/MZ-1/grades', { token: world.people.supervisor.token, body: { grades: { resident_id: 'important' } } });
      expect(raised.status).toBe(200);
      expect(raised.body.grade).toBe('important');
      const undo = await call<ErrorBody>(test.app, 'PUT', '/api/v1/catalog/resources/MZ-1', {
        token: civil(),
        body: { ...conditionalDraft('MZ-1', world.legalBasisId), gradeChangeReason: '我们认为是 3 级' },
      });
      expect(undo.status).toBe(400);
      expect(undo.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'GRADE_BELOW_FLOOR', path: '/items/1/grade' }));
    });

    it('refuses a re-grade by a supervision authority that does not supervise the provider’s region', async () => {
      const other = await test.runtime.services.organisations.create(null, { name: '邻县大数据局', uscc: syntheticUscc('331199', 60), regionCode: '331199', kind: 'supervisor' });
      const outsider = await test.runtime.services.people.create(null, { orgId: other.id, login: 'outsider', name: '外部监管', roles: ['supervisor'], training: (await test.runtime.services.people.get(await principal(), world.people.supervisor.id)).training });
      const token = (await test.runtime.services.auth.createPersonalToken(await test.runtime.services.auth.localPrincipal(outsider.person.login), 't', null)).token;
      const reply = await call<ErrorBody>(test.app, 'POST', '/api/v1/catalog/resources/MZ-1/grades', { token, body: { grades: { resident_id: 'core' } } });
      expect(reply.status).toBe(403);
    });

    it('treats dropping an item the supervisor graded as a lowering that needs a reason', async () => {
      const base = conditionalDraft('MZ-1', world.legalBasisId);
      const renamed = { ...base, items: [base.items[0]!, { ...base.items[1]!, code: 'id_number' }] };
      const reply = await call<ErrorBody>(test.app, 'PUT', '/api/v1/catalog/resources/MZ-1', { token: civil(), body: renamed });
      expect(reply.status).toBe(400);
      expect(reply.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'GRADE_LOWERING_NEEDS_REASON' }));
    });

    it('requires a reason for a supervisor to lower a grade, and refuses a lapsed supervisor saying why', async () => {
      const silent = await call<ErrorBody>(test.app, 'POST', '/api/v1/catalog/resources/MZ-1/grades', { token: world.people.supervisor.token, body: { grades: { resident_id: 'general-3' } } });
      expect(silent.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'GRADE_LOWERING_NEEDS_REASON' }));
      const lapsed = await call<ErrorBody & { message: string; details: { course: string } }>(test.app, 'POST', '/api/v1/catalog/resources/MZ-1/grades', {
        token: world.people.lapsedSupervisor.token,
        body: { grades: { resident_id: 'core' } },
      });
      expect(lapsed.status).toBe(403);
      expect(lapsed.body.code).toBe('TRAINING_EXPIRED');
      expect(lapsed.body.details.course).toBe('data-security-basics');
      expect(lapsed.body.message).toContain('2026-01-10');
      const provider = await call<ErrorBody>(test.app, 'POST', '/api/v1/catalog/resources/MZ-1/grades', { token: civil(), body: { grades: { resident_id: 'core' } } });
      expect(provider.status).toBe(403);
    });

    it('searches two-character and one-character Chinese terms with filters and cursor paging', async () => {
      for (const [index, name] of ['户籍人口信息', '户籍迁移记录', '企业登记信息', '人口普查汇总'].entries()) {
        await call(test.app, 'POST', '/api/v1/catalog/resources', { token: police(), body: openDraft(`GA-${index}`, name, `${name}的摘要`) });
        await call(test.app, 'POST', `/api/v1/catalog/resources/GA-${index}/publish`, { token: police() });
      }
      const codes = async (query: string) =>
        (await call<{ resources: ResourceBody[] }>(test.app, 'GET', `/api/v1/catalog/resources?${query}`, { token: civil() })).body.resources.map((resource) => resource.code).sort();
      expect(await codes('q=户籍')).toEqual(['GA-0', 'GA-1']);
      expect(await codes(`q=${encodeURIComponent('人口')}`)).toEqual(['GA-0', 'GA-3']);
      expect(await codes('q=籍')).toEqual(['GA-0', 'GA-1']);
      // Bigrams 户籍 and 籍人 both occur in GA-0 only; the phrase check keeps 户籍人 exact.
      expect(await codes(`q=${encodeURIComponent('户籍人')}`)).toEqual(['GA-0']);
      // The provider's own draft is found too; another department's drafts never are.
      expect(await codes(`q=${encodeURIComponent('信息')}&grade=general-3`)).toEqual(['MZ-POLICY']);
      expect(await codes(`q=${encodeURIComponent('信息')}&sharingType=unconditional`)).toEqual(['GA-0', 'GA-2']);
      expect(await codes(`piClass=sensitive`)).toEqual(['MZ-1', 'MZ-POLICY']);

      const first = await call<{ resources: ResourceBody[]; nextCursor: string }>(test.app, 'GET', '/api/v1/catalog/resources?q=信息&limit=1', { token: civil() });
      expect(first.body.resources).toHaveLength(1);
      const second = await call<{ resources: ResourceBody[] }>(test.app, 'GET', `/api/v1/catalog/resources?q=信息&limit=1&cursor=${first.body.nextCursor}`, { token: civil() });
      expect(second.body.resources[0]!.code).not.toBe(first.body.resources[0]!.code);
    });

    it('suggests PI classes from names and sample values without storing the samples', async () => {
      const before = await auditCount(test.runtime);
      const reply = await call<{ suggestions: { piClass: string; sensitiveCategory: string | null; grade: string; mask: string }[] }>(test.app, 'POST', '/api/v1/catalog/suggestions', {
        token: civil(),
        body: { items: [{ name: '证件', samples: ['11010519491231002X', '110105491231002'] }, { name: '联系电话', samples: [] }, { name: '备注', samples: ['无'] }] },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.suggestions[0]).toMatchObject({ piClass: 'sensitive', sensitiveCategory: 'specific_identity', grade: 'general-3', mask: 'resident_id' });
      expect(reply.body.suggestions[1]).toMatchObject({ piClass: 'personal', mask: 'mobile' });
      expect(reply.body.suggestions[2]).toMatchObject({ piClass: 'none', grade: 'general-1' });
      expect(JSON.stringify(reply.body)).not.toContain('11010519491231002X');
      expect(await auditCount(test.runtime)).toBe(before);
    });
  });
}
