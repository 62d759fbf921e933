import type { MaskName } from '../masking/index.ts';
import { scanText, type PiiType } from '../pii/index.ts';
import type { Grade } from './grade.ts';
import type { PiClass, SensitiveCategory } from './resource.ts';

export interface ItemSample {
  name: string;
  /** Values seen in the data. Used in memory only: never stored, logged or audited. */
  samples: string[];
}

export interface ClassificationSuggestion {
  piClass: PiClass;
  sensitiveCategory: SensitiveCategory | null;
  grade: Grade;
  mask: MaskName;
  subjectKey: boolean;
  /** Why, in words a provider can check: which rule fired and on what. */
  reasons: string[];
}

interface NameRule {
  pattern: RegExp;
  piClass: PiClass;
  category: SensitiveCategory | null;
  mask: MaskName;
  subjectKey?: boolean;
  label: string;
}

/**
 * Name rules drawn from GB/T 35273-2020 Annex A/B (examples of personal and sensitive personal
 * information) and PIPL Art. 28. The first match wins, so the stricter rules come first.
 */
const NAME_RULES: NameRule[] = [
  { pattern: /身份证|公民身份号码|证件号/, piClass: 'sensitive', category: 'specific_identity', mask: 'resident_id', subjectKey: true, label: '身份证件号码' },
  { pattern: /指纹|人脸|虹膜|声纹|基因|生物识别/, piClass: 'sensitive', category: 'biometric', mask: 'redact', label: '生物识别信息' },
  { pattern: /宗教|信仰/, piClass: 'sensitive', category: 'religious_belief', mask: 'redact', label: '宗教信仰' },
  { pattern: /病|诊断|健康|体检|医疗|残疾|疫苗|就诊|处方/, piClass: 'sensitive', category: 'medical_health', mask: 'redact', label: '医疗健康信息' },
  { pattern: /银行|账号|账户|卡号|存款|收入|工资|征信|贷款/, piClass: 'sensitive', category: 'financial_account', mask: 'bank_card', label: '金融账户信息' },
  { pattern: /轨迹|位置|定位|行程|住宿记录/, piClass: 'sensitive', category: 'whereabouts', mask: 'redact', label: '行踪轨迹' },
  { pattern: /未成年|儿童|学生/, piClass: 'sensitive', category: 'minor_under_14', mask: 'redact', label: '不满十四周岁未成年人信息' },
  { pattern: /低保|特困|救助|犯罪|违法|前科|服刑|社区矫正/, piClass: 'sensitive', category: 'specific_identity', mask: 'redact', label: '特定身份信息' },
  { pattern: /姓名|名字/, piClass: 'personal', category: null, mask: 'name', label: '姓名' },
  { pattern: /手机|电话|联系方式/, piClass: 'personal', category: null, mask: 'mobile', label: '联系电话' },
  { pattern: /住址|地址|户籍地|居住地/, piClass: 'personal', category: null, mask: 'address', label: '住址' },
  { pattern: /出生日期|生日/, piClass: 'personal', category: null, mask: 'birth_date', label: '出生日期' },
  { pattern: /邮箱|电子邮件/, piClass: 'personal', category: null, mask: 'email', label: '电子邮箱' },
  { pattern: /性别|民族|婚姻|学历|职业|社保|参保/, piClass: 'personal', category: null, mask: 'none', label: '个人基本信息' },
];

interface SampleRule {
  piClass: PiClass;
  category: SensitiveCategory | null;
  mask: MaskName;
  subjectKey: boolean;
  label: string;
}

/**
 * What a sample value says about its item, per kind the publication guard's recognizers report
 * (GB/T 35273-2020 Annex B: identity documents and financial accounts are sensitive). A Record,
 * so a new kind of personal data needs a decision here.
 */
