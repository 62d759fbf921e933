import type { OrganisationKind } from '../identity/roles.ts';
import { personalNumberErrors } from '../pii/index.ts';
import type { FieldError } from '../shared/domain-error.ts';
import { BULLETIN_SEVERITIES, type BulletinDraft } from './bulletin.ts';

export const TITLE_MAX_LENGTH = 200;
export const TEXT_MAX_LENGTH = 10_000;
export const RESPONSE_MAX_LENGTH = 4_000;
export const MAX_RECIPIENTS = 200;
export const MAX_ALERT_IDS = 100;
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** What the checks need to know of an addressed organisation; undefined when none has that id. */
export interface RecipientFacts {
  kind: OrganisationKind;
  regionCode: string;
}

function requiredText(path: string, text: string, maxLength: number, errors: FieldError[]): void {
  if (text.trim().length === 0) errors.push({ path, code: 'BULLETIN_TEXT_REQUIRED', message: '不能为空 / must not be empty' });
  else if (text.length > maxLength) errors.push({ path, code: 'BULLETIN_TEXT_TOO_LONG', message: `不得超过 ${maxLength} 个字符 / at most ${maxLength} characters` });
}

/**
 * The rules of a bulletin before it is published, every breach at once. The same limits as the
 * HTTP schema are applied here too, since other callers (the command line) bypass it. Free text
 * goes to every department addressed and stays on record, so it must not name a person by
 * number: findings refer to alerts and cases, never to citizens (DESIGN §7, GB/T 35273 §3.1).
 * Recipients are departments of the publishing authority's own region: it supervises there.
 */
export function checkBulletinDraft(draft: BulletinDraft, regionCode: string, recipients: ReadonlyMap<string, RecipientFacts>): FieldError[] {
  const errors: FieldError[] = [];
  requiredText('/title', draft.title, TITLE_MAX_LENGTH, errors);
  requiredText('/findings', draft.findings, TEXT_MAX_LENGTH, errors);
  requiredText('/measures', draft.measures, TEXT_MAX_LENGTH, errors);
  if (!(BULLETIN_SEVERITIES as readonly string[]).includes(draft.severity)) errors.push({ path: '/severity', code: 'BULLETIN_SEVERITY_UNKNOWN', message: '未知的预警级别 / unknown severity' });
  errors.push(
    ...personalNumberErrors([
      ['/title', draft.title],
      ['/findings', draft.findings],
      ['/measures', draft.measures],
    ]),
  );

  if (draft.recipients.length === 0) errors.push({ path: '/recipients', code: 'BULLETIN_RECIPIENTS_REQUIRED', message: '至少通报一个部门 / address at least one department' });
  if (draft.recipients.length > MAX_RECIPIENTS) errors.push({ path: '/recipients', code: 'BULLETIN_RECIPIENTS_TOO_MANY', message: `至多通报 ${MAX_RECIPIENTS} 个部门 / at most ${MAX_RECIPIENTS} departments` });
  const seen = new Set<string>();
  draft.recipients.forEach((orgId, index) => {
    const path = `/recipients/${index}`;
    if (seen.has(orgId)) errors.push({ path, code: 'BULLETIN_RECIPIENT_DUPLICATE', message: '部门重复 / listed twice' });
    seen.add(orgId);
    const facts = recipients.get(orgId);
    if (facts === undefined) errors.push({ path, code: 'BULLETIN_RECIPIENT_UNKNOWN', message: '机构不存在 / no such organisation' });
    else if (facts.regionCode !== regionCode) errors.push({ path, code: 'BULLETIN_RECIPIENT_OUTSIDE_REGION', message: '只能通报本地区的部门 / only departments of your region' });
    else if (facts.kind !== 'department') errors.push({ path, code: 'BULLETIN_RECIPIENT_NOT_DEPARTMENT', message: '只能通报政务部门 / only government departments' });
  });

  if (draft.alertIds.length > MAX_ALERT_IDS) errors.push({ path: '/alertIds', code: 'BULLETIN_ALERTS_TOO_MANY', message: `至多引用 ${MAX_ALERT_IDS} 条告警 / at most ${MAX_ALERT_IDS} alerts` });
  const alerts = new Set<string>();
  draft.alertIds.forEach((alertId, index) => {
    const path = `/alertIds/${index}`;
    if (!ID_PATTERN.test(alertId)) errors.push({ path, code: 'BULLETIN_ALERT_ID_INVALID', message: '告警编号格式不符 / not an alert id' });
    else if (alerts.has(alertId)) errors.push({ path, code: 'BULLETIN_ALERT_ID_DUPLICATE', message: '告警编号重复 / listed twice' });
    alerts.add(alertId);
  });
  return errors;
}

/** A department's answer: optional, bounded, and free of personal numbers like the bulletin itself. */
export function checkAcknowledgement(response: string | null): FieldError[] {
  if (response === null) return [];
  if (response.length > RESPONSE_MAX_LENGTH) return [{ path: '/response', code: 'BULLETIN_TEXT_TOO_LONG', message: `不得超过 ${RESPONSE_MAX_LENGTH} 个字符 / at most ${RESPONSE_MAX_LENGTH} characters` }];
  return personalNumberErrors([['/response', response]]);
}
