import type { FieldError } from '../shared/domain-error.ts';
import { gradeRank, highestGrade, type Grade } from './grade.ts';
import type { ResourceDraft } from './resource.ts';

/** Codes of the catalog rules; each breach names its field in `details.errors`. */
export type CatalogRuleCode =
  | 'ITEMS_REQUIRED'
  | 'ITEM_CODE_DUPLICATE'
  | 'SUBJECT_KEY_MULTIPLE'
  | 'RESOURCE_GRADE_MISMATCH'
  | 'UNCONDITIONAL_GRADE_TOO_HIGH'
  | 'NOT_SHARED_NEEDS_LEGAL_BASIS'
  | 'CONDITIONS_REQUIRED'
  | 'CONDITION_NEEDS_BASIS'
  | 'SENSITIVE_PI_GRADE_TOO_LOW'
  | 'SENSITIVE_CATEGORY_REQUIRED'
  | 'SENSITIVE_CATEGORY_NOT_ALLOWED'
  | 'RELATED_CODE_SELF'
  | 'RESOURCE_CODE_INVALID'
  | 'ITEM_CODE_INVALID'
  | 'NAME_REQUIRED'
  | 'CLASSIFICATION_REQUIRED'
  | 'OPEN_WITH_PERSONAL_INFO';

/** Codes travel in URLs and file names: letters, digits and a few separators only. */
export const RESOURCE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
export const ITEM_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const NAME_LIMIT = 200;

function error(path: string, code: CatalogRuleCode, message: string): FieldError {
  return { path, code, message };
}

const UNCONDITIONAL_GRADES: readonly Grade[] = ['general-1', 'general-2'];

/**
 * The catalog rules (DESIGN §5, 政务数据共享条例, PIPL Art. 28). Returns every breach, not the
 * first, so a provider fixes a draft in one pass. `declaredGrade`, when given, must equal the
 * highest item grade: a resource is graded by its most sensitive item.
 */
