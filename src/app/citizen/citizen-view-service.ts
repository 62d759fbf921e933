import { usagePeriodOf } from '../../core/citizen/usage-period.ts';
import type { LegalBasis } from '../../core/identity/person.ts';
import { validationError, type FieldError } from '../../core/shared/domain-error.ts';
import type { Resource } from '../../core/catalog/resource.ts';
import type { Grant } from '../../core/sharing/grant.ts';
import type { AccessRecord } from '../../storage/repositories/access-records.ts';
import type { ConsentOfSubject, ConsentService } from '../sharing/consent-service.ts';
import type { AppContext } from '../context.ts';
import { citizenActor, type CitizenPrincipal } from './citizen-principal.ts';

export interface UsageQuery {
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}

/** One access to the subject's data, as Estonia's findUsage reports it: when, who, what and why. */
export interface UsageEntry {
  at: string;
  operation: string;
  /** The department that received the data. */
  department: { id: string; name: string };
  /** The department whose data it was. */
  provider: { id: string; name: string };
  resource: { code: string; name: string };
  items: { code: string; name: string }[];
  purpose: { code: string; text: string };
  legalBasis: { law: string; article: string; title: string } | null;
  /**
   * Who at the department asked, as a keyed pseudonym of the staff member (not the name): the
   * subject can cite it in a complaint, and the supervision authority can resolve it.
   */
  endUserReference: string;
}

export interface UsagePage {
  from: string | null;
  to: string;
  offset: number;
  limit: number;
  entries: UsageEntry[];
  hasMore: boolean;
}

export interface SubjectNotice {
  id: string;
  recordedAt: string;
  department: { id: string; name: string };
  resourceCode: string;
  purposeCode: string;
  itemNames: string[];
  notice:
    | { kind: 'plan'; channel: string; content: string; retention: string; contact: string }
    /** The exemption's ground only: the justification an official wrote may describe an investigation. */
    | { kind: 'exemption'; ground: string };
}

const LIST_LIMIT = 200;
/** The keyed-hash domain of end-user references: comparable with no other keyed hash. */
const END_USER_DOMAIN = 'citizen-end-user';

/**
 * The citizen view (公民查询, issue #8 §4): a data subject sees every access to its data, the
 * notices of the grants that delivered it, and its consents, and can withdraw a consent. Every
 * read is by the session's blind index, so there is no identifier a subject could change to read
 * another's record. Reading one's own access log is itself logged (PIPL Art. 45: the right to
 * consult), with counts only.
 */
export class CitizenViewService {
  private readonly context: AppContext;
  private readonly consents: ConsentService;

  constructor(context: AppContext, consents: ConsentService) {
    this.context = context;
    this.consents = consents;
  }

  async usage(principal: CitizenPrincipal, query: UsageQuery): Promise<UsagePage> {
    const now = this.context.clock.now();
    const errors: FieldError[] = [];
    const period = usagePeriodOf(query.from, query.to, now, errors);
    if (!period) throw validationError(errors);
    const { store } = this.context;
    const records = await store.read.subjectUsage.accesses({ subjectIndex: principal.subjectIndex, from: period.from, to: period.to, offset: query.offset, limit: query.limit + 1, now: now.toISOString() });
    const page = records.slice(0, query.limit);
    const entries = await this.describe(page);
    await store.auditLog.append({ actor: citizenActor(principal), action: 'citizen.usage.viewed', object: `citizen_session:${principal.sessionId}`, details: { offset: query.offset, limit: query.limit, entries: entries.length } });
    return { from: period.from, to: period.to, offset: query.offset, limit: query.limit, entries, hasMore: records.length > query.limit };
  }

  async notices(principal: CitizenPrincipal): Promise<SubjectNotice[]> {
    const recorded = await this.context.store.read.subjectUsage.notices(principal.subjectIndex, this.context.clock.now().toISOString(), LIST_LIMIT);
    const names = this.lookup((id: string) => this.context.store.read.organisations.get(id));
    const notices: SubjectNotice[] = [];
    for (const entry of recorded) {
      const department = await names(entry.consumerOrgId);
      notices.push({
        id: entry.id,
        recordedAt: entry.recordedAt,
        department: { id: entry.consumerOrgId, name: department?.name ?? '' },
        resourceCode: entry.resourceCode,
        purposeCode: entry.purposeCode,
        itemNames: entry.itemNames,
        notice: entry.notice.kind === 'plan' ? { kind: 'plan', channel: entry.notice.channel, content: entry.notice.content, retention: entry.notice.retention, contact: entry.notice.contact } : { kind: 'exemption', ground: entry.notice.ground },
      });
    }
    return notices;
  }

  async consentsOf(principal: CitizenPrincipal): Promise<(ConsentOfSubject & { department: string })[]> {
    const consents = await this.consents.ofSubject(principal.subjectIndex, LIST_LIMIT);
    const names = this.lookup((id: string) => this.context.store.read.organisations.get(id));
    const named = [];
    for (const consent of consents) named.push({ ...consent, department: (await names(consent.consumerOrgId))?.name ?? '' });
    return named;
  }

  withdrawConsent(principal: CitizenPrincipal, id: string): Promise<ConsentOfSubject> {
    return this.consents.withdrawAsSubject(citizenActor(principal), principal.subjectIndex, id);
  }

  /** Each grant, resource, department and legal basis is read once per page. */
  private async describe(records: AccessRecord[]): Promise<UsageEntry[]> {
    const read = this.context.store.read;
    const grants = this.lookup((id: string) => read.grants.get(id));
    const resources = this.lookup((code: string) => read.resources.getByCode(code));
    const organisations = this.lookup((id: string) => read.organisations.get(id));
    const bases = this.lookup((id: string) => read.legalBases.get(id));
    const entries: UsageEntry[] = [];
    for (const record of records) {
      const grant: Grant | undefined = await grants(record.grantId);
      const resource: Resource | undefined = await resources(record.resourceCode);
      const basis: LegalBasis | undefined = grant ? await bases(grant.legalBasisId) : undefined;
      const itemName = new Map(resource?.items.map((item) => [item.code, item.name]) ?? []);
      entries.push({
        at: record.at,
        operation: record.operation,
        department: { id: record.consumerOrgId, name: (await organisations(record.consumerOrgId))?.name ?? '' },
        provider: { id: record.providerOrgId, name: (await organisations(record.providerOrgId))?.name ?? '' },
        resource: { code: record.resourceCode, name: resource?.name ?? record.resourceCode },
        items: record.items.map((code) => ({ code, name: itemName.get(code) ?? code })),
        purpose: { code: record.purposeCode, text: grant?.purposeText ?? '' },
        legalBasis: basis ? { law: basis.law, article: basis.article, title: basis.title } : null,
        endUserReference: this.context.vault.keyedHash(END_USER_DOMAIN, record.personId).slice(0, 16),
      });
    }
    return entries;
  }

  private lookup<Value>(load: (key: string) => Promise<Value | undefined>): (key: string) => Promise<Value | undefined> {
    const cache = new Map<string, Promise<Value | undefined>>();
    return (key) => {
      let found = cache.get(key);
      if (!found) {
        found = load(key);
        cache.set(key, found);
      }
      return found;
    };
  }
}
