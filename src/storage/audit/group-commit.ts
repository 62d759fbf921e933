import type { AuditEvent, AuditLog, AuditRecord } from '../../core/audit/audit-log.ts';
import { canonicalJson } from '../../core/audit/canonical-json.ts';

interface Waiting {
  event: AuditEvent;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

/** The most events one transaction takes; beyond it, the next batch starts at once. */
const MAX_BATCH = 2000;

/**
 * Group commit: events that arrive while a batch is being written wait and go together in the
 * next transaction, so the cost of a commit is shared by many appends. Each caller is answered
 * only after its batch has committed, so an acknowledged event is durable (within SQLite's
 * synchronous=NORMAL: a killed process loses nothing; a power cut may lose the last commits).
 */
export class GroupCommitAuditLog implements AuditLog {
  private readonly writeBatch: (events: AuditEvent[]) => Promise<AuditRecord[]>;
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(writeBatch: (events: AuditEvent[]) => Promise<AuditRecord[]>) {
    this.writeBatch = writeBatch;
  }

  append(event: AuditEvent): Promise<AuditRecord> {
    try {
      // An event that cannot become a leaf fails its own caller here, not everyone in its batch.
      canonicalJson({ actor: event.actor, action: event.action, object: event.object, details: event.details });
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, MAX_BATCH);
      this.queue = this.queue.slice(batch.length);
      try {
        const records = await this.writeBatch(batch.map((waiting) => waiting.event));
        batch.forEach((waiting, index) => waiting.resolve(records[index]!));
      } catch (error) {
        // Fail closed: every caller of the failed batch is told, and none is acknowledged.
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.flushing = false;
  }
}
