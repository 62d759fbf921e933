import { SHANGHAI_OFFSET_MILLISECONDS } from '../core/calendar/shanghai-time.ts';
import type { InboxItem, InboxKind } from '../app/sharing/inbox-service.ts';
import type { RequestStatus, RequestStep, StepDecision, StepRecord } from '../core/sharing/request.ts';
import { printable } from './api-client.ts';

/*
 * The sharing API's answers as the CLI reads them (src/http/schemas/sharing.ts), and how they are
 * shown to a person. Only the fields printed are declared: the CLI is a client of the wire format,
 * not of the server's internals. Every function here is pure; `now` is passed in.
 */

/** A step as the API sends it: the same shape the server stores. */
export type StepView = StepRecord;

export interface RequestView {
  id: string;
  /** Null for data not yet in the catalog (目录外数据) until the provider names a resource. */
  resourceCode: string | null;
  resourceVersion: number | null;
  /** Absent from servers older than 目录外数据 requests. */
  uncataloged?: { providerOrgId: string; description: string } | null;
  items: string[];
  purposeCode: string;
  purposeText: string;
  method: string;
  period: { from: string; to: string };
  expectedVolumePerDay: number;
  grade: string | null;
  consumerOrgId: string;
  providerOrgId: string;
  status: RequestStatus;
  step: RequestStep | null;
  stepDueAt: string | null;
  remaining: RequestStep[];
  /** Null until the request names a catalog resource and has been assessed. */
  risk: { score: number; level: string; aggregationGrade: string | null; factors: { code: string; weight: number; reason: string }[]; mitigations: string[] } | null;
  flags: { code: string; message: string }[];
  steps: StepView[];
  terms: { masks: Record<string, string>; maskJustification: string | null } | null;
  refusal: { step: RequestStep; code: string; reason: string; by: string | null; at: string } | null;
  grantId: string | null;
}

export type InboxItemView = InboxItem;

const STATUS_LABELS: Record<RequestStatus, string> = { pending: '办理中', granted: '已授权', refused: '未同意', withdrawn: '已撤回' };
const STEP_LABELS: Record<RequestStep, string> = { compliance: '合规检查', provider: '提供方审核', supervisor: '监管审核', dispute: '异议协调' };
const DECISION_LABELS: Record<StepDecision, string> = { passed: '通过', approved: '同意', refused: '不同意', upheld: '维持拒绝', overturned: '撤销拒绝' };
const RISK_LABELS: Record<string, string> = { low: '低', medium: '中', high: '高', critical: '极高' };
const INBOX_LABELS: Record<InboxKind, string> = {
  request_step: '待审批 / decide a step',
  dispute_possible: '可提出异议 / refusal you may dispute',
  grant_review: '授权待复核 / grant due for review',
  grant_expiring: '授权将到期 / grant expiring',
};

export const OVERDUE = '逾期/overdue';
const UNCATALOGED = '目录外/uncataloged';
export const ESCALATED = '已督办/escalated';

/** A code with its Chinese label, e.g. `provider 提供方审核`; an unknown code (a newer server) as it came. */
function labelled(labels: Record<string, string>, code: string): string {
  const label = labels[code];
  return label === undefined ? printable(code) : `${code} ${label}`;
}

/** A resource code, or the mark of a request for data not yet in the catalog. */
function resourceOf(code: string | null): string {
  return code === null ? UNCATALOGED : oneLine(code);
}

/** Text from the server on one line: controls removed, line breaks folded. */
function oneLine(text: string): string {
  return printable(text.replace(/\s*[\r\n]+\s*/gu, ' '));
}

/**
 * An RFC 3339 instant as `YYYY-MM-DD HH:mm` in Asia/Shanghai, where deadlines are counted. A step
 * due at 23:59:59.999 +08:00 shows as 23:59 of that day: minutes are cut, never rounded up to the
 * next day.
 */
