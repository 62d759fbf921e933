/**
 * CSV injection guard (OWASP "CSV Injection"): Excel runs a cell that starts with = + - @ (or a
 * tab/CR) as a formula, so an exported catalog could carry a formula planted in a resource
 * summary. Export prefixes such cells with an apostrophe; import takes one apostrophe off
 * again. Already-quoted values gain another apostrophe, so the round trip is exact.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/u;
const GUARDED = /^'+[=+\-@\t\r]/u;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}
