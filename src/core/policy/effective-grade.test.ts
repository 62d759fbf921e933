import { describe, expect, it } from 'vitest';
import type { Grade } from '../catalog/grade.ts';
import { effectiveGrade } from './effective-grade.ts';

const CASES: [Grade[], Grade | null, Grade][] = [
  [['general-1'], null, 'general-1'],
  [['general-2', 'general-1', 'general-3'], null, 'general-3'],
  [['important', 'general-4'], null, 'important'],
  [['general-2', 'general-2'], 'general-4', 'general-4'],
  [['general-2'], 'important', 'important'],
  [['important'], 'general-3', 'important'],
  [['core', 'general-1'], 'important', 'core'],
];

describe('effectiveGrade', () => {
  it.each(CASES)('items %j, aggregation %s → %s', (itemGrades, aggregation, expected) => {
    expect(effectiveGrade(itemGrades, aggregation)).toBe(expected);
  });
});
