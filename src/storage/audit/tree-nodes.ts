import { sql, type Kysely } from 'kysely';
import type { NodeAddress } from '../../core/audit/merkle/index.ts';
import type { Schema } from '../schema.ts';

/** How many (level, idx) pairs one lookup asks for; proofs need about 2·log2(n). */
const LOOKUP_CHUNK = 100;

function key(level: number, index: number): string {
  return `${level}/${index}`;
}

/**
 * Reads stored complete nodes by address. A missing node is a broken store (or a size beyond
 * the log), so the caller is told which one.
 */
export async function readNodes(db: Kysely<Schema>, addresses: readonly NodeAddress[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  const unique = [...new Map(addresses.map((address) => [key(address.level, address.index), address])).values()];
  for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
    const chunk = unique.slice(start, start + LOOKUP_CHUNK);
    // A row-value IN list (SQLite ≥ 3.15, PostgreSQL) keeps the statement small and its plan a
    // series of primary-key probes; the text depends only on the count, so it is prepared once.
    // The casts type the parameters for PostgreSQL, which cannot infer them inside VALUES.
    const pairs = sql.join(chunk.map((address) => sql`(cast(${address.level} as integer), cast(${address.index} as bigint))`));
    const { rows } = await sql<{ level: number; idx: number | string; hash: string }>`select level, idx, hash from audit_nodes where (level, idx) in (values ${pairs})`.execute(db);
    for (const row of rows) found.set(key(Number(row.level), Number(row.idx)), Buffer.from(row.hash, 'hex'));
  }
  return found;
}

/** The hashes at the given addresses, in order; throws naming the first missing node. */
export async function nodeHashes(db: Kysely<Schema>, addresses: readonly NodeAddress[]): Promise<Uint8Array[]> {
  const found = await readNodes(db, addresses);
  return addresses.map((address) => {
    const hash = found.get(key(address.level, address.index));
    if (!hash) throw new Error(`audit tree node ${address.level}/${address.index} is missing`);
    return hash;
  });
}

export async function writeNodes(db: Kysely<Schema>, nodes: readonly { level: number; index: number; hash: Uint8Array }[]): Promise<void> {
  // 3 parameters a row: 300 rows stay far below SQLite's parameter limit.
  for (let start = 0; start < nodes.length; start += 300) {
    const values = nodes.slice(start, start + 300).map((node) => ({ level: node.level, idx: node.index, hash: Buffer.from(node.hash).toString('hex') }));
    await db.insertInto('audit_nodes').values(values).execute();
  }
}

/** The number of entries ever logged: one past the highest sequence number, archived ones included. */
export async function logSize(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('audit_entries').select(sql<number | string | null>`max(seq)`.as('last')).executeTakeFirstOrThrow();
  if (row.last !== null) return Number(row.last) + 1;
  const archived = await db.selectFrom('audit_archives').select(sql<number | string | null>`max("end")`.as('end')).executeTakeFirstOrThrow();
  return archived.end === null ? 0 : Number(archived.end);
}
