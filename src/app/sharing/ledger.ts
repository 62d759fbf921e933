import { GRADE_LABELS } from '../../core/catalog/grade.ts';
import type { Grant } from '../../core/sharing/grant.ts';
import { isInvestigator, type AppContext, type Principal } from '../context.ts';

const LEDGER_SHEET = '共享台账';

const HEADER = [
  '授权编号 / grant',
  '资源代码 / resource',
  '资源名称 / resource name',
  '提供部门 / provider',
  '使用部门 / consumer',
  '用途 / purpose',
  '用途说明 / purpose text',
  '法律依据 / legal basis',
  '个人信息处理依据 / PI basis',
  '信息项（脱敏）/ items (mask)',
  '共享方式 / method',
  '分级 / grade',
  '风险 / risk',
  '审批 / approvals',
  '状态 / status',
  '生效 / starts',
  '到期 / expires',
  '复核日 / review due',
  '日配额 / quota per day',
];

/**
 * 共享台账: every grant an organisation gave, received or supervises — with its basis, approvers,
 * risk and status — as one sheet a supervisor can file or audit (政务数据共享条例 record keeping).
 * Names are resolved for people reading it; ids stay in the first column for machines.
 */
async function ledgerRows(context: AppContext, principal: Principal): Promise<string[][]> {
  const repositories = context.store.read;
  const grants = await repositories.grants.ledger(principal.org.id, isInvestigator(principal));
  const organisationNames = new Map<string, string>();
  const orgName = async (id: string): Promise<string> => {
    if (!organisationNames.has(id)) organisationNames.set(id, (await repositories.organisations.get(id))?.name ?? id);
    return organisationNames.get(id)!;
  };
  const personName = async (id: string | null): Promise<string> => (id === null ? '系统 / system' : ((await repositories.people.get(id))?.name ?? id));
  const bases = new Map((await repositories.legalBases.list()).map((basis) => [basis.id, `${basis.law} ${basis.article}`]));
  const rows: string[][] = [HEADER];
  for (const grant of grants) {
    const resource = await repositories.resources.getByCode(grant.resourceCode);
    const approvals: string[] = [];
    for (const approval of grant.approvals) approvals.push(`${approval.step}: ${await personName(approval.by)}（${await orgName(approval.orgId)}）${approval.at.slice(0, 10)}`);
    rows.push([
      grant.id,
      grant.resourceCode,
      resource?.name ?? '',
      await orgName(grant.providerOrgId),
      await orgName(grant.consumerOrgId),
      grant.purposeCode,
      grant.purposeText,
      bases.get(grant.legalBasisId) ?? grant.legalBasisId,
      grant.piBasis ?? '',
      grant.items.map((item) => `${item.code}(${item.mask})`).join('、'),
      grant.method,
      GRADE_LABELS[grant.grade].zh,
      `${grant.risk.score} ${grant.risk.level}`,
      approvals.join('；'),
      statusText(grant),
      grant.startsAt,
      grant.expiresAt,
      grant.reviewDueAt ?? '',
      grant.quotaPerDay === null ? '' : String(grant.quotaPerDay),
    ]);
  }
  return rows;
}

function statusText(grant: Grant): string {
  return grant.statusCode === null ? grant.status : `${grant.status} (${grant.statusCode})`;
}

export async function ledgerWorkbook(context: AppContext, principal: Principal): Promise<Uint8Array> {
  // exceljs is loaded only when a workbook is asked for (it takes about half a second).
  const { writeXlsxTable } = await import('../catalog/transfer/xlsx-table.ts');
  return writeXlsxTable(await ledgerRows(context, principal), [13], LEDGER_SHEET);
}
