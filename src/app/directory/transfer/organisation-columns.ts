import type { SheetColumn } from '../../sheets/sheet-columns.ts';

/**
 * The departments sheet, one row per organisation. The contract columns are only for a
 * third-party contractor (数据安全法 Art. 40); a file of departments may leave them out entirely.
 */
export const ORGANISATION_COLUMNS = [
  { key: 'name', zh: '机构名称', en: 'name', aliases: ['单位名称', '部门名称'], required: true },
  { key: 'uscc', zh: '统一社会信用代码', en: 'unified social credit code', aliases: ['信用代码'], required: true },
  { key: 'regionCode', zh: '行政区划代码', en: 'region code', aliases: ['区划代码'], required: true },
  { key: 'kind', zh: '机构类型', en: 'kind', aliases: ['单位类型'], required: true },
  { key: 'duties', zh: '法定职责', en: 'statutory duties', aliases: ['职责代码'], required: false },
  { key: 'commissionedBy', zh: '委托部门', en: 'commissioning departments', required: false, group: 'contract' },
  { key: 'contractStart', zh: '合同开始', en: 'contract start', aliases: ['合同开始日期'], required: false, group: 'contract' },
  { key: 'contractEnd', zh: '合同结束', en: 'contract end', aliases: ['合同结束日期'], required: false, group: 'contract' },
] as const satisfies readonly SheetColumn[];

export type OrganisationColumnKey = (typeof ORGANISATION_COLUMNS)[number]['key'];
