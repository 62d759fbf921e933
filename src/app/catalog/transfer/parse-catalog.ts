import type { CatalogFormat } from './catalog-format.ts';
import { readCsvTable } from './csv-table.ts';
import { decodeText } from './decode-text.ts';
import type { LegalBasisResolver, ParsedCatalog } from './parsed-catalog.ts';
import { readJsonCatalog } from './read-json-catalog.ts';
import type { Table } from './table.ts';
import { tableToDrafts } from './table-to-drafts.ts';
import { fileUnreadable } from './transfer-errors.ts';

export type { LegalBasisResolver, ParsedCatalog } from './parsed-catalog.ts';

function fromTable(table: Table | undefined, unreadable: string, resolveLegalBasis: LegalBasisResolver): ParsedCatalog {
  if (!table) return { drafts: [], origins: [], errors: [fileUnreadable(unreadable)] };
  if (table.header.every((cell) => cell !== null && cell.trim() === '')) return { drafts: [], origins: [], errors: [fileUnreadable('文件没有表头行 / the file has no header row')] };
  return tableToDrafts(table, resolveLegalBasis);
}

/**
 * Reads a 政务信息资源目录 file. Bad content never throws: every problem comes back in
 * `errors` with a `/rows/N/<field>` path, and only resources without problems are in `drafts`.
 * The catalog rules (grades, conditions…) are not checked here; run validateResourceDraft next.
 */
export async function parseCatalog(bytes: Uint8Array, format: CatalogFormat, resolveLegalBasis: LegalBasisResolver): Promise<ParsedCatalog> {
  switch (format) {
    case 'json':
      return readJsonCatalog(decodeText(bytes).text, resolveLegalBasis);
    case 'csv':
      return fromTable(readCsvTable(decodeText(bytes).text), '不是有效的 CSV 文件 / not a valid CSV file', resolveLegalBasis);
    case 'xlsx': {
      // exceljs takes about half a second to load; only a workbook import or export pays for it.
      const { readXlsxTable } = await import('./xlsx-table.ts');
      return fromTable(await readXlsxTable(bytes), '不是有效的 Excel（.xlsx）文件 / not a valid Excel (.xlsx) file', resolveLegalBasis);
    }
    default:
      throw new Error(`unsupported catalog format ${String(format satisfies never)}`);
  }
}
