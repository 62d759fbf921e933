/** Role strings of DESIGN §7. A person holds any number of them within one organisation. */
export const ROLES = ['provider_admin', 'consumer', 'approver', 'supervisor', 'auditor', 'operator', 'platform_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  provider_admin: { zh: '数据提供管理员', en: 'provider administrator' },
  consumer: { zh: '数据使用人员', en: 'consumer' },
  approver: { zh: '审批人', en: 'approver' },
  supervisor: { zh: '监管人员', en: 'supervisor' },
  auditor: { zh: '审计人员', en: 'auditor' },
  operator: { zh: '运维人员', en: 'operator' },
  platform_admin: { zh: '平台管理员', en: 'platform administrator' },
};

export const ORGANISATION_KINDS = ['department', 'supervisor', 'contractor', 'platform'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * Which organisation kinds may hold a role. A platform admin runs the system but holds no
 * power to read data; supervision roles sit in the supervision authority; contractors operate.
 */
export const ROLES_BY_KIND: Record<OrganisationKind, readonly Role[]> = {
  department: ['provider_admin', 'consumer', 'approver', 'auditor'],
  // The authority (often the big-data bureau) also uses data for its own duties; it never
  // approves those requests itself (the procedure skips it for the next authority up).
  supervisor: ['supervisor', 'auditor', 'approver', 'consumer'],
  contractor: ['operator'],
  platform: ['platform_admin', 'auditor'],
};
