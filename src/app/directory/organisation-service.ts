import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from '../../core/calendar/index.ts';
import type { ContractTerms, Organisation } from '../../core/identity/organisation.ts';
import type { OrganisationKind } from '../../core/identity/roles.ts';
import { validateUscc } from '../../core/pii/index.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';
import { utcInstant } from '../../core/shared/instant.ts';
import type { Repositories } from '../../storage/store.ts';
import { eachRow } from '../each-row.ts';
import { actorOf, notFound, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';

export interface OrganisationInput {
  name: string;
  uscc: string;
  regionCode: string;
  kind: OrganisationKind;
  duties?: string[] | undefined;
  workingHours?: WorkingHours | undefined;
  contract?: ContractTerms | null | undefined;
}

export interface OrganisationPage {
  organisations: Organisation[];
  nextCursor: string | null;
}

/** Organisations: departments, supervision authorities, contractors and the platform operator. */
export class OrganisationService {
  private readonly context: AppContext;

  constructor(context: AppContext) {
    this.context = context;
  }

  async list(filter: { regionCode?: string | undefined; kind?: OrganisationKind | undefined; cursor?: string | undefined; limit: number }): Promise<OrganisationPage> {
    const organisations = await this.context.store.read.organisations.list({ regionCode: filter.regionCode, kind: filter.kind, after: filter.cursor, limit: filter.limit + 1 });
    const more = organisations.length > filter.limit;
    const page = organisations.slice(0, filter.limit);
    return { organisations: page, nextCursor: more ? page[page.length - 1]!.id : null };
  }

  async get(id: string): Promise<Organisation> {
    const organisation = await this.context.store.read.organisations.get(id);
    if (!organisation) throw notFound('机构', 'organisation');
    return organisation;
  }

  /** Validates every field against the registry, gathering all errors before refusing. */
  private async check(repositories: Repositories, input: OrganisationInput, path = ''): Promise<{ uscc: string; workingHours: WorkingHours }> {
    const errors: FieldError[] = [];
    const uscc = validateUscc(input.uscc);
    if (!uscc.valid) errors.push({ path: `${path}/uscc`, code: 'USCC_INVALID', message: `统一社会信用代码无效（${uscc.reason}）/ invalid unified social credit code (${uscc.reason})` });
    const region = await repositories.regions.get(input.regionCode);
    if (!region) errors.push({ path: `${path}/regionCode`, code: 'REGION_UNKNOWN', message: '行政区划未登记 / region not registered' });
    if (region && input.duties && input.duties.length > 0) {
      const known = new Set((await repositories.regions.duties(region.code)).map((duty) => duty.code));
      input.duties.forEach((duty, index) => {
        if (!known.has(duty)) errors.push({ path: `${path}/duties/${index}`, code: 'DUTY_UNKNOWN', message: '职责代码不在本区划职责清单中 / duty code not in the region list' });
      });
    }
    if (input.contract) input.contract = { ...input.contract, start: utcInstant(input.contract.start, `${path}/contract/start`), end: utcInstant(input.contract.end, `${path}/contract/end`) };
    if (input.kind === 'contractor') {
      if (!input.contract) {
        errors.push({ path: `${path}/contract`, code: 'CONTRACT_REQUIRED', message: '第三方运维机构须登记委托部门和合同期限 / a contractor needs its commissioning departments and contract period' });
      } else {
        errors.push(...(await this.checkContract(repositories, input.contract, `${path}/contract`)));
      }
    } else if (input.contract) {
      errors.push({ path: `${path}/contract`, code: 'CONTRACT_NOT_ALLOWED', message: '仅第三方运维机构有委托合同 / only contractors carry a contract' });
    }
    let workingHours = DEFAULT_WORKING_HOURS;
    if (input.workingHours) {
      try {
        workingHours = parseWorkingHours(input.workingHours);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push({ path: `${path}/workingHours`, code: error.code, message: error.message });
      }
    }
    if (errors.length > 0 || !uscc.valid) throw validationError(errors);
    return { uscc: uscc.normalized, workingHours };
  }

  private async checkContract(repositories: Repositories, contract: ContractTerms, path: string): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (!(Date.parse(contract.start) < Date.parse(contract.end))) {
      errors.push({ path: `${path}/end`, code: 'CONTRACT_PERIOD_INVALID', message: '合同结束日期须晚于开始日期 / the contract must end after it starts' });
    }
    if (contract.commissionedBy.length === 0) errors.push({ path: `${path}/commissionedBy`, code: 'COMMISSIONER_REQUIRED', message: '须至少一个委托部门 / at least one commissioning department' });
    const found = await repositories.organisations.list({ ids: contract.commissionedBy, limit: contract.commissionedBy.length });
    contract.commissionedBy.forEach((id, index) => {
      if (!found.some((organisation) => organisation.id === id && organisation.kind === 'department')) {
        errors.push({ path: `${path}/commissionedBy/${index}`, code: 'COMMISSIONER_UNKNOWN', message: '委托方须为已登记的部门 / must be a registered department' });
      }
    });
    return errors;
  }

  async create(principal: Principal | null, input: OrganisationInput): Promise<Organisation> {
    if (principal) requireRole(principal, 'platform_admin');
    return this.context.store.transaction((repositories) => this.insert(repositories, principal, input, ''));
  }

  /**
   * Bulk import: every row is checked and every bad row reported by number; one bad row
   * rolls the whole batch back, so nothing is half-imported.
   */
  async importMany(principal: Principal | null, inputs: OrganisationInput[]): Promise<Organisation[]> {
    if (principal) requireRole(principal, 'platform_admin');
    return this.context.store.transaction((repositories) => eachRow(inputs, (input, path) => this.insert(repositories, principal, input, path)));
  }

  private async insert(repositories: Repositories, principal: Principal | null, input: OrganisationInput, path: string): Promise<Organisation> {
    const { uscc, workingHours } = await this.check(repositories, input, path);
    if (await repositories.organisations.getByUscc(uscc)) {
      throw validationError([{ path: `${path}/uscc`, code: 'USCC_TAKEN', message: '该统一社会信用代码已登记 / this unified social credit code is already registered' }]);
    }
    const now = nowIso(this.context);
    const organisation: Organisation = {
      id: this.context.ids.next(),
      name: input.name,
      uscc,
      regionCode: input.regionCode,
      kind: input.kind,
      duties: input.duties ?? [],
      workingHours,
      contract: input.contract ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await repositories.organisations.insert(organisation);
    await repositories.audit.append({
      actor: principal ? actorOf(principal) : PROCESS_ACTOR,
      action: 'directory.organisation.created',
      object: `organisation:${organisation.id}`,
      details: { kind: organisation.kind, regionCode: organisation.regionCode },
    });
    return organisation;
  }

  async update(principal: Principal, id: string, changes: Partial<Omit<OrganisationInput, 'kind' | 'uscc' | 'regionCode'>>): Promise<Organisation> {
    requireRole(principal, 'platform_admin');
    return this.context.store.transaction(async (repositories) => {
      const current = await repositories.organisations.get(id);
      if (!current) throw notFound('机构', 'organisation');
      const merged: OrganisationInput = {
        name: changes.name ?? current.name,
        uscc: current.uscc,
        regionCode: current.regionCode,
        kind: current.kind,
        duties: changes.duties ?? current.duties,
        workingHours: changes.workingHours ?? current.workingHours,
        contract: changes.contract === undefined ? current.contract : changes.contract,
      };
      const { workingHours } = await this.check(repositories, merged);
      const updated: Organisation = { ...current, name: merged.name, duties: merged.duties ?? [], workingHours, contract: merged.contract ?? null, updatedAt: nowIso(this.context) };
      await repositories.organisations.update(updated);
      await repositories.audit.append({ actor: actorOf(principal), action: 'directory.organisation.updated', object: `organisation:${id}`, details: { fields: Object.keys(changes) } });
      return updated;
    });
  }
}
