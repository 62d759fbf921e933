import type { ResourceDraft } from '../../../core/catalog/resource.ts';

/**
 * Exactly the draft's fields. A stored Resource is also a ResourceDraft to TypeScript, and
 * without this its id, organisation and grade floors would leak into an export file (and make
 * the file fail its own strict import).
 */
export function plainDraft(draft: ResourceDraft): ResourceDraft {
  return {
    code: draft.code,
    classificationCode: draft.classificationCode,
    name: draft.name,
    summary: draft.summary,
    format: draft.format,
    items: draft.items.map((item) => ({
      name: item.name,
      code: item.code,
      dataType: item.dataType,
      piClass: item.piClass,
      sensitiveCategory: item.sensitiveCategory,
      grade: item.grade,
      mask: item.mask,
      subjectKey: item.subjectKey,
    })),
    sharing: {
      type: draft.sharing.type,
      conditions: draft.sharing.conditions.map((condition) => ({ text: condition.text, legalBasisIds: [...condition.legalBasisIds], policy: condition.policy })),
      methods: [...draft.sharing.methods],
      legalBasisIds: [...draft.sharing.legalBasisIds],
    },
    openType: draft.openType,
    updateCycle: draft.updateCycle,
    relatedCodes: [...draft.relatedCodes],
  };
}
