import type { MaskName } from '../masking/index.ts';
import type { Grade } from './grade.ts';

/** 个人信息分类 (PIPL Arts. 4 and 28). */
export const PI_CLASSES = ['none', 'personal', 'sensitive'] as const;
export type PiClass = (typeof PI_CLASSES)[number];

/** The categories of sensitive personal information named in PIPL Art. 28. */
export const SENSITIVE_CATEGORIES = [
  'biometric',
  'religious_belief',
  'specific_identity',
  'medical_health',
  'financial_account',
  'whereabouts',
  'minor_under_14',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

/** The categories of PIPL Art. 28, in the law's own words: for messages and catalog files people read. */
export const SENSITIVE_CATEGORY_LABELS: Record<SensitiveCategory, string> = {
  biometric: '生物识别',
  religious_belief: '宗教信仰',
  specific_identity: '特定身份',
  medical_health: '医疗健康',
  financial_account: '金融账户',
  whereabouts: '行踪轨迹',
  minor_under_14: '不满十四周岁未成年人',
};

export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type SharingType = (typeof SHARING_TYPES)[number];

export const SHARING_METHODS = ['api', 'dataset', 'verification'] as const;
export type SharingMethod = (typeof SHARING_METHODS)[number];

/** 开放属性 of the catalog compilation guide. */
export const OPEN_TYPES = ['open', 'conditional_open', 'not_open'] as const;
export type OpenType = (typeof OPEN_TYPES)[number];

export const UPDATE_CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'irregular'] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** 信息资源格式 of the guide, in English identifiers. */
export const RESOURCE_FORMATS = ['database', 'spreadsheet', 'document', 'image', 'stream', 'api', 'other'] as const;
export type ResourceFormat = (typeof RESOURCE_FORMATS)[number];

export const DATA_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const RESOURCE_STATUSES = ['draft', 'published', 'retired'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** 信息项 (a data item) with the classification Custos adds to the guide's metadata. */
export interface Item {
  name: string;
  code: string;
  dataType: DataType;
  piClass: PiClass;
  sensitiveCategory: SensitiveCategory | null;
  grade: Grade;
  mask: MaskName;
  subjectKey: boolean;
}

export interface SharingCondition {
  text: string;
  legalBasisIds: string[];
  /** A policy document (e.g. a local regulation) when no registered legal basis applies. */
  policy: string | null;
}

export interface SharingAttributes {
  type: SharingType;
  conditions: SharingCondition[];
  methods: SharingMethod[];
  /** Legal bases for 不予共享; the 政务数据共享条例 requires a basis for refusing to share. */
  legalBasisIds: string[];
}

/** What a provider writes: the core metadata of the 政务信息资源目录编制指南. */
export interface ResourceDraft {
  code: string;
  classificationCode: string;
  name: string;
  summary: string;
  format: ResourceFormat;
  items: Item[];
  sharing: SharingAttributes;
  openType: OpenType;
  updateCycle: UpdateCycle;
  relatedCodes: string[];
}

/** A catalog entry as stored: the draft plus what the platform derives and records. */
export interface Resource extends ResourceDraft {
  id: string;
  providerOrgId: string;
  status: ResourceStatus;
  version: number;
  grade: Grade;
  piClass: PiClass;
  /** Grades a supervisor set per item; a provider's edit may not go below them (就高从严). */
  gradeFloors: Record<string, Grade>;
  publishDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export function highestPiClass(items: readonly Pick<Item, 'piClass'>[]): PiClass {
  if (items.some((item) => item.piClass === 'sensitive')) return 'sensitive';
  if (items.some((item) => item.piClass === 'personal')) return 'personal';
  return 'none';
}
