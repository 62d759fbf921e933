import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as sharing from './0002-sharing.ts';

/** Migrations are listed in code, so a packaged install never depends on a folder scan. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-sharing': sharing,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
