import { runEvery } from '../run-every.ts';
import { SHARING_EVENT_TYPES, type SharingEvent, type SharingEventType } from '../../core/sharing/events.ts';
import { nextAttemptDelayMs } from '../../core/sharing/webhook-backoff.ts';
import type { Webhook, WebhookDelivery, WebhookPayload } from '../../core/sharing/webhook.ts';
import { validationError, type FieldError } from '../../core/shared/domain-error.ts';
import { newToken } from '../../crypto/secrets.ts';
import { SealedSecrets } from '../sealed-secrets.ts';
import { signWebhook } from '../../crypto/webhook-signature.ts';
import type { AttemptRecord, DueDelivery } from '../../storage/repositories/webhooks.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, notFound, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';

/** Sends one request; resolves with the answer's status, and rejects only when no answer came. */
export type WebhookTransport = (url: string, request: { headers: Record<string, string>; body: string; timeoutMs: number }) => Promise<{ status: number }>;

export interface WebhookInput {
  url: string;
  events: SharingEventType[];
}

export interface DeliveryPage {
  deliveries: WebhookDelivery[];
  nextCursor: string | null;
}

export interface DispatchResult {
  delivered: number;
  retried: number;
  failed: number;
}

export const MAX_URL_LENGTH = 2048;
export const DEFAULT_DISPATCH_LIMIT = 50;
/** How long a department system has to answer before the attempt counts as failed. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** A claimed delivery is left alone this long; longer than any request may take. */
const LEASE_MS = 60_000;
/** Requests in flight at once: enough to drain a backlog, few enough not to flood a small department server. */
const CONCURRENCY = 8;
/** Plain HTTP only to this machine: an on-box adapter, or tests. Anything else crosses a network and needs TLS. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MANAGER_ROLES = ['provider_admin', 'supervisor'] as const;

/**
 * The reason an attempt got no answer, as a short code: the error's message may quote the
 * receiver's address or its words, and neither belongs in a stored record.
 */
function transportErrorCode(error: unknown): string {
  const details = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  if (details?.name === 'TimeoutError' || details?.name === 'AbortError') return 'TIMEOUT';
  const code = details?.cause?.code ?? details?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(code) ? code : 'NETWORK_ERROR';
}

