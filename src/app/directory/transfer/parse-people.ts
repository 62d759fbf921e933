import type { Role } from '../../../core/identity/roles.ts';
import type { TrainingRecord } from '../../../core/identity/training.ts';
import type { FieldError } from '../../../core/shared/domain-error.ts';
import type { Table } from '../../catalog/transfer/table.ts';
import type { PersonInput } from '../person-service.ts';
import { COURSE_TABLE, ROLE_TABLE } from './directory-labels.ts';
import { PERSON_COLUMNS, type PersonColumnKey } from './person-columns.ts';
import { isBlankRow, RowCells } from './row-cells.ts';
import { shanghaiDayInstant, type DayEdge } from './shanghai-date.ts';
import { columnTexts, locateColumns } from '../../sheets/sheet-columns.ts';

/**
 * A registered organisation's id for what the 所属机构 cell says (its USCC or its exact name);
 * undefined when none, or when a name is shared by several organisations and so names none.
 */
export type OrganisationResolver = (reference: string) => string | undefined;

export interface ParsedPeople {
  /** Only rows without a problem; `rows[i]` is the data-row number `inputs[i]` came from. */
  inputs: PersonInput[];
  rows: number[];
  errors: FieldError[];
}

type Cells = RowCells<PersonColumnKey>;

/** Caught here because the service would only say the second login is "taken", not by which row. */
function readLogin(cells: Cells, seen: Map<string, number>): string | undefined {
  const login = cells.required('login');
  if (login === undefined) return undefined;
  const earlier = seen.get(login);
  if (earlier !== undefined) {
    cells.report('login', 'LOGIN_DUPLICATE', `登录名与第 ${earlier} 行重复 / the same login as row ${earlier}`);
    return undefined;
  }
  seen.set(login, cells.number);
  return login;
}

function readOrganisation(cells: Cells, resolve: OrganisationResolver): string | undefined {
  const reference = cells.required('org');
  if (reference === undefined) return undefined;
  const id = resolve(reference);
  if (id === undefined) {
    cells.report('org', 'ORGANISATION_UNKNOWN', '所属机构未登记，或有多个机构同名（请改填统一社会信用代码）/ organisation not registered, or several share the name (give its USCC)');
  }
  return id;
}

function readRoles(cells: Cells): Role[] | undefined {
  const roles = cells.choices('roles', ROLE_TABLE);
  return roles?.length === 0 ? cells.missing('roles') : roles;
}

function readDays(cells: Cells, key: 'passedAt' | 'expiresAt', texts: readonly string[], edge: DayEdge): (string | undefined)[] {
  return texts.map((text, index) => shanghaiDayInstant(text, edge) ?? cells.invalid(`${key}/${index}`, key));
}

/** The training lists are read position by position, so each must have one entry per course. */
function readTraining(cells: Cells): TrainingRecord[] | undefined {
  const courseTexts = cells.list('course');
  const passTexts = cells.list('passedAt');
  const expiryTexts = cells.list('expiresAt');
  if (!courseTexts || !passTexts || !expiryTexts) return undefined;
  let aligned = true;
  for (const [key, texts] of [['passedAt', passTexts], ['expiresAt', expiryTexts]] as const) {
    if (texts.length === courseTexts.length) continue;
    cells.report(key, 'VALUE_INVALID', `${cells.column(key).zh}须与培训课程逐一对应 / give one ${cells.column(key).en} entry per course`);
    aligned = false;
  }
  if (!aligned) return undefined;
  const courses = cells.choices('course', COURSE_TABLE);
  const passed = readDays(cells, 'passedAt', passTexts, 'start');
  const expires = readDays(cells, 'expiresAt', expiryTexts, 'end');
  if (!courses) return undefined;
  const records: TrainingRecord[] = [];
  for (const [index, course] of courses.entries()) {
    const passedAt = passed[index];
    const expiresAt = expires[index];
    if (passedAt === undefined || expiresAt === undefined) return undefined;
    records.push({ course, passedAt, expiresAt });
  }
  return records;
}

function readPerson(cells: Cells, seenLogins: Map<string, number>, resolve: OrganisationResolver): PersonInput | undefined {
  cells.reportStrayCells();
  const login = readLogin(cells, seenLogins);
  const name = cells.required('name');
  const orgId = readOrganisation(cells, resolve);
  const roles = readRoles(cells);
  const training = readTraining(cells);
  if (cells.failed || !login || !name || !orgId || !roles || !training) return undefined;
  // Passwords are never read from a file: the service generates each one and shows it once.
  return { login, name, orgId, roles, training };
}

/** Reads the people of a sheet already in memory; see parsePeople. */
export function peopleFromTable(table: Table, resolve: OrganisationResolver): ParsedPeople {
  const located = locateColumns(table.header, PERSON_COLUMNS);
  // Without its columns every row would repeat the same complaint; the header errors suffice.
  if (located.errors.length > 0) return { inputs: [], rows: [], errors: located.errors };
  const parsed: ParsedPeople = { inputs: [], rows: [], errors: [] };
  const seenLogins = new Map<string, number>();
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const input = readPerson(new RowCells(row, PERSON_COLUMNS, located, parsed.errors), seenLogins, resolve);
    if (input) {
      parsed.inputs.push(input);
      parsed.rows.push(row.number);
    }
  }
  return parsed;
}

/** Every distinct 所属机构 reference, so they can be looked up before the rows are read. */
export function organisationReferences(table: Table): string[] {
  return [...new Set(columnTexts(table, PERSON_COLUMNS, 'org'))];
}
