import { calendarDateToEpochDay, isCalendarDate, type CalendarDate } from '../calendar/index.ts';
import type { Resource } from '../catalog/resource.ts';
import { personalNumberErrors } from '../pii/index.ts';
import { checkRegionCode } from '../region/region.ts';
import type { FieldError } from '../shared/domain-error.ts';
import type { GradeControls } from '../policy/index.ts';
import { lastDayWithin } from './period.ts';
import type { SharingRequestDraft } from './request.ts';

/** What the automatic compliance check (合规性审查) needs besides the draft. */
export interface RequestCheckContext {
  resource: Pick<Resource, 'items' | 'sharing'>;
  /** Controls of the grade the request is handled at (DESIGN §5). */
  controls: GradeControls;
  consumerDutyCodes: readonly string[];
  /** The purpose code is on the consumer region's purpose list. */
  purposeKnown: boolean;
  /** The cited legal basis is registered. */
  legalBasisKnown: boolean;
  today: CalendarDate;
}

/**
 * The hard rules of a sharing request: anything here is refused at once with a coded field error,
 * and nothing is recorded. What needs judgement instead becomes a flag for the supervisor.
 */
export function checkRequestDraft(draft: SharingRequestDraft, context: RequestCheckContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string): void => void errors.push({ path, code, message });
  errors.push(...freeTextErrors(draft));
  if (draft.uncataloged !== null) add('/uncataloged', 'UNCATALOGED_WITH_RESOURCE', '已指明目录资源，不应再填写目录外需求 / a cataloged resource is named; leave uncataloged empty');
  const byCode = new Map(context.resource.items.map((item) => [item.code, item]));

  if (draft.items.length === 0) add('/items', 'ITEMS_REQUIRED', '至少申请一个信息项 / request at least one item');
  const seen = new Set<string>();
  draft.items.forEach((code, index) => {
    if (!byCode.has(code)) add(`/items/${index}`, 'ITEM_UNKNOWN', '资源没有该信息项 / the resource has no such item');
    else if (seen.has(code)) add(`/items/${index}`, 'ITEM_DUPLICATE', '信息项重复 / the item is listed twice');
    seen.add(code);
  });
  if (!context.purposeKnown) add('/purposeCode', 'PURPOSE_UNKNOWN', '用途代码不在本地区用途清单中 / the purpose code is not on the region’s list');
  if (!context.legalBasisKnown) add('/legalBasisId', 'LEGAL_BASIS_UNKNOWN', '法律依据未登记 / the legal basis is not registered');

  checkPiBasis(draft, [...seen].some((code) => byCode.get(code)?.piClass !== 'none'), context, add);
  checkPeriod(draft.period, context.controls.maxGrantMonths, context.today, add);

  if (!Number.isInteger(draft.expectedVolumePerDay) || draft.expectedVolumePerDay < 0) {
    add('/expectedVolumePerDay', 'VOLUME_INVALID', '预计日调用量须为非负整数 / the daily volume must be a whole number, 0 or more');
  } else if (context.controls.quotaRequired && draft.expectedVolumePerDay === 0) {
    // DESIGN §5: from general-3 up a grant carries a daily quota, taken from this figure.
    add('/expectedVolumePerDay', 'VOLUME_REQUIRED', '该级别数据须申报日调用量（配额）/ this grade needs a daily volume, which becomes the quota');
  }

  if (!context.resource.sharing.methods.includes(draft.method)) {
    add('/method', 'METHOD_NOT_OFFERED', '提供方未开放此共享方式 / the provider does not offer this method');
  } else if (context.controls.masking === 'verification_only' && draft.method !== 'verification') {
    // DESIGN §5: core data answers yes or no only (核验).
    add('/method', 'METHOD_VERIFICATION_ONLY', '该级别数据仅可核验（是/否）/ data of this grade can only be verified (yes/no)');
  } else if (draft.method === 'dataset' && !context.controls.bulkExport) {
    add('/method', 'BULK_EXPORT_FORBIDDEN', '该级别数据不得批量导出 / data of this grade may not be exported in bulk');
  }

  checkRowScope(draft.rowScope, add);
  return errors;
}

function checkRowScope(scope: SharingRequestDraft['rowScope'], add: Add): void {
  if (scope.type !== 'regions') return;
  if (scope.regionCodes.length === 0) add('/rowScope/regionCodes', 'ROW_SCOPE_EMPTY', '至少指定一个行政区划 / name at least one region');
  scope.regionCodes.forEach((code, index) => {
    if (!checkRegionCode(code).valid) add(`/rowScope/regionCodes/${index}`, 'REGION_CODE_INVALID', '行政区划代码无效（GB/T 2260）/ not a GB/T 2260 region code');
  });
}

type Add = (path: string, code: string, message: string) => void;