export function validateResourceDraft(draft: ResourceDraft, declaredGrade?: Grade): FieldError[] {
  const errors: FieldError[] = [];
  // The same shape rules as the HTTP schema, here too, because imports from files bypass it.
  if (!RESOURCE_CODE_PATTERN.test(draft.code)) errors.push(error('/code', 'RESOURCE_CODE_INVALID', '资源代码须为 1–64 位字母、数字或 . _ / - / 1–64 letters, digits or . _ / -'));
  if (!draft.name.trim() || draft.name.length > NAME_LIMIT) errors.push(error('/name', 'NAME_REQUIRED', `资源名称不能为空且不超过 ${NAME_LIMIT} 字 / a name of at most ${NAME_LIMIT} characters is required`));
  if (!draft.classificationCode.trim() || draft.classificationCode.length > 32) errors.push(error('/classificationCode', 'CLASSIFICATION_REQUIRED', '须填写分类代码（不超过 32 位）/ a classification code of at most 32 characters is required'));
  if (draft.items.length === 0) errors.push(error('/items', 'ITEMS_REQUIRED', '至少需要一个信息项 / at least one item is required'));

  const seen = new Set<string>();
  let subjectKeys = 0;
  draft.items.forEach((item, index) => {
    const path = `/items/${index}`;
    if (!ITEM_CODE_PATTERN.test(item.code)) errors.push(error(`${path}/code`, 'ITEM_CODE_INVALID', '信息项代码须以字母开头，由字母、数字、下划线组成 / a letter, then letters, digits or _'));
    if (!item.name.trim() || item.name.length > NAME_LIMIT) errors.push(error(`${path}/name`, 'NAME_REQUIRED', '信息项名称不能为空 / an item needs a name'));
    if (seen.has(item.code)) errors.push(error(`${path}/code`, 'ITEM_CODE_DUPLICATE', '信息项代码重复 / duplicate item code'));
    seen.add(item.code);
    if (item.subjectKey) subjectKeys += 1;
    if (item.piClass === 'sensitive') {
      // PIPL Art. 28: sensitive PI needs strict protection, so it can never sit in the lowest grades.
      if (UNCONDITIONAL_GRADES.includes(item.grade)) {
        errors.push(error(`${path}/grade`, 'SENSITIVE_PI_GRADE_TOO_LOW', '敏感个人信息不得定为一般数据 1 级或 2 级 / sensitive PI cannot be general-1 or general-2'));
      }
      if (item.sensitiveCategory === null) {
        errors.push(error(`${path}/sensitiveCategory`, 'SENSITIVE_CATEGORY_REQUIRED', '敏感个人信息须注明《个人信息保护法》第二十八条类别 / sensitive PI needs its PIPL Art. 28 category'));
      }
    } else if (item.sensitiveCategory !== null) {
      errors.push(error(`${path}/sensitiveCategory`, 'SENSITIVE_CATEGORY_NOT_ALLOWED', '仅敏感个人信息可注明敏感类别 / only sensitive PI carries a category'));
    }
  });
  if (subjectKeys > 1) errors.push(error('/items', 'SUBJECT_KEY_MULTIPLE', '至多一个信息项可作为数据主体标识 / at most one item is the subject key'));

  const grade = highestGrade(draft.items.map((item) => item.grade));
  if (declaredGrade !== undefined && declaredGrade !== grade) {
    errors.push(error('/grade', 'RESOURCE_GRADE_MISMATCH', `资源分级须等于信息项最高分级（${grade}）/ the resource grade must equal its highest item grade (${grade})`));
  }

  const sharing = draft.sharing;
  if (sharing.type === 'unconditional' && gradeRank(grade) > gradeRank('general-2')) {
    errors.push(error('/sharing/type', 'UNCONDITIONAL_GRADE_TOO_HIGH', '仅一般数据 1 级、2 级可无条件共享 / only general-1 and general-2 may be unconditional'));
  }
  if (sharing.type === 'none' && sharing.legalBasisIds.length === 0) {
    errors.push(error('/sharing/legalBasisIds', 'NOT_SHARED_NEEDS_LEGAL_BASIS', '不予共享须有法律、行政法规或国务院决定依据 / "not shared" needs a legal basis'));
  }
  if (sharing.type === 'conditional' && sharing.conditions.length === 0) {
    errors.push(error('/sharing/conditions', 'CONDITIONS_REQUIRED', '有条件共享须列明共享条件 / conditional sharing must state its conditions'));
  }
  sharing.conditions.forEach((condition, index) => {
    // 政务数据共享条例: no condition without a basis, so providers cannot invent extra hurdles.
    if (condition.legalBasisIds.length === 0 && !condition.policy?.trim()) {
      errors.push(error(`/sharing/conditions/${index}`, 'CONDITION_NEEDS_BASIS', '每项共享条件须引用法律依据或政策文件 / every condition cites a legal basis or policy'));
    }
  });
  // 个人信息保护法 Arts. 25 and 34–35: a state organ does not publish personal information
  // (unconditional opening) except as the law provides; such data opens only on conditions.
  if (draft.openType === 'open' && draft.items.some((item) => item.piClass !== 'none')) {
    errors.push(error('/openType', 'OPEN_WITH_PERSONAL_INFO', '含个人信息的资源不得无条件开放 / a resource with personal information cannot be open without conditions'));
  }
  if (draft.relatedCodes.includes(draft.code)) {
    errors.push(error('/relatedCodes', 'RELATED_CODE_SELF', '关联资源不能是自身 / a resource cannot relate to itself'));
  }
  return errors;
}

/** Items whose grade went down between two versions: each such lowering needs a reason. */
export function loweredItems(before: ResourceDraft, after: ResourceDraft): string[] {
  const previous = new Map(before.items.map((item) => [item.code, item.grade]));
  return after.items
    .filter((item) => {
      const old = previous.get(item.code);
      return old !== undefined && gradeRank(item.grade) < gradeRank(old);
    })
    .map((item) => item.code);
}

/**
 * Items a supervisor set a floor on that the new version no longer has. Dropping such an item
 * and re-adding it under another code would otherwise undo the raise without a trace.
 */
export function removedFlooredItems(draft: ResourceDraft, floors: Record<string, Grade>): string[] {
  return Object.keys(floors).filter((code) => !draft.items.some((item) => item.code === code));
}

/** Items set below a supervisor's floor; a provider cannot undo a supervisor's raise. */
export function itemsBelowFloor(draft: ResourceDraft, floors: Record<string, Grade>): string[] {
  return draft.items.filter((item) => {
    const floor = floors[item.code];
    return floor !== undefined && gradeRank(item.grade) < gradeRank(floor);
  }).map((item) => item.code);
}
