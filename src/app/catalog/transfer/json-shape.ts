import type { FieldError } from '../../../core/shared/domain-error.ts';
import type { LegalBasisResolver } from './parsed-catalog.ts';
import { transferError } from './transfer-errors.ts';

/**
 * A minimal description of a JSON document's shape: enough to check a ResourceDraft strictly
 * (unknown fields are errors, every field is required) and to resolve legal-basis references
 * on the way. A schema library would do, but core's types are the source of truth and this
 * keeps the check beside the import that needs it.
 */
export type Shape =
  | { kind: 'text' }
  | { kind: 'flag' }
  | { kind: 'choice'; values: readonly string[] }
  | { kind: 'nullable'; shape: Shape }
  | { kind: 'list'; of: Shape }
  | { kind: 'record'; fields: Readonly<Record<string, Shape>> }
  | { kind: 'legalBasis' };

export const TEXT: Shape = { kind: 'text' };
export const FLAG: Shape = { kind: 'flag' };
export const LEGAL_BASIS: Shape = { kind: 'legalBasis' };

export function choice(values: readonly string[]): Shape {
  return { kind: 'choice', values };
}

export function nullable(shape: Shape): Shape {
  return { kind: 'nullable', shape };
}

export function list(of: Shape): Shape {
  return { kind: 'list', of };
}

export function record(fields: Readonly<Record<string, Shape>>): Shape {
  return { kind: 'record', fields };
}

export interface ShapeContext {
  errors: FieldError[];
  resolveLegalBasis: LegalBasisResolver;
}

/** JSON Pointer escaping (RFC 6901) for field names taken from the document. */
export function pointerToken(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(context: ShapeContext, path: string, message: string): undefined {
  context.errors.push(transferError(path, 'VALUE_INVALID', message));
  return undefined;
}

/**
 * The value with legal-basis references replaced by ids. Problems go to `context.errors`; the
 * caller knows the value is good when no error was added while reading it.
 */
export function readShape(value: unknown, shape: Shape, path: string, context: ShapeContext): unknown {
  switch (shape.kind) {
    case 'text':
      return typeof value === 'string' ? value : invalid(context, path, '应为文本 / expected a string');
    case 'flag':
      return typeof value === 'boolean' ? value : invalid(context, path, '应为 true 或 false / expected true or false');
    case 'choice':
      return typeof value === 'string' && shape.values.includes(value) ? value : invalid(context, path, '取值不在允许范围内 / not one of the allowed identifiers');
    case 'nullable':
      return value === null ? null : readShape(value, shape.shape, path, context);
    case 'list':
      return Array.isArray(value) ? value.map((entry, index) => readShape(entry, shape.of, `${path}/${index}`, context)) : invalid(context, path, '应为数组 / expected an array');
    case 'legalBasis': {
      if (typeof value !== 'string') return invalid(context, path, '应为文本 / expected a string');
      const id = context.resolveLegalBasis(value);
      if (id === undefined) context.errors.push(transferError(path, 'LEGAL_BASIS_UNKNOWN', '法律依据未登记 / legal basis not registered'));
      return id;
    }
    case 'record': {
      if (!isPlainObject(value)) return invalid(context, path, '应为对象 / expected an object');
      const result: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(shape.fields)) {
        if (Object.hasOwn(value, name)) result[name] = readShape(value[name], field, `${path}/${name}`, context);
        else context.errors.push(transferError(`${path}/${name}`, 'VALUE_REQUIRED', '缺少字段 / field missing'));
      }
      for (const name of Object.keys(value)) {
        if (!Object.hasOwn(shape.fields, name)) context.errors.push(transferError(`${path}/${pointerToken(name)}`, 'FIELD_UNKNOWN', '未知字段 / unknown field'));
      }
      return result;
    }
  }
}
