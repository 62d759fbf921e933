import type { Resource, ResourceDraft } from '../../core/catalog/resource.ts';
import type { LegalBasis } from '../../core/identity/person.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';
import { validateResourceDraft } from '../../core/catalog/validate-resource.ts';
import type { Principal } from '../context.ts';
import type { CatalogService } from './catalog-service.ts';
import type { CatalogFormat } from './transfer/catalog-format.ts';
import type { DraftOrigin } from './transfer/parsed-catalog.ts';
import { parseCatalog } from './transfer/parse-catalog.ts';
import { serialiseCatalog } from './transfer/serialise-catalog.ts';
import type { LegalBasisService } from '../directory/legal-basis-service.ts';

const EXPORT_PAGE = 200;

/** Legal bases are written as `law article` in files and resolved back by id or by that text. */
function basisResolver(bases: LegalBasis[]) {
  const byText = new Map(bases.map((basis) => [`${basis.law} ${basis.article}`.replace(/\s+/g, ''), basis.id]));
  const ids = new Set(bases.map((basis) => basis.id));
  return {
    resolve: (reference: string) => (ids.has(reference.trim()) ? reference.trim() : byText.get(reference.replace(/[《》\s]/g, ''))),
    describe: (id: string) => {
      const basis = bases.find((candidate) => candidate.id === id);
      return basis ? `${basis.law} ${basis.article}` : id;
    },
  };
}

/**
 * Errors of the n-th draft (`/rows/n/…`) moved onto the file: its first row, or for an item
 * (`/rows/n/items/i/…`) the row that item came from, so a department can find the cell.
 */
function toFileRows(errors: FieldError[], origins: DraftOrigin[]): FieldError[] {
  return errors.map((error) => {
    const match = /^\/rows\/(\d+)(?:\/items\/(\d+))?(.*)$/.exec(error.path);
    const origin = match ? origins[Number(match[1]) - 1] : undefined;
    if (!match || !origin) return error;
    const itemRow = match[2] !== undefined ? origin.itemRows?.[Number(match[2])] : undefined;
    if (itemRow !== undefined) return { ...error, path: `/rows/${itemRow}${match[3]}` };
    return { ...error, path: `/rows/${origin.row}${match[2] !== undefined ? `/items/${match[2]}` : ''}${match[3]}` };
  });
}

function draftOf(resource: Resource): ResourceDraft {
  const { code, classificationCode, name, summary, format, items, sharing, openType, updateCycle, relatedCodes } = resource;
  return { code, classificationCode, name, summary, format, items, sharing, openType, updateCycle, relatedCodes };
}

/** Catalog import and export in JSON, CSV (UTF-8 or GB18030) and XLSX. */
export class CatalogTransferService {
  private readonly catalog: CatalogService;
  private readonly legalBases: LegalBasisService;

  constructor(catalog: CatalogService, legalBases: LegalBasisService) {
    this.catalog = catalog;
    this.legalBases = legalBases;
  }

  /**
   * Validates every row and reports every error by the file's own row numbers, the cell errors
   * and the catalog rules together; writes nothing unless all rows pass.
   */
  async import(principal: Principal, bytes: Uint8Array, format: CatalogFormat): Promise<Resource[]> {
    this.catalog.requireProvider(principal);
    const { resolve } = basisResolver(await this.legalBases.list());
    const { drafts, origins, errors } = await parseCatalog(bytes, format, resolve);
    if (errors.length > 0) {
      // Rule errors of the resources that did read are reported now too, not in a second round.
      const ruleErrors = drafts.flatMap((draft, index) => validateResourceDraft(draft).map((error) => ({ ...error, path: `/rows/${index + 1}${error.path}` })));
      throw validationError([...errors, ...toFileRows(ruleErrors, origins)], '导入文件有误，未写入任何数据 / the file has errors; nothing was written');
    }
    try {
      return await this.catalog.importMany(principal, drafts);
    } catch (error) {
      if (error instanceof DomainError && error.details?.errors) throw validationError(toFileRows(error.details.errors, origins), error.message);
      throw error;
    }
  }

  /** Everything the principal may see: published entries and its own drafts. */
  async export(principal: Principal, format: CatalogFormat): Promise<{ bytes: Uint8Array; count: number }> {
    const { describe } = basisResolver(await this.legalBases.list());
    const resources: Resource[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.search(principal, { limit: EXPORT_PAGE, before: cursor });
      resources.push(...page.resources);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const bytes = await serialiseCatalog(resources.reverse().map(draftOf), format, describe);
    return { bytes, count: resources.length };
  }
}
