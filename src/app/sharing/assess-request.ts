import { isCalendarDate, shanghaiDate } from '../../core/calendar/index.ts';
import { highestGrade } from '../../core/catalog/grade.ts';
import type { Item, Resource } from '../../core/catalog/resource.ts';
import type { Organisation } from '../../core/identity/organisation.ts';
import { checkTraining } from '../../core/identity/training.ts';
import { controlsFor, effectiveGrade, type GradeControls } from '../../core/policy/index.ts';
import type { FieldError } from '../../core/shared/domain-error.ts';
import { validationError } from '../../core/shared/domain-error.ts';
import { assessRisk, type LiveGrant, type RiskAssessment, type SubjectKeyKind } from '../../core/sharing/index.ts';
import { checkRequestDraft } from '../../core/sharing/check-request.ts';
import type { Grant } from '../../core/sharing/grant.ts';
import { addCalendarMonths, lastDayWithin } from '../../core/sharing/period.ts';
import type { RequestFlag, SharingRequestDraft } from '../../core/sharing/request.ts';
import type { Repositories } from '../../storage/store.ts';
import { notFound } from '../context.ts';
import type { Procedure } from './procedure.ts';

/** Sanctions count against a consumer for three years (the look-back of the risk assessment). */
const SANCTION_LOOK_BACK_MONTHS = 36;

/** A legal basis that is a statute (法律、行政法规): what a request for 不予共享 data must cite. */
const STATUTE_KINDS = ['law', 'administrative_regulation'];

export interface Assessment {
  /** The period as assessed: shortened to the grade's limit when clamping was asked for. */
  period: SharingRequestDraft['period'];
  resource: Resource;
  provider: Organisation;
  supervisorOrgId: string;
  items: Item[];
  risk: RiskAssessment;
  grade: Resource['grade'];
  controls: GradeControls;
  flags: RequestFlag[];
  /** The cited basis is a statute (for 不予共享 resources). */
  citesStatute: boolean;
}

/** A resource's subject key kind: a personal key is a resident ID, a non-personal one a USCC. */
export function subjectKeyKindOf(resource: Pick<Resource, 'items'>): SubjectKeyKind | null {
  const key = resource.items.find((item) => item.subjectKey);
  if (!key) return null;
  return key.piClass === 'none' ? 'uscc' : 'resident_id';
}

/**
 * Everything known about a request before anyone decides: the automatic compliance check (hard
 * errors throw, nothing is written), the risk assessment (DESIGN §3.2), the grade and controls it
 * is handled at (DESIGN §5, aggregation included), and flags for the supervisor.
 */
export async function assessRequest(
  repositories: Repositories,
  procedure: Procedure,
  consumer: Organisation,
  applicantId: string,
  submitted: SharingRequestDraft & { resourceCode: string },
  now: Date,
  options: {
    /** The day the request was made: its period may not start before it. */
    today?: string;
    /**
     * Shorten a period longer than the grade allows instead of refusing it: for a provider's
     * answer to an uncataloged request, whose consumer could not know the grade.
     */
    clampPeriod?: boolean;
  } = {},
): Promise<Assessment> {
  const today = options.today ?? shanghaiDate(now);
  let draft = submitted;
  const resource = await repositories.resources.getByCode(draft.resourceCode);
  // Only published entries can be asked for; anything else answers as absent (catalog rule).
  if (!resource || resource.status !== 'published') throw notFound('信息资源', 'resource');
  if (resource.providerOrgId === consumer.id) {
    throw validationError([{ path: '/resourceCode', code: 'REQUEST_OWN_RESOURCE', message: '不能申请本部门的资源 / a department does not request its own resource' }]);
  }
  const provider = (await repositories.organisations.get(resource.providerOrgId))!;
  const requested = new Set(draft.items);
  const items = resource.items.filter((item) => requested.has(item.code));
  const profile = await procedure.profile(repositories, provider.regionCode);
  const consumerRegions = (await procedure.chain(repositories, consumer.regionCode)).map((region) => region.code);
  const purpose = await repositories.purposes.find(consumerRegions, draft.purposeCode);
  const legalBasis = await repositories.legalBases.get(draft.legalBasisId);
  const credential = draft.credentialId === null ? undefined : await repositories.credentials.get(draft.credentialId);

  const baseErrors = (controls: GradeControls): FieldError[] => {
    const errors = checkRequestDraft(draft, {
      resource,
      controls,
      consumerDutyCodes: consumer.duties,
      purposeKnown: purpose !== undefined,
      legalBasisKnown: legalBasis !== undefined,
      today,
    });
    if (draft.credentialId !== null && (!credential || credential.orgId !== consumer.id || credential.status !== 'active')) {
      errors.push({ path: '/credentialId', code: 'CREDENTIAL_UNKNOWN', message: '不是本部门有效的系统凭证 / not an active system credential of the consumer' });
    }
    return errors;
  };
  if (items.length === 0) throw validationError(baseErrors(controlsFor(profile, resource.grade, resource.sharing.type)));

  // Grants that start later count too: the consumer will hold them.
  const grants = (await repositories.grants.heldByConsumer(consumer.id)).filter((grant) => grant.expiresAt >= now.toISOString());
  const risk = assessRisk({
    items,
    resourceItemCount: resource.items.length,
    purposeDutyCodes: purpose?.dutyCodes ?? [],
    consumerDutyCodes: consumer.duties,
    expectedVolumePerDay: Math.max(0, draft.expectedVolumePerDay),
    method: draft.method,
    liveGrants: await liveGrantsOf(repositories, grants),
    requestSubjectKeyKind: subjectKeyKindOf(resource),
    openAlerts: await repositories.oversight.openAlerts(consumer.id),
    pastSanctions: await repositories.oversight.sanctionsSince(consumer.id, `${addCalendarMonths(shanghaiDate(now), -SANCTION_LOOK_BACK_MONTHS)}T00:00:00.000Z`),
    trainingExpired: { applicant: !checkTraining(await repositories.people.training(applicantId), 'use_data', now).ok, approvers: await lapsedApprovers(repositories, provider.id, now) },
    crossRegion: consumer.regionCode !== provider.regionCode,
    rowScopeUnlimited: draft.rowScope.type === 'all',
    contractorOperated: credential?.contractorOrgId != null,
  });
  const grade = effectiveGrade(items.map((item) => item.grade), risk.aggregationGrade);
  const controls = controlsFor(profile, grade, resource.sharing.type);
  if (options.clampPeriod && isCalendarDate(draft.period.from)) {
    const last = lastDayWithin(draft.period.from, controls.maxGrantMonths);
    if (draft.period.to > last) draft = { ...draft, period: { ...draft.period, to: last } };
  }
  const errors = baseErrors(controls);
  if (errors.length > 0) throw validationError(errors);

  return {
    period: draft.period,
    resource,
    provider,
    supervisorOrgId: await procedure.supervisorFor(repositories, provider, consumer.id),
    items,
    risk,
    grade,
    controls,
    flags: flagsFor(draft, grants, purpose?.dutyCodes ?? [], consumer.duties),
    citesStatute: legalBasis !== undefined && STATUTE_KINDS.includes(legalBasis.kind),
  };
}

