import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts node:sqlite's DatabaseSync to the part of better-sqlite3 that Kysely's SqliteDialect
 * uses, so the embedded default needs no native addon (SETUP-NOTES: addons would be compiled
 * against the wrong Node).
 */
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
  const cache = new Map<string, StatementSync>();
  const database: SqliteDatabase = {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (!statement) {
        statement = raw.prepare(sql);
        if (cache.size > 500) cache.clear();
        cache.set(sql, statement);
      }
      const prepared = statement;
      return {
        reader: prepared.columns().length > 0,
        all: (parameters) => prepared.all(...(parameters as never[])),
        run: (parameters) => {
          const result = prepared.run(...(parameters as never[]));
          return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
        },
        iterate: (parameters) => prepared.iterate(...(parameters as never[])) as IterableIterator<unknown>,
      };
    },
  };
  return { database, raw };
}
