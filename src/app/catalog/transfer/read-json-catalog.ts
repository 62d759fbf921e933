import { GRADES } from '../../../core/catalog/grade.ts';
import {
  DATA_TYPES,
  OPEN_TYPES,
  PI_CLASSES,
  RESOURCE_FORMATS,
  SENSITIVE_CATEGORIES,
  SHARING_METHODS,
  SHARING_TYPES,
  UPDATE_CYCLES,
  type ResourceDraft,
} from '../../../core/catalog/resource.ts';
import { MASK_NAMES } from '../../../core/masking/index.ts';
import type { FieldError } from '../../../core/shared/domain-error.ts';
import { choice, FLAG, LEGAL_BASIS, list, nullable, pointerToken, readShape, record, TEXT, type ShapeContext } from './json-shape.ts';
import type { DraftOrigin, LegalBasisResolver, ParsedCatalog } from './parsed-catalog.ts';
import { fileUnreadable, rowPath, transferError } from './transfer-errors.ts';

const ITEM_SHAPE = record({
  name: TEXT,
  code: TEXT,
  dataType: choice(DATA_TYPES),
  piClass: choice(PI_CLASSES),
  sensitiveCategory: nullable(choice(SENSITIVE_CATEGORIES)),
  grade: choice(GRADES),
  mask: choice(MASK_NAMES),
  subjectKey: FLAG,
});

const CONDITION_SHAPE = record({ text: TEXT, legalBasisIds: list(LEGAL_BASIS), policy: nullable(TEXT) });

/** JSON is the machine format: English identifiers only, no Chinese labels. */
const DRAFT_SHAPE = record({
  code: TEXT,
  classificationCode: TEXT,
  name: TEXT,
  summary: TEXT,
  format: choice(RESOURCE_FORMATS),
  items: list(ITEM_SHAPE),
  sharing: record({ type: choice(SHARING_TYPES), conditions: list(CONDITION_SHAPE), methods: list(choice(SHARING_METHODS)), legalBasisIds: list(LEGAL_BASIS) }),
  openType: choice(OPEN_TYPES),
  updateCycle: choice(UPDATE_CYCLES),
  relatedCodes: list(TEXT),
});

const EXPECTED = '应为资源数组或 {"resources": [...]} / expected an array of resources or {"resources": [...]}';

function resourceList(document: unknown, errors: FieldError[]): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  if (typeof document !== 'object' || document === null || !Array.isArray((document as { resources?: unknown }).resources)) {
    errors.push(fileUnreadable(EXPECTED));
    return undefined;
  }
  for (const name of Object.keys(document)) {
    if (name !== 'resources') errors.push(transferError(`/${pointerToken(name)}`, 'FIELD_UNKNOWN', '未知字段 / unknown field'));
  }
  return (document as { resources: unknown[] }).resources;
}

/**
 * An array of ResourceDraft objects, or `{ "resources": [...] }`. Legal-basis ids pass through
 * the resolver too, so a file may cite `law 第X条` instead of an id from another installation.
 */
export function readJsonCatalog(text: string, resolveLegalBasis: LegalBasisResolver): ParsedCatalog {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input, so it is not passed on.
    return { drafts: [], origins: [], errors: [fileUnreadable('不是有效的 JSON / not valid JSON')] };
  }
  const errors: FieldError[] = [];
  const entries = resourceList(document, errors);
  if (!entries) return { drafts: [], origins: [], errors };

  const context: ShapeContext = { errors, resolveLegalBasis };
  const drafts: ResourceDraft[] = [];
  const origins: DraftOrigin[] = [];
  const codes = new Set<string>();
  entries.forEach((entry, index) => {
    const before = errors.length;
    const value = readShape(entry, DRAFT_SHAPE, rowPath(index + 1), context) as Partial<ResourceDraft> | undefined;
    const code = value?.code;
    if (typeof code === 'string') {
      // Two entries with one code would merge in a spreadsheet and overwrite each other on import.
      if (codes.has(code)) errors.push(transferError(rowPath(index + 1, 'code'), 'RESOURCE_CODE_DUPLICATE', '资源代码重复 / duplicate resource code'));
      codes.add(code);
    }
    if (errors.length === before) {
      drafts.push(value as ResourceDraft);
      origins.push({ row: index + 1, itemRows: null });
    }
  });
  return { drafts, origins, errors };
}
