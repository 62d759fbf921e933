import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts node:sqlite's DatabaseSync to the part of better-sqlite3 that Kysely's SqliteDialect
 * uses, so the embedded default needs no native addon (SETUP-NOTES: addons would be compiled
 * against the wrong Node).
 */
/** Prepared statements kept per connection. */
const STATEMENTS_KEPT = 1000;

/** A node:sqlite statement as Kysely calls it; whether it returns rows is asked once, when prepared. */
function adapt(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...(parameters as never[])),
    run: (parameters) => {
      const result = statement.run(...(parameters as never[]));
      return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
    },
    iterate: (parameters) => statement.iterate(...(parameters as never[])) as IterableIterator<unknown>,
  };
}

export function openSqlite(path: string): { database: SqliteDatabase; raw: DatabaseSync } {
  const raw = new DatabaseSync(path);
  // WAL lets readers go on while one writer appends; NORMAL survives a killed process.
  raw.exec('PRAGMA journal_mode = WAL');
  raw.exec('PRAGMA synchronous = NORMAL');
  raw.exec('PRAGMA foreign_keys = ON');
  raw.exec('PRAGMA busy_timeout = 5000');
  // 64 MiB of page cache: index pages of a large audit log stay in memory.
  raw.exec('PRAGMA cache_size = -65536');
  // Reads through a memory map skip a system call per page: proofs touch scattered tree nodes.
  raw.exec('PRAGMA mmap_size = 1073741824');
  const cache = new Map<string, SqliteStatement>();
  const database: SqliteDatabase = {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      let prepared = cache.get(sql);
      if (prepared === undefined) {
        prepared = adapt(raw.prepare(sql));
        // When full, the one prepared longest ago goes; if still in use, it is prepared again at
        // its next use. (Inserts of many rows at once have a text for each row count, so a busy
        // server uses a few hundred texts: a thousand are kept.)
        if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value ?? '');
        cache.set(sql, prepared);
      }
      return prepared;
    },
  };
  return { database, raw };
}
