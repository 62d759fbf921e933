import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation.ts';

/** Migrations are listed in code, so a packaged install never depends on a folder scan. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