/** What needs a person's judgement: the supervisor looks at these in the compliance step. */
function flagsFor(draft: SharingRequestDraft, grants: Grant[], purposeDuties: string[], consumerDuties: string[]): RequestFlag[] {
  const flags: RequestFlag[] = [];
  // 政务数据共享条例: no duplicate collection — the consumer already receives these items.
  const overlapping = grants.filter((grant) => grant.resourceCode === draft.resourceCode && grant.items.some((item) => draft.items.includes(item.code)));
  if (overlapping.length > 0) {
    flags.push({ code: 'DUPLICATE_COLLECTION', message: '申请方已通过有效授权获取其中的信息项，可能重复采集 / the consumer already receives some of these items through a live grant', grantIds: overlapping.map((grant) => grant.id) });
  }
  // PIPL Art. 34: a state organ processes within its statutory duties.
  const missing = purposeDuties.filter((duty) => !consumerDuties.includes(duty));
  if (purposeDuties.length === 0 || missing.length > 0) {
    flags.push({ code: 'PURPOSE_OUTSIDE_DUTIES', message: '申请用途对应的职责不在申请方三定职责内 / the purpose’s duties are not among the consumer’s duties', dutyCodes: missing });
  }
  return flags;
}

async function liveGrantsOf(repositories: Repositories, grants: Grant[]): Promise<LiveGrant[]> {
  const live: LiveGrant[] = [];
  for (const grant of grants) {
    const resource = await repositories.resources.getByCode(grant.resourceCode);
    if (!resource) continue;
    const granted = new Set(grant.items.map((item) => item.code));
    const items = resource.items.filter((item) => granted.has(item.code));
    live.push({
      resourceCode: grant.resourceCode,
      sensitiveCategories: [...new Set(items.flatMap((item) => (item.sensitiveCategory === null ? [] : [item.sensitiveCategory])))],
      // The items' own grade, not the grant's (which may already carry an aggregation grade):
      // escalating from an escalated grade would ratchet with every further request.
      grade: highestGrade(items.map((item) => item.grade)),
      subjectKeyKind: subjectKeyKindOf(resource),
    });
  }
  return live;
}

/** The provider's approvers whose training for approving has lapsed (数据安全法 Art. 27). */
async function lapsedApprovers(repositories: Repositories, providerOrgId: string, now: Date): Promise<number> {
  const people = await repositories.people.list({ orgId: providerOrgId, limit: 1000 });
  let lapsed = 0;
  for (const person of people) {
    if (person.status === 'active' && person.roles.includes('approver') && !checkTraining(await repositories.people.training(person.id), 'approve', now).ok) lapsed += 1;
  }
  return lapsed;
}
