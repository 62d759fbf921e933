/**
 * Events department systems can subscribe to by webhook (DESIGN §3.2: the inbox, pushed). A
 * payload carries identifiers, codes and deadlines only — never a data value or a person's
 * identity document — so a leaked delivery discloses nothing about citizens.
 */
export const SHARING_EVENT_TYPES = [
  'request.submitted',
  'request.step_started',
  'request.escalated',
  'request.granted',
  'request.refused',
  'request.disputed',
  'request.withdrawn',
  'grant.suspended',
  'grant.resumed',
  'grant.revoked',
  'grant.expired',
  'grant.review_due',
] as const;
export type SharingEventType = (typeof SHARING_EVENT_TYPES)[number];

export interface SharingEvent {
  type: SharingEventType;
  /** The organisations whose systems are told: the consumer, the provider, the supervisor. */
  orgIds: string[];
  /** Ids, codes, statuses and times; serialised as the webhook body's `data`. */
  data: Record<string, string | number | boolean | null | string[]>;
}
