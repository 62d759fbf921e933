import { describe, expect, it } from 'vitest';
import type { Item, ResourceDraft } from './resource.ts';
import { itemsBelowFloor, loweredItems, removedFlooredItems, validateResourceDraft } from './validate-resource.ts';

const item = (overrides: Partial<Item> = {}): Item => ({ name: '名称', code: 'name', dataType: 'string', piClass: 'none', sensitiveCategory: null, grade: 'general-1', mask: 'none', subjectKey: false, ...overrides });

const draft = (overrides: Partial<ResourceDraft> = {}): ResourceDraft => ({
  code: 'R-1',
  classificationCode: 'A01',
  name: '资源',
  summary: '',
  format: 'database',
  items: [item()],
  sharing: { type: 'unconditional', methods: ['api'], conditions: [], legalBasisIds: [] },
  openType: 'open',
  updateCycle: 'daily',
  relatedCodes: [],
  ...overrides,
});

const codes = (value: ResourceDraft, declared?: Parameters<typeof validateResourceDraft>[1]) => validateResourceDraft(value, declared).map((error) => `${error.code} ${error.path}`);

describe('catalog rules', () => {
  it('accepts a plain unconditional general-1 resource', () => {
    expect(codes(draft())).toEqual([]);
  });

  it('needs at least one item, unique item codes and at most one subject key', () => {
    expect(codes(draft({ items: [] }))).toContain('ITEMS_REQUIRED /items');
    expect(codes(draft({ items: [item(), item()] }))).toContain('ITEM_CODE_DUPLICATE /items/1/code');
    expect(codes(draft({ items: [item({ subjectKey: true }), item({ code: 'b', subjectKey: true })] }))).toContain('SUBJECT_KEY_MULTIPLE /items');
  });

  it('grades a resource by its highest item, refusing a declared grade that differs', () => {
    const value = draft({ items: [item(), item({ code: 'b', grade: 'general-2' })] });
    expect(codes(value, 'general-2')).toEqual([]);
    expect(codes(value, 'general-1')).toContain('RESOURCE_GRADE_MISMATCH /grade');
  });

  it('allows unconditional sharing for general-1 and general-2 only', () => {
    expect(codes(draft({ items: [item({ grade: 'general-2' })] }))).toEqual([]);
    expect(codes(draft({ items: [item({ grade: 'general-3' })] }))).toContain('UNCONDITIONAL_GRADE_TOO_HIGH /sharing/type');
  });

  it('keeps sensitive PI out of general-1 and general-2 and requires its Art. 28 category', () => {
    const sensitive = item({ piClass: 'sensitive', grade: 'general-2', sensitiveCategory: null });
    const found = codes(draft({ items: [sensitive], sharing: { type: 'conditional', methods: [], legalBasisIds: [], conditions: [{ text: 'x', legalBasisIds: ['b'], policy: null }] } }));
    expect(found).toEqual(expect.arrayContaining(['SENSITIVE_PI_GRADE_TOO_LOW /items/0/grade', 'SENSITIVE_CATEGORY_REQUIRED /items/0/sensitiveCategory']));
    expect(codes(draft({ items: [item({ piClass: 'personal', sensitiveCategory: 'biometric' })] }))).toContain('SENSITIVE_CATEGORY_NOT_ALLOWED /items/0/sensitiveCategory');
  });

  it('needs a legal basis for not sharing, conditions for conditional sharing, and a basis for each condition', () => {
    expect(codes(draft({ sharing: { type: 'none', methods: [], legalBasisIds: [], conditions: [] } }))).toContain('NOT_SHARED_NEEDS_LEGAL_BASIS /sharing/legalBasisIds');
    expect(codes(draft({ sharing: { type: 'conditional', methods: [], legalBasisIds: [], conditions: [] } }))).toContain('CONDITIONS_REQUIRED /sharing/conditions');
    const unfounded = { type: 'conditional' as const, methods: [], legalBasisIds: [], conditions: [{ text: 'x', legalBasisIds: [], policy: '  ' }] };
    expect(codes(draft({ sharing: unfounded }))).toContain('CONDITION_NEEDS_BASIS /sharing/conditions/0');
  });

  it('checks codes and names as the API does, since file imports bypass its schema', () => {
    expect(codes(draft({ code: '../x' }))).toContain('RESOURCE_CODE_INVALID /code');
    expect(codes(draft({ name: '  ' }))).toContain('NAME_REQUIRED /name');
    expect(codes(draft({ classificationCode: '' }))).toContain('CLASSIFICATION_REQUIRED /classificationCode');
    expect(codes(draft({ items: [item({ code: '1abc' })] }))).toContain('ITEM_CODE_INVALID /items/0/code');
    expect(codes(draft({ items: [item({ name: '' })] }))).toContain('NAME_REQUIRED /items/0/name');
  });

  it('reports floored items that a new version drops', () => {
    expect(removedFlooredItems(draft(), { name: 'general-3', gone: 'important' })).toEqual(['gone']);
  });

  it('keeps personal information out of unconditional opening', () => {
    expect(codes(draft({ items: [item({ piClass: 'personal', grade: 'general-2' })] }))).toContain('OPEN_WITH_PERSONAL_INFO /openType');
    expect(codes(draft({ openType: 'conditional_open', items: [item({ piClass: 'personal', grade: 'general-2' })] }))).toEqual([]);
  });

  it('refuses a resource that relates to itself', () => {
    expect(codes(draft({ relatedCodes: ['R-1'] }))).toContain('RELATED_CODE_SELF /relatedCodes');
  });

  it('reports lowered items and items below a supervisor floor', () => {
    const before = draft({ items: [item({ grade: 'general-2' }), item({ code: 'b', grade: 'general-1' })] });
    const after = draft({ items: [item({ grade: 'general-1' }), item({ code: 'b', grade: 'general-2' })] });
    expect(loweredItems(before, after)).toEqual(['name']);
    expect(itemsBelowFloor(after, { b: 'general-3', name: 'general-1' })).toEqual(['b']);
  });
});
