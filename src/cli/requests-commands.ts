import { Command, Option } from 'commander';
import { isMaskName, MASK_NAMES } from '../core/masking/index.ts';
import { DomainError, type FieldError } from '../core/shared/domain-error.ts';
import { REQUEST_STATUSES, REQUEST_STEPS } from '../core/sharing/request.ts';
import { apiClient, connectionOf, type ApiClient, type ConnectionOptions } from './api-client.ts';
import { decisionOutcome, inboxTable, requestSummary, requestTable, type InboxItemView, type RequestView } from './requests-format.ts';
import { reportError } from './run-command.ts';

/**
 * Where `custos serve` listens unless configured otherwise (config.ts: host 127.0.0.1, port 8080).
 * The CLI does not read configuration itself (DESIGN §6), so a server elsewhere is named with --url.
 */
const DEFAULT_URL = 'http://127.0.0.1:8080';
/** The API's largest page (src/http/schemas/common.ts `Limit`). */
const PAGE_SIZE = 200;
const MAX_LIMIT = 5000;
/** Item codes as the catalog defines them (src/http/schemas/sharing.ts `ItemCode`). */
const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Ids are opaque to the CLI, but a slash or a query in one would call another route. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const TOKEN_HELP = [
  '',
  '连接 / connection:',
  `  --url 默认为 ${DEFAULT_URL}（custos serve 的默认地址）/ defaults to where custos serve listens by default.`,
  '  令牌请保存在仅本人可读的文件中（chmod 600）并用 --token-file 传入；--token 会留在 shell 历史和进程列表里，且不会被打印。',
  '  Keep your token in a file only you can read (chmod 600) and pass --token-file; --token stays in shell history and the process list. The token is never printed.',
  '  个人令牌可在 POST /api/v1/me/tokens 生成 / create a personal token with POST /api/v1/me/tokens.',
].join('\n');

interface OutputOptions extends ConnectionOptions {
  json?: boolean;
}

/** Adds --url, --token-file and --token to a command that talks to a running server. */
function remoteCommand(name: string): Command {
  return new Command(name)
    .option('--url <url>', 'Custos 服务器地址 / the Custos server', DEFAULT_URL)
    .option('--token-file <file>', '令牌文件（取去除首尾空白后的内容，推荐）/ file holding your API token, trimmed (preferred)')
    .option('--token <token>', 'API 令牌（会留在 shell 历史中）/ your API token (stays in shell history)');
}

