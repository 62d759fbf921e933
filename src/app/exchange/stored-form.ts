import { gradeRank } from '../../core/catalog/grade.ts';
import type { Item } from '../../core/catalog/resource.ts';

/** DESIGN §5: every item with PI, and every item of grade general-3 or higher, is stored encrypted. */
export function isEncrypted(item: Pick<Item, 'piClass' | 'grade'>): boolean {
  return item.piClass !== 'none' || gradeRank(item.grade) >= gradeRank('general-3');
}

/** What a ciphertext is bound to: moved to another resource, item, version or row, it no longer opens. */
export function valueContext(resourceCode: string, itemCode: string, version: number, rowNumber: number): string {
  return `${resourceCode}/${itemCode}/${version}/${rowNumber}`;
}

/** The keyed-hash domain of a resource item's filter terms. */
export function termDomain(resourceCode: string, itemCode: string): string {
  return `term/${resourceCode}/${itemCode}`;
}
