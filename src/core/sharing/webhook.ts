import type { SharingEventType } from './events.ts';

/**
 * A department system's endpoint for sharing events (DESIGN §3.2: the inbox, pushed). Its HMAC
 * secret is deliberately not part of this type: whatever serialises a Webhook cannot leak it.
 */
export const WEBHOOK_STATUSES = ['active', 'disabled'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export interface Webhook {
  id: string;
  orgId: string;
  url: string;
  events: SharingEventType[];
  status: WebhookStatus;
  createdBy: string;
  createdAt: string;
}

/** `pending` until a 2xx answer (`delivered`) or until retries run out or the webhook is disabled (`failed`). */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventType: SharingEventType;
  status: DeliveryStatus;
  /** Requests sent so far, successful or not. */
  attempts: number;
  nextAttemptAt: string | null;
  /** The HTTP status of the last answer; null when none came (timeout, refused connection). */
  lastStatus: number | null;
  /** A short code such as `HTTP_503` or `TIMEOUT`; never the receiver's response body. */
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** The JSON body a department system receives; `id` is the delivery id, for deduplication. */
export interface WebhookPayload {
  id: string;
  type: SharingEventType;
  occurredAt: string;
  data: Record<string, string | number | boolean | null | string[]>;
}
