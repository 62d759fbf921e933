import { sql, type Kysely } from 'kysely';
import type { AuditEvent, AuditLog, AuditRecord } from '../../core/audit/audit-log.ts';
import { canonicalJson } from '../../core/audit/canonical-json.ts';
import { appendToFrontier, frontierAddresses, textLeafHash, type HashFunction } from '../../core/audit/merkle/index.ts';
import type { Clock } from '../../core/shared/clock.ts';
import type { Dialect } from '../database.ts';
import type { Schema } from '../schema.ts';
import { logSize, nodeHashes, writeNodes } from './tree-nodes.ts';

/** The advisory-lock key that serialises appends on PostgreSQL ("CUSTAUD1" as a number). */
const APPEND_LOCK = 0x4355535441554431n;

/** 8 parameters a row: 400 rows stay far below SQLite's parameter limit. */
const ENTRY_CHUNK = 400;

/** The exact bytes that become a leaf: RFC 8785 canonical JSON of the record. */
export function leafText(record: AuditRecord): string {
  return canonicalJson({ seq: record.seq, time: record.time, actor: record.actor, action: record.action, object: record.object, details: record.details });
}

/**
 * Appends audit events as leaves of an RFC 6962 Merkle tree, inside whatever transaction `db`
 * is bound to: an event is in the log if and only if that transaction commits.
 *
 * With several server processes on one PostgreSQL, the log must never fork: the sequence number
 * and the right edge of the tree are read and extended under a transaction-scoped advisory lock,
 * so any process can append and all of them see one history. SQLite has one writer at a time.
 */
export class MerkleAuditLog implements AuditLog {
  private readonly db: Kysely<Schema>;
  private readonly clock: Clock;
  private readonly dialect: Dialect;
  private readonly hash: HashFunction;

  constructor(db: Kysely<Schema>, clock: Clock, dialect: Dialect, hash: HashFunction) {
    this.db = db;
    this.clock = clock;
    this.dialect = dialect;
    this.hash = hash;
  }

  async append(event: AuditEvent): Promise<AuditRecord> {
    const [record] = await this.appendBatch([event]);
    return record!;
  }

  async appendBatch(events: readonly AuditEvent[]): Promise<AuditRecord[]> {
    if (events.length === 0) return [];
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(this.db);
    const size = await logSize(this.db);
    const frontier = { size, hashes: await nodeHashes(this.db, frontierAddresses(size)) };
    const time = this.clock.now().toISOString();
    const records = events.map((event, offset): AuditRecord => ({ seq: size + offset, time, actor: event.actor, action: event.action, object: event.object, details: event.details }));
    const leaves = records.map(leafText);
    const { nodes } = appendToFrontier(this.hash, frontier, leaves.map((leaf) => textLeafHash(this.hash, leaf)));
    for (let start = 0; start < records.length; start += ENTRY_CHUNK) {
      const values = records.slice(start, start + ENTRY_CHUNK).map((record, offset) => ({
        seq: record.seq,
        time: record.time,
        actor_type: record.actor.type,
        actor_id: record.actor.id,
        actor_org: record.actor.org,
        action: record.action,
        object: record.object,
        leaf: leaves[start + offset]!,
      }));
      await this.db.insertInto('audit_entries').values(values).execute();
    }
    await writeNodes(this.db, nodes);
    return records;
  }
}
