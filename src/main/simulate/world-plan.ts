import type { SharingMethod } from '../../core/catalog/resource.ts';

/*
 * The simulated region on top of the demo county: which department systems call the gateway,
 * under which grants, and who works at them. Data only; world-setup.ts enrols it through the
 * use cases (sharing requests, approvals, grants), and benign-traffic.ts draws the calls.
 *
 * Sizes are chosen so that every grant's busiest simulated day (a month end) stays well under its
 * daily quota: a benign department that rides its quota is a finding of its own (quota-edge).
 */

/** A demo organisation's key (demo-organisations.ts). */
export type OrgKey = 'civil' | 'hrss' | 'health' | 'tax' | 'market' | 'contractor';

/** Where a grant's plausible subjects come from (synthetic-population.ts). */
export type SubjectPool = 'household' | 'floating' | 'companies';

/** A department system: its own credential, allowlisted subnet and servers. */
export interface SystemPlan {
  key: string;
  org: Exclude<OrgKey, 'contractor'>;
  /** Whether the county's contractor runs the system for the department (数据安全法 Art. 40). */
  contractor: boolean;
  /** The allowlist (GB/T 39477: access bound to the consumer's registered systems). */
  subnet: string;
  /** The system's servers, used in turn; all of them on its first day, as a load balancer would. */
  servers: string[];
  /** A person of the department who answers for the system. */
  responsible: string;
}

export type GrantOperation = 'query' | 'verify';

/** A grant the simulated traffic uses: one of the demo's, or one requested and approved at setup. */
export interface GrantPlan {
  key: string;
  org: Exclude<OrgKey, 'contractor'>;
  resourceCode: string;
  purposeCode: string;
  operation: GrantOperation;
  pool: SubjectPool;
  /** Calls a day the grant allows: as the demo seeded it, or as requested (the request's expected volume). */
  quotaPerDay: number;
  /** Null for a demo grant (already live); otherwise what the department requests. */
  request: {
    applicant: string;
    items: string[];
    purposeText: string;
    method: SharingMethod;
    /** `county`: the county's own residents; `all`: anyone (needed where the subjects come from everywhere). */
    rowScope: 'county' | 'all';
    /** The statutory duty the personal information is processed for; null for non-personal data. */
    duty: string | null;
    /** The system the grant is bound to (its credential). */
    system: string;
  } | null;
  /** Case numbers go with each call (X-Custos-Issue), one per case of a few subjects. */
  issuePrefix?: string;
}

export interface ActivityPlan {
  grant: string;
  /** Share of the user's calls. */
  weight: number;
}

/** People of one post at one system: how much they work, when, and on what. */
export interface UserGroupPlan {
  key: string;
  /** Whose staff: the department's, or the contractor's operating the system. */
  org: OrgKey;
  system: string;
  /** Logins are prefix + two digits; `existing` lists demo logins that belong to the group too. */
  prefix: string;
  count: number;
  existing: string[];
  post: string;
  callsPerDay: [low: number, high: number];
  activities: ActivityPlan[];
  /** Calls on the last two working days of a month, as a multiple (month-end reporting). */
  monthEnd: number;
  /** Chance that a person works late on a given working day. */
  overtime: number;
  /** People on duty on each rest day (weekends, holidays), a few calls each. */
  restDayDuty: number;
  /** Subjects each person keeps coming back to (their caseload). */
  caseload: number;
}

export const SIMULATION_PURPOSES: { code: string; name: string; dutyCodes: string[] }[] = [
  { code: 'MARRIAGE-IDENTITY', name: '婚姻登记当事人身份核验', dutyCodes: ['marriage-registration'] },
  { code: 'INSURANCE-ENROLMENT', name: '社会保险参保登记与待遇资格认证', dutyCodes: ['social-insurance'] },
  { code: 'EMPLOYMENT-STATISTICS', name: '就业统计与用工监测', dutyCodes: ['employment-service'] },
  { code: 'FLOATING-HEALTH', name: '流动人口基本公共卫生服务', dutyCodes: ['public-health'] },
  { code: 'CHILD-HEALTH', name: '孕产妇与儿童健康管理', dutyCodes: ['maternal-child-health'] },
  { code: 'TAX-REGISTRATION', name: '纳税人登记信息核对', dutyCodes: ['tax-administration'] },
];

