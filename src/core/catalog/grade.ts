/**
 * Data grades of GB/T 43697-2024: core, important and general data, with general split into four
 * configurable levels (DESIGN §4). The order is the order of protection.
 */
export const GRADES = ['general-1', 'general-2', 'general-3', 'general-4', 'important', 'core'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  'general-1': { zh: '一般数据（1级）', en: 'general, level 1' },
  'general-2': { zh: '一般数据（2级）', en: 'general, level 2' },
  'general-3': { zh: '一般数据（3级）', en: 'general, level 3' },
  'general-4': { zh: '一般数据（4级）', en: 'general, level 4' },
  important: { zh: '重要数据', en: 'important data' },
  core: { zh: '核心数据', en: 'core data' },
};

export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade);
}

export function isGrade(value: string): value is Grade {
  return (GRADES as readonly string[]).includes(value);
}

/** 就高从严: when in doubt, the higher grade wins (GB/T 43697-2024 §5). */
export function highestGrade(grades: readonly Grade[]): Grade {
  let highest: Grade = 'general-1';
  for (const grade of grades) if (gradeRank(grade) > gradeRank(highest)) highest = grade;
  return highest;
}
