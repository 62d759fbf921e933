import type { Actor } from '../../core/audit/audit-log.ts';
import type { SharingEvent } from '../../core/sharing/events.ts';
import type { Repositories } from '../../storage/store.ts';

/** Tells department systems of an event, inside the transaction that made it (an outbox: it commits or vanishes with the change). */
export type SharingEvents = (repositories: Repositories, event: SharingEvent) => Promise<unknown>;

/** The procedure itself, acting on time (expiry, escalation, automatic grants). */
export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'sharing', org: null };