/** Checks the input, then calls the server; any failure is one clear message and exit code 1. */
async function remote(options: ConnectionOptions, work: (api: ApiClient) => Promise<void>): Promise<void> {
  try {
    await work(apiClient(connectionOf(options)));
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function requestPath(id: string): string {
  if (!ID.test(id)) throw new DomainError('ID_INVALID', `申请编号无效 / not a request id: ${JSON.stringify(id.slice(0, 80))}`);
  return `/sharing-requests/${encodeURIComponent(id)}`;
}

function limitOf(text: string): number {
  const limit = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new DomainError('LIMIT_INVALID', `--limit 须为 1–${MAX_LIMIT} 的整数 / --limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return limit;
}

/** `--mask item=maskName`, repeated, as the decision's `masks`; every bad one is listed at once. */
export function masksOf(pairs: readonly string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const masks: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const pair of pairs) {
    const [item = '', mask, ...rest] = pair.split('=');
    const path = `--mask ${pair}`;
    if (mask === undefined || rest.length > 0 || !ITEM_CODE.test(item)) errors.push({ path, code: 'MASK_SYNTAX', message: '格式应为 信息项代码=脱敏方式 / expected item=maskName, e.g. resident_id=resident_id' });
    else if (!isMaskName(mask)) errors.push({ path, code: 'MASK_UNKNOWN', message: `脱敏方式须为 ${MASK_NAMES.join(' | ')} 之一 / the mask must be one of these` });
    else if (item in masks) errors.push({ path, code: 'MASK_REPEATED', message: '同一信息项只能指定一次 / one mask per item' });
    else masks[item] = mask;
  }
  if (errors.length > 0) throw new DomainError('MASK_INVALID', '--mask 有误 / bad --mask', { details: { errors } });
  return masks;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function listCommand(): Command {
  return remoteCommand('list')
    .description('列出本部门提出、答复或监管的共享申请及当前环节期限 / list the requests you made, answer or supervise, with the open step’s deadline')
    .addOption(new Option('--status <status>', '按状态筛选 / only requests in this status').choices(REQUEST_STATUSES))
    .addOption(new Option('--step <step>', '按当前环节筛选 / only requests at this step').choices(REQUEST_STEPS))
    .option('--resource <code>', '按资源代码筛选 / only requests for this resource')
    .option('--limit <n>', `最多显示几条（1–${MAX_LIMIT}）/ show at most this many`, '50')
    .option('--json', '输出服务器返回的 JSON / print the server’s JSON')
    .addHelpText(
      'after',
      [
        '',
        '期限按北京时间显示，已过期限的标注“逾期/overdue”，已督办的标注“已督办/escalated”。',
        'Deadlines are shown in Asia/Shanghai time; a passed one is marked 逾期/overdue, an escalated one 已督办/escalated.',
        TOKEN_HELP,
        '',
        'Examples:',
        '  custos requests list --status pending --token-file ~/.custos-token',
        '  custos requests list --step provider --limit 200 --url https://custos.example --token-file ~/.custos-token',
      ].join('\n'),
    )
    .action((options: OutputOptions & { status?: string; step?: string; resource?: string; limit: string }) =>
      remote(options, async (api) => {
        const limit = limitOf(options.limit);
        const requests: RequestView[] = [];
        let cursor: string | undefined;
        let nextCursor: string | null;
        do {
          const page = await api.get<{ requests: RequestView[]; nextCursor: string | null }>('/sharing-requests', {
            status: options.status,
            step: options.step,
            resourceCode: options.resource,
            limit: Math.min(PAGE_SIZE, limit - requests.length),
            cursor,
          });
          if (!Array.isArray(page?.requests)) throw new DomainError('RESPONSE_MALFORMED', '服务器的回答缺少 requests / the server’s answer has no requests');
          requests.push(...page.requests);
          nextCursor = page.nextCursor ?? null;
          cursor = page.requests.length > 0 && nextCursor !== null ? nextCursor : undefined;
        } while (cursor !== undefined && requests.length < limit);
        if (options.json) return printJson({ requests, nextCursor });
        process.stdout.write(requestTable(requests, new Date()));
        if (nextCursor !== null) process.stdout.write(`还有更多，可调大 --limit / more requests match; raise --limit to see them\n`);
      }),
    );
}

function inboxCommand(): Command {
  return remoteCommand('inbox')
    .description('我的待办：待审批环节、可提出异议的拒绝、待复核或将到期的授权，按期限排序 / your pending actions, soonest deadline first')
    .option('--json', '输出服务器返回的 JSON / print the server’s JSON')
    .addHelpText(
      'after',
      [
        '',
        '期限按北京时间显示；逾期/overdue 表示已过期限，已督办/escalated 表示已报监管部门督办。',
        'Deadlines are in Asia/Shanghai time; 逾期/overdue means past the deadline, 已督办/escalated that the supervisor was told.',
        TOKEN_HELP,
        '',
        'Example:',
        '  custos requests inbox --token-file ~/.custos-token',
      ].join('\n'),
    )
    .action((options: OutputOptions) =>
      remote(options, async (api) => {
        const inbox = await api.get<{ items: InboxItemView[] }>('/inbox');
        if (!Array.isArray(inbox?.items)) throw new DomainError('RESPONSE_MALFORMED', '服务器的回答缺少 items / the server’s answer has no items');
        if (options.json) return printJson(inbox);
        process.stdout.write(inboxTable(inbox.items, new Date()));
      }),
    );
}

function showCommand(): Command {
  return remoteCommand('show')
    .description('申请详情：信息项、用途、风险评分及各因素、各环节办理情况与期限 / one request: items, purpose, risk score and factors, and every step with its deadline')
    .argument('<id>', '申请编号 / the request id')
    .option('--json', '输出服务器返回的 JSON / print the server’s JSON')
    .addHelpText('after', [TOKEN_HELP, '', 'Example:', '  custos requests show 0193a5c2-7d40-7c41-9a52-3f1e2d4c5b6a --token-file ~/.custos-token'].join('\n'))
    .action((id: string, options: OutputOptions) =>
      remote(options, async (api) => {
        const request = await api.get<RequestView>(requestPath(id));
        if (options.json) return printJson(request);
        process.stdout.write(requestSummary(request, new Date()));
      }),
    );
}

function approveCommand(): Command {
  return remoteCommand('approve')
    .description('同意当前环节 / approve the open step')
    .argument('<id>', '申请编号 / the request id')
    .option('--mask <item=mask>', `提供方可为信息项指定更强的脱敏（可重复）；放宽须附 --justification 并经监管审核 / a stronger mask for an item (repeatable); a weaker one needs --justification and the supervisor. Masks: ${MASK_NAMES.join(', ')}`, collect, [])
    .option('--justification <text>', '放宽脱敏的理由 / why a mask is weaker than the default')
    .option('--resource <code>', '答复目录外申请：本部门已发布的资源代码 / answering an uncataloged request: your published resource')
    .option('--items <codes>', '与 --resource 一起：以逗号分隔的信息项代码 / with --resource: comma-separated item codes')
    .option('--json', '输出服务器返回的 JSON / print the server’s JSON')
    .addHelpText(
      'after',
      [
        '',
        '同意后显示新的状态：已授权则给出授权编号，否则给出下一环节及期限。',
        '目录外数据申请须用 --resource 与 --items 指明满足需求的已发布资源及信息项。',
        'An uncataloged request is answered with --resource and --items: the published resource that serves it.',
        'Prints what follows: the grant id once granted, or the next step and its deadline.',
        TOKEN_HELP,
        '',
        'Examples:',
        '  custos requests approve 0193a5c2-7d40-7c41-9a52-3f1e2d4c5b6a --token-file ~/.custos-token',
        '  custos requests approve 0193a5c2-7d40-7c41-9a52-3f1e2d4c5b6a --mask address=redact --token-file ~/.custos-token',
        '  custos requests approve 0193a5c2-7d40-7c41-9a52-3f1e2d4c5b6a --resource 331199-GA-0001 --items name,resident_id --token-file ~/.custos-token',
      ].join('\n'),
    )
    .action((id: string, options: OutputOptions & { mask: string[]; justification?: string; resource?: string; items?: string }) =>
      remote(options, async (api) => {
        const path = requestPath(id);
        const masks = masksOf(options.mask);
        const justification = options.justification?.trim();
        if (justification !== undefined && masks === undefined) throw new DomainError('JUSTIFICATION_WITHOUT_MASK', '--justification 须与 --mask 一起使用 / --justification goes with --mask');
        if (justification === '') throw new DomainError('JUSTIFICATION_EMPTY', '--justification 不能为空 / --justification is empty');
        const answer = catalogAnswerOf(options.resource, options.items);
        const request = await api.post<RequestView>(`${path}/decisions`, { decision: 'approve', ...answer, ...(masks ? { masks } : {}), ...(justification ? { maskJustification: justification } : {}) });
        if (options.json) return printJson(request);
        process.stdout.write(`已同意 / approved\n${decisionOutcome(request, new Date())}`);
      }),
    );
}

/** `--resource` and `--items` go together: an uncataloged request's answer names both. */
function catalogAnswerOf(resource: string | undefined, items: string | undefined): { resourceCode?: string; items?: string[] } {
  if (resource === undefined && items === undefined) return {};
  const codes = (items ?? '').split(',').map((code) => code.trim()).filter((code) => code !== '');
  if (resource === undefined || resource.trim() === '' || codes.length === 0) {
    throw new DomainError('CATALOG_ANSWER_INCOMPLETE', '--resource 与 --items 须同时给出 / give both --resource and --items');
  }
  return { resourceCode: resource.trim(), items: codes };
}

function refuseCommand(): Command {
  return remoteCommand('refuse')
    .description('不同意当前环节，须说明理由（政务数据共享条例）/ refuse the open step; a reason is required')
    .argument('<id>', '申请编号 / the request id')
    .option('--reason <text>', '理由（必填，申请方可见）/ the reason (required; the requester sees it)')
    .option('--json', '输出服务器返回的 JSON / print the server’s JSON')
    .addHelpText(
      'after',
      [
        '',
        '拒绝后申请方可向监管部门提出异议。/ The requester may then dispute the refusal before the supervisor.',
        TOKEN_HELP,
        '',
        'Example:',
        '  custos requests refuse 0193a5c2-7d40-7c41-9a52-3f1e2d4c5b6a --reason "申请的信息项超出低保认定所需" --token-file ~/.custos-token',
      ].join('\n'),
    )
    .action((id: string, options: OutputOptions & { reason?: string }) =>
      remote(options, async (api) => {
        const path = requestPath(id);
        const reason = options.reason?.trim() ?? '';
        // 政务数据共享条例: a refusal always states its reason. Checked here too, so nothing is sent without one.
        if (reason === '') throw new DomainError('REFUSAL_REASON_REQUIRED', '不同意须说明理由：加上 --reason "…" / a refusal needs a reason: add --reason "…"');
        const request = await api.post<RequestView>(`${path}/decisions`, { decision: 'refuse', reason });
        if (options.json) return printJson(request);
        process.stdout.write(`已不同意 / refused\n${decisionOutcome(request, new Date())}`);
      }),
    );
}

/** `custos requests list|inbox|show|approve|refuse`: the 共享申请 procedure against a running server. */
export function requestsCommands(): Command {
  return new Command('requests')
    .description('共享申请：查看待办与期限，查看详情，同意或不同意（连接运行中的服务器）/ sharing requests on a running server: inbox and deadlines, details, approve or refuse')
    .addHelpText(
      'after',
      [
        TOKEN_HELP,
        '',
        'Examples:',
        '  custos requests inbox --token-file ~/.custos-token',
        '  custos requests list --status pending --url https://custos.example --token-file ~/.custos-token',
        '  custos requests show <id> --token-file ~/.custos-token',
        '  custos requests approve <id> --token-file ~/.custos-token',
        '  custos requests refuse <id> --reason "超出履职所需" --token-file ~/.custos-token',
      ].join('\n'),
    )
    .addCommand(listCommand())
    .addCommand(inboxCommand())
    .addCommand(showCommand())
    .addCommand(approveCommand())
    .addCommand(refuseCommand());
}
