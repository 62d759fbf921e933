import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from '../../src/main/runtime.ts';

/**
 * Everything the database holds, as bytes someone with file or database access could read: on
 * SQLite the main file and its write-ahead log (committed rows are in one or the other), on
 * PostgreSQL a `pg_dump` of the runtime's schema. For tests that no plaintext is stored.
 */
export function rawDatabaseBytes(runtime: Runtime): { name: string; bytes: Buffer }[] {
  if (runtime.database.dialect === 'sqlite') {
    const { dataDir } = runtime.config;
    const files = readdirSync(dataDir).filter((file) => file.startsWith('custos.db'));
    if (!files.includes('custos.db')) throw new Error(`no custos.db in ${dataDir}`);
    return files.map((file) => ({ name: file, bytes: readFileSync(join(dataDir, file)) }));
  }
  const pgDump = execFileSync('bash', ['-c', 'ls /usr/lib/postgresql/*/bin/pg_dump | sort -V | tail -n 1'], { encoding: 'utf8' }).trim();
  return [{ name: 'pg_dump', bytes: execFileSync(pgDump, ['--schema', runtime.database.schema!, runtime.config.databaseUrl!], { maxBuffer: 256 * 1024 * 1024 }) }];
}
