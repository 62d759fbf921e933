/**
 * Province-level division codes of GB/T 2260 (中华人民共和国行政区划代码): the first two digits
 * of a resident ID number (GB 11643-1999) and of the region part of a USCC (GB 32100-2015).
 * 71 is Taiwan, 81 Hong Kong and 82 Macao; they appear on IDs and residence permits.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71',
  '81', '82',
]);

export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}
