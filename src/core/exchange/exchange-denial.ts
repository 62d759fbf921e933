/**
 * Why the gateway refused a call: one stable code per failed check of the enforcement pipeline,
 * with the HTTP status and a message that names the check, never the data. Every denial is
 * audited like a permit (GB/T 39477-2020: centralised authorisation and audit).
 */
export const EXCHANGE_DENIALS = {
  CREDENTIAL_INVALID: { status: 401, zh: '缺少或无效的系统凭证（须为部门系统凭证，不是个人令牌）', en: 'a valid system credential is required (a department system’s, not a personal token)' },
  CREDENTIAL_SUSPENDED: { status: 403, zh: '系统凭证已停用', en: 'the system credential is suspended or revoked' },
  CREDENTIAL_CONTAINED: { status: 403, zh: '系统凭证因安全告警已被处置暂停，请联系监管机构', en: 'the system credential is contained after a security alert; contact the supervision authority' },
  SOURCE_IP_NOT_ALLOWED: { status: 403, zh: '来源地址不在该凭证的白名单内', en: 'the source address is not on the credential allowlist' },
  GRANT_NOT_FOUND: { status: 403, zh: '本系统对该资源没有共享授权', en: 'this system holds no grant for the resource' },
  PURPOSE_MISSING: { status: 400, zh: '缺少 X-Custos-Purpose 用途代码', en: 'the X-Custos-Purpose header is missing' },
  PURPOSE_MISMATCH: { status: 403, zh: '用途与授权用途不符', en: 'the purpose is not the purpose of the grant' },
  GRANT_SUSPENDED: { status: 403, zh: '共享授权已暂停', en: 'the grant is suspended' },
  GRANT_CONTAINED: { status: 403, zh: '共享授权因安全告警已被处置暂停，请联系监管机构', en: 'the grant is contained after a security alert; contact the supervision authority' },
  GRANT_REVOKED: { status: 403, zh: '共享授权已撤销', en: 'the grant is revoked' },
  GRANT_NOT_STARTED: { status: 403, zh: '共享授权尚未生效', en: 'the grant is not in force yet' },
  GRANT_EXPIRED: { status: 403, zh: '共享授权已到期', en: 'the grant has expired' },
  USER_MISSING: { status: 400, zh: '缺少 X-Custos-User 最终用户', en: 'the X-Custos-User header is missing' },
  USER_UNKNOWN: { status: 403, zh: '最终用户未在册或已停用', en: 'the end user is not registered or is disabled' },
  USER_NOT_ALLOWED: { status: 403, zh: '最终用户不属于使用部门或其受托运维方', en: 'the end user belongs neither to the consumer nor to the contractor operating the system' },
  USER_ROLE_MISSING: { status: 403, zh: '最终用户不是数据使用人员（受托运维方须为运维人员）', en: 'the end user holds no consumer role (or, at a contractor, no operator role)' },
  USER_UNTRAINED: { status: 403, zh: '最终用户未完成或已过期数据安全培训', en: 'the end user has no current data-security training' },
  CASE_NUMBER_REQUIRED: { status: 403, zh: '该级别数据须提供 X-Custos-Issue 案件或文书编号', en: 'this grade requires a case number in X-Custos-Issue' },
  CASE_NUMBER_INVALID: { status: 400, zh: 'X-Custos-Issue 须为百分号编码的 UTF-8，且不得含个人证件号码', en: 'X-Custos-Issue must be percent-encoded UTF-8 without personal identifiers' },
  OPERATION_NOT_GRANTED: { status: 403, zh: '授权的共享方式不允许该操作', en: 'the grant’s sharing method does not allow this operation' },
  ITEM_NOT_GRANTED: { status: 403, zh: '请求了未授权的信息项', en: 'an item asked for is not granted' },
  SUBJECT_OR_FILTER_REQUIRED: { status: 400, zh: '接口方式须按主体或条件查询，不得整表获取', en: 'api access must name a subject or filters; whole tables are not handed over' },
  SUBJECT_INVALID: { status: 400, zh: '主体标识不是有效的公民身份号码或统一社会信用代码', en: 'the subject is not a valid resident ID or USCC' },
  CURSOR_INVALID: { status: 400, zh: '分页游标无效或数据已更新，请从第一页重新查询', en: 'the cursor is invalid or the data was reloaded; start again from the first page' },
  QUOTA_EXCEEDED: { status: 429, zh: '今日调用次数已达授权配额', en: 'the grant’s daily quota is used up' },
  RATE_LIMITED: { status: 429, zh: '调用过于频繁，请稍后再试', en: 'too many calls; slow down' },
  DATASET_UNAVAILABLE: { status: 503, zh: '该资源暂无可用数据', en: 'no data is available for the resource' },
  UPSTREAM_FAILED: { status: 502, zh: '提供方接口未正常应答，未返回任何数据', en: 'the provider’s API did not answer properly; no data was returned' },
  AUDIT_UNAVAILABLE: { status: 503, zh: '审计记录无法写入，按失效关闭原则未返回数据', en: 'the audit record could not be written; failing closed, no data was returned' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ExchangeDenialCode = keyof typeof EXCHANGE_DENIALS;

export interface ExchangeDenial {
  effect: 'deny';
  code: ExchangeDenialCode;
}

export function deny(code: ExchangeDenialCode): ExchangeDenial {
  return { effect: 'deny', code };
}

export function denialMessage(code: ExchangeDenialCode): string {
  const denial = EXCHANGE_DENIALS[code];
  return `${denial.zh} / ${denial.en}`;
}
