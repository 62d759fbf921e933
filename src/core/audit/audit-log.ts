/**
 * The AuditLog port: every mutation and every login writes one event through it. Details never
 * hold plaintext personal data: use blind indexes, counts, codes and masked forms.
 */
export const ACTOR_TYPES = ['person', 'system', 'citizen', 'anonymous', 'process'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export interface Actor {
  type: ActorType;
  id: string;
  org: string | null;
  /**
   * `local`: the action was taken on the server's own command line with `--as`, where access
   * to the machine stands in for a password. It marks such entries apart from API actions.
   */
  via?: 'local';
}

export interface AuditEvent {
  actor: Actor;
  /** Namespaced vocabulary, e.g. `catalog.resource.published`, `auth.login.failed`. */
  action: string;
  object: string;
  details: Record<string, unknown>;
}

export interface AuditRecord extends AuditEvent {
  seq: number;
  time: string;
}

export interface AuditLog {
  append(event: AuditEvent): Promise<AuditRecord>;
}

export const PROCESS_ACTOR: Actor = { type: 'process', id: 'custos', org: null };
