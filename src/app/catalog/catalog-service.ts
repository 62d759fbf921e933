import { highestGrade, type Grade } from '../../core/catalog/grade.ts';
import { highestPiClass, type Resource, type ResourceDraft, type ResourceStatus } from '../../core/catalog/resource.ts';
import { suggestClassification, type ClassificationSuggestion, type ItemSample } from '../../core/catalog/suggest-classification.ts';
import { itemsBelowFloor, loweredItems, removedFlooredItems, validateResourceDraft } from '../../core/catalog/validate-resource.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';
import type { ResourceSearch, ResourceVersion } from '../../storage/repositories/resources.ts';
import type { Repositories } from '../../storage/store.ts';
import { eachRow } from '../each-row.ts';
import { actorOf, isInvestigator, notFound, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';
import type { PersonService } from '../directory/person-service.ts';

export type CatalogQuery = Omit<ResourceSearch, 'viewerOrgId' | 'seesAll'>;

export interface CatalogPage {
  resources: Resource[];
  nextCursor: string | null;
}

/** Told, inside the transaction, when a published resource's grades change. */
export type RegradeListener = (repositories: Repositories, resource: Resource, principal: Principal) => Promise<void>;

export interface RegradeInput {
  grades: Record<string, Grade>;
  reason?: string | undefined;
}

/**
 * The resource catalog of the 政务数据共享条例: providers register and publish resources,
 * supervisors raise grades, everyone finds published entries. Every change is a new version.
 */
export class CatalogService {
  private readonly context: AppContext;
  private readonly people: PersonService;
  private readonly regraded: RegradeListener;

  constructor(context: AppContext, people: PersonService, regraded: RegradeListener) {
    this.context = context;
    this.people = people;
    this.regraded = regraded;
  }

  private canSee(principal: Principal, resource: Resource): boolean {
    return resource.status === 'published' || resource.providerOrgId === principal.org.id || isInvestigator(principal);
  }

  async get(principal: Principal, code: string): Promise<Resource> {
    const resource = await this.context.store.read.resources.getByCode(code);
    if (!resource || !this.canSee(principal, resource)) throw notFound('信息资源', 'resource');
    return resource;
  }

  async search(principal: Principal, query: CatalogQuery): Promise<CatalogPage> {
    const resources = await this.context.store.read.resources.search({ ...query, limit: query.limit + 1, viewerOrgId: principal.org.id, seesAll: isInvestigator(principal) });
    const page = resources.slice(0, query.limit);
    return { resources: page, nextCursor: resources.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async versions(principal: Principal, code: string): Promise<ResourceVersion[]> {
    const resource = await this.get(principal, code);
    const versions = await this.context.store.read.resources.versions(resource.id);
    // Another department sees the published history only, never a provider's unpublished drafts.
    return this.canSeeDrafts(principal, resource) ? versions : versions.filter((version) => version.status !== 'draft');
  }

  private canSeeDrafts(principal: Principal, resource: Resource): boolean {
    return resource.providerOrgId === principal.org.id || isInvestigator(principal);
  }

  suggest(items: ItemSample[]): ClassificationSuggestion[] {
    return items.map((item) => suggestClassification(item));
  }

  /** Only a department's provider admin registers resources; checked before any file is read. */
  requireProvider(principal: Principal): void {
    requireRole(principal, 'provider_admin');
    if (principal.org.kind !== 'department') throw new DomainError('FORBIDDEN', '仅部门可登记信息资源 / only departments register resources');
  }

  /** The catalog rules plus what only storage knows: registered legal bases and a free code. */
  private async check(repositories: Repositories, draft: ResourceDraft, path: string, batchCodes: ReadonlySet<string> = new Set()): Promise<FieldError[]> {
    const errors = validateResourceDraft(draft).map((error) => ({ ...error, path: `${path}${error.path}` }));
    for (const [index, related] of draft.relatedCodes.entries()) {
      if (related !== draft.code && !batchCodes.has(related) && !(await repositories.resources.getByCode(related))) {
        errors.push({ path: `${path}/relatedCodes/${index}`, code: 'RELATED_CODE_UNKNOWN', message: '关联资源代码未登记 / no resource has this code' });
      }
    }
    const cited = [...draft.sharing.legalBasisIds, ...draft.sharing.conditions.flatMap((condition) => condition.legalBasisIds)];
    const known = await repositories.legalBases.existing([...new Set(cited)]);
    draft.sharing.legalBasisIds.forEach((id, index) => {
      if (!known.has(id)) errors.push({ path: `${path}/sharing/legalBasisIds/${index}`, code: 'LEGAL_BASIS_UNKNOWN', message: '法律依据未登记 / legal basis not registered' });
    });
    draft.sharing.conditions.forEach((condition, conditionIndex) =>
      condition.legalBasisIds.forEach((id, index) => {
        if (!known.has(id)) errors.push({ path: `${path}/sharing/conditions/${conditionIndex}/legalBasisIds/${index}`, code: 'LEGAL_BASIS_UNKNOWN', message: '法律依据未登记 / legal basis not registered' });
      }),
    );
    return errors;
  }

  private derive(draft: ResourceDraft): Pick<Resource, 'grade' | 'piClass'> {
    return { grade: highestGrade(draft.items.map((item) => item.grade)), piClass: highestPiClass(draft.items) };
  }

  async create(principal: Principal, draft: ResourceDraft): Promise<Resource> {
    this.requireProvider(principal);
    return this.context.store.transaction((repositories) => this.insert(repositories, principal, draft, ''));
  }

  private async insert(repositories: Repositories, principal: Principal, draft: ResourceDraft, path: string, batchCodes?: ReadonlySet<string>): Promise<Resource> {
    const errors = await this.check(repositories, draft, path, batchCodes);
    if (await repositories.resources.getByCode(draft.code)) errors.push({ path: `${path}/code`, code: 'RESOURCE_CODE_TAKEN', message: '资源代码已被使用 / resource code already taken' });
    if (errors.length > 0) throw validationError(errors);
    const now = nowIso(this.context);
    const resource: Resource = {
      ...draft,
      ...this.derive(draft),
      id: this.context.ids.next(),
      providerOrgId: principal.org.id,
      status: 'draft',
      version: 1,
      gradeFloors: {},
      publishDate: null,
      createdAt: now,
      updatedAt: now,
    };
    await repositories.resources.insert(resource);
    await this.record(repositories, principal, resource, 'catalog.resource.created', '创建草稿 / draft created', {});
    return resource;
  }

  /** Bulk import of drafts: every row checked, every error reported by row, all or nothing. */
  async importMany(principal: Principal, drafts: ResourceDraft[]): Promise<Resource[]> {
    this.requireProvider(principal);
    // Resources of one file may relate to each other.
    const batchCodes = new Set(drafts.map((draft) => draft.code));
    return this.context.store.transaction((repositories) => eachRow(drafts, (draft, path) => this.insert(repositories, principal, draft, path, batchCodes)));
  }

  private async owned(repositories: Repositories, principal: Principal, code: string): Promise<Resource> {
    const resource = await repositories.resources.getByCode(code);
    // Another department's resource answers as absent, whether published or not.
    if (!resource || resource.providerOrgId !== principal.org.id) throw notFound('信息资源', 'resource');
    return resource;
  }

  /**
   * Saves a change as a new version. Lowering any item's grade needs a reason and is recorded
   * as such; a supervisor's raised grade cannot be undone by the provider (就高从严, 动态更新).
   */
  async update(principal: Principal, code: string, draft: ResourceDraft, gradeChangeReason?: string): Promise<Resource> {
    this.requireProvider(principal);
    return this.context.store.transaction(async (repositories) => {
      const current = await this.owned(repositories, principal, code);
      if (current.status === 'retired') throw new DomainError('RESOURCE_RETIRED', '资源已停用，不能修改 / the resource is retired');
      const errors = await this.check(repositories, draft, '');
      if (draft.code !== current.code) errors.push({ path: '/code', code: 'RESOURCE_CODE_IMMUTABLE', message: '资源代码不可修改 / the resource code cannot change' });
      const belowFloor = itemsBelowFloor(draft, current.gradeFloors);
      belowFloor.forEach((itemCode) => errors.push({ path: `/items/${draft.items.findIndex((item) => item.code === itemCode)}/grade`, code: 'GRADE_BELOW_FLOOR', message: '不得低于监管部门核定的分级 / below the grade the supervisor set' }));
      // A lowering is any item graded down, or an item the supervisor raised being dropped.
      const lowered = [...loweredItems(current, draft), ...removedFlooredItems(draft, current.gradeFloors)];
      if (lowered.length > 0 && !gradeChangeReason?.trim()) {
        errors.push({ path: '/gradeChangeReason', code: 'GRADE_LOWERING_NEEDS_REASON', message: '降低分级或删除经监管核定分级的信息项须说明理由 / lowering a grade, or dropping an item the supervisor graded, needs a reason' });
      }
      if (errors.length > 0) throw validationError(errors);
      const updated: Resource = { ...current, ...draft, ...this.derive(draft), version: current.version + 1, updatedAt: nowIso(this.context) };
      await repositories.resources.update(updated);
      await this.record(repositories, principal, updated, 'catalog.resource.updated', gradeChangeReason ?? '修改 / updated', { loweredItems: lowered });
      if (gradesChanged(current, updated)) await this.regraded(repositories, updated, principal);
      if (lowered.length > 0) {
        await repositories.audit.append({ actor: actorOf(principal), action: 'catalog.resource.grade_lowered', object: `resource:${updated.code}`, details: { items: lowered, reason: gradeChangeReason, version: updated.version } });
      }
      return updated;
    });
  }

  async publish(principal: Principal, code: string): Promise<Resource> {
    this.requireProvider(principal);
    return this.transition(principal, code, 'published', ['draft'], 'catalog.resource.published', '发布 / published');
  }

  async retire(principal: Principal, code: string): Promise<Resource> {
    this.requireProvider(principal);
    return this.transition(principal, code, 'retired', ['draft', 'published'], 'catalog.resource.retired', '停用 / retired');
  }

  private transition(principal: Principal, code: string, to: ResourceStatus, from: ResourceStatus[], action: string, note: string): Promise<Resource> {
    return this.context.store.transaction(async (repositories) => {
      const current = await this.owned(repositories, principal, code);
      if (!from.includes(current.status)) {
        throw new DomainError('RESOURCE_STATUS_CONFLICT', `当前状态为 ${current.status}，不能变为 ${to} / cannot go from ${current.status} to ${to}`);
      }
      const now = nowIso(this.context);
      const updated: Resource = { ...current, status: to, version: current.version + 1, updatedAt: now, publishDate: to === 'published' ? now.slice(0, 10) : current.publishDate };
      await repositories.resources.update(updated);
      await this.record(repositories, principal, updated, action, note, {});
      return updated;
    });
  }

  /**
   * A supervisor re-grades items (GB/T 43697 动态更新). Raising needs no reason and becomes a
   * floor the provider cannot go below; lowering needs a reason and is recorded as a lowering.
   */
  async regrade(principal: Principal, code: string, input: RegradeInput): Promise<Resource> {
    requireRole(principal, 'supervisor');
    if (principal.org.kind !== 'supervisor') throw new DomainError('FORBIDDEN', '仅监管部门可调整分级 / only the supervision authority re-grades');
    await this.people.requireTraining(principal.person, 'supervise');
    return this.context.store.transaction(async (repositories) => {
      const current = await repositories.resources.getByCode(code);
      if (!current) throw notFound('信息资源', 'resource');
      await this.requireSupervisorOf(repositories, principal, current.providerOrgId);
      const errors: FieldError[] = [];
      for (const itemCode of Object.keys(input.grades)) {
        if (!current.items.some((item) => item.code === itemCode)) errors.push({ path: `/grades/${itemCode}`, code: 'ITEM_UNKNOWN', message: '信息项不存在 / no such item' });
      }
      const items = current.items.map((item) => ({ ...item, grade: input.grades[item.code] ?? item.grade }));
      const draft: ResourceDraft = { ...current, items };
      const lowered = loweredItems(current, draft);
      if (lowered.length > 0 && !input.reason?.trim()) errors.push({ path: '/reason', code: 'GRADE_LOWERING_NEEDS_REASON', message: '降低分级须说明理由 / lowering a grade needs a reason' });
      errors.push(...validateResourceDraft(draft));
      if (errors.length > 0) throw validationError(errors);
      const floors = { ...current.gradeFloors };
      for (const [itemCode, grade] of Object.entries(input.grades)) floors[itemCode] = grade;
      const updated: Resource = { ...current, items, ...this.derive(draft), gradeFloors: floors, version: current.version + 1, updatedAt: nowIso(this.context) };
      await repositories.resources.update(updated);
      await this.record(repositories, principal, updated, lowered.length > 0 ? 'catalog.resource.grade_lowered' : 'catalog.resource.regraded', input.reason ?? '监管调整分级 / re-graded by the supervisor', {
        grades: input.grades,
        loweredItems: lowered,
      });
      if (gradesChanged(current, updated)) await this.regraded(repositories, updated, principal);
      return updated;
    });
  }

  /**
   * Only the supervision authority configured for the provider's region, or for a region above
   * it, re-grades that provider's resources (provinces differ in who supervises, DESIGN §2).
   */
  private async requireSupervisorOf(repositories: Repositories, principal: Principal, providerOrgId: string): Promise<void> {
    const provider = await repositories.organisations.get(providerOrgId);
    let regionCode: string | null = provider?.regionCode ?? null;
    while (regionCode !== null) {
      const region = await repositories.regions.get(regionCode);
      if (!region) break;
      if (region.supervisorOrgId === principal.org.id) return;
      regionCode = region.parentCode;
    }
    throw new DomainError('FORBIDDEN', '仅本行政区划的监管部门可调整分级 / only the supervision authority of the provider’s region re-grades');
  }

  /** Every change: a version row and one audit event, in the same transaction. */
  private async record(repositories: Repositories, principal: Principal, resource: Resource, action: string, note: string, details: Record<string, unknown>): Promise<void> {
    const now = nowIso(this.context);
    await repositories.resources.addVersion({ version: resource.version, status: resource.status, resource, changedBy: principal.person.id, changedAt: now, note });
    await repositories.audit.append({
      actor: actorOf(principal),
      action,
      object: `resource:${resource.code}`,
      details: { version: resource.version, status: resource.status, grade: resource.grade, ...details },
    });
  }
}

/** Whether any item's grade differs between two versions of a resource. */
function gradesChanged(before: Pick<Resource, 'items'>, after: Pick<Resource, 'items'>): boolean {
  const grades = new Map(before.items.map((item) => [item.code, item.grade]));
  return after.items.some((item) => grades.has(item.code) && grades.get(item.code) !== item.grade);
}
