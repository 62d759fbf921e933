import { shanghaiDate } from '../../core/calendar/index.ts';
import { ManualClock } from '../../core/shared/clock.ts';
import { lastDayWithin } from '../../core/sharing/period.ts';
import type { NoticePlan, SharingRequestDraft } from '../../core/sharing/request.ts';
import type { AppContext } from '../context.ts';
import { PersonService } from '../directory/person-service.ts';
import { RegionService } from '../directory/region-service.ts';
import { createSharingServices, type Services } from '../services.ts';
import type { RequestService } from '../sharing/request-service.ts';
import { DEMO_REGION } from './demo-organisations.ts';

/** The demo region's purposes, each mapped to the duties that justify it. */
export const DEMO_PURPOSES: { code: string; name: string; dutyCodes: string[] }[] = [
  { code: 'ASSISTANCE-ELIGIBILITY', name: '社会救助对象认定与核对', dutyCodes: ['social-assistance'] },
  { code: 'ASSISTANCE-IDENTITY', name: '社会救助办事人身份核验', dutyCodes: ['social-assistance'] },
  { code: 'EMPLOYMENT-AID', name: '就业援助对象识别', dutyCodes: ['employment-service'] },
  { code: 'EMPLOYER-CHECK', name: '用工单位登记状态核对', dutyCodes: ['employment-service'] },
  { code: 'MARKET-SUPERVISION', name: '市场主体监管协同', dutyCodes: ['market-supervision'] },
  { code: 'PUBLIC-ORDER', name: '治安管理与人口服务', dutyCodes: ['public-order'] },
];

/** How long ago the overdue request was submitted: past any five-working-day limit, holidays included. */
const OVERDUE_AGE_DAYS = 21;
const DAY = 24 * 60 * 60 * 1000;

const notice = (work: string, retention: string, contact: string): NoticePlan => ({
  kind: 'plan',
  channel: 'website',
  content: `为依法办理${work}，本部门将通过政务数据共享平台查询您的相关信息，仅用于该项工作。`,
  retention,
  contact,
});

type Draft = Omit<SharingRequestDraft, 'legalBasisId' | 'period' | 'rowScope' | 'credentialId' | 'uncataloged'>;

interface DemoRequest {
  /** The consumer who submits. */
  login: string;
  draft: Draft;
  /** Who approves, step by step; fewer than the chain needs leaves the request pending. */
  approvers: string[];
}

const ASSISTANCE = { kind: 'statutory_duty', dutyCode: 'social-assistance', notice: notice('社会救助', '救助终止后五年', '云溪县民政局 社会救助科') } as const;
const EMPLOYMENT = { kind: 'statutory_duty', dutyCode: 'employment-service', notice: notice('就业援助', '援助结束后三年', '云溪县人力资源和社会保障局 就业科') } as const;

/**
 * Granted: civil affairs reads household data and verifies identities from the police; human
 * resources reads the market register (unconditional, granted at once) and civil affairs reads
 * insurance status from human resources. Pending: human resources asks civil affairs for
 * assistance data; the police ask for care data, which after civil affairs needs the supervisor
 * (general-4).
 */
const DEMO_REQUESTS: DemoRequest[] = [
  {
    login: 'civil.user',
    draft: { resourceCode: '331199-GA-0001', items: ['name', 'resident_id', 'address'], purposeCode: 'ASSISTANCE-ELIGIBILITY', purposeText: '低保申请家庭户籍人口核对', piBasis: ASSISTANCE, expectedVolumePerDay: 300, method: 'api' },
    approvers: ['police.admin'],
  },
  {
    login: 'civil.user',
    draft: { resourceCode: '331199-GA-0002', items: ['name', 'resident_id'], purposeCode: 'ASSISTANCE-IDENTITY', purposeText: '窗口办事人身份核验', piBasis: ASSISTANCE, expectedVolumePerDay: 500, method: 'verification' },
    approvers: ['police.admin'],
  },
  {
    login: 'hrss.user',
    draft: { resourceCode: '331199-SC-0001', items: ['enterprise_name', 'uscc', 'registered_address'], purposeCode: 'EMPLOYER-CHECK', purposeText: '用工单位登记状态核对', piBasis: null, expectedVolumePerDay: 100, method: 'api' },
    approvers: [],
  },
  {
    login: 'civil.user',
    draft: { resourceCode: '331199-RS-0001', items: ['name', 'resident_id', 'status'], purposeCode: 'ASSISTANCE-ELIGIBILITY', purposeText: '救助家庭成员参保状态核对', piBasis: ASSISTANCE, expectedVolumePerDay: 200, method: 'api' },
    approvers: ['hrss.admin'],
  },
  {
    login: 'hrss.user',
    draft: { resourceCode: '331199-MZ-0001', items: ['name', 'resident_id', 'household_size'], purposeCode: 'EMPLOYMENT-AID', purposeText: '低保家庭就业援助对象识别', piBasis: EMPLOYMENT, expectedVolumePerDay: 50, method: 'api' },
    approvers: [],
  },
  {
    login: 'police.user',
    draft: {
      resourceCode: '331199-MZ-0002',
      items: ['name', 'resident_id', 'disability_level'],
      purposeCode: 'PUBLIC-ORDER',
      purposeText: '失能特困人员走访安全保障',
      piBasis: { kind: 'statutory_duty', dutyCode: 'public-order', notice: { kind: 'exemption', ground: 'impedes_duties', reason: '走访对象名单告知将影响安全保障工作' } },
      expectedVolumePerDay: 20,
      method: 'api',
    },
    approvers: ['civil.admin'],
  },
];

/** Submitted three weeks ago and never answered by civil affairs: the sweep escalates it. */
const OVERDUE_REQUEST: DemoRequest = {
  login: 'hrss.user',
  draft: { resourceCode: '331199-MZ-0002', items: ['name', 'resident_id', 'care_type'], purposeCode: 'EMPLOYMENT-AID', purposeText: '特困人员就业能力评估', piBasis: EMPLOYMENT, expectedVolumePerDay: 30, method: 'api' },
  approvers: [],
};

/** Live grants, pending requests and one overdue, escalated request, so that every inbox has something in it. */
export async function seedDemoSharing(context: AppContext, services: Services, legalBasisId: string): Promise<void> {
  for (const purpose of DEMO_PURPOSES) await services.sharingPolicy.putPurpose(null, { regionCode: DEMO_REGION.code, ...purpose });
  const submit = async (requests: RequestService, entry: DemoRequest, from: Date) => {
    const period = { from: shanghaiDate(from), to: lastDayWithin(shanghaiDate(from), 6) };
    const draft = { ...entry.draft, legalBasisId, period, rowScope: { type: 'regions' as const, regionCodes: [DEMO_REGION.code] }, credentialId: null, uncataloged: null };
    const request = await requests.submit(await services.auth.localPrincipal(entry.login), draft);
    for (const login of entry.approvers) await services.requests.decide(await services.auth.localPrincipal(login), request.id, { decision: 'approve' });
  };
  const now = context.clock.now();
  for (const entry of DEMO_REQUESTS) await submit(services.requests, entry, now);

  // The overdue request is submitted on a clock three weeks back, then the sweep escalates it.
  const then = new Date(now.getTime() - OVERDUE_AGE_DAYS * DAY);
  const past: AppContext = { ...context, clock: new ManualClock(then.toISOString()) };
  const { requests } = createSharingServices(past, new PersonService(past), new RegionService(past), services.webhooks.enqueue.bind(services.webhooks));
  await submit(requests, OVERDUE_REQUEST, then);
  await services.sharingSweep.run();
}
