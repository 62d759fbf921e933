import { PII_TYPES, type PiiType } from '../../core/pii/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';

const KNOWN: ReadonlySet<string> = new Set(PII_TYPES);

export function isPiiType(value: string): value is PiiType {
  return KNOWN.has(value);
}

/**
 * A comma-separated list of kinds of personal data (`cn_resident_id,cn_mobile`), as --types and
 * --fail-on take it on the command line and `types` in the API. An unknown name is refused with
 * PII_TYPE_UNKNOWN rather than ignored: a gate that silently dropped a misspelt type would pass
 * files it was meant to stop. Duplicates are removed; the order of PII_TYPES is kept.
 */
export function parsePiiTypeList(text: string, label = 'types'): PiiType[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = names.filter((name) => !isPiiType(name));
  if (names.length === 0 || unknown.length > 0) {
    const shown = unknown.map((name) => JSON.stringify(name.slice(0, 40))).join(', ');
    throw new DomainError(
      'PII_TYPE_UNKNOWN',
      `${label}：${names.length === 0 ? '未给出类型' : `未知的类型 ${shown}`}；可用的类型为 ${PII_TYPES.join(', ')} / ${label}: ${names.length === 0 ? 'no type given' : `unknown type ${shown}`}; known types are ${PII_TYPES.join(', ')}`,
      { details: { errors: [{ path: `/${label}`, code: 'PII_TYPE_UNKNOWN', message: `可用的类型 / known types: ${PII_TYPES.join(', ')}` }] } },
    );
  }
  const wanted = new Set(names);
  return PII_TYPES.filter((type) => wanted.has(type));
}