/** PIPL Art. 13 lawful basis, Art. 34 duties of state organs, Arts. 17 and 35 notice. */
function checkPiBasis(draft: SharingRequestDraft, personal: boolean, context: RequestCheckContext, add: Add): void {
  const basis = draft.piBasis;
  if (personal && basis === null) add('/piBasis', 'PI_BASIS_REQUIRED', '申请个人信息须说明处理依据 / personal information needs a lawful basis');
  if (!personal && basis !== null) add('/piBasis', 'PI_BASIS_NOT_APPLICABLE', '未申请个人信息，无须处理依据 / no personal item is requested');
  if (basis?.kind === 'statutory_duty' && !context.consumerDutyCodes.includes(basis.dutyCode)) {
    add('/piBasis/dutyCode', 'PI_DUTY_NOT_HELD', '该职责不在申请部门的三定职责内 / the consumer does not hold this duty');
  }
}

function checkPeriod(period: { from: string; to: string }, maxMonths: number, today: CalendarDate, add: Add): void {
  if (!isCalendarDate(period.from)) return add('/period/from', 'DATE_INVALID', '日期无效 / not a valid date');
  if (!isCalendarDate(period.to)) return add('/period/to', 'DATE_INVALID', '日期无效 / not a valid date');
  if (calendarDateToEpochDay(period.from) < calendarDateToEpochDay(today)) add('/period/from', 'PERIOD_IN_PAST', '开始日期早于今天 / the period starts in the past');
  if (period.to < period.from) return add('/period/to', 'PERIOD_REVERSED', '结束日期早于开始日期 / the period ends before it starts');
  const last = lastDayWithin(period.from, maxMonths);
  if (period.to > last) {
    add('/period/to', 'PERIOD_TOO_LONG', `该级别授权最长 ${maxMonths} 个月，最晚至 ${last} / grants of this grade last at most ${maxMonths} months, to ${last}`);
  }
}

/** What a request for not-yet-cataloged data can be checked for before the provider answers it. */
export interface UncatalogedCheckContext {
  consumerDutyCodes: readonly string[];
  purposeKnown: boolean;
  legalBasisKnown: boolean;
  /** The named provider is a registered department other than the consumer. */
  providerValid: boolean;
  today: CalendarDate;
}

/** The longest any grant may run (DESIGN §5, general-1); the provider's answer applies its grade's limit. */
const LONGEST_GRANT_MONTHS = 36;

export function checkUncatalogedDraft(draft: SharingRequestDraft, context: UncatalogedCheckContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string): void => void errors.push({ path, code, message });
  errors.push(...freeTextErrors(draft));
  if (draft.uncataloged === null) add('/uncataloged', 'UNCATALOGED_REQUIRED', '未指明目录资源时须说明所需数据及提供部门 / without a resource, describe the data and name its provider');
  if (draft.items.length > 0) add('/items', 'ITEMS_NOT_CATALOGED', '目录外数据尚无信息项，请在说明中描述 / uncataloged data has no items yet; describe them instead');
  if (!context.providerValid) add('/uncataloged/providerOrgId', 'PROVIDER_INVALID', '提供部门须为其他已登记的政务部门 / the provider must be another registered department');
  if (!context.purposeKnown) add('/purposeCode', 'PURPOSE_UNKNOWN', '用途代码不在本地区用途清单中 / the purpose code is not on the region’s list');
  if (!context.legalBasisKnown) add('/legalBasisId', 'LEGAL_BASIS_UNKNOWN', '法律依据未登记 / the legal basis is not registered');
  const basis = draft.piBasis;
  if (basis?.kind === 'statutory_duty' && !context.consumerDutyCodes.includes(basis.dutyCode)) {
    add('/piBasis/dutyCode', 'PI_DUTY_NOT_HELD', '该职责不在申请部门的三定职责内 / the consumer does not hold this duty');
  }
  checkPeriod(draft.period, LONGEST_GRANT_MONTHS, context.today, add);
  checkRowScope(draft.rowScope, add);
  if (!Number.isInteger(draft.expectedVolumePerDay) || draft.expectedVolumePerDay < 0) {
    add('/expectedVolumePerDay', 'VOLUME_INVALID', '预计日调用量须为非负整数 / the daily volume must be a whole number, 0 or more');
  }
  return errors;
}

/** The request's free text, where a resident ID or mobile number must not be written. */
export function freeTextErrors(draft: SharingRequestDraft): FieldError[] {
  const notice = draft.piBasis?.kind === 'statutory_duty' ? draft.piBasis.notice : null;
  return personalNumberErrors([
    ['/purposeText', draft.purposeText],
    ['/uncataloged/description', draft.uncataloged?.description],
    ['/piBasis/notice/content', notice?.kind === 'plan' ? notice.content : null],
    ['/piBasis/notice/reason', notice?.kind === 'exemption' ? notice.reason : null],
  ]);
}
