import type { SharingCondition } from '../../../core/catalog/resource.ts';
import type { Column, ItemColumnKey, ResourceColumnKey } from './columns.ts';
import { decodeConditions } from './conditions-cell.ts';
import {
  DATA_TYPE_TABLE,
  GRADE_TABLE,
  MASK_TABLE,
  OPEN_TYPE_TABLE,
  PI_CLASS_TABLE,
  RESOURCE_FORMAT_TABLE,
  SENSITIVE_CATEGORY_TABLE,
  SHARING_METHOD_TABLE,
  SHARING_TYPE_TABLE,
  SUBJECT_KEY_TABLE,
  UPDATE_CYCLE_TABLE,
  valueOfWord,
  type LabelTable,
} from './labels.ts';
import { splitList } from './list-cell.ts';
import type { TransferErrorCode } from './transfer-errors.ts';

export interface CellContext {
  column: Column;
  /** Records a problem at this row and column; the message must not quote the cell. */
  report(code: TransferErrorCode, message: string): void;
  resolveLegalBasis(reference: string): string | undefined;
}

/** Reads one trimmed cell; undefined means the cell was bad and has been reported. */
export type CellReader<Value> = (text: string, context: CellContext) => Value | undefined;

function reportRequired(context: CellContext): undefined {
  context.report('VALUE_REQUIRED', `${context.column.zh}不能为空 / ${context.column.en} is required`);
  return undefined;
}

function reportInvalid(context: CellContext): undefined {
  context.report('VALUE_INVALID', `${context.column.zh}取值无效 / invalid ${context.column.en}`);
  return undefined;
}

const requiredText: CellReader<string> = (text, context) => (text === '' ? reportRequired(context) : text);

const optionalText: CellReader<string> = (text) => text;

function choice<Value extends string>(table: LabelTable<Value>): CellReader<Value> {
  return (text, context) => (text === '' ? reportRequired(context) : (valueOfWord(table, text) ?? reportInvalid(context)));
}

/** An empty cell is null: most items carry no sensitive category. */
function optionalChoice<Value extends string>(table: LabelTable<Value>): CellReader<Value | null> {
  return (text, context) => (text === '' ? null : (valueOfWord(table, text) ?? reportInvalid(context)));
}

function choiceList<Value extends string>(table: LabelTable<Value>): CellReader<Value[]> {
  return (text, context) => {
    const values = splitList(text).map((word) => valueOfWord(table, word));
    return values.every((value) => value !== undefined) ? (values as Value[]) : reportInvalid(context);
  };
}

const textList: CellReader<string[]> = (text) => splitList(text);

/** One LEGAL_BASIS_UNKNOWN per unresolvable reference, so the count tells the provider how many to fix. */
function resolveAll(references: readonly string[], context: CellContext): string[] | undefined {
  const ids = references.map((reference) => context.resolveLegalBasis(reference));
  ids.forEach((id) => {
    if (id === undefined) context.report('LEGAL_BASIS_UNKNOWN', `${context.column.zh}引用的法律依据未登记 / ${context.column.en} cite an unregistered legal basis`);
  });
  return ids.every((id) => id !== undefined) ? (ids as string[]) : undefined;
}

const legalBases: CellReader<string[]> = (text, context) => resolveAll(splitList(text), context);

const conditions: CellReader<SharingCondition[]> = (text, context) => {
  const cells = decodeConditions(text);
  if (!cells) return reportInvalid(context);
  const resolved = cells.map((cell) => {
    const legalBasisIds = resolveAll(cell.references, context);
    return legalBasisIds && { text: cell.text, legalBasisIds, policy: cell.policy };
  });
  return resolved.every((condition) => condition !== undefined) ? (resolved as SharingCondition[]) : undefined;
};

/** Empty means "no": only one item of a resource is ever the subject key. */
const subjectKey: CellReader<boolean> = (text, context) => {
  if (text === '') return false;
  const value = valueOfWord(SUBJECT_KEY_TABLE, text);
  return value === undefined ? reportInvalid(context) : value === 'true';
};

export const RESOURCE_READERS = {
  code: requiredText,
  name: requiredText,
  classificationCode: requiredText,
  summary: optionalText,
  format: choice(RESOURCE_FORMAT_TABLE),
  sharingType: choice(SHARING_TYPE_TABLE),
  methods: choiceList(SHARING_METHOD_TABLE),
  conditions,
  legalBases,
  openType: choice(OPEN_TYPE_TABLE),
  updateCycle: choice(UPDATE_CYCLE_TABLE),
  relatedCodes: textList,
} satisfies Record<ResourceColumnKey, CellReader<unknown>>;

export const ITEM_READERS = {
  itemName: requiredText,
  itemCode: requiredText,
  dataType: choice(DATA_TYPE_TABLE),
  piClass: choice(PI_CLASS_TABLE),
  sensitiveCategory: optionalChoice(SENSITIVE_CATEGORY_TABLE),
  grade: choice(GRADE_TABLE),
  mask: choice(MASK_TABLE),
  subjectKey,
} satisfies Record<ItemColumnKey, CellReader<unknown>>;

export type ResourceValues = { [Key in ResourceColumnKey]: Exclude<ReturnType<(typeof RESOURCE_READERS)[Key]>, undefined> };
export type ItemValues = { [Key in ItemColumnKey]: Exclude<ReturnType<(typeof ITEM_READERS)[Key]>, undefined> };
