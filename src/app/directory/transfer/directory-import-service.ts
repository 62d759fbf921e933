import type { Organisation } from '../../../core/identity/organisation.ts';
import { normalizeUscc } from '../../../core/pii/index.ts';
import { validationError, type FieldError } from '../../../core/shared/domain-error.ts';
import type { Table } from '../../catalog/transfer/table.ts';
import { requireRole, type Principal } from '../../context.ts';
import type { OrganisationService } from '../organisation-service.ts';
import type { Enrolment, PersonService } from '../person-service.ts';
import type { DirectoryFormat } from './directory-format.ts';
import { ORGANISATION_FIELD_RENAMES, PERSON_FIELD_RENAMES, withFileRows } from './file-row-errors.ts';
import { idsByReference, idsByUscc, type OrganisationLookup } from './organisation-lookup.ts';
import { commissionerReferences, organisationsFromTable } from './parse-organisations.ts';
import { organisationReferences, peopleFromTable } from './parse-people.ts';
import { readSheet } from './read-sheet.ts';

/** Reports the stage an import is in: `done` of `total` stages, and what is happening. */
export type ImportProgress = (done: number, total: number, label: string) => void;

const STAGES = 3;

function refused(errors: FieldError[]): Error {
  return validationError(errors, '导入文件有误，未写入任何数据 / the file has errors; nothing was written');
}

/**
 * Day-one registration of a region's departments and people from a spreadsheet. Each import is
 * all or nothing: the file is read and checked first, then the directory service checks every
 * row against the registry inside one transaction. Either stage's problems come out as one
 * VALIDATION_FAILED listing every row's errors by file row. Service checks run only on a file
 * that read cleanly, since running them means writing (and rolling back only on failure).
 */
export class DirectoryImportService {
  private readonly organisations: OrganisationService;
  private readonly people: PersonService;
  private readonly lookup: OrganisationLookup;

  constructor(organisations: OrganisationService, people: PersonService, lookup: OrganisationLookup) {
    this.organisations = organisations;
    this.people = people;
    this.lookup = lookup;
  }

  /** Checked before reading the file, so a caller without the role learns nothing about the registry. */
  private static authorise(principal: Principal | null): void {
    if (principal) requireRole(principal, 'platform_admin');
  }

  private static async table(bytes: Uint8Array, format: DirectoryFormat, progress: ImportProgress): Promise<Table> {
    progress(0, STAGES, '读取文件 / reading the file');
    const sheet = await readSheet(bytes, format);
    if (!sheet.table) throw refused(sheet.errors);
    return sheet.table;
  }

  async importOrganisations(principal: Principal | null, bytes: Uint8Array, format: DirectoryFormat, progress: ImportProgress = () => {}): Promise<Organisation[]> {
    DirectoryImportService.authorise(principal);
    const table = await DirectoryImportService.table(bytes, format, progress);
    progress(1, STAGES, `校验 ${table.rows.length} 行 / checking ${table.rows.length} rows`);
    const commissioners = await idsByUscc(this.lookup, commissionerReferences(table));
    const parsed = organisationsFromTable(table, (uscc) => commissioners.get(normalizeUscc(uscc)));
    if (parsed.errors.length > 0) throw refused(parsed.errors);
    progress(2, STAGES, `写入 ${parsed.inputs.length} 个机构 / registering ${parsed.inputs.length} organisations`);
    let created: Organisation[];
    try {
      created = await this.organisations.importMany(principal, parsed.inputs);
    } catch (error) {
      throw withFileRows(error, parsed.rows, ORGANISATION_FIELD_RENAMES);
    }
    progress(STAGES, STAGES, '完成 / done');
    return created;
  }

  /** The enrolments carry one-time passwords and TOTP secrets: the caller must hand them over once, safely. */
  async importPeople(principal: Principal | null, bytes: Uint8Array, format: DirectoryFormat, progress: ImportProgress = () => {}): Promise<Enrolment[]> {
    DirectoryImportService.authorise(principal);
    const table = await DirectoryImportService.table(bytes, format, progress);
    progress(1, STAGES, `校验 ${table.rows.length} 行 / checking ${table.rows.length} rows`);
    const organisations = await idsByReference(this.lookup, organisationReferences(table));
    const parsed = peopleFromTable(table, (reference) => organisations.get(reference));
    if (parsed.errors.length > 0) throw refused(parsed.errors);
    // Hashing each generated password is slow on purpose, so this stage takes most of the time.
    progress(2, STAGES, `生成密码并写入 ${parsed.inputs.length} 人 / enrolling ${parsed.inputs.length} people`);
    let enrolments: Enrolment[];
    try {
      enrolments = await this.people.importMany(principal, parsed.inputs);
    } catch (error) {
      throw withFileRows(error, parsed.rows, PERSON_FIELD_RENAMES);
    }
    progress(STAGES, STAGES, '完成 / done');
    return enrolments;
  }
}
