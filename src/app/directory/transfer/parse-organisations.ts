import type { ContractTerms } from '../../../core/identity/organisation.ts';
import type { OrganisationKind } from '../../../core/identity/roles.ts';
import { validateUscc } from '../../../core/pii/index.ts';
import { checkRegionCode } from '../../../core/region/region.ts';
import type { FieldError } from '../../../core/shared/domain-error.ts';
import { splitList } from '../../catalog/transfer/list-cell.ts';
import type { Table } from '../../catalog/transfer/table.ts';
import type { OrganisationInput } from '../organisation-service.ts';
import { ORGANISATION_KIND_TABLE } from './directory-labels.ts';
import { ORGANISATION_COLUMNS, type OrganisationColumnKey } from './organisation-columns.ts';
import { isBlankRow, RowCells } from './row-cells.ts';
import { shanghaiDayInstant, type DayEdge } from './shanghai-date.ts';
import { columnTexts, locateColumns } from '../../sheets/sheet-columns.ts';

/** A registered organisation's id for a USCC as written in the file; undefined when none is registered. */
export type UsccResolver = (uscc: string) => string | undefined;

export interface ParsedOrganisations {
  /** Only rows without a problem; `rows[i]` is the data-row number `inputs[i]` came from. */
  inputs: OrganisationInput[];
  rows: number[];
  errors: FieldError[];
}

type Cells = RowCells<OrganisationColumnKey>;

const CONTRACT_KEYS = ['commissionedBy', 'contractStart', 'contractEnd'] as const;

/** Checked here as well as by the service so that a file's every USCC problem is listed in one pass. */
function readUscc(cells: Cells, seen: Map<string, number>): string | undefined {
  const text = cells.required('uscc');
  if (text === undefined) return undefined;
  const check = validateUscc(text);
  if (!check.valid) {
    cells.report('uscc', 'USCC_INVALID', `统一社会信用代码无效（${check.reason}）/ invalid unified social credit code (${check.reason})`);
    return undefined;
  }
  const earlier = seen.get(check.normalized);
  if (earlier !== undefined) {
    cells.report('uscc', 'USCC_DUPLICATE', `统一社会信用代码与第 ${earlier} 行重复 / the same unified social credit code as row ${earlier}`);
    return undefined;
  }
  seen.set(check.normalized, cells.number);
  return check.normalized;
}

function readRegionCode(cells: Cells): string | undefined {
  const text = cells.required('regionCode');
  return text === undefined || checkRegionCode(text).valid ? text : cells.invalid('regionCode', 'regionCode');
}

function readDay(cells: Cells, key: 'contractStart' | 'contractEnd', edge: DayEdge): string | undefined {
  const text = cells.required(key);
  return text === undefined ? undefined : (shanghaiDayInstant(text, edge) ?? cells.invalid(key, key));
}

/**
 * Commissioning departments are named by USCC and must already be registered: departments in the
 * same file are not yet in the registry while the file is being checked, so import the
 * departments first and their contractors in a second file.
 */
function readCommissioners(cells: Cells, resolve: UsccResolver): string[] | undefined {
  const references = cells.list('commissionedBy');
  if (references === undefined) return undefined;
  if (references.length === 0) return cells.missing('commissionedBy');
  const ids = references.map((reference, index) => {
    const id = resolve(reference);
    if (id === undefined) {
      cells.report(`commissionedBy/${index}`, 'COMMISSIONER_UNKNOWN', '委托部门未登记（须先导入该部门）/ commissioning department not registered (import it first)');
    }
    return id;
  });
  return ids.every((id) => id !== undefined) ? ids : undefined;
}

/** null for anything but a contractor, which must not carry contract cells. */
function readContract(cells: Cells, kind: OrganisationKind, resolve: UsccResolver): ContractTerms | null | undefined {
  if (kind !== 'contractor') {
    for (const key of CONTRACT_KEYS) {
      if (cells.text(key) !== '') cells.report(key, 'CONTRACT_NOT_ALLOWED', `仅第三方运维机构填写${cells.column(key).zh} / only a contractor has a ${cells.column(key).en}`);
    }
    return null;
  }
  const commissionedBy = readCommissioners(cells, resolve);
  const start = readDay(cells, 'contractStart', 'start');
  const end = readDay(cells, 'contractEnd', 'end');
  return commissionedBy && start && end ? { commissionedBy, start, end } : undefined;
}

function readOrganisation(cells: Cells, seenUscc: Map<string, number>, resolve: UsccResolver): OrganisationInput | undefined {
  cells.reportStrayCells();
  const name = cells.required('name');
  const uscc = readUscc(cells, seenUscc);
  const regionCode = readRegionCode(cells);
  const kind = cells.choice('kind', ORGANISATION_KIND_TABLE);
  const duties = cells.list('duties');
  const contract = kind === undefined ? undefined : readContract(cells, kind, resolve);
  if (cells.failed || !name || !uscc || !regionCode || !kind || !duties || contract === undefined) return undefined;
  return { name, uscc, regionCode, kind, duties, contract };
}

/** Reads the organisations of a sheet already in memory; see parseOrganisations. */
export function organisationsFromTable(table: Table, resolve: UsccResolver): ParsedOrganisations {
  const located = locateColumns(table.header, ORGANISATION_COLUMNS);
  // Without its columns every row would repeat the same complaint; the header errors suffice.
  if (located.errors.length > 0) return { inputs: [], rows: [], errors: located.errors };
  const parsed: ParsedOrganisations = { inputs: [], rows: [], errors: [] };
  const seenUscc = new Map<string, number>();
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const input = readOrganisation(new RowCells(row, ORGANISATION_COLUMNS, located, parsed.errors), seenUscc, resolve);
    if (input) {
      parsed.inputs.push(input);
      parsed.rows.push(row.number);
    }
  }
  return parsed;
}

/** Every USCC the 委托部门 column names, so they can be looked up before the rows are read. */
export function commissionerReferences(table: Table): string[] {
  return [...new Set(columnTexts(table, ORGANISATION_COLUMNS, 'commissionedBy').flatMap(splitList))];
}
