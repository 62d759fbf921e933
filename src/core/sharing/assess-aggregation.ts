import { GRADES, gradeRank, highestGrade, type Grade } from '../catalog/grade.ts';
import { SENSITIVE_CATEGORIES, type SensitiveCategory } from '../catalog/resource.ts';
import type { RiskInput } from './risk-input.ts';

/**
 * Aggregation risk (汇聚风险, DESIGN §5; GB/T 43697-2024 §6 on data whose combination is more
 * sensitive than its parts): a request that would let one consumer join several resources on the
 * same subjects into a more sensitive whole is assessed at a higher grade.
 *
 * The rule:
 * - The request must be keyed by a subject key kind, and only live grants keyed by the same kind
 *   take part (a resident_id dataset cannot be joined with a uscc dataset subject by subject).
 * - Sources are the request plus those grants. A source "carries" a category when it holds an item
 *   of that PIPL Art. 28 category. The request counts as its own resource. It need not carry a
 *   category itself: anything more asked about people on whom the consumer already holds a
 *   sensitive profile joins that profile, and is assessed at its grade (就高从严).
 * - Aggregation applies when the sources together hold at least
 *   `AGGREGATION_MINIMUM_CATEGORIES` distinct sensitive categories, carried by at least
 *   `AGGREGATION_MINIMUM_RESOURCES` distinct resources (a single resource holding two categories
 *   was already graded as a whole by its provider, so it is not aggregation).
 * - The involved grade is the highest grade among the request's items and the taking-part grants.
 *   With `AGGREGATION_ESCALATING_CATEGORIES` (3) or more categories, the aggregation grade is one
 *   level above it (general-3 → general-4, general-4 → important, important → core; core stays
 *   core): a profile of identity, health and finances on the same people is the typical 重要数据
 *   pattern. With 2 categories it is the involved grade raised to at least general-4 (levels 3–4
 *   usually mean sensitive PI, DESIGN §4, and a combination of two kinds is at the top of them).
 */

/** Two kinds of sensitive PI on one person already make a profile richer than either part. */
export const AGGREGATION_MINIMUM_CATEGORIES = 2;
/** Aggregation is about combining resources; one resource's own mix is its provider's grade. */
export const AGGREGATION_MINIMUM_RESOURCES = 2;
/** From three kinds on, the combined profile is escalated a full level above its parts. */
export const AGGREGATION_ESCALATING_CATEGORIES = 3;
/** The floor for a two-category combination: the top of the general levels. */
export const AGGREGATION_TWO_CATEGORY_FLOOR: Grade = 'general-4';

export interface Aggregation {
  grade: Grade;
  /** Distinct categories of the combined whole, in the order of PIPL Art. 28's list. */
  categories: SensitiveCategory[];
  /** Codes of the live grants' resources that take part, sorted. */
  resourceCodes: string[];
}

/** The key the request takes in the set of resources; no resource code can contain it. */
const REQUEST_SOURCE = '\u0000request';

export function assessAggregation(input: RiskInput): Aggregation | null {
  const kind = input.requestSubjectKeyKind;
  if (kind === null) return null;
  const grants = input.liveGrants.filter((grant) => grant.subjectKeyKind === kind);
  if (grants.length === 0) return null;

  const categoriesBySource = new Map<string, Set<SensitiveCategory>>();
  const addCategory = (source: string, category: SensitiveCategory): void => {
    const set = categoriesBySource.get(source) ?? new Set<SensitiveCategory>();
    set.add(category);
    categoriesBySource.set(source, set);
  };
  for (const item of input.items) if (item.sensitiveCategory !== null) addCategory(REQUEST_SOURCE, item.sensitiveCategory);
  for (const grant of grants) for (const category of grant.sensitiveCategories) addCategory(grant.resourceCode, category);

  const all = new Set<SensitiveCategory>();
  for (const set of categoriesBySource.values()) for (const category of set) all.add(category);
  if (all.size < AGGREGATION_MINIMUM_CATEGORIES || categoriesBySource.size < AGGREGATION_MINIMUM_RESOURCES) return null;

  const involved = highestGrade([...input.items.map((item) => item.grade), ...grants.map((grant) => grant.grade)]);
  const grade = all.size >= AGGREGATION_ESCALATING_CATEGORIES ? gradeAbove(involved) : highestGrade([involved, AGGREGATION_TWO_CATEGORY_FLOOR]);
  return {
    grade,
    categories: SENSITIVE_CATEGORIES.filter((category) => all.has(category)),
    resourceCodes: [...new Set(grants.map((grant) => grant.resourceCode))].sort(),
  };
}

/** One level up the GB/T 43697-2024 order; core is the top and stays core. */
export function gradeAbove(grade: Grade): Grade {
  return GRADES[Math.min(gradeRank(grade) + 1, GRADES.length - 1)] ?? 'core';
}
