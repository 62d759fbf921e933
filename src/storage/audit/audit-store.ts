import { sql, type Kysely } from 'kysely';
import type { AuditRecord } from '../../core/audit/audit-log.ts';
import { consistencyPlan, frontierAddresses, hashRange, inclusionPlan, rootPlan, type HashFunction, type NodeAddress } from '../../core/audit/merkle/index.ts';
import type { Schema } from '../schema.ts';
import { logSize, nodeHashes } from './tree-nodes.ts';

export interface StoredEntry {
  seq: number;
  leaf: string;
}

export interface EntrySearch {
  actorId?: string | undefined;
  action?: string | undefined;
  /** Matches every action that starts with it, e.g. `auth.login.`. */
  actionPrefix?: string | undefined;
  object?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  after?: number | undefined;
  limit: number;
}

export interface StoredCheckpoint {
  size: number;
  root: Uint8Array;
  note: string;
  createdAt: string;
}

function toCheckpoint(row: Schema['audit_checkpoints']): StoredCheckpoint {
  return { size: Number(row.size), root: Buffer.from(row.root, 'hex'), note: row.note, createdAt: row.created_at };
}

/**
 * Nodes at or above this level cover 256 leaves or more. There are few of them and every proof
 * touches several, so they are kept in memory once read: a complete node never changes.
 */
const CACHED_LEVEL = 8;
const CACHE_LIMIT = 200_000;

/** Reads the audit log: entries, proofs built from stored nodes, and signed checkpoints. */
export class AuditStore {
  private readonly db: Kysely<Schema>;
  private readonly hash: HashFunction;
  private readonly upperNodes = new Map<string, Uint8Array>();

  constructor(db: Kysely<Schema>, hash: HashFunction) {
    this.db = db;
    this.hash = hash;
  }

  size(): Promise<number> {
    return logSize(this.db);
  }

  async entries(start: number, end: number): Promise<StoredEntry[]> {
    const rows = await this.db.selectFrom('audit_entries').select(['seq', 'leaf']).where('seq', '>=', start).where('seq', '<', end).orderBy('seq').execute();
    return rows.map((row) => ({ seq: Number(row.seq), leaf: row.leaf }));
  }

