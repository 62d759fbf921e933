import type { Resource, ResourceDraft } from '../../core/catalog/resource.ts';
import type { LegalBasis } from '../../core/identity/person.ts';
import { validationError } from '../../core/shared/domain-error.ts';
import type { Principal } from '../context.ts';
import type { CatalogService } from './catalog-service.ts';
import type { CatalogFormat } from './transfer/catalog-format.ts';
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

  /** Validates every row and reports every error by row; writes nothing unless all rows pass. */
  async import(principal: Principal, bytes: Uint8Array, format: CatalogFormat): Promise<Resource[]> {
    this.catalog.requireProvider(principal);
    const { resolve } = basisResolver(await this.legalBases.list());
    const { drafts, errors } = await parseCatalog(bytes, format, resolve);
    if (errors.length > 0) throw validationError(errors, '导入文件有误，未写入任何数据 / the file has errors; nothing was written');
    return this.catalog.importMany(principal, drafts);
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