const SAMPLE_RULES: Record<PiiType, SampleRule> = {
  cn_resident_id: { piClass: 'sensitive', category: 'specific_identity', mask: 'resident_id', subjectKey: true, label: '公民身份号码' },
  cn_passport: { piClass: 'sensitive', category: 'specific_identity', mask: 'redact', subjectKey: true, label: '护照号码' },
  cn_hk_macau_permit: { piClass: 'sensitive', category: 'specific_identity', mask: 'redact', subjectKey: true, label: '港澳通行证号码' },
  bank_card: { piClass: 'sensitive', category: 'financial_account', mask: 'bank_card', subjectKey: false, label: '银行卡号' },
  cn_mobile: { piClass: 'personal', category: null, mask: 'mobile', subjectKey: false, label: '手机号码' },
  cn_landline: { piClass: 'personal', category: null, mask: 'redact', subjectKey: false, label: '固定电话' },
  email: { piClass: 'personal', category: null, mask: 'email', subjectKey: false, label: '电子邮箱' },
  person_name: { piClass: 'personal', category: null, mask: 'name', subjectKey: false, label: '姓名' },
  address: { piClass: 'personal', category: null, mask: 'address', subjectKey: false, label: '住址' },
  cn_license_plate: { piClass: 'personal', category: null, mask: 'redact', subjectKey: false, label: '机动车号牌' },
  ipv4: { piClass: 'personal', category: null, mask: 'redact', subjectKey: false, label: 'IP 地址' },
  cn_uscc: { piClass: 'none', category: null, mask: 'none', subjectKey: true, label: '统一社会信用代码' },
};

/**
 * The kind of personal data a whole sample value is, decided by the same recognizers as the
 * publication guard (core/pii/recognizers). The value is read as it would stand in a form,
 * after its item's name as a label (`证件号码：…`): the label is context the recognizers use —
 * a name or an address is only recognised after one, a passport number only after 护照, and a
 * card-shaped number after 订单号 is an order number. Only a finding spanning the whole value
 * counts, so a remark that merely mentions a number does not classify its column.
 */
function sampleKind(itemName: string, value: string): PiiType | null {
  const label = itemName.replace(/[:：\s]/g, '');
  const prefix = label === '' ? '' : `${label}：`;
  const text = prefix + value;
  const finding = scanText(text).find((candidate) => candidate.start === prefix.length && candidate.end === text.length);
  return finding?.type ?? null;
}

/** Default grade per PI class: sensitive PI starts at general-3 (DESIGN §4: levels 3–4 usually mean sensitive PI). */
const GRADE_FOR_PI: Record<PiClass, Grade> = { none: 'general-1', personal: 'general-2', sensitive: 'general-3' };

/** Half the non-empty samples must be recognised before values outweigh the item's name. */
const SAMPLE_MAJORITY = 0.5;

/**
 * Suggests a PI class, grade and mask for an item from its name and sample values, checked with
 * the publication guard's recognizers. It is a suggestion: the provider confirms it (DESIGN §3.1).
 */
export function suggestClassification(item: ItemSample): ClassificationSuggestion {
  const reasons: string[] = [];
  let suggestion: Omit<ClassificationSuggestion, 'reasons' | 'grade'> = { piClass: 'none', sensitiveCategory: null, mask: 'none', subjectKey: false };

  const rule = NAME_RULES.find((candidate) => candidate.pattern.test(item.name));
  if (rule) {
    suggestion = { piClass: rule.piClass, sensitiveCategory: rule.category, mask: rule.mask, subjectKey: rule.subjectKey ?? false };
    reasons.push(`名称含“${rule.label}”类关键词 / the name suggests ${rule.label}`);
  }

  const values = item.samples.map((sample) => sample.trim()).filter((sample) => sample.length > 0);
  if (values.length > 0) {
    const counts = new Map<PiiType, number>();
    for (const value of values) {
      const kind = sampleKind(item.name, value);
      if (kind !== null) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    const [kind, count] = [...counts.entries()].sort((left, right) => right[1] - left[1])[0] ?? [undefined, 0];
    if (kind !== undefined && count / values.length >= SAMPLE_MAJORITY) {
      const sampleRule = SAMPLE_RULES[kind];
      // Values only ever raise the class: a name saying "sensitive" is not undone by samples.
      if (piRank(sampleRule.piClass) >= piRank(suggestion.piClass)) {
        suggestion = { piClass: sampleRule.piClass, sensitiveCategory: sampleRule.category, mask: sampleRule.mask, subjectKey: sampleRule.subjectKey };
      }
      reasons.push(`${count}/${values.length} 个样本值被识别为${sampleRule.label} / ${count} of ${values.length} samples are recognised as ${kind}`);
    }
  }
  if (reasons.length === 0) reasons.push('未发现个人信息特征 / no sign of personal information');
  return { ...suggestion, grade: GRADE_FOR_PI[suggestion.piClass], reasons };
}

function piRank(piClass: PiClass): number {
  return piClass === 'sensitive' ? 2 : piClass === 'personal' ? 1 : 0;
}
