import type { MaskName } from './mask-names.ts';

/** Display labels for the presets, Chinese first (the interface is zh-CN first, GLOSSARY.md). */
export const MASK_LABELS: Record<MaskName, { zh: string; en: string }> = {
  none: { zh: '不脱敏', en: 'No masking' },
  name: { zh: '姓名（保留首字）', en: 'Name (first character kept)' },
  resident_id: { zh: '公民身份号码（保留前6位和后4位）', en: 'Resident ID number (first 6 and last 4 kept)' },
  mobile: { zh: '手机号码（保留前3位和后4位）', en: 'Mobile number (first 3 and last 4 kept)' },
  bank_card: { zh: '银行卡号（仅保留后4位）', en: 'Bank card number (last 4 kept)' },
  uscc: { zh: '统一社会信用代码（保留前8位和后2位）', en: 'Unified social credit code (first 8 and last 2 kept)' },
  address: { zh: '地址（保留至县级）', en: 'Address (kept to county level)' },
  email: { zh: '电子邮箱（保留首字符和域名）', en: 'Email (first character and domain kept)' },
  birth_date: { zh: '出生日期（仅保留年份）', en: 'Birth date (year only)' },
  redact: { zh: '完全遮蔽', en: 'Fully redacted' },
  keyed_hash: { zh: '按使用方加密哈希（不同使用方不可关联）', en: 'Keyed hash per consumer (not linkable across consumers)' },
  region_code: { zh: '区划代码截断至地市级', en: 'Region code truncated to prefecture level' },
  null: { zh: '置空', en: 'Null (value withheld)' },
};
