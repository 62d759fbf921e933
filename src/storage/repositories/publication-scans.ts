import type { Kysely } from 'kysely';
import type { PiiType } from '../../core/pii/index.ts';
import type { Schema } from '../schema.ts';

/** What is kept of one scanned file: never its name or contents, only what identifies and sums it up. */
export interface ScannedFileRecord {
  /** SHA-256 of the file's bytes, hex: proves which file was checked without keeping it. */
  sha256: string;
  size: number;
  /** The format detected, or null when it could not be told. */
  format: string | null;
  /** Findings per type. */
  counts: Partial<Record<PiiType, number>>;
  /** The error code when the file could not be scanned. */
  errorCode: string | null;
}

/** One scan uploaded through the API by a person of a department. */
export interface PublicationScan {
  id: string;
  orgId: string;
  personId: string;
  files: ScannedFileRecord[];
  /** The types the scan was limited to; null when it looked for every type. */
  types: PiiType[] | null;
  findingCount: number;
  errorCount: number;
  released: boolean;
  releasedBy: string | null;
  releasedAt: string | null;
  createdAt: string;
}

function toScan(row: Schema['publication_scans']): PublicationScan {
  const document = JSON.parse(row.document) as { files: ScannedFileRecord[]; types: PiiType[] | null };
  return {
    id: row.id,
    orgId: row.org_id,
    personId: row.person_id,
    files: document.files,
    types: document.types,
    // pg may return integer columns as numbers or strings depending on the type; Number() settles it.
    findingCount: Number(row.finding_count),
    errorCount: Number(row.error_count),
    released: Number(row.released) === 1,
    releasedBy: row.released_by,
    releasedAt: row.released_at,
    createdAt: row.created_at,
  };
}

export class PublicationScanRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(scan: PublicationScan): Promise<void> {
    await this.db
      .insertInto('publication_scans')
      .values({
        id: scan.id,
        org_id: scan.orgId,
        person_id: scan.personId,
        finding_count: scan.findingCount,
        error_count: scan.errorCount,
        released: scan.released ? 1 : 0,
        released_by: scan.releasedBy,
        released_at: scan.releasedAt,
        document: JSON.stringify({ files: scan.files, types: scan.types }),
        created_at: scan.createdAt,
      })
      .execute();
  }

  async get(id: string): Promise<PublicationScan | undefined> {
    const row = await this.db.selectFrom('publication_scans').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toScan(row);
  }

  /** Marks a scan released, only if it is not already: true when this call released it. */
  async release(id: string, personId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('publication_scans')
      .set({ released: 1, released_by: personId, released_at: at })
      .where('id', '=', id)
      .where('released', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
