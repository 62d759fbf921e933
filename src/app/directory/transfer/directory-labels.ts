import { ORGANISATION_KINDS, ROLE_LABELS, ROLES, type OrganisationKind, type Role } from '../../../core/identity/roles.ts';
import { TRAINING_COURSES, type TrainingCourse } from '../../../core/identity/training.ts';
import type { LabelTable } from '../../catalog/transfer/labels.ts';

/** The Chinese words of the directory sheets. Each cell also accepts the English identifier. */
export const ORGANISATION_KIND_TABLE: LabelTable<OrganisationKind> = {
  values: ORGANISATION_KINDS,
  labels: { department: '部门', supervisor: '监管部门', contractor: '第三方运维', platform: '平台' },
  aliases: {
    department: ['政务部门'],
    supervisor: ['监管机构', '监管单位'],
    contractor: ['第三方运维机构', '运维单位', '运维机构'],
    platform: ['平台运营方', '平台运营单位'],
  },
};

/** Role words come from ROLE_LABELS so the sheet and the screens agree; the English label is accepted too. */
export const ROLE_TABLE: LabelTable<Role> = {
  values: ROLES,
  labels: Object.fromEntries(ROLES.map((role) => [role, ROLE_LABELS[role].zh])) as Record<Role, string>,
  aliases: Object.fromEntries(ROLES.map((role) => [role, [ROLE_LABELS[role].en]])),
};

/**
 * Courses are checked against the known list: the services store any course name, and a misspelt
 * one would be recorded yet never count when the training check runs at action time.
 */
export const COURSE_TABLE: LabelTable<TrainingCourse> = {
  values: TRAINING_COURSES,
  labels: {
    'data-security-basics': '数据安全基础',
    'personal-information-protection': '个人信息保护',
    'supervision-procedure': '监管程序',
    'operations-security': '运维安全',
  },
  aliases: {
    'data-security-basics': ['数据安全基础培训', '数据安全培训'],
    'personal-information-protection': ['个人信息保护培训'],
    'supervision-procedure': ['监管程序培训', '监管工作程序'],
    'operations-security': ['运维安全培训'],
  },
};
