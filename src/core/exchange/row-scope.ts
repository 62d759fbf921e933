import type { RowScope } from '../sharing/request.ts';

/**
 * The division-code prefixes a grant's row scope admits, or null for every region. GB/T 2260
 * codes nest: a province (XX0000) covers its prefectures and counties, a prefecture (XXXX00) its
 * counties. A subject whose region is unknown is outside every region scope.
 */
export function rowScopePrefixes(scope: RowScope): string[] | null {
  if (scope.type === 'all') return null;
  return scope.regionCodes.map(significantPrefix);
}

function significantPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
