import { isIP } from 'node:net';
import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import type { Credential } from '../../core/identity/person.ts';
import { validationError, type FieldError } from '../../core/shared/domain-error.ts';
import { hashToken, newToken } from '../../crypto/secrets.ts';
import { actorOf, hasRole, isInvestigator, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';

export interface CredentialInput {
  orgId: string;
  appId: string;
  allowedIps: string[];
  responsiblePersonId: string;
  contractorOrgId?: string | null | undefined;
}

const APP_ID_PATTERN = /^[a-z][a-z0-9-]{2,63}$/;

/**
 * System credentials of consumer departments (DESIGN §4). Each names a responsible person and,
 * where a contractor runs the system, that contractor (数据安全法 Art. 40). The secret is shown once.
 */
export class CredentialService {
  private readonly context: AppContext;

  constructor(context: AppContext) {
    this.context = context;
  }

  list(principal: Principal): Promise<Credential[]> {
    const everyone = hasRole(principal, 'platform_admin') || isInvestigator(principal);
    return this.context.store.read.credentials.list(everyone ? undefined : principal.org.id);
  }

  async create(principal: Principal | null, input: CredentialInput): Promise<{ credential: Credential; secret: string }> {
    if (principal) requireRole(principal, 'platform_admin');
    return this.context.store.transaction(async (repositories) => {
      const errors: FieldError[] = [];
      if (!APP_ID_PATTERN.test(input.appId)) errors.push({ path: '/appId', code: 'APP_ID_INVALID', message: '应用标识须为 3–64 位小写字母、数字或连字符 / app id: 3–64 of a-z 0-9 -' });
      input.allowedIps.forEach((ip, index) => {
        const [address, prefix] = ip.split('/');
        const family = isIP(address ?? '');
        const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
        if (family === 0 || !prefixOk) errors.push({ path: `/allowedIps/${index}`, code: 'IP_INVALID', message: '须为 IP 地址或 CIDR 网段 / must be an IP address or CIDR block' });
      });
      const organisation = await repositories.organisations.get(input.orgId);
      if (!organisation || organisation.kind !== 'department') errors.push({ path: '/orgId', code: 'CONSUMER_ORG_INVALID', message: '系统凭证只属于部门 / credentials belong to departments only' });
      const responsible = await repositories.people.get(input.responsiblePersonId);
      if (!responsible || responsible.orgId !== input.orgId) errors.push({ path: '/responsiblePersonId', code: 'RESPONSIBLE_PERSON_INVALID', message: '责任人须为本部门在册人员 / the responsible person must belong to the department' });
      if (input.contractorOrgId) {
        const contractor = await repositories.organisations.get(input.contractorOrgId);
        const now = nowIso(this.context);
        const commissioned = contractor?.kind === 'contractor' && contractor.contract !== null && contractor.contract.commissionedBy.includes(input.orgId) && contractor.contract.start <= now && now < contractor.contract.end;
        if (!commissioned) errors.push({ path: '/contractorOrgId', code: 'CONTRACTOR_NOT_COMMISSIONED', message: '运维方须受本部门委托且在合同期内 / the contractor must be commissioned by the department and within its contract' });
      }
      if (errors.length > 0) throw validationError(errors);
      const secret = newToken('cus_c', this.context.random);
      const credential: Credential = {
        id: this.context.ids.next(),
        orgId: input.orgId,
        appId: input.appId,
        allowedIps: input.allowedIps,
        responsiblePersonId: input.responsiblePersonId,
        contractorOrgId: input.contractorOrgId ?? null,
        status: 'active',
        createdAt: nowIso(this.context),
      };
      if (await repositories.credentials.getByAppId(credential.appId)) {
        throw validationError([{ path: '/appId', code: 'APP_ID_TAKEN', message: '应用标识已被使用 / app id already taken' }]);
      }
      await repositories.credentials.insert(credential, hashToken(secret));
      await repositories.audit.append({
        actor: principal ? actorOf(principal) : PROCESS_ACTOR,
        action: 'directory.credential.created',
        object: `credential:${credential.id}`,
        details: { orgId: credential.orgId, appId: credential.appId, contractorOrgId: credential.contractorOrgId },
      });
      return { credential, secret };
    });
  }
}
