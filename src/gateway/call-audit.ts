import type { Actor, AuditEvent } from '../core/audit/audit-log.ts';
import type { Grade } from '../core/catalog/grade.ts';
import type { ExchangeDenialCode } from '../core/exchange/index.ts';
import type { Credential } from '../core/identity/person.ts';
import type { Grant } from '../core/sharing/grant.ts';
import type { ExchangeCall } from './exchange-call.ts';

/** Codes as the catalog and purpose lists write them; anything else a caller sent is not repeated. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The audit entries of one call (docs/audit-events.md). Details are derived and non-identifying:
 * codes, counts, the subjects' division codes, the request hash — never values or identifiers.
 */
export class CallAudit {
  private readonly call: ExchangeCall;
  readonly requestHash: string;
  readonly operation: ExchangeCall['operation'];
  credential: Credential | null = null;
  grant: Grant | null = null;
  personId: string | null = null;
  issue: string | null = null;

  constructor(call: ExchangeCall, requestHash: string) {
    this.call = call;
    this.requestHash = requestHash;
    this.operation = call.operation;
  }

  private actor(): Actor {
    return this.credential ? { type: 'system', id: this.credential.id, org: this.credential.orgId } : { type: 'anonymous', id: 'unknown', org: null };
  }

  private base(): Record<string, unknown> {
    const call = this.call;
    return {
      operation: call.operation,
      resourceCode: CODE.test(call.resourceCode) ? call.resourceCode : null,
      purposeCode: call.purpose !== null && CODE.test(call.purpose) ? call.purpose : null,
      grantId: this.grant?.id ?? null,
      personId: this.personId,
      // The login named, even when the call was refused before it was looked up: who was at the keyboard.
      userLogin: call.user !== null && CODE.test(call.user) ? call.user : null,
      contractorOrgId: this.credential?.contractorOrgId ?? null,
      issue: this.issue,
      requestHash: this.requestHash,
      ip: call.sourceIp,
    };
  }

  denied(code: ExchangeDenialCode): AuditEvent {
    return { actor: this.actor(), action: 'exchange.denied', object: this.grant ? `grant:${this.grant.id}` : `resource:${this.base()['resourceCode'] ?? 'unknown'}`, details: { ...this.base(), code } };
  }

  /**
   * `grade` to `quotaLimit` are the detectors' features (docs/detection.md): what replaying the
   * log needs to rebuild their state, all of it codes and numbers.
   */
  permitted(figures: {
    records: number;
    items: string[];
    regions: Record<string, number>;
    page?: number;
    alert: boolean;
    grade: Grade;
    personOrgKind: 'department' | 'contractor';
    rowScope: string[] | null;
    sequentiality: number;
    bulk: boolean;
    quotaLimit: number | null;
  }): AuditEvent {
    return { actor: this.actor(), action: `exchange.${this.call.operation}.permitted`, object: `grant:${this.grant!.id}`, details: { ...this.base(), ...figures } };
  }
}
