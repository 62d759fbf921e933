import type { ResourceDraft } from '../../../core/catalog/resource.ts';
import type { CatalogFormat } from './catalog-format.ts';
import { COLUMNS } from './columns.ts';
import { writeCsvTable } from './csv-table.ts';
import { draftsToTable, type LegalBasisDescriber } from './drafts-to-table.ts';
import { plainDraft } from './plain-draft.ts';

export type { LegalBasisDescriber } from './drafts-to-table.ts';

/**
 * Writes a catalog file that parseCatalog reads back to the same drafts. JSON keeps legal-basis
 * ids (it is the machine format); CSV and XLSX write Chinese labels and describeLegalBasis's
 * references, for people editing the sheet.
 */
export async function serialiseCatalog(resources: readonly ResourceDraft[], format: CatalogFormat, describeLegalBasis: LegalBasisDescriber): Promise<Uint8Array> {
  switch (format) {
    case 'json':
      return new TextEncoder().encode(`${JSON.stringify({ resources: resources.map(plainDraft) }, null, 2)}\n`);
    case 'csv':
      return writeCsvTable(draftsToTable(resources, describeLegalBasis));
    case 'xlsx': {
      // exceljs takes about half a second to load; only a workbook import or export pays for it.
      const { writeXlsxTable } = await import('./xlsx-table.ts');
      const conditions = COLUMNS.findIndex((column) => column.key === 'conditions');
      return writeXlsxTable(draftsToTable(resources, describeLegalBasis), [conditions]);
    }
    default:
      throw new Error(`unsupported catalog format ${String(format satisfies never)}`);
  }
}
