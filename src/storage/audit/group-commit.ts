import type { AuditEvent, AuditLog, AuditRecord } from '../../core/audit/audit-log.ts';
import { canonicalJson } from '../../core/audit/canonical-json.ts';
import { BatchQueue } from '../batch-queue.ts';

/**
 * Audit appends by group commit (see BatchQueue): an acknowledged event is durable (within
 * SQLite's synchronous=NORMAL: a killed process loses nothing; a power cut may lose the last
 * commits).
 */
export class GroupCommitAuditLog implements AuditLog {
  private readonly queue: BatchQueue<AuditEvent, AuditRecord>;

  constructor(writeBatch: (events: AuditEvent[]) => Promise<AuditRecord[]>) {
    this.queue = new BatchQueue(writeBatch);
  }

  append(event: AuditEvent): Promise<AuditRecord> {
    try {
      // An event that cannot become a leaf fails its own caller here, not everyone in its batch.
      canonicalJson({ actor: event.actor, action: event.action, object: event.object, details: event.details });
    } catch (error) {
      return Promise.reject(error);
    }
    return this.queue.push(event);
  }
}