export const SYSTEMS: SystemPlan[] = [
  { key: 'civil-casework', org: 'civil', contractor: true, subnet: '10.31.1.0/24', servers: ['10.31.1.11', '10.31.1.12'], responsible: 'civil.admin' },
  { key: 'civil-marriage', org: 'civil', contractor: false, subnet: '10.31.2.0/24', servers: ['10.31.2.11'], responsible: 'civil.admin' },
  { key: 'hrss-insurance', org: 'hrss', contractor: false, subnet: '10.32.1.0/24', servers: ['10.32.1.11', '10.32.1.12', '10.32.1.13'], responsible: 'hrss.admin' },
  { key: 'hrss-statistics', org: 'hrss', contractor: true, subnet: '10.32.9.0/24', servers: ['10.32.9.21'], responsible: 'hrss.admin' },
  { key: 'health-public', org: 'health', contractor: false, subnet: '10.34.1.0/24', servers: ['10.34.1.11', '10.34.1.12'], responsible: 'health.admin' },
  { key: 'tax-collection', org: 'tax', contractor: false, subnet: '10.35.1.0/24', servers: ['10.35.1.11'], responsible: 'tax.admin' },
  { key: 'market-supervision', org: 'market', contractor: false, subnet: '10.36.1.0/24', servers: ['10.36.1.11'], responsible: 'market.admin' },
];

export const GRANTS: GrantPlan[] = [
  // The demo's live grants of civil affairs (demo-sharing.ts), bound to no one system.
  { key: 'civil-household', org: 'civil', resourceCode: '331199-GA-0001', purposeCode: 'ASSISTANCE-ELIGIBILITY', quotaPerDay: 300, operation: 'query', pool: 'household', request: null, issuePrefix: '云民救' },
  { key: 'civil-identity', org: 'civil', resourceCode: '331199-GA-0002', purposeCode: 'ASSISTANCE-IDENTITY', quotaPerDay: 500, operation: 'verify', pool: 'household', request: null },
  { key: 'civil-insurance', org: 'civil', resourceCode: '331199-RS-0001', purposeCode: 'ASSISTANCE-ELIGIBILITY', quotaPerDay: 200, operation: 'query', pool: 'household', request: null, issuePrefix: '云民救' },
  // The demo's employer check of human resources, used by clerks given a new task mid-run.
  { key: 'hrss-employer', org: 'hrss', resourceCode: '331199-SC-0001', purposeCode: 'EMPLOYER-CHECK', quotaPerDay: 100, operation: 'query', pool: 'companies', request: null },
  {
    key: 'marriage-identity', org: 'civil', resourceCode: '331199-GA-0002', purposeCode: 'MARRIAGE-IDENTITY', quotaPerDay: 600, operation: 'verify', pool: 'household',
    request: { applicant: 'civil.user', items: ['name', 'resident_id'], purposeText: '婚姻登记窗口当事人身份核验', method: 'verification', rowScope: 'county', duty: 'marriage-registration', system: 'civil-marriage' },
  },
  {
    key: 'insurance-household', org: 'hrss', resourceCode: '331199-GA-0001', purposeCode: 'INSURANCE-ENROLMENT', quotaPerDay: 6000, operation: 'query', pool: 'household',
    request: { applicant: 'hrss.user', items: ['name', 'resident_id', 'birth_date', 'address'], purposeText: '城乡居民养老保险参保登记与年度待遇资格认证', method: 'api', rowScope: 'county', duty: 'social-insurance', system: 'hrss-insurance' },
  },
  {
    key: 'statistics-market', org: 'hrss', resourceCode: '331199-SC-0001', purposeCode: 'EMPLOYMENT-STATISTICS', quotaPerDay: 200, operation: 'query', pool: 'companies',
    request: { applicant: 'hrss.user', items: ['enterprise_name', 'uscc', 'legal_representative', 'registered_address'], purposeText: '用工单位就业统计与监测', method: 'dataset', rowScope: 'county', duty: 'employment-service', system: 'hrss-statistics' },
  },
  {
    key: 'health-floating', org: 'health', resourceCode: '331199-GA-0003', purposeCode: 'FLOATING-HEALTH', quotaPerDay: 800, operation: 'query', pool: 'floating',
    // Floating residents are registered all over the country: only an unlimited row scope serves them.
    request: { applicant: 'health.p01', items: ['name', 'resident_id', 'residence'], purposeText: '流动人口健康档案建档与随访', method: 'api', rowScope: 'all', duty: 'public-health', system: 'health-public' },
  },
  {
    key: 'health-household', org: 'health', resourceCode: '331199-GA-0001', purposeCode: 'CHILD-HEALTH', quotaPerDay: 500, operation: 'query', pool: 'household',
    request: { applicant: 'health.p01', items: ['name', 'resident_id', 'birth_date'], purposeText: '孕产妇与儿童健康管理建档核对', method: 'api', rowScope: 'county', duty: 'maternal-child-health', system: 'health-public' },
  },
  {
    key: 'tax-market', org: 'tax', resourceCode: '331199-SC-0001', purposeCode: 'TAX-REGISTRATION', quotaPerDay: 1500, operation: 'query', pool: 'companies',
    request: { applicant: 'tax.t01', items: ['enterprise_name', 'uscc', 'legal_representative', 'registered_address', 'founded_on'], purposeText: '新办纳税人登记信息核对', method: 'api', rowScope: 'county', duty: 'tax-administration', system: 'tax-collection' },
  },
  {
    key: 'market-taxpayer', org: 'market', resourceCode: '331199-SW-0001', purposeCode: 'MARKET-SUPERVISION', quotaPerDay: 1200, operation: 'query', pool: 'companies',
    request: { applicant: 'market.s01', items: ['taxpayer_name', 'uscc', 'status', 'tax_office'], purposeText: '市场主体税务登记状态协同核查', method: 'api', rowScope: 'county', duty: null, system: 'market-supervision' },
  },
];