/** Checks a webhook address; messages never repeat it, since it may carry a credential. */
function checkUrl(url: string, errors: FieldError[]): URL | undefined {
  const refuse = (code: string, message: string) => {
    errors.push({ path: '/url', code, message });
    return undefined;
  };
  if (url.length > MAX_URL_LENGTH) return refuse('WEBHOOK_URL_INVALID', `地址不得超过 ${MAX_URL_LENGTH} 个字符 / at most ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('WEBHOOK_URL_INVALID', '不是有效的地址 / not a valid URL');
  }
  const loopbackHttp = parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopbackHttp) return refuse('WEBHOOK_URL_INVALID', '须使用 https（本机地址可用 http）/ must be https (http only to this machine)');
  // A password in the address would be stored and shown in lists; the HMAC secret authenticates us instead.
  if (parsed.username !== '' || parsed.password !== '') return refuse('WEBHOOK_URL_CREDENTIALS', '地址中不得包含用户名或密码 / the URL must not contain a user name or password');
  return parsed;
}

/** Where a webhook's secret is bound: its sealed form opens for that webhook only. */
function secretPlace(webhookId: string): string {
  return `webhook/${webhookId}/secret`;
}

/**
 * Webhooks of department systems (政务数据共享条例: the inbox, pushed). A department's provider
 * administrator, or a supervisor of the supervision authority, registers endpoints for their own
 * organisation; events are queued in the transaction that causes them and sent afterwards,
 * signed with the endpoint's secret and retried with backoff.
 */
export class WebhookService {
  private readonly context: AppContext;
  private readonly transport: WebhookTransport;
  private readonly secrets: SealedSecrets;

  constructor(context: AppContext, transport: WebhookTransport) {
    this.context = context;
    this.transport = transport;
    this.secrets = new SealedSecrets(context, '@webhooks');
  }

  async register(principal: Principal, input: WebhookInput): Promise<{ webhook: Webhook; secret: string }> {
    requireRole(principal, ...MANAGER_ROLES);
    const errors: FieldError[] = [];
    const url = checkUrl(input.url, errors);
    const known = new Set<string>(SHARING_EVENT_TYPES);
    if (input.events.length === 0) errors.push({ path: '/events', code: 'WEBHOOK_EVENTS_EMPTY', message: '至少订阅一种事件 / subscribe to at least one event' });
    input.events.forEach((event, index) => {
      if (!known.has(event)) errors.push({ path: `/events/${index}`, code: 'WEBHOOK_EVENT_UNKNOWN', message: '未知的事件类型 / unknown event type' });
    });
    if (errors.length > 0 || !url) throw validationError(errors);
    const webhook: Webhook = {
      id: this.context.ids.next(),
      orgId: principal.org.id,
      url: url.href,
      events: [...new Set(input.events)],
      status: 'active',
      createdBy: principal.person.id,
      createdAt: nowIso(this.context),
    };
    // Shown once, in this answer. It cannot be stored as a hash, since every delivery is signed
    // with it: it is stored sealed instead.
    const secret = newToken('cus_wh', this.context.random);
    const sealing = await this.secrets.ready();
    return this.context.store.transaction(async (repositories) => {
      await repositories.webhooks.insert(webhook, sealing.seal(secret, secretPlace(webhook.id)));
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'webhook.registered',
        object: `webhook:${webhook.id}`,
        // The host only: a path or query may carry a department's own token.
        details: { orgId: webhook.orgId, host: url.host, events: webhook.events },
      });
      return { webhook, secret };
    });
  }

  async list(principal: Principal): Promise<Webhook[]> {
    requireRole(principal, ...MANAGER_ROLES);
    return this.context.store.read.webhooks.listByOrg(principal.org.id);
  }

  /** Stops deliveries to a webhook; what was still queued for it is marked failed. Disabling twice changes nothing. */
  async disable(principal: Principal, id: string): Promise<Webhook> {
    requireRole(principal, ...MANAGER_ROLES);
    return this.context.store.transaction(async (repositories) => {
      const webhook = await this.ownWebhook(repositories, principal, id);
      if (webhook.status === 'disabled') return webhook;
      await repositories.webhooks.setStatus(id, 'disabled');
      const abandoned = await repositories.webhooks.failPending(id, 'WEBHOOK_DISABLED');
      await repositories.audit.append({ actor: actorOf(principal), action: 'webhook.disabled', object: `webhook:${id}`, details: { orgId: webhook.orgId, abandonedDeliveries: abandoned } });
      return { ...webhook, status: 'disabled' };
    });
  }

  async deliveries(principal: Principal, webhookId: string, page: { limit: number; before?: string | undefined }): Promise<DeliveryPage> {
    requireRole(principal, ...MANAGER_ROLES);
    await this.ownWebhook(this.context.store.read, principal, webhookId);
    const rows = await this.context.store.read.webhooks.deliveries(webhookId, page.limit + 1, page.before);
    const deliveries = rows.slice(0, page.limit);
    return { deliveries, nextCursor: rows.length > page.limit ? deliveries[deliveries.length - 1]!.id : null };
  }

  /** Another organisation's webhook is answered as absent: its address is that organisation's business. */
  private async ownWebhook(repositories: Repositories, principal: Principal, id: string): Promise<Webhook> {
    const webhook = await repositories.webhooks.get(id);
    if (!webhook || webhook.orgId !== principal.org.id) throw notFound('回调地址', 'webhook');
    return webhook;
  }

  /**
   * Queues `event` for every active webhook of its organisations that subscribed to it, inside
   * the caller's transaction: the deliveries commit with the change they report, or not at all.
   */
  async enqueue(repositories: Repositories, event: SharingEvent): Promise<number> {
    const webhooks = await repositories.webhooks.activeFor(event.orgIds, event.type);
    const now = nowIso(this.context);
    const rows = webhooks.map((webhook) => {
      const id = this.context.ids.next();
      const payload: WebhookPayload = { id, type: event.type, occurredAt: now, data: event.data };
      return { id, webhookId: webhook.id, eventType: event.type, payload: JSON.stringify(payload), nextAttemptAt: now, createdAt: now };
    });
    await repositories.webhooks.insertDeliveries(rows);
    return rows.length;
  }

  /**
   * Sends the deliveries now due. A receiver's failure is recorded on its delivery and never
   * thrown; a storage failure is thrown after the rest of the batch has been tried, and the
   * delivery concerned is tried again once its lease runs out.
   */
  async dispatchDue(limit = DEFAULT_DISPATCH_LIMIT): Promise<DispatchResult> {
    const result: DispatchResult = { delivered: 0, retried: 0, failed: 0 };
    const due = await this.context.store.read.webhooks.due(nowIso(this.context), limit);
    const storageErrors: unknown[] = [];
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const item = due[next++]!;
        try {
          const outcome = await this.dispatchOne(item);
          if (outcome) result[outcome] += 1;
        } catch (error) {
          storageErrors.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
    if (storageErrors.length > 0) throw new AggregateError(storageErrors, `webhook dispatch: ${storageErrors.length} deliveries could not be recorded`);
    return result;
  }

  private async dispatchOne(item: DueDelivery): Promise<keyof DispatchResult | undefined> {
    const repository = this.context.store.read.webhooks;
    const { delivery } = item;
    if (item.webhookStatus !== 'active') {
      await repository.recordAttempt(delivery.id, { ...this.unchanged(delivery), status: 'failed', nextAttemptAt: null, lastError: 'WEBHOOK_DISABLED' });
      return 'failed';
    }
    const leaseUntil = new Date(this.context.clock.now().getTime() + LEASE_MS).toISOString();
    if (!(await repository.claim(delivery.id, delivery.nextAttemptAt!, leaseUntil))) return undefined;

    let lastStatus: number | null = null;
    let lastError: string | null = null;
    const secret = await this.secrets.open(item.secret, secretPlace(delivery.webhookId)).catch(() => null);
    if (secret === null) {
      // The key store unreachable, or the stored secret altered: nothing unsigned is sent, and the
      // attempt counts like a failed send, so the delivery ends as failed rather than retrying forever.
      lastError = 'WEBHOOK_SECRET_UNREADABLE';
    } else {
      const timestamp = String(Math.floor(this.context.clock.now().getTime() / 1000));
      const headers = {
        'content-type': 'application/json',
        'x-custos-event': delivery.eventType,
        'x-custos-delivery': delivery.id,
        'x-custos-signature': signWebhook(secret, timestamp, item.payload),
      };
      try {
        lastStatus = (await this.transport(item.url, { headers, body: item.payload, timeoutMs: REQUEST_TIMEOUT_MS })).status;
        // Redirects are not followed (fetch-transport.ts), so a 3xx is a failure like any non-2xx.
        if (lastStatus < 200 || lastStatus > 299) lastError = `HTTP_${lastStatus}`;
      } catch (error) {
        lastError = transportErrorCode(error);
      }
    }
    const attempts = delivery.attempts + 1;
    const now = this.context.clock.now();
    if (lastError === null) {
      await repository.recordAttempt(delivery.id, { status: 'delivered', attempts, nextAttemptAt: null, lastStatus, lastError, deliveredAt: now.toISOString() });
      return 'delivered';
    }
    const delay = nextAttemptDelayMs(attempts);
    if (delay === null) {
      await repository.recordAttempt(delivery.id, { status: 'failed', attempts, nextAttemptAt: null, lastStatus, lastError, deliveredAt: null });
      return 'failed';
    }
    await repository.recordAttempt(delivery.id, { status: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + delay).toISOString(), lastStatus, lastError, deliveredAt: null });
    return 'retried';
  }

  private unchanged(delivery: WebhookDelivery): AttemptRecord {
    return { status: delivery.status, attempts: delivery.attempts, nextAttemptAt: delivery.nextAttemptAt, lastStatus: delivery.lastStatus, lastError: delivery.lastError, deliveredAt: delivery.deliveredAt };
  }
}

/** Sends due deliveries every `intervalMs`, straight again while batches come back full. */
export function startWebhookDispatcher(service: WebhookService, intervalMs: number, onError: (error: unknown) => void): () => void {
  return runEvery(
    async () => {
      const sent = await service.dispatchDue(DEFAULT_DISPATCH_LIMIT);
      return sent.delivered + sent.retried + sent.failed >= DEFAULT_DISPATCH_LIMIT;
    },
    intervalMs,
    onError,
  );
}
