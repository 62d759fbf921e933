import type { Kysely } from 'kysely';
import type { SharingEventType } from '../../core/sharing/events.ts';
import type { DeliveryStatus, Webhook, WebhookDelivery, WebhookStatus } from '../../core/sharing/webhook.ts';
import type { Schema } from '../schema.ts';

/** A delivery as first written: pending, due at `nextAttemptAt`. */
export interface NewDelivery {
  id: string;
  webhookId: string;
  eventType: SharingEventType;
  payload: string;
  nextAttemptAt: string;
  createdAt: string;
}

/** A due delivery with what sending it needs: its body and the endpoint's address, secret and status. */
export interface DueDelivery {
  delivery: WebhookDelivery;
  payload: string;
  url: string;
  secret: string;
  webhookStatus: WebhookStatus;
}

/** The outcome of one attempt, written over the delivery's previous state. */
export interface AttemptRecord {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

function toWebhook(row: Schema['webhooks']): Webhook {
  return {
    id: row.id,
    orgId: row.org_id,
    url: row.url,
    events: JSON.parse(row.events) as SharingEventType[],
    status: row.status as WebhookStatus,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function toDelivery(row: Omit<Schema['webhook_deliveries'], 'payload'>): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventType: row.event_type as SharingEventType,
    status: row.status as DeliveryStatus,
    // pg returns integers as numbers here (int4), SQLite too; Number() guards a driver change.
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

const DELIVERY_COLUMNS = ['id', 'webhook_id', 'event_type', 'status', 'attempts', 'next_attempt_at', 'last_status', 'last_error', 'created_at', 'delivered_at'] as const;

/** Webhook endpoints and their delivery queue. Secrets leave this class only inside a DueDelivery, for signing. */
export class WebhookRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(webhook: Webhook, secret: string): Promise<void> {
    await this.db
      .insertInto('webhooks')
      .values({
        id: webhook.id,
        org_id: webhook.orgId,
        url: webhook.url,
        secret,
        events: JSON.stringify(webhook.events),
        status: webhook.status,
        created_by: webhook.createdBy,
        created_at: webhook.createdAt,
      })
      .execute();
  }

  async get(id: string): Promise<Webhook | undefined> {
    const row = await this.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toWebhook(row);
  }

  async listByOrg(orgId: string): Promise<Webhook[]> {
    const rows = await this.db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
    return rows.map(toWebhook);
  }

  async setStatus(id: string, status: WebhookStatus): Promise<void> {
    await this.db.updateTable('webhooks').set({ status }).where('id', '=', id).execute();
  }

  /** Active webhooks of these organisations subscribed to `eventType`. */
  async activeFor(orgIds: string[], eventType: SharingEventType): Promise<Webhook[]> {
    if (orgIds.length === 0) return [];
    const rows = await this.db.selectFrom('webhooks').selectAll().where('org_id', 'in', [...new Set(orgIds)]).where('status', '=', 'active').orderBy('id').execute();
    // Subscriptions are a short JSON list per webhook: filtered here rather than with
    // dialect-specific JSON operators, over an organisation's handful of endpoints.
    return rows.map(toWebhook).filter((webhook) => webhook.events.includes(eventType));
  }

  async insertDeliveries(rows: NewDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('webhook_deliveries')
      .values(
        rows.map((row) => ({
          id: row.id,
          webhook_id: row.webhookId,
          event_type: row.eventType,
          payload: row.payload,
          status: 'pending',
          attempts: 0,
          next_attempt_at: row.nextAttemptAt,
          last_status: null,
          last_error: null,
          created_at: row.createdAt,
          delivered_at: null,
        })),
      )
      .execute();
  }

  /** Pending deliveries whose time has come, the longest-waiting first. */
  async due(now: string, limit: number): Promise<DueDelivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(DELIVERY_COLUMNS.map((column) => `d.${column}` as const))
      .select(['d.payload', 'w.url', 'w.secret', 'w.status as webhook_status'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ delivery: toDelivery(row), payload: row.payload, url: row.url, secret: row.secret, webhookStatus: row.webhook_status as WebhookStatus }));
  }

  /**
   * Takes a due delivery for one sender by moving its due time to `leaseUntil`, only if no one
   * else has moved it since it was read. Several server processes may dispatch at once (DESIGN
   * §6: stateless processes over one PostgreSQL); this keeps them from sending the same
   * delivery together. A sender that dies mid-send lets the lease run out, and the delivery is
   * sent again: delivery is at least once, and receivers deduplicate by delivery id.
   */
  async claim(id: string, dueAt: string, leaseUntil: string): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: leaseUntil })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', dueAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordAttempt(id: string, attempt: AttemptRecord): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: attempt.status,
        attempts: attempt.attempts,
        next_attempt_at: attempt.nextAttemptAt,
        last_status: attempt.lastStatus,
        last_error: attempt.lastError,
        delivered_at: attempt.deliveredAt,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Marks every pending delivery of a webhook failed, with `error` as the reason; returns how many. */
  async failPending(webhookId: string, error: string): Promise<number> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null, last_error: error })
      .where('webhook_id', '=', webhookId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** A webhook's deliveries, newest first; `before` is the id of the last one seen. */
  async deliveries(webhookId: string, limit: number, before?: string): Promise<WebhookDelivery[]> {
    let query = this.db.selectFrom('webhook_deliveries').select(DELIVERY_COLUMNS).where('webhook_id', '=', webhookId);
    if (before) query = query.where('id', '<', before);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toDelivery);
  }
}
