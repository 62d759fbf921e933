import type { Grade } from '../catalog/grade.ts';
import type { Item, SensitiveCategory, SharingMethod } from '../catalog/resource.ts';

/**
 * The kind of key that identifies a data subject across resources. Two datasets keyed by the same
 * kind can be joined subject by subject, which is what makes aggregation possible (DESIGN §5).
 * `resident_id` is the 公民身份号码, `uscc` the 统一社会信用代码 of an organisation.
 */
export type SubjectKeyKind = 'resident_id' | 'uscc';

/** One of the consumer's live (active) grants, reduced to what aggregation needs. */
export interface LiveGrant {
  resourceCode: string;
  sensitiveCategories: SensitiveCategory[];
  grade: Grade;
  subjectKeyKind: SubjectKeyKind | null;
}

/**
 * Everything the risk assessment of a sharing request (共享申请风险评估, DESIGN §3.2) looks at.
 * It holds classifications, codes and counts only: never a data value or a person's identity.
 */
export interface RiskInput {
  /** The requested items. */
  items: Pick<Item, 'code' | 'piClass' | 'sensitiveCategory' | 'grade'>[];
  /** How many items the resource has in all, for the minimum-necessary check (PIPL Art. 6). */
  resourceItemCount: number;
  /** The duties (职责) the purpose code maps to. */
  purposeDutyCodes: string[];
  /** The consumer's registered 三定职责 (PIPL Art. 34: state organs act within their duties). */
  consumerDutyCodes: string[];
  expectedVolumePerDay: number;
  method: SharingMethod;
  /** The consumer's live grants. */
  liveGrants: LiveGrant[];
  /** The subject key kind of the requested resource, or null when it has none. */
  requestSubjectKeyKind: SubjectKeyKind | null;
  /** Open alerts against the consumer. */
  openAlerts: number;
  /** Sanctions (accountability outcomes) against the consumer in the look-back period. */
  pastSanctions: number;
  /** Expired security training (数据安全法 Art. 27 training duty; DESIGN §4 Person). */
  trainingExpired: { applicant: boolean; approvers: number };
  /** The consumer sits in another region than the provider. */
  crossRegion: boolean;
  /** The request asks for subjects of every region rather than naming regions (its row scope). */
  rowScopeUnlimited: boolean;
  /** The consumer system is operated by a contractor (受托方, PIPL Art. 21; 数据安全法 Art. 40). */
  contractorOperated: boolean;
}
