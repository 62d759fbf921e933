import type { NoticeExemption, NoticePlan } from './request.ts';

/**
 * A notice recorded when a grant under `statutory_duty` takes effect (PIPL Arts. 17 and 35): the
 * plan the consumer committed to, or the exemption it claimed. The citizen view shows these.
 */
export interface RecordedNotice {
  id: string;
  grantId: string;
  consumerOrgId: string;
  resourceCode: string;
  purposeCode: string;
  /** The categories of personal information concerned: the requested personal items' names. */
  itemNames: string[];
  notice: NoticePlan | NoticeExemption;
  recordedAt: string;
}
