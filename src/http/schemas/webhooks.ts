import { Type } from 'typebox';
import { SHARING_EVENT_TYPES } from '../../core/sharing/events.ts';
import { DELIVERY_STATUSES, WEBHOOK_STATUSES } from '../../core/sharing/webhook.ts';
import { literals } from './common.ts';

export const WebhookInputSchema = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048, description: 'https 地址（本机可用 http）/ an https URL (http only to 127.0.0.1 or localhost)' }),
    events: Type.Array(literals(SHARING_EVENT_TYPES), { minItems: 1, maxItems: SHARING_EVENT_TYPES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

/** No secret here: it is answered once, beside this, when the webhook is registered. */
export const WebhookSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  url: Type.String(),
  events: Type.Array(literals(SHARING_EVENT_TYPES)),
  status: literals(WEBHOOK_STATUSES),
  createdBy: Type.String(),
  createdAt: Type.String(),
});

export const RegisteredWebhookSchema = Type.Object({
  webhook: WebhookSchema,
  secret: Type.String({ description: '签名密钥，仅显示一次 / the signing secret, shown once' }),
});

/** No payload here: a delivery's body is the event, which the department already received or will. */
export const DeliverySchema = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  eventType: literals(SHARING_EVENT_TYPES),
  status: literals(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
});
