import type { PiiType } from '../../core/pii/index.ts';

export interface PiiTypeLabel {
  zh: string;
  en: string;
  /** What the recognizer reports, and what it leaves alone on purpose: for help texts and SARIF rules. */
  description: string;
}

/** Names of the kinds of personal data for people: terminal output, SARIF rules, docs. A Record, so a new type needs one. */
export const PII_TYPE_LABELS: Record<PiiType, PiiTypeLabel> = {
  cn_resident_id: {
    zh: '公民身份号码',
    en: 'resident ID number',
    description: '18 位（GB 11643 校验位、有效出生日期与省级代码）或 15 位旧号码 / 18 characters with the GB 11643 check character, a real birth date and a province code, or the old 15-digit form',
  },
  cn_mobile: { zh: '手机号码', en: 'mobile number', description: '11 位手机号，可带 +86/86，可按 3-4-4 分组 / 11 digits with a current prefix, optionally +86/86, optionally in 3-4-4 groups' },
  cn_landline: { zh: '固定电话', en: 'landline number', description: '带区号的固定电话；12345 等服务热线不报告 / an area code and a local number; hotlines such as 12345 are not reported' },
  bank_card: { zh: '银行卡号', en: 'bank card number', description: '16–19 位并通过 Luhn 校验，订单号等编号不报告 / 16–19 digits passing Luhn; order and serial numbers are not reported' },
  cn_uscc: { zh: '统一社会信用代码', en: 'unified social credit code', description: 'GB 32100 校验位及内含组织机构代码校验 / the GB 32100 check character and the organisation-code check inside it' },
  email: { zh: '电子邮箱', en: 'email address', description: 'local@domain.tld' },
  cn_passport: { zh: '护照号码', en: 'passport number', description: '须有“护照”等上下文 / only after a context word such as 护照 or in a passport column' },
  cn_hk_macau_permit: { zh: '港澳通行证号码', en: 'Hong Kong and Macao permit number', description: '往来港澳通行证、回乡证 / mainland residents’ permits and home-return permits' },
  cn_license_plate: { zh: '机动车号牌', en: 'licence plate', description: 'GA 36-2018 号牌，含新能源号牌 / GA 36-2018 plates, new-energy plates included' },
  ipv4: { zh: 'IP 地址', en: 'IPv4 address', description: '点分十进制 IPv4 地址 / dotted-quad IPv4 addresses' },
  person_name: { zh: '姓名', en: 'personal name', description: '表头为姓名类的列中及“申请人：”等标签后的中文姓名 / Chinese names in name columns and after labels such as 申请人：' },
  address: { zh: '住址', en: 'address', description: '标签后或住址列中县级以下的详细地址 / addresses below county level after a label or in an address column' },
};
