import { DomainError } from '../shared/domain-error.ts';

/*
 * The JSON Canonicalization Scheme, RFC 8785 (JCS): one exact text for a JSON value, so that an
 * audit record hashes the same wherever and whenever it is serialised. The rules:
 *  - literals null, true and false as themselves (§3.2.2.1);
 *  - strings as ECMAScript's JSON.stringify writes them (§3.2.2.2), which JCS adopts verbatim:
 *    only `"` `\` and the controls U+0000..U+001F are escaped, with the short forms \b \t \n \f
 *    \r where they exist and \u00xx in lower-case hex otherwise; everything else is literal;
 *  - numbers as ECMAScript's Number-to-String (§3.2.2.3), e.g. 1e+21, 0.30000000000000004, and
 *    "0" for −0;
 *  - object members sorted by their names compared as arrays of UTF-16 code units (§3.2.3),
 *    which is what JavaScript's `<` on strings does;
 *  - no whitespace anywhere (§3.2.1) and array elements in their order.
 * Input must be I-JSON (RFC 7493) as §3.1 requires, so values JSON cannot hold are errors.
 */

export type CanonicalJsonErrorCode = 'CANONICAL_JSON_INVALID';

/**
 * Nesting beyond this is refused. Audit details are shallow; the limit turns a hostile, deeply
 * nested document into a DomainError rather than a stack overflow.
 */
export const CANONICAL_JSON_MAX_DEPTH = 200;

function invalid(at: () => string, reason: string): DomainError<CanonicalJsonErrorCode> {
  // The pointer names where (RFC 6901), never what: the value may be personal data.
  const pointer = at();
  return new DomainError<CanonicalJsonErrorCode>('CANONICAL_JSON_INVALID', `not canonicalisable as JSON: ${reason}`, {
    details: { pointer: pointer === '' ? '/' : pointer },
  });
}

/** RFC 6901 §3: "~" is written "~0" and "/" is written "~1" within a reference token. */
function pointerTo(parent: string, token: string | number): string {
  return `${parent}/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function compareCodeUnits(left: string, right: string): number {
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Where a value sits, worked out only when an error needs it: canonicalising is on the audit hot path. */
type Pointer = () => string;

function child(parent: Pointer, token: string | number): Pointer {
  return () => pointerTo(parent(), token);
}

function serialiseString(value: string, pointer: Pointer): string {
  // A lone surrogate is not a Unicode string; I-JSON (RFC 7493 §2.1) forbids it, and it could not
  // be hashed as the UTF-8 that RFC 8785 §3.2.4 prescribes without being altered.
  if (!value.isWellFormed()) throw invalid(pointer, 'a string holds an unpaired surrogate');
  return JSON.stringify(value);
}

function serialise(value: unknown, pointer: Pointer, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return serialiseString(value, pointer);
    case 'number':
      // I-JSON numbers are finite IEEE 754 doubles (RFC 8785 §3.2.2.3); JSON has no NaN or Infinity.
      if (!Number.isFinite(value)) throw invalid(pointer, 'a number is NaN or infinite');
      return String(value);
    case 'object':
      if (value === null) return 'null';
      return serialiseContainer(value, pointer, ancestors);
    default:
      // undefined, bigint, symbol and function have no JSON form. JSON.stringify would drop some
      // of them or turn them into null; for a record that is hashed and signed, a silent change of
      // content is worse than an error, so the caller must decide what the value should be.
      throw invalid(pointer, `a ${typeof value} has no JSON form`);
  }
}

function serialiseContainer(value: object, pointer: Pointer, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw invalid(pointer, 'the value contains itself');
  if (ancestors.size >= CANONICAL_JSON_MAX_DEPTH) throw invalid(pointer, `nesting exceeds ${CANONICAL_JSON_MAX_DEPTH} levels`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // Index by position so that holes in a sparse array reach the undefined check above.
      const elements: string[] = [];
      for (let position = 0; position < value.length; position += 1) {
        elements.push(serialise(value[position], child(pointer, position), ancestors));
      }
      return `[${elements.join(',')}]`;
    }
    // Only plain objects. Others would lose content or change it silently: a Map or Set
    // stringifies as {}, and toJSON (Date, Buffer, class instances) lets the object choose its
    // own text. Callers convert such values (for instance a Date to an ISO 8601 string) first.
    if (!isPlainObject(value)) throw invalid(pointer, 'only plain objects and arrays are JSON containers');
    if (Object.getOwnPropertySymbols(value).length > 0) throw invalid(pointer, 'an object has symbol-named members');
    const members = Object.keys(value)
      .sort(compareCodeUnits)
      .map((name) => {
        const memberPointer = child(pointer, name);
        // A member whose value is undefined is rejected, not dropped as JSON.stringify drops it:
        // {a: undefined} and {} would otherwise hash alike, so a field a caller meant to record,
        // but left unset by mistake, would vanish from the audit trail without anyone noticing.
        return `${serialiseString(name, memberPointer)}:${serialise(value[name], memberPointer, ancestors)}`;
      });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * The RFC 8785 canonical text of a JSON value: null, booleans, finite numbers, well-formed
 * strings, arrays and plain objects, nested to at most CANONICAL_JSON_MAX_DEPTH levels.
 * Anything else, anywhere inside, throws CANONICAL_JSON_INVALID with a JSON Pointer to it.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, () => '', new Set());
}