  /** Every entry with its stored leaf hash, in pages, for a full verification. */
  async *scan(pageSize: number, from = 0): AsyncGenerator<{ seq: number; leaf: string; storedHash: string | null }[]> {
    let next = from;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_entries as e')
        .leftJoin('audit_nodes as n', (join) => join.onRef('n.idx', '=', 'e.seq').on('n.level', '=', 0))
        .select(['e.seq', 'e.leaf', 'n.hash'])
        .where('e.seq', '>=', next)
        .orderBy('e.seq')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((row) => ({ seq: Number(row.seq), leaf: row.leaf, storedHash: row.hash }));
      next = Number(rows[rows.length - 1]!.seq) + 1;
    }
  }

  async search(search: EntrySearch): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_entries').select(['seq', 'leaf']);
    if (search.actorId) query = query.where('actor_id', '=', search.actorId);
    if (search.action) query = query.where('action', '=', search.action);
    if (search.actionPrefix) {
      // Escape LIKE's wildcards: actions are dotted words, but the prefix comes from a query string.
      const escaped = search.actionPrefix.replace(/[\\%_]/g, (character) => `\\${character}`);
      query = query.where(sql<boolean>`action like ${`${escaped}%`} escape '\\'`);
    }
    if (search.object) query = query.where('object', '=', search.object);
    if (search.from) query = query.where('time', '>=', search.from);
    if (search.to) query = query.where('time', '<', search.to);
    if (search.after !== undefined) query = query.where('seq', '>', search.after);
    const rows = await query.orderBy('seq').limit(search.limit).execute();
    return rows.map((row) => JSON.parse(row.leaf) as AuditRecord);
  }

  /** Stored node hashes, upper levels from memory when already read. */
  private async cachedNodes(addresses: NodeAddress[]): Promise<Uint8Array[]> {
    const key = (address: NodeAddress) => `${address.level}/${address.index}`;
    const missing = addresses.filter((address) => address.level < CACHED_LEVEL || !this.upperNodes.has(key(address)));
    const fetched = await nodeHashes(this.db, missing);
    const fresh = new Map(missing.map((address, position) => [key(address), fetched[position]!]));
    if (this.upperNodes.size > CACHE_LIMIT) this.upperNodes.clear();
    for (const address of missing) if (address.level >= CACHED_LEVEL) this.upperNodes.set(key(address), fresh.get(key(address))!);
    return addresses.map((address) => fresh.get(key(address)) ?? this.upperNodes.get(key(address))!);
  }

  private async hashesOf(plan: NodeAddress[][]): Promise<Uint8Array[]> {
    const hashes = await this.cachedNodes(plan.flat());
    let offset = 0;
    return plan.map((blocks) => {
      const part = hashes.slice(offset, offset + blocks.length);
      offset += blocks.length;
      return hashRange(this.hash, part);
    });
  }

  inclusionProof(leafIndex: number, treeSize: number): Promise<Uint8Array[]> {
    return this.hashesOf(inclusionPlan(leafIndex, treeSize));
  }

  consistencyProof(first: number, second: number): Promise<Uint8Array[]> {
    return this.hashesOf(consistencyPlan(first, second));
  }

  async root(treeSize: number): Promise<Uint8Array> {
    const blocks = rootPlan(treeSize);
    return hashRange(this.hash, await this.cachedNodes(blocks));
  }

  async leafHash(seq: number): Promise<Uint8Array> {
    const [hash] = await nodeHashes(this.db, [{ level: 0, index: seq }]);
    return hash!;
  }

  /** Hashes of the complete subtrees of [0, size): where a recomputation resumes after archived entries. */
  async frontierAt(size: number): Promise<Uint8Array[]> {
    return nodeHashes(this.db, frontierAddresses(size));
  }

  /** The first position whose entry was logged at or after `time`; the log's size if none. */
  async firstAtOrAfter(time: string): Promise<number> {
    const row = await this.db.selectFrom('audit_entries').select('seq').where('time', '>=', time).orderBy('seq').limit(1).executeTakeFirst();
    return row ? Number(row.seq) : this.size();
  }

  /** Every archive, in order. */
  async archives(): Promise<{ start: number; end: number }[]> {
    const rows = await this.db.selectFrom('audit_archives').select(['start', 'end']).orderBy('end').execute();
    return rows.map((row) => ({ start: Number(row.start), end: Number(row.end) }));
  }

  /** Where the archived prefix ends: entries before it live only in archive files. */
  async archivedUpTo(): Promise<number> {
    const row = await this.db.selectFrom('audit_archives').select('end').orderBy('end', 'desc').limit(1).executeTakeFirst();
    return row ? Number(row.end) : 0;
  }

  /** Removes archived entries and records the archive; their nodes stay for proofs. */
  async recordArchive(start: number, end: number, file: string, at: string): Promise<void> {
    await this.db.insertInto('audit_archives').values({ start, end, file, archived_at: at }).execute();
    await this.db.deleteFrom('audit_entries').where('seq', '>=', start).where('seq', '<', end).execute();
  }

  async addCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    await this.db
      .insertInto('audit_checkpoints')
      .values({ size: checkpoint.size, root: Buffer.from(checkpoint.root).toString('hex'), note: checkpoint.note, created_at: checkpoint.createdAt })
      .onConflict((conflict) => conflict.column('size').doNothing())
      .execute();
  }

  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    const row = await this.db.selectFrom('audit_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
    return row && toCheckpoint(row);
  }

  /**
   * Thins checkpoints issued before `before` to the last one of each UTC hour, keeping those in
   * `keep` (archive anchors). Returns how many went.
   */
  async thinCheckpoints(before: string, keep: ReadonlySet<number>): Promise<number> {
    const rows = await this.db.selectFrom('audit_checkpoints').select(['size', 'created_at']).where('created_at', '<', before).orderBy('size').execute();
    const lastOfHour = new Map<string, number>();
    for (const row of rows) lastOfHour.set(row.created_at.slice(0, 13), Number(row.size));
    const kept = new Set([...lastOfHour.values(), ...keep]);
    const doomed = rows.map((row) => Number(row.size)).filter((size) => !kept.has(size));
    for (let start = 0; start < doomed.length; start += 500) {
      await this.db.deleteFrom('audit_checkpoints').where('size', 'in', doomed.slice(start, start + 500)).execute();
    }
    return doomed.length;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = await this.db.selectFrom('audit_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
    return row && toCheckpoint(row);
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    const rows = await this.db.selectFrom('audit_checkpoints').selectAll().orderBy('size').execute();
    return rows.map(toCheckpoint);
  }
}
