import { highestGrade, type Grade } from '../catalog/grade.ts';

/**
 * The grade a request is assessed at: the highest grade of the items it asks for (就高从严,
 * GB/T 43697-2024), raised to the aggregation grade when combining the requested resources on
 * the same subjects makes a more sensitive whole (DESIGN §5, "assessed at the higher grade").
 */
export function effectiveGrade(itemGrades: readonly Grade[], aggregation: Grade | null): Grade {
  return highestGrade(aggregation === null ? itemGrades : [...itemGrades, aggregation]);
}
