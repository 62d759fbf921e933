import { GRADE_LABELS, GRADES, type Grade } from '../../../core/catalog/grade.ts';
import {
  DATA_TYPES,
  OPEN_TYPES,
  PI_CLASSES,
  RESOURCE_FORMATS,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CATEGORY_LABELS,
  SHARING_METHODS,
  SHARING_TYPES,
  UPDATE_CYCLES,
  type DataType,
  type OpenType,
  type PiClass,
  type ResourceFormat,
  type SensitiveCategory,
  type SharingMethod,
  type SharingType,
  type UpdateCycle,
} from '../../../core/catalog/resource.ts';
import { MASK_LABELS, MASK_NAMES, type MaskName } from '../../../core/masking/index.ts';

/**
 * The Chinese words of the catalog spreadsheet. Export writes `labels`; import accepts the label,
 * any alias and the English identifier. Keeping every table here means export and import can
 * never drift apart: whatever we write, we read back.
 */
export interface LabelTable<Value extends string> {
  values: readonly Value[];
  labels: Record<Value, string>;
  /** Other words people use for the same value (older templates, the guide's own phrasing). */
  aliases: Partial<Record<Value, readonly string[]>>;
}

export const SHARING_TYPE_TABLE: LabelTable<SharingType> = {
  values: SHARING_TYPES,
  labels: { unconditional: '无条件共享', conditional: '有条件共享', none: '不予共享' },
  aliases: {},
};

export const SHARING_METHOD_TABLE: LabelTable<SharingMethod> = {
  values: SHARING_METHODS,
  labels: { api: '接口', dataset: '数据集', verification: '核验' },
  aliases: { api: ['接口共享', '服务接口'], dataset: ['数据集共享'], verification: ['数据核验'] },
};

export const PI_CLASS_TABLE: LabelTable<PiClass> = {
  values: PI_CLASSES,
  labels: { none: '无', personal: '个人信息', sensitive: '敏感个人信息' },
  aliases: { none: ['非个人信息'], personal: ['一般个人信息'] },
};

export const SENSITIVE_CATEGORY_TABLE: LabelTable<SensitiveCategory> = {
  values: SENSITIVE_CATEGORIES,
  labels: SENSITIVE_CATEGORY_LABELS,
  aliases: { minor_under_14: ['未满十四周岁未成年人', '不满14周岁未成年人'] },
};

function generalLevelAliases(level: number): readonly string[] {
  return [`一般${level}级`, `一般数据${level}级`];
}

/** Written as the platform's own grade wording (GRADE_LABELS) so files and screens agree. */
export const GRADE_TABLE: LabelTable<Grade> = {
  values: GRADES,
  labels: Object.fromEntries(GRADES.map((grade) => [grade, GRADE_LABELS[grade].zh])) as Record<Grade, string>,
  aliases: {
    'general-1': generalLevelAliases(1),
    'general-2': generalLevelAliases(2),
    'general-3': generalLevelAliases(3),
    'general-4': generalLevelAliases(4),
  },
};

/**
 * Short nouns rather than MASK_LABELS' descriptions: a description may be reworded, the noun
 * is what people type. The full descriptions are still accepted.
 */
export const MASK_TABLE: LabelTable<MaskName> = {
  values: MASK_NAMES,
  labels: {
    none: '不脱敏',
    name: '姓名',
    resident_id: '公民身份号码',
    mobile: '手机号码',
    bank_card: '银行卡号',
    uscc: '统一社会信用代码',
    address: '地址',
    email: '电子邮箱',
    birth_date: '出生日期',
    redact: '完全遮蔽',
    keyed_hash: '加密哈希',
    region_code: '区划代码截断',
    null: '置空',
  },
  aliases: {
    ...Object.fromEntries(MASK_NAMES.map((mask) => [mask, [MASK_LABELS[mask].zh]])),
    resident_id: [MASK_LABELS.resident_id.zh, '身份证号码', '身份证号'],
  },
};

export const DATA_TYPE_TABLE: LabelTable<DataType> = {
  values: DATA_TYPES,
  labels: { string: '字符型', integer: '整数型', decimal: '数值型', date: '日期型', datetime: '日期时间型', boolean: '布尔型' },
  aliases: { integer: ['整型'], decimal: ['小数型', '浮点型'], boolean: ['逻辑型'] },
};

export const RESOURCE_FORMAT_TABLE: LabelTable<ResourceFormat> = {
  values: RESOURCE_FORMATS,
  labels: { database: '数据库', spreadsheet: '电子表格', document: '电子文件', image: '图形图像', stream: '流媒体', api: '服务接口', other: '其他' },
  aliases: { document: ['电子文档', '文档'], image: ['图像'], api: ['接口'] },
};

export const OPEN_TYPE_TABLE: LabelTable<OpenType> = {
  values: OPEN_TYPES,
  labels: { open: '无条件开放', conditional_open: '有条件开放', not_open: '不予开放' },
  aliases: { open: ['开放'], not_open: ['不开放'] },
};

export const UPDATE_CYCLE_TABLE: LabelTable<UpdateCycle> = {
  values: UPDATE_CYCLES,
  labels: {
    realtime: '实时',
    daily: '每日',
    weekly: '每周',
    monthly: '每月',
    quarterly: '每季度',
    half_yearly: '每半年',
    yearly: '每年',
    irregular: '不定期',
  },
  aliases: { daily: ['每天'], quarterly: ['每季'] },
};

export const SUBJECT_KEY_TABLE: LabelTable<'true' | 'false'> = {
  values: ['true', 'false'],
  labels: { true: '是', false: '否' },
  aliases: {},
};

/**
 * Folds the differences people do not see: full-width vs ASCII forms (NFKC turns （） into ()),
 * stray spaces, and the case of English identifiers.
 */
export function normaliseWord(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

export function labelOf<Value extends string>(table: LabelTable<Value>, value: Value): string {
  return table.labels[value];
}

/** The value a cell names, by identifier, label or alias; undefined when it names none. */
export function valueOfWord<Value extends string>(table: LabelTable<Value>, text: string): Value | undefined {
  const word = normaliseWord(text);
  return table.values.find((value) => {
    const words = [value, table.labels[value], ...(table.aliases[value] ?? [])];
    return words.some((candidate) => normaliseWord(candidate) === word);
  });
}
