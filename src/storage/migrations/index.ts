import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as sharing from './0002-sharing.ts';
import * as publication from './0003-publication.ts';
import * as exchange from './0004-exchange.ts';
import * as defence from './0005-defence.ts';
import * as bulletins from './0006-bulletins.ts';
import * as complaints from './0008-complaints.ts';
import * as cases from './0007-cases.ts';
import * as citizen from './0010-citizen.ts';
import * as leakTraces from './0009-leak-traces.ts';
import * as complaintTexts from './0011-complaint-texts.ts';

/** Migrations are listed in code, so a packaged install never depends on a folder scan. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-sharing': sharing,
  '0003-publication': publication,
  '0004-exchange': exchange,
  '0005-defence': defence,
  '0006-bulletins': bulletins,
  '0007-cases': cases,
  '0008-complaints': complaints,
  '0009-leak-traces': leakTraces,
  '0010-citizen': citizen,
  '0011-complaint-texts': complaintTexts,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
