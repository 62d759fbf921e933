import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import { checkPasswordStrength } from '../../core/identity/password-policy.ts';
import type { Organisation } from '../../core/identity/organisation.ts';
import type { Person, PersonStatus, PersonWithTraining } from '../../core/identity/person.ts';
import { ROLES_BY_KIND, type Role } from '../../core/identity/roles.ts';
import { checkTraining, type TrainedAction, type TrainingRecord } from '../../core/identity/training.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';
import { utcInstant } from '../../core/shared/instant.ts';
import { hashPassword } from '../../crypto/secrets.ts';
import type { Repositories } from '../../storage/store.ts';
import { collectRows, eachRow } from '../each-row.ts';
import { actorOf, hasRole, isInvestigator, notFound, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';
import { generatePassword, generateTotpSecret } from '../identity/initial-secrets.ts';
import { SealedSecrets, totpPlace, type SecretSealing } from '../sealed-secrets.ts';

export interface PersonInput {
  orgId: string;
  login: string;
  name: string;
  roles: Role[];
  /** Left out, a strong one is generated and shown once. */
  password?: string | undefined;
  training?: TrainingRecord[] | undefined;
}

/** Shown once at creation: the person's initial password and TOTP enrolment. */
export interface Enrolment {
  person: Person;
  password: string;
  totpSecret: string;
  totpUri: string;
}

const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{2,63}$/;

/**
 * Who manages a person's account. The platform admin runs accounts but holds no power to read
 * data (DESIGN §2), so it may not make investigators: people of a supervision authority are
 * enrolled and changed only by that authority's own supervisors (or by the local process, which
 * bootstraps the first of them).
 */
function requireAccountManager(principal: Principal, organisation: Organisation | undefined): void {
  if (organisation?.kind === 'supervisor') {
    if (principal.org.id !== organisation.id || !hasRole(principal, 'supervisor')) {
      throw new DomainError('FORBIDDEN', '监管部门人员只能由本部门监管人员管理 / people of a supervision authority are managed only by its own supervisors');
    }
    return;
  }
  requireRole(principal, 'platform_admin');
}

/** Training dates in their stored form (UTC), so expiry compares correctly as text. */
function utcTraining(record: TrainingRecord): TrainingRecord {
  return { course: record.course, passedAt: utcInstant(record.passedAt), expiresAt: utcInstant(record.expiresAt) };
}

/** People, their roles and training. The platform admin manages accounts but reads no data. */
export class PersonService {
  private readonly context: AppContext;
  private readonly totpSeeds: SealedSecrets;

  constructor(context: AppContext) {
    this.context = context;
    this.totpSeeds = new SealedSecrets(context, '@totp');
  }

  /** Only the person's own organisation, the platform admin and investigators see a person. */
  private canSee(principal: Principal, person: Person): boolean {
    return person.orgId === principal.org.id || hasRole(principal, 'platform_admin') || isInvestigator(principal);
  }

  async list(principal: Principal, filter: { orgId?: string | undefined; cursor?: string | undefined; limit: number }): Promise<{ people: Person[]; nextCursor: string | null }> {
    const everyone = hasRole(principal, 'platform_admin') || isInvestigator(principal);
    const orgId = everyone ? filter.orgId : principal.org.id;
    if (!everyone && filter.orgId && filter.orgId !== principal.org.id) return { people: [], nextCursor: null };
    const people = await this.context.store.read.people.list({ orgId, after: filter.cursor, limit: filter.limit + 1 });
    const page = people.slice(0, filter.limit);
    return { people: page, nextCursor: people.length > filter.limit ? page[page.length - 1]!.id : null };
  }

  async get(principal: Principal, id: string): Promise<PersonWithTraining> {
    const person = await this.context.store.read.people.get(id);
    if (!person || !this.canSee(principal, person)) throw notFound('人员', 'person');
    return { ...person, training: await this.context.store.read.people.training(id) };
  }

  async create(principal: Principal | null, input: PersonInput): Promise<Enrolment> {
    if (principal) requireAccountManager(principal, await this.context.store.read.organisations.get(input.orgId));
    const prepared = await this.prepare(input, '');
    const sealing = await this.totpSeeds.ready();
    return this.context.store.transaction((repositories) => this.insert(repositories, principal, prepared, '', sealing));
  }

  /** Bulk import: all rows or none, with every bad row reported by number. */
  async importMany(principal: Principal | null, inputs: PersonInput[]): Promise<Enrolment[]> {
    // Bulk import is the platform admin's (or the local process's); each row's organisation is
    // checked again inside, so no supervision staff arrive this way from the API.
    if (principal) requireRole(principal, 'platform_admin');
    // Hashing is slow on purpose, so it happens before the transaction; its errors are kept and
    // reported with the rows that fail inside it.
    const { results: prepared, errors } = await collectRows(inputs, async (input, path) => ({ input: await this.prepare(input, path), path }));
    const sealing = await this.totpSeeds.ready();
    return this.context.store.transaction((repositories) => eachRow(prepared, (row) => this.insert(repositories, principal, row.input, row.path, sealing), errors));
  }

  /** Checks what needs no database, and hashes the password outside any transaction (it is slow on purpose). */
  private async prepare(input: PersonInput, path: string): Promise<PersonInput & { passwordHash: string; password: string }> {
    const errors: FieldError[] = [];
    if (!LOGIN_PATTERN.test(input.login)) {
      errors.push({ path: `${path}/login`, code: 'LOGIN_INVALID', message: '登录名须为 3–64 位小写字母、数字、点、下划线或连字符，以字母开头 / login: 3–64 of a-z 0-9 . _ -, starting with a letter' });
    }
    const password = input.password ?? generatePassword(this.context.random);
    for (const problem of checkPasswordStrength(password, input.login)) errors.push({ ...problem, path: `${path}/password` });
    const training = (input.training ?? []).map((record) => utcTraining(record));
    training.forEach((record, index) => {
      if (!(record.passedAt < record.expiresAt)) errors.push({ path: `${path}/training/${index}`, code: 'TRAINING_PERIOD_INVALID', message: '培训有效期须晚于通过日期 / expiry must follow the pass date' });
    });
    if (errors.length > 0) throw validationError(errors);
    return { ...input, training, password, passwordHash: await hashPassword(password) };
  }

  /** `sealing` seals the new TOTP seed: it is needed again at every login, so it cannot be kept as a hash. */
  private async insert(repositories: Repositories, principal: Principal | null, input: PersonInput & { passwordHash: string; password: string }, path: string, sealing: SecretSealing): Promise<Enrolment> {
    const errors: FieldError[] = [];
    const organisation = await repositories.organisations.get(input.orgId);
    if (principal && organisation) requireAccountManager(principal, organisation);
    if (!organisation) errors.push({ path: `${path}/orgId`, code: 'ORGANISATION_UNKNOWN', message: '机构未登记 / organisation not registered' });
    if (organisation) {
      input.roles.forEach((role, index) => {
        if (!ROLES_BY_KIND[organisation.kind].includes(role)) {
          errors.push({ path: `${path}/roles/${index}`, code: 'ROLE_NOT_ALLOWED', message: `${organisation.kind} 类机构的人员不能担任 ${role} / ${role} is not allowed in a ${organisation.kind}` });
        }
      });
    }
    if (await repositories.people.getByLogin(input.login)) errors.push({ path: `${path}/login`, code: 'LOGIN_TAKEN', message: '登录名已被使用 / login already taken' });
    if (errors.length > 0) throw validationError(errors);

    const now = nowIso(this.context);
    const person: Person = { id: this.context.ids.next(), orgId: input.orgId, login: input.login, name: input.name, roles: [...new Set(input.roles)], status: 'active', createdAt: now, updatedAt: now };
    const totp = generateTotpSecret(this.context.random, input.login);
    await repositories.people.insert(person, { passwordHash: input.passwordHash, totpSecret: sealing.seal(totp.secret, totpPlace(person.id)), lastTotpStep: null });
    for (const record of input.training ?? []) await repositories.people.addTraining(person.id, { ...record, id: this.context.ids.next() });
    await repositories.audit.append({
      actor: principal ? actorOf(principal) : PROCESS_ACTOR,
      action: 'directory.person.created',
      object: `person:${person.id}`,
      details: { orgId: person.orgId, roles: person.roles },
    });
    return { person, password: input.password, totpSecret: totp.secret, totpUri: totp.uri };
  }

  async update(principal: Principal, id: string, changes: { name?: string | undefined; roles?: Role[] | undefined; status?: PersonStatus | undefined }): Promise<Person> {
    return this.context.store.transaction(async (repositories) => {
      const person = await repositories.people.get(id);
      if (!person) throw notFound('人员', 'person');
      const organisation = await repositories.organisations.get(person.orgId);
      requireAccountManager(principal, organisation);
      const roles = changes.roles ?? person.roles;
      const refused = roles.filter((role) => organisation && !ROLES_BY_KIND[organisation.kind].includes(role));
      if (refused.length > 0) {
        throw validationError(refused.map((role) => ({ path: `/roles/${roles.indexOf(role)}`, code: 'ROLE_NOT_ALLOWED', message: `不能担任 ${role} / ${role} is not allowed here` })));
      }
      const updated: Person = { ...person, name: changes.name ?? person.name, roles: [...new Set(roles)], status: changes.status ?? person.status, updatedAt: nowIso(this.context) };
      await repositories.people.update(updated);
      // The gateway caches who may be named as an end user: a disabled person is refused on the next call.
      await repositories.grants.bumpPolicyVersion();
      await repositories.audit.append({ actor: actorOf(principal), action: 'directory.person.updated', object: `person:${id}`, details: { roles: updated.roles, status: updated.status } });
      return updated;
    });
  }

  async addTraining(principal: Principal, personId: string, given: TrainingRecord): Promise<void> {
    const person = await this.context.store.read.people.get(personId);
    if (!person) throw notFound('人员', 'person');
    requireAccountManager(principal, await this.context.store.read.organisations.get(person.orgId));
    const record = utcTraining(given);
    if (!(record.passedAt < record.expiresAt)) {
      throw validationError([{ path: '/expiresAt', code: 'TRAINING_PERIOD_INVALID', message: '培训有效期须晚于通过日期 / expiry must follow the pass date' }]);
    }
    await this.context.store.transaction(async (repositories) => {
      await repositories.people.addTraining(personId, { ...record, id: this.context.ids.next() });
      await repositories.grants.bumpPolicyVersion();
      await repositories.audit.append({ actor: actorOf(principal), action: 'directory.training.recorded', object: `person:${personId}`, details: { course: record.course, expiresAt: record.expiresAt } });
    });
  }

  /** Refuses the action, saying why, when the person's training for it is missing or expired (DESIGN §4). */
  /** Pass the open transaction's repositories when called inside one (SQLite has one connection). */
  async requireTraining(person: Person, action: TrainedAction, repositories: Pick<Repositories, 'people'> = this.context.store.read): Promise<void> {
    const check = checkTraining(await repositories.people.training(person.id), action, this.context.clock.now());
    if (!check.ok) throw new DomainError(check.code, check.message, { details: { course: check.course, action, ...(check.expiredAt ? { expiredAt: check.expiredAt } : {}) } });
  }
}