export function shanghaiMinute(instant: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return printable(instant);
  const local = new Date(time + SHANGHAI_OFFSET_MILLISECONDS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** Whether a deadline has passed at `now`; the deadline itself is still in time. */
export function isPast(instant: string, now: Date): boolean {
  const time = Date.parse(instant);
  return !Number.isNaN(time) && time < now.getTime();
}

/** A deadline with its markers, e.g. `2026-12-04 23:59 逾期/overdue`. */
function deadline(dueAt: string | null, now: Date, escalated = false): string {
  if (dueAt === null) return '—';
  return [shanghaiMinute(dueAt), ...(isPast(dueAt, now) ? [OVERDUE] : []), ...(escalated ? [ESCALATED] : [])].join(' ');
}

/** Columns on a terminal: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(character) ? 2 : 1;
  return width;
}

/** `text` followed by spaces up to `width` columns. */
function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Rows as aligned columns, the header first. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : padDisplay(cell, widths[column]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function openStep(request: RequestView): StepView | undefined {
  const last = request.steps.at(-1);
  return last !== undefined && last.decidedAt === null ? last : undefined;
}

/** `custos requests list`: one row a request. */
export function requestTable(requests: readonly RequestView[], now: Date): string {
  if (requests.length === 0) return '没有符合条件的申请 / no requests match\n';
  const rows = requests.map((request) => [
    request.id,
    resourceOf(request.resourceCode),
    labelled(STATUS_LABELS, request.status),
    request.step === null ? '—' : labelled(STEP_LABELS, request.step),
    request.status === 'pending' ? deadline(request.stepDueAt, now, openStep(request)?.escalatedAt != null) : '—',
    request.risk === null ? '—' : labelled(RISK_LABELS, request.risk.level),
  ]);
  return table(['编号 / id', '资源 / resource', '状态 / status', '环节 / step', '期限（北京时间）/ due (Asia/Shanghai)', '风险 / risk'], rows);
}

/** `custos requests inbox`: 待办, soonest deadline first as the server sorts them. */
export function inboxTable(items: readonly InboxItemView[], now: Date): string {
  if (items.length === 0) return '暂无待办 / nothing pending\n';
  const rows = items.map((item) => [
    INBOX_LABELS[item.kind] ?? printable(item.kind),
    item.requestId ?? '—',
    item.grantId ?? '—',
    resourceOf(item.resourceCode),
    item.step === null ? '—' : labelled(STEP_LABELS, item.step),
    // The server judged `overdue` by its own clock; either clock saying so is worth showing.
    item.dueAt === null ? '—' : [shanghaiMinute(item.dueAt), ...(item.overdue || isPast(item.dueAt, now) ? [OVERDUE] : []), ...(item.escalated ? [ESCALATED] : [])].join(' '),
  ]);
  return `待办 / pending actions: ${items.length}\n${table(['事项 / kind', '申请 / request', '授权 / grant', '资源 / resource', '环节 / step', '期限（北京时间）/ due (Asia/Shanghai)'], rows)}`;
}

/** `custos requests show`: everything a decider needs, in the order they read it. */
export function requestSummary(request: RequestView, now: Date): string {
  const lines: string[] = [`共享申请 / sharing request ${request.id}`];
  const field = (label: string, value: string) => lines.push(`  ${padDisplay(label, 30)}${value}`);
  field('资源 / resource', request.resourceCode === null ? UNCATALOGED : `${oneLine(request.resourceCode)} (v${request.resourceVersion ?? '?'})`);
  if (request.uncataloged != null) field('所需数据 / data needed', oneLine(request.uncataloged.description));
  field('信息项 / items', request.items.length === 0 ? '—' : request.items.map(oneLine).join(', '));
  field('用途 / purpose', `${oneLine(request.purposeCode)} — ${oneLine(request.purposeText)}`);
  field('方式 / method', oneLine(request.method));
  field('期间 / period', `${oneLine(request.period.from)} – ${oneLine(request.period.to)}`);
  field('日均量 / volume per day', String(request.expectedVolumePerDay));
  field('分级 / grade', request.grade === null ? '—' : oneLine(request.grade));
  field('申请方 / consumer org', request.consumerOrgId);
  field('提供方 / provider org', request.providerOrgId);
  field('状态 / status', labelled(STATUS_LABELS, request.status));
  if (request.step !== null) field('当前环节 / open step', `${labelled(STEP_LABELS, request.step)}, 期限 / due ${deadline(request.stepDueAt, now, openStep(request)?.escalatedAt != null)}`);
  if (request.remaining.length > 0) field('后续环节 / steps to come', request.remaining.map((step) => labelled(STEP_LABELS, step)).join(', '));
  if (request.grantId !== null) field('授权 / grant', request.grantId);

  const risk = request.risk;
  if (risk === null) {
    lines.push('', '风险 / risk: 提供方确定资源后评估 / assessed once the provider names a catalog resource');
  } else {
    const aggregation = risk.aggregationGrade === null ? '' : `, 汇聚后按 ${oneLine(risk.aggregationGrade)} 评估 / assessed as ${oneLine(risk.aggregationGrade)} by aggregation`;
    lines.push('', `风险 / risk: ${risk.score} 分 / points, ${labelled(RISK_LABELS, risk.level)}${aggregation}`);
    for (const factor of risk.factors) lines.push(`  ${`+${factor.weight}`.padStart(4)}  ${oneLine(factor.code)}: ${oneLine(factor.reason)}`);
    if (risk.mitigations.length > 0) lines.push(`  缓解措施 / mitigations: ${risk.mitigations.map(oneLine).join(', ')}`);
  }

  if (request.flags.length > 0) {
    lines.push('', '提示 / flags:');
    for (const flag of request.flags) lines.push(`  ${oneLine(flag.code)}: ${oneLine(flag.message)}`);
  }
  if (request.terms !== null) {
    lines.push('', '提供方条件 / provider terms:');
    for (const [item, mask] of Object.entries(request.terms.masks)) lines.push(`  ${oneLine(item)} → ${oneLine(mask)}`);
    if (request.terms.maskJustification !== null) lines.push(`  理由 / justification: ${oneLine(request.terms.maskJustification)}`);
  }

  lines.push('', '环节 / steps:');
  request.steps.forEach((step, index) => {
    const decided = step.decidedAt === null ? '未办结 / open' : `${shanghaiMinute(step.decidedAt)} ${step.decidedBy ?? '系统 / system'} ${step.decision === null ? '' : labelled(DECISION_LABELS, step.decision)}`.trimEnd();
    lines.push(`  ${index + 1}. ${labelled(STEP_LABELS, step.step)}  机构 / org ${step.orgId}`);
    // A decided step's lateness is its overdueWorkingDays, counted by the server when it was decided.
    const due = step.decidedAt === null ? deadline(step.dueAt, now) : shanghaiMinute(step.dueAt);
    lines.push(`     期限 / due ${due}  办理 / decided ${decided}`);
    if (step.overdueWorkingDays > 0) lines.push(`     ${OVERDUE}: ${step.overdueWorkingDays} 个工作日 / working days`);
    if (step.escalatedAt !== null) lines.push(`     ${ESCALATED}: ${shanghaiMinute(step.escalatedAt)}`);
    if (step.reason !== null) lines.push(`     理由 / reason: ${oneLine(step.reason)}`);
  });
  if (request.refusal !== null) {
    const refusal = request.refusal;
    lines.push('', `不予共享 / refused at ${labelled(STEP_LABELS, refusal.step)}: ${oneLine(refusal.code)}`, `  理由 / reason: ${oneLine(refusal.reason)}`, `  ${shanghaiMinute(refusal.at)} ${refusal.by ?? '系统 / system'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What a decision led to, in one or two lines. */
export function decisionOutcome(request: RequestView, now: Date): string {
  const head = `申请 / request ${request.id}: ${labelled(STATUS_LABELS, request.status)}`;
  switch (request.status) {
    case 'granted':
      return `${head}\n  授权 / grant ${request.grantId ?? '—'}\n`;
    case 'pending':
      return `${head}\n  下一环节 / next step ${request.step === null ? '—' : labelled(STEP_LABELS, request.step)}, 期限 / due ${deadline(request.stepDueAt, now)}\n`;
    case 'refused':
      return request.refusal === null ? `${head}\n` : `${head}\n  ${oneLine(request.refusal.code)}: ${oneLine(request.refusal.reason)}\n`;
    case 'withdrawn':
      return `${head}\n`;
  }
}
