import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import type { Resource } from '../../core/catalog/resource.ts';
import { subjectRegionCode } from '../../core/exchange/subject-region.ts';
import { blindIndexInput, subjectIdentifier } from '../../core/pii/subject-identifier.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';
import type { Dataset, StoredRow, TermRow } from '../../storage/repositories/datasets.ts';
import { actorOf, notFound, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';
import { checkDatasetRecord, readDataset, type DatasetFormat, type DatasetReadProgress, type DatasetSource } from '../datasets/read-dataset.ts';
import type { DataKeys } from './data-keys.ts';
import { isEncrypted, termDomain, valueContext } from './stored-form.ts';

/** Rows written per statement batch while loading. */
const CHUNK = 500;
/** Errors reported at most: enough to fix a file, not a second copy of it. */
const MAX_ERRORS = 200;

export interface LoadOutcome {
  resourceCode: string;
  version: number;
  rows: number;
  encryptedItems: string[];
}

/**
 * Hosted datasets: a provider loads the rows of its resource. Every row is checked against the
 * resource's items; a file with any bad row changes nothing. The new version is written aside
 * and put in force by one small write, so callers see the old rows or the new ones, never a mix.
 */
export class DatasetService {
  private readonly context: AppContext;
  private readonly dataKeys: DataKeys;
  private readonly loading = new Set<string>();

  constructor(context: AppContext, dataKeys: DataKeys) {
    this.context = context;
    this.dataKeys = dataKeys;
  }

  async get(principal: Principal, resourceCode: string): Promise<Dataset> {
    const dataset = await this.context.store.read.datasets.get(resourceCode);
    if (!dataset || dataset.providerOrgId !== principal.org.id) throw notFound('数据集', 'dataset');
    return dataset;
  }

  private async resourceToLoad(principal: Principal | null, resourceCode: string): Promise<Resource> {
    if (principal) requireRole(principal, 'provider_admin');
    const resource = await this.context.store.read.resources.getByCode(resourceCode);
    if (!resource || (principal && resource.providerOrgId !== principal.org.id)) throw notFound('信息资源', 'resource');
    if (resource.status === 'retired') throw new DomainError('RESOURCE_RETIRED', '资源已停用，不能加载数据 / the resource is retired; no data can be loaded');
    return resource;
  }

  /**
   * Proxy mode: the resource's data stays with the provider, whose API at `url` the gateway calls
   * with the same checks, projection, masking and records as for hosted rows. Hosted rows, if
   * any, are dropped: one resource has one source.
   */
  async useUpstream(principal: Principal | null, resourceCode: string, url: string): Promise<Dataset> {
    const resource = await this.resourceToLoad(principal, resourceCode);
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password) {
      throw validationError([{ path: '/url', code: 'UPSTREAM_URL_INVALID', message: '须为不含口令的 http(s) 地址 / must be an http(s) URL without credentials' }]);
    }
    const dataset: Dataset = { resourceCode, providerOrgId: resource.providerOrgId, mode: 'proxy', version: 0, rowCount: 0, upstreamUrl: parsed.toString(), updatedBy: principal?.person.id ?? PROCESS_ACTOR.id, updatedAt: nowIso(this.context) };
    await this.context.store.transaction(async (transaction) => {
      await transaction.datasets.save(dataset);
      await transaction.grants.bumpPolicyVersion();
      await transaction.audit.append({ actor: principal ? actorOf(principal) : PROCESS_ACTOR, action: 'exchange.dataset.proxied', object: `resource:${resourceCode}`, details: { host: parsed.host } });
    });
    await this.context.store.read.datasets.deleteOtherVersions(resourceCode, 0);
    return dataset;
  }

  /** Loads a new version from a file or bytes; `principal` null is the server's own command line. */
  async load(principal: Principal | null, resourceCode: string, source: DatasetSource, format: DatasetFormat, onProgress?: (progress: DatasetReadProgress) => void): Promise<LoadOutcome> {
    const resource = await this.resourceToLoad(principal, resourceCode);
    if (this.loading.has(resourceCode)) throw new DomainError('DATASET_LOAD_IN_PROGRESS', '该资源正在加载数据，请稍后再试 / a load of this resource is under way; try again later');
    this.loading.add(resourceCode);
    try {
      return await this.loadVersion(principal, resource, source, format, onProgress);
    } finally {
      this.loading.delete(resourceCode);
    }
  }

  private async loadVersion(principal: Principal | null, resource: Resource, source: DatasetSource, format: DatasetFormat, onProgress?: (progress: DatasetReadProgress) => void): Promise<LoadOutcome> {
    const resourceCode = resource.code;
    const repositories = this.context.store.read;
    const cipher = await this.dataKeys.cipherFor(resourceCode);
    const version = (await repositories.datasets.latestVersion(resourceCode)) + 1;
    const encrypted = resource.items.filter(isEncrypted).map((item) => item.code);
    const encryptedSet = new Set(encrypted);
    const subjectItem = resource.items.find((item) => item.subjectKey);
    if (!subjectItem) throw validationError([{ path: '/items', code: 'DATASET_SUBJECT_KEY_MISSING', message: '资源没有主体标识信息项，无法托管数据 / the resource has no subject-key item, so its rows cannot be hosted' }]);
    const errors: FieldError[] = [];
    let rowCount = 0;
    let rows: StoredRow[] = [];
    let terms: TermRow[] = [];
    const flush = async () => {
      if (errors.length === 0 && rows.length > 0) await repositories.datasets.insertRows(resourceCode, version, rows, terms);
      rows = [];
      terms = [];
    };
    try {
      for await (const record of readDataset(source, format, resource.items, onProgress)) {
        const checked = checkDatasetRecord(resource.items, record);
        if ('errors' in checked) {
          if (errors.length < MAX_ERRORS) errors.push(...checked.errors.slice(0, MAX_ERRORS - errors.length));
          continue;
        }
        rowCount += 1;
        if (errors.length > 0) continue;
        const subject = subjectIdentifier(checked.values[subjectItem.code] ?? '')!;
        const row: StoredRow = { version, rowNumber: record.row, subjectIndex: this.context.blindIndex(blindIndexInput(subject)), regionCode: subjectRegionCode(subject), plain: {}, sealed: {} };
        for (const item of resource.items) {
          const value = checked.values[item.code] ?? null;
          if (value !== null && encryptedSet.has(item.code)) row.sealed[item.code] = cipher.encrypt(value, valueContext(resourceCode, item.code, version, record.row));
          else row.plain[item.code] = value;
          if (value !== null && !item.subjectKey) terms.push({ itemCode: item.code, term: this.context.vault.keyedHash(termDomain(resourceCode, item.code), value), rowNumber: record.row });
        }
        rows.push(row);
        if (rows.length >= CHUNK) await flush();
      }
      await flush();
    } catch (error) {
      await repositories.datasets.deleteVersion(resourceCode, version);
      throw error;
    }
    if (errors.length === 0 && rowCount === 0) errors.push({ path: '/rows', code: 'DATASET_EMPTY', message: '文件没有数据行；为防误操作，不以空数据集替换现有数据 / the file has no data rows; an empty file never replaces the data in force' });
    if (errors.length > 0) {
      await repositories.datasets.deleteVersion(resourceCode, version);
      throw validationError(errors, `数据有误，未加载任何行（仅列出前 ${MAX_ERRORS} 处）/ the data has errors; no row was loaded (at most ${MAX_ERRORS} are listed)`);
    }
    await this.context.store.transaction(async (transaction) => {
      await transaction.datasets.save({ resourceCode, providerOrgId: resource.providerOrgId, mode: 'hosted', version, rowCount, upstreamUrl: null, updatedBy: principal?.person.id ?? PROCESS_ACTOR.id, updatedAt: nowIso(this.context) });
      // The gateway keeps compiled grants and datasets in memory; the counter tells every process.
      await transaction.grants.bumpPolicyVersion();
      await transaction.audit.append({
        actor: principal ? actorOf(principal) : PROCESS_ACTOR,
        action: 'exchange.dataset.loaded',
        object: `resource:${resourceCode}`,
        details: { version, rows: rowCount, format, encryptedItems: encrypted },
      });
    });
    await repositories.datasets.deleteOtherVersions(resourceCode, version);
    await repositories.datasets.analyse();
    return { resourceCode, version, rows: rowCount, encryptedItems: encrypted };
  }
}
