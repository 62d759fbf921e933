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

const notice = (contact: string): NoticePlan => ({
  kind: 'plan',
  channel: 'website',
  content: '为依法办理社会救助，本部门将通过政务数据共享平台查询您的相关信息，仅用于资格认定与动态管理。',
  retention: '救助终止后五年',
  contact,
});

type Draft = Omit<SharingRequestDraft, 'legalBasisId' | 'period' | 'rowScope' | 'credentialId' | 'uncataloged'>;

/**
 * Live grants, pending requests and one overdue request, so that every inbox has something in it:
 * - granted: civil affairs reads household data and verifies identities from the police; human
 *   resources reads the market register (unconditional, granted at once) and civil affairs reads
 *   insurance status from human resources;
 * - pending: human resources asks civil affairs for assistance data; the police ask for care data,
 *   which after civil affairs also needs the supervisor (general-4);
 * - overdue: submitted three weeks ago and never answered by civil affairs, so it is escalated.
 */
export async function seedDemoSharing(context: AppContext, services: Services, legalBasisId: string): Promise<void> {
  for (const purpose of DEMO_PURPOSES) await services.sharingPolicy.putPurpose(null, { regionCode: DEMO_REGION.code, ...purpose });
  const now = context.clock.now();
  const period = (from: Date) => ({ from: shanghaiDate(from), to: lastDayWithin(shanghaiDate(from), 6) });
  const submit = async (requests: RequestService, login: string, draft: Draft, from: Date) =>
    requests.submit(await services.auth.localPrincipal(login), { ...draft, legalBasisId, period: period(from), rowScope: { type: 'regions', regionCodes: [DEMO_REGION.code] }, credentialId: null, uncataloged: null });
  const approve = async (login: string, id: string) => services.requests.decide(await services.auth.localPrincipal(login), id, { decision: 'approve' });

  const household = await submit(services.requests, 'civil.user', {
    resourceCode: '331199-GA-0001',
    items: ['name', 'resident_id', 'address'],
    purposeCode: 'ASSISTANCE-ELIGIBILITY',
    purposeText: '低保申请家庭户籍人口核对',
    piBasis: { kind: 'statutory_duty', dutyCode: 'social-assistance', notice: notice('云溪县民政局 社会救助科') },
    expectedVolumePerDay: 300,
    method: 'api',
  }, now);
  await approve('police.admin', household.id);
  const verification = await submit(services.requests, 'civil.user', {
    resourceCode: '331199-GA-0002',
    items: ['name', 'resident_id'],
    purposeCode: 'ASSISTANCE-IDENTITY',
    purposeText: '窗口办事人身份核验',
    piBasis: { kind: 'statutory_duty', dutyCode: 'social-assistance', notice: notice('云溪县民政局 办事大厅') },
    expectedVolumePerDay: 500,
    method: 'verification',
  }, now);
  await approve('police.admin', verification.id);
  await submit(services.requests, 'hrss.user', {
    resourceCode: '331199-SC-0001',
    items: ['enterprise_name', 'uscc', 'registered_address'],
    purposeCode: 'EMPLOYER-CHECK',
    purposeText: '用工单位登记状态核对',
    piBasis: null,
    expectedVolumePerDay: 100,
    method: 'api',
  }, now);
  const insurance = await submit(services.requests, 'civil.user', {
    resourceCode: '331199-RS-0001',
    items: ['name', 'resident_id', 'status'],
    purposeCode: 'ASSISTANCE-ELIGIBILITY',
    purposeText: '救助家庭成员参保状态核对',
    piBasis: { kind: 'statutory_duty', dutyCode: 'social-assistance', notice: notice('云溪县民政局 社会救助科') },
    expectedVolumePerDay: 200,
    method: 'api',
  }, now);
  await approve('hrss.admin', insurance.id);

  await submit(services.requests, 'hrss.user', {
    resourceCode: '331199-MZ-0001',
    items: ['name', 'resident_id', 'household_size'],
    purposeCode: 'EMPLOYMENT-AID',
    purposeText: '低保家庭就业援助对象识别',
    piBasis: { kind: 'statutory_duty', dutyCode: 'employment-service', notice: notice('云溪县人力资源和社会保障局 就业科') },
    expectedVolumePerDay: 50,
    method: 'api',
  }, now);
  const care = await submit(services.requests, 'police.user', {
    resourceCode: '331199-MZ-0002',
    items: ['name', 'resident_id', 'disability_level'],
    purposeCode: 'PUBLIC-ORDER',
    purposeText: '失能特困人员走访安全保障',
    piBasis: { kind: 'statutory_duty', dutyCode: 'public-order', notice: { kind: 'exemption', ground: 'impedes_duties', reason: '走访对象名单告知将影响安全保障工作' } },
    expectedVolumePerDay: 20,
    method: 'api',
  }, now);
  await approve('civil.admin', care.id);

  // The overdue request is submitted on a clock three weeks back, then the sweep escalates it.
  const then = new Date(now.getTime() - OVERDUE_AGE_DAYS * DAY);
  const past: AppContext = { ...context, clock: new ManualClock(then.toISOString()) };
  const people = new PersonService(past);
  const { requests } = createSharingServices(past, people, new RegionService(past), services.webhooks.enqueue.bind(services.webhooks));
  await submit(requests, 'hrss.user', {
    resourceCode: '331199-MZ-0002',
    items: ['name', 'resident_id', 'care_type'],
    purposeCode: 'EMPLOYMENT-AID',
    purposeText: '特困人员就业能力评估',
    piBasis: { kind: 'statutory_duty', dutyCode: 'employment-service', notice: notice('云溪县人力资源和社会保障局 就业科') },
    expectedVolumePerDay: 30,
    method: 'api',
  }, then);
  await services.sharingSweep.run();
}
