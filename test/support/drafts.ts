import type { ResourceDraft } from '../../src/core/catalog/resource.ts';

/** A valid conditional draft with a sensitive resident-ID item, for tests to vary. */
export function conditionalDraft(code: string, legalBasisId: string, overrides: Partial<ResourceDraft> = {}): ResourceDraft {
  return {
    code,
    classificationCode: 'B02.01',
    name: '最低生活保障对象信息',
    summary: '城乡低保对象的身份与家庭住址，用于救助对象认定。',
    format: 'database',
    items: [
      { name: '姓名', code: 'name', dataType: 'string', piClass: 'personal', sensitiveCategory: null, grade: 'general-2', mask: 'name', subjectKey: false },
      { name: '公民身份号码', code: 'resident_id', dataType: 'string', piClass: 'sensitive', sensitiveCategory: 'specific_identity', grade: 'general-3', mask: 'resident_id', subjectKey: true },
    ],
    sharing: { type: 'conditional', methods: ['api'], legalBasisIds: [], conditions: [{ text: '仅限履行法定职责', legalBasisIds: [legalBasisId], policy: null }] },
    openType: 'not_open',
    updateCycle: 'monthly',
    relatedCodes: [],
    ...overrides,
  };
}

/** A valid unconditional general-1 draft. */
export function openDraft(code: string, name: string, summary: string): ResourceDraft {
  return {
    code,
    classificationCode: 'F06.01',
    name,
    summary,
    format: 'database',
    items: [{ name: '企业名称', code: 'enterprise_name', dataType: 'string', piClass: 'none', sensitiveCategory: null, grade: 'general-1', mask: 'none', subjectKey: false }],
    sharing: { type: 'unconditional', methods: ['api'], legalBasisIds: [], conditions: [] },
    openType: 'open',
    updateCycle: 'daily',
    relatedCodes: [],
  };
}
