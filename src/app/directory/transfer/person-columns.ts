import type { SheetColumn } from '../../sheets/sheet-columns.ts';

/**
 * The people sheet, one row per person. Training is optional; when given, the three training
 * columns hold `;`-separated lists read position by position (the first course passed on the
 * first date, valid until the first expiry date). One row per person keeps a login on exactly
 * one row, so a repeated login is always a mistake and can be reported as one.
 */
export const PERSON_COLUMNS = [
  { key: 'login', zh: '登录名', en: 'login', aliases: ['用户名', '账号'], required: true },
  { key: 'name', zh: '姓名', en: 'name', required: true },
  { key: 'org', zh: '所属机构', en: 'organisation', aliases: ['所属单位', '所属部门'], required: true },
  { key: 'roles', zh: '角色', en: 'roles', required: true },
  { key: 'course', zh: '培训课程', en: 'training courses', required: false, group: 'training' },
  { key: 'passedAt', zh: '培训通过日期', en: 'training pass dates', required: false, group: 'training' },
  { key: 'expiresAt', zh: '培训有效期至', en: 'training valid until', required: false, group: 'training' },
] as const satisfies readonly SheetColumn[];

export type PersonColumnKey = (typeof PERSON_COLUMNS)[number]['key'];
