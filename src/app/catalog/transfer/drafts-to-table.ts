import type { Item, ResourceDraft } from '../../../core/catalog/resource.ts';
import { COLUMNS, ITEM_COLUMNS, type ItemColumnKey, type ResourceColumnKey } from './columns.ts';
import { encodeConditions, safeReference } from './conditions-cell.ts';
import {
  DATA_TYPE_TABLE,
  GRADE_TABLE,
  labelOf,
  MASK_TABLE,
  OPEN_TYPE_TABLE,
  PI_CLASS_TABLE,
  RESOURCE_FORMAT_TABLE,
  SENSITIVE_CATEGORY_TABLE,
  SHARING_METHOD_TABLE,
  SHARING_TYPE_TABLE,
  SUBJECT_KEY_TABLE,
  UPDATE_CYCLE_TABLE,
} from './labels.ts';
import { joinList } from './list-cell.ts';

/** Turns a legal-basis id into the reference a person reads, e.g. `个人信息保护法 第十三条`. */
export type LegalBasisDescriber = (id: string) => string;

function resourceCells(draft: ResourceDraft, describe: LegalBasisDescriber): Record<ResourceColumnKey, string> {
  return {
    code: draft.code,
    name: draft.name,
    classificationCode: draft.classificationCode,
    summary: draft.summary,
    format: labelOf(RESOURCE_FORMAT_TABLE, draft.format),
    sharingType: labelOf(SHARING_TYPE_TABLE, draft.sharing.type),
    methods: joinList(draft.sharing.methods.map((method) => labelOf(SHARING_METHOD_TABLE, method))),
    conditions: encodeConditions(draft.sharing.conditions, describe),
    legalBases: joinList(draft.sharing.legalBasisIds.map((id) => safeReference(id, describe))),
    openType: labelOf(OPEN_TYPE_TABLE, draft.openType),
    updateCycle: labelOf(UPDATE_CYCLE_TABLE, draft.updateCycle),
    relatedCodes: joinList(draft.relatedCodes),
  };
}

function itemCells(item: Item): Record<ItemColumnKey, string> {
  return {
    itemName: item.name,
    itemCode: item.code,
    dataType: labelOf(DATA_TYPE_TABLE, item.dataType),
    piClass: labelOf(PI_CLASS_TABLE, item.piClass),
    sensitiveCategory: item.sensitiveCategory === null ? '' : labelOf(SENSITIVE_CATEGORY_TABLE, item.sensitiveCategory),
    grade: labelOf(GRADE_TABLE, item.grade),
    mask: labelOf(MASK_TABLE, item.mask),
    subjectKey: labelOf(SUBJECT_KEY_TABLE, item.subjectKey ? 'true' : 'false'),
  };
}

const NO_ITEM = Object.fromEntries(ITEM_COLUMNS.map((column) => [column.key, ''])) as Record<ItemColumnKey, string>;

/**
 * The header (Chinese names) and one row per item, the resource's cells repeated on each. A
 * resource without items still gets one row, its item cells empty, so it is not lost.
 */
export function draftsToTable(drafts: readonly ResourceDraft[], describe: LegalBasisDescriber): string[][] {
  const rows: string[][] = [COLUMNS.map((column) => column.zh)];
  for (const draft of drafts) {
    const resource = resourceCells(draft, describe);
    const items = draft.items.length === 0 ? [NO_ITEM] : draft.items.map(itemCells);
    for (const item of items) {
      const cells: Record<string, string> = { ...resource, ...item };
      rows.push(COLUMNS.map((column) => cells[column.key] ?? ''));
    }
  }
  return rows;
}
