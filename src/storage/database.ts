import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.ts';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import type { Schema } from './schema.ts';
import { openSqlite } from './sqlite-database.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** A PostgreSQL schema to live in; tests give each suite its own. */
  schema?: string | undefined;
}

export interface Database {
  readonly dialect: Dialect;
  readonly db: Kysely<Schema>;
  /** Where the data lives, for messages: a file path or the PostgreSQL host (never the password). */
  readonly location: string;
  /** The PostgreSQL schema in use, when not the default. */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'custos.db';

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    return openPostgres(options.databaseUrl, options.schema);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, SQLITE_FILE);
  const { database } = openSqlite(path);
  const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database }) });
  return { dialect: 'sqlite', db, location: path, close: () => db.destroy() };
}

function openPostgres(url: string, schema: string | undefined): Database {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name');
  // The search path is a startup parameter of each connection, so no query can run before it.
  const pool = new pg.Pool({ connectionString: url, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // 64-bit integers (bigint, count) arrive as strings from pg; our sequence numbers fit in a double.
  pg.types.setTypeParser(20, (value) => Number(value));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return { dialect: 'postgres', db, schema, location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`, close: () => db.destroy() };
}

export interface MigrationOutcome {
  applied: string[];
  error?: unknown;
}

/** Brings the schema up to date. Returns what it applied; an expected failure is a value. */
export async function migrateToLatest(database: Database): Promise<MigrationOutcome> {
  // Kysely looks for its bookkeeping tables by name across schemas unless told which schema.
  const migrator = new Migrator({ db: database.db, provider: migrationProvider, ...(database.schema ? { migrationTableSchema: database.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  return error === undefined ? { applied } : { applied, error };
}

/** True when the database already holds a migrated Custos schema. */
export async function isInitialised(database: Database): Promise<boolean> {
  try {
    await sql`select 1 from regions limit 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
