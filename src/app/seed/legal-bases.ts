import type { LegalBasis } from '../../core/identity/person.ts';

/**
 * The provisions DESIGN.md §1 builds on, as references: law, article and a short title of our own
 * words. No legal text is copied; a reader looks the article up in the official source.
 */
export const SEEDED_LEGAL_BASES: Omit<LegalBasis, 'id'>[] = [
  { law: '政务数据共享条例', article: '全文', title: '政务数据共享的目录、申请答复、时限与争议协调', kind: 'administrative_regulation' },
  { law: '数据安全法', article: '第三十七条', title: '政务数据安全管理制度', kind: 'law' },
  { law: '数据安全法', article: '第三十八条', title: '国家机关收集使用数据应在法定职责范围内', kind: 'law' },
  { law: '数据安全法', article: '第三十九条', title: '政务数据安全管理与保密义务', kind: 'law' },
  { law: '数据安全法', article: '第四十条', title: '委托他人建设维护政务系统须经严格审批与监督', kind: 'law' },
  { law: '数据安全法', article: '第四十一条', title: '政务数据公开', kind: 'law' },
  { law: '数据安全法', article: '第四十二条', title: '政务数据开放目录与平台', kind: 'law' },
  { law: '数据安全法', article: '第四十三条', title: '法律法规授权组织适用本章', kind: 'law' },
  { law: '个人信息保护法', article: '第十三条第一款第三项', title: '为履行法定职责或法定义务所必需', kind: 'law' },
  { law: '个人信息保护法', article: '第十七条', title: '处理前的告知义务', kind: 'law' },
  { law: '个人信息保护法', article: '第二十八条', title: '敏感个人信息的范围与处理条件', kind: 'law' },
  { law: '个人信息保护法', article: '第三十四条', title: '国家机关依法定权限和程序处理', kind: 'law' },
  { law: '个人信息保护法', article: '第三十五条', title: '国家机关履行告知义务及其例外', kind: 'law' },
  { law: '个人信息保护法', article: '第六十九条', title: '过错推定', kind: 'law' },
  { law: '网络安全法', article: '第二十一条', title: '网络日志留存不少于六个月', kind: 'law' },
  { law: 'GB/T 39477-2020', article: '全文', title: '政务信息共享 数据安全技术要求', kind: 'national_standard' },
  { law: 'GB/T 43697-2024', article: '全文', title: '数据分类分级规则', kind: 'national_standard' },
  { law: 'GB/T 35273-2020', article: '全文', title: '个人信息安全规范', kind: 'national_standard' },
];