export const USER_GROUPS: UserGroupPlan[] = [
  {
    key: 'civil-caseworkers', org: 'civil', system: 'civil-casework', prefix: 'civil.w', count: 80, existing: ['civil.user'], post: '社会救助经办员',
    callsPerDay: [2, 5], activities: [{ grant: 'civil-household', weight: 4 }, { grant: 'civil-insurance', weight: 2 }, { grant: 'civil-identity', weight: 3 }],
    monthEnd: 1.4, overtime: 0.02, restDayDuty: 0, caseload: 30,
  },
  {
    key: 'contractor-operators', org: 'contractor', system: 'civil-casework', prefix: 'ops.', count: 2, existing: ['ops.chen'], post: '受托运维工程师',
    callsPerDay: [0, 2], activities: [{ grant: 'civil-household', weight: 1 }], monthEnd: 1, overtime: 0.05, restDayDuty: 0, caseload: 5,
  },
  {
    key: 'marriage-clerks', org: 'civil', system: 'civil-marriage', prefix: 'civil.m', count: 24, existing: [], post: '婚姻登记员',
    callsPerDay: [5, 12], activities: [{ grant: 'marriage-identity', weight: 1 }], monthEnd: 1, overtime: 0.01, restDayDuty: 0, caseload: 0,
  },
  {
    key: 'insurance-clerks', org: 'hrss', system: 'hrss-insurance', prefix: 'hrss.c', count: 80, existing: ['hrss.user'], post: '社保经办员',
    callsPerDay: [12, 30], activities: [{ grant: 'insurance-household', weight: 1 }], monthEnd: 1.8, overtime: 0.04, restDayDuty: 0, caseload: 120,
  },
  {
    key: 'statisticians', org: 'hrss', system: 'hrss-statistics', prefix: 'hrss.s', count: 6, existing: [], post: '就业统计员',
    callsPerDay: [2, 8], activities: [{ grant: 'statistics-market', weight: 1 }], monthEnd: 1.5, overtime: 0.02, restDayDuty: 0, caseload: 40,
  },
  {
    key: 'public-health-staff', org: 'health', system: 'health-public', prefix: 'health.p', count: 70, existing: [], post: '公共卫生医生',
    callsPerDay: [3, 9], activities: [{ grant: 'health-floating', weight: 3 }, { grant: 'health-household', weight: 2 }],
    monthEnd: 1, overtime: 0.02, restDayDuty: 2, caseload: 40,
  },
  {
    key: 'tax-officers', org: 'tax', system: 'tax-collection', prefix: 'tax.t', count: 36, existing: [], post: '税源管理员',
    callsPerDay: [8, 22], activities: [{ grant: 'tax-market', weight: 1 }], monthEnd: 1.6, overtime: 0.03, restDayDuty: 0, caseload: 60,
  },
  {
    key: 'market-inspectors', org: 'market', system: 'market-supervision', prefix: 'market.s', count: 36, existing: [], post: '市场监管执法员',
    callsPerDay: [6, 18], activities: [{ grant: 'market-taxpayer', weight: 1 }], monthEnd: 1, overtime: 0.02, restDayDuty: 1, caseload: 60,
  },
];

/** The login of a group's n-th new person (1-based). */
export function groupLogin(group: UserGroupPlan, index: number): string {
  return `${group.prefix}${String(index).padStart(2, '0')}`;
}

export function systemPlan(key: string): SystemPlan {
  const system = SYSTEMS.find((candidate) => candidate.key === key);
  if (!system) throw new Error(`no simulated system ${key}`);
  return system;
}

export function grantPlan(key: string): GrantPlan {
  const grant = GRANTS.find((candidate) => candidate.key === key);
  if (!grant) throw new Error(`no simulated grant ${key}`);
  return grant;
}
