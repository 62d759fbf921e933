import type { Role } from '../../core/identity/roles.ts';
import type { OrganisationKind } from '../../core/identity/roles.ts';

/** 云溪县, a fictional county, modelled on the cases in DESIGN.md §1. Its code sits in Zhejiang's range. */
export const DEMO_REGION = { code: '331199', name: '云溪县（演示）' };

export const DEMO_DUTIES: { code: string; name: string }[] = [
  { code: 'household-registration', name: '户籍管理' },
  { code: 'public-order', name: '治安管理' },
  { code: 'social-assistance', name: '社会救助' },
  { code: 'marriage-registration', name: '婚姻登记' },
  { code: 'social-insurance', name: '社会保险经办' },
  { code: 'employment-service', name: '就业服务' },
  { code: 'public-health', name: '公共卫生与疾病预防' },
  { code: 'maternal-child-health', name: '妇幼健康' },
  { code: 'tax-administration', name: '税收征管' },
  { code: 'market-registration', name: '市场主体登记' },
  { code: 'market-supervision', name: '市场监督执法' },
  { code: 'data-supervision', name: '政务数据共享监管' },
];

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  /** The first two characters of the USCC: registration authority and organisation type (GB 32100). */
  authorityAndType: string;
  duties: string[];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'bureau', name: '云溪县大数据发展管理局', kind: 'supervisor', authorityAndType: '11', duties: ['data-supervision'] },
  { key: 'police', name: '云溪县公安局', kind: 'department', authorityAndType: '11', duties: ['household-registration', 'public-order'] },
  { key: 'civil', name: '云溪县民政局', kind: 'department', authorityAndType: '11', duties: ['social-assistance', 'marriage-registration'] },
  { key: 'hrss', name: '云溪县人力资源和社会保障局', kind: 'department', authorityAndType: '11', duties: ['social-insurance', 'employment-service'] },
  { key: 'health', name: '云溪县卫生健康局', kind: 'department', authorityAndType: '11', duties: ['public-health', 'maternal-child-health'] },
  { key: 'tax', name: '国家税务总局云溪县税务局', kind: 'department', authorityAndType: '11', duties: ['tax-administration'] },
  { key: 'market', name: '云溪县市场监督管理局', kind: 'department', authorityAndType: '11', duties: ['market-registration', 'market-supervision'] },
  { key: 'contractor', name: '云溪数智科技有限公司', kind: 'contractor', authorityAndType: '91', duties: [] },
  { key: 'platform', name: '云溪县政务数据共享平台运营中心', kind: 'platform', authorityAndType: '12', duties: [] },
];

/** Which departments commissioned the contractor (数据安全法 Art. 40). */
export const DEMO_CONTRACT = { commissionedBy: ['civil', 'hrss'], start: '2026-01-01T00:00:00.000Z', end: '2027-12-31T16:00:00.000Z' };

export interface DemoPerson {
  org: string;
  login: string;
  name: string;
  roles: Role[];
  /** Training lapses: this person's records expired, to show the refusal at action time. */
  lapsed?: boolean;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { org: 'platform', login: 'admin', name: '平台管理员', roles: ['platform_admin'] },
  { org: 'bureau', login: 'supervisor.wang', name: '王监管', roles: ['supervisor'] },
  { org: 'bureau', login: 'auditor.li', name: '李审计', roles: ['auditor'] },
  { org: 'bureau', login: 'supervisor.zhao', name: '赵监管', roles: ['supervisor'], lapsed: true },
  { org: 'police', login: 'police.admin', name: '公安数据管理员', roles: ['provider_admin', 'approver'] },
  { org: 'police', login: 'police.user', name: '公安业务人员', roles: ['consumer'] },
  { org: 'civil', login: 'civil.admin', name: '民政数据管理员', roles: ['provider_admin', 'approver'] },
  { org: 'civil', login: 'civil.user', name: '民政业务人员', roles: ['consumer'] },
  { org: 'hrss', login: 'hrss.admin', name: '人社数据管理员', roles: ['provider_admin', 'approver'] },
  { org: 'hrss', login: 'hrss.user', name: '人社业务人员', roles: ['consumer'] },
  { org: 'health', login: 'health.admin', name: '卫健数据管理员', roles: ['provider_admin', 'approver'] },
  { org: 'tax', login: 'tax.admin', name: '税务数据管理员', roles: ['provider_admin', 'approver'] },
  { org: 'market', login: 'market.admin', name: '市场监管数据管理员', roles: ['provider_admin', 'approver'] },
  { org: 'contractor', login: 'ops.chen', name: '陈运维', roles: ['operator'] },
];
