/*
 * Attribution (责任认定, issue #8 §2): explainable rules that propose who is responsible for data
 * that left, from facts read out of the audit entries in evidence. Each proposal names its rule,
 * the parties and the reasons, with the seqs behind them; the investigator confirms or changes it
 * with a reason. The rules only propose: responsibility is decided by a person (PIPL Art. 69
 * presumes fault, and the party may still rebut it in its statement).
 */

export const ATTRIBUTION_RULES = ['consumer-credential', 'beyond-scope', 'contractor-end-user', 'overdue-alert'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

export const PARTY_ROLES = ['consumer', 'credential-holder', 'end-user', 'provider', 'approver', 'contractor', 'commissioning-department', 'supervisor'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_KINDS = ['organisation', 'person'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** A party to a case: an organisation or a person, with the role it is held in. */
export interface Responsible {
  kind: PartyKind;
  id: string;
  role: PartyRole;
}

export interface Reason {
  zh: string;
  en: string;
}

export interface AttributionProposal {
  rule: AttributionRule;
  parties: Responsible[];
  reasons: Reason[];
  /** The audit seqs the proposal rests on. */
  evidence: number[];
}

/** A permitted gateway call, as its audit entry records it (exchange.*.permitted). */
export interface ExchangeFact {
  seq: number;
  grantId: string;
  credentialId: string;
  consumerOrgId: string;
  /** The named end user (X-Custos-User). */
  personId: string | null;
  contractorOrgId: string | null;
  records: number;
  items: string[];
  /** Division codes of the subjects answered, with counts. */
  regions: Record<string, number>;
}

export interface GrantFact {
  id: string;
  consumerOrgId: string;
  providerOrgId: string;
  items: string[];
  /** Division codes the grant's row scope allows; null for the whole table. */
  regionCodes: string[] | null;
  /** Who widened the grant beyond the defaults (a weaker mask approved with a justification). */
  widenedBy: { orgId: string; personId: string | null } | null;
}

export interface CredentialFact {
  id: string;
  orgId: string;
  responsiblePersonId: string;
}

export interface PersonFact {
  id: string;
  orgId: string;
  orgKind: string;
}

export interface ContractorFact {
  orgId: string;
  commissionedBy: string[];
}

/** An alert the supervision authority left past its deadline (alert.escalated). */
export interface OverdueAlertFact {
  seq: number;
  alertId: string;
  assigneeOrgId: string | null;
  delayMinutes: number;
}

export interface AttributionFacts {
  /** The authority that supervises the region, answerable for its own delays. */
  supervisorOrgId: string;
  exchanges: ExchangeFact[];
  grants: GrantFact[];
  credentials: CredentialFact[];
  people: PersonFact[];
  contractors: ContractorFact[];
  overdueAlerts: OverdueAlertFact[];
}

function add(parties: Responsible[], party: Responsible): void {
  if (!parties.some((known) => known.kind === party.kind && known.id === party.id && known.role === party.role)) parties.push(party);
}

function sum(exchanges: readonly ExchangeFact[]): number {
  return exchanges.reduce((total, exchange) => total + exchange.records, 0);
}

function groupBy<Key>(exchanges: readonly ExchangeFact[], key: (exchange: ExchangeFact) => Key): Map<Key, ExchangeFact[]> {
  const groups = new Map<Key, ExchangeFact[]>();
  for (const exchange of exchanges) {
    const group = groups.get(key(exchange)) ?? [];
    group.push(exchange);
    groups.set(key(exchange), group);
  }
  return groups;
}

/** Data left through a consumer's credential: the consumer department, the credential's responsible person and the named end users. */
function consumerCredential(facts: AttributionFacts): AttributionProposal[] {
  const proposals: AttributionProposal[] = [];
  for (const [credentialId, calls] of groupBy(facts.exchanges, (exchange) => exchange.credentialId)) {
    const credential = facts.credentials.find((candidate) => candidate.id === credentialId);
    const orgId = credential?.orgId ?? calls[0]!.consumerOrgId;
    const parties: Responsible[] = [{ kind: 'organisation', id: orgId, role: 'consumer' }];
    const reasons: Reason[] = [
      {
        zh: `${calls.length} 次调用经使用部门的系统凭证 ${credentialId} 共获取 ${sum(calls)} 条记录（《数据安全法》第二十七条：使用部门对其系统负数据安全保护义务）`,
        en: `${calls.length} calls through the consumer's credential ${credentialId} received ${sum(calls)} records (DSL Art. 27: the consumer protects the data its systems receive)`,
      },
    ];
    if (credential) {
      add(parties, { kind: 'person', id: credential.responsiblePersonId, role: 'credential-holder' });
      reasons.push({ zh: `该凭证登记的责任人为 ${credential.responsiblePersonId}`, en: `the credential's responsible person is ${credential.responsiblePersonId}` });
    }
    const users = [...new Set(calls.map((call) => call.personId).filter((id): id is string => id !== null))];
    for (const personId of users) add(parties, { kind: 'person', id: personId, role: 'end-user' });
    if (users.length > 0) reasons.push({ zh: `调用所署最终用户：${users.join('、')}`, en: `the end users named on the calls: ${users.join(', ')}` });
    proposals.push({ rule: 'consumer-credential', parties, reasons, evidence: calls.map((call) => call.seq) });
  }
  return proposals;
}

function outsideGrant(exchange: ExchangeFact, grant: GrantFact): { items: string[]; regions: string[] } {
  const items = exchange.items.filter((item) => !grant.items.includes(item));
  const allowed = grant.regionCodes;
  const regions = allowed === null ? [] : Object.keys(exchange.regions).filter((code) => !allowed.some((scope) => code.startsWith(scope)));
  return { items, regions };
}

/** Data left beyond a grant's scope: the provider that answered it, or the approver who widened the scope. */
function beyondScope(facts: AttributionFacts): AttributionProposal[] {
  const proposals: AttributionProposal[] = [];
  for (const [grantId, calls] of groupBy(facts.exchanges, (exchange) => exchange.grantId)) {
    const grant = facts.grants.find((candidate) => candidate.id === grantId);
    if (!grant) continue;
    const parties: Responsible[] = [];
    const reasons: Reason[] = [];
    const beyond = calls.filter((call) => {
      const outside = outsideGrant(call, grant);
      return outside.items.length > 0 || outside.regions.length > 0;
    });
    if (beyond.length > 0) {
      add(parties, { kind: 'organisation', id: grant.providerOrgId, role: 'provider' });
      reasons.push({ zh: `${beyond.length} 次应答超出授权的信息项或地域范围，由提供部门交付`, en: `${beyond.length} answers went beyond the grant's items or regions, delivered by the provider` });
    }
    if (grant.widenedBy) {
      add(parties, { kind: 'organisation', id: grant.widenedBy.orgId, role: 'provider' });
      if (grant.widenedBy.personId) add(parties, { kind: 'person', id: grant.widenedBy.personId, role: 'approver' });
      reasons.push({
        zh: `授权 ${grant.id} 经审批放宽至弱于默认的脱敏方式，数据据此流出（《数据安全法》第二十一条：按分级采取保护措施）`,
        en: `grant ${grant.id} was approved with masks weaker than the defaults, and the data left under them (DSL Art. 21: protection by grade)`,
      });
    }
    if (parties.length > 0) proposals.push({ rule: 'beyond-scope', parties, reasons, evidence: (beyond.length > 0 ? beyond : calls).map((call) => call.seq) });
  }
  return proposals;
}

/** Contractor staff as the end user: the contractor and the department that commissioned it (DSL Art. 40). */
function contractorEndUser(facts: AttributionFacts): AttributionProposal[] {
  const proposals: AttributionProposal[] = [];
  const byContractor = groupBy(
    facts.exchanges.filter((exchange) => facts.people.some((person) => person.id === exchange.personId && person.orgKind === 'contractor')),
    (exchange) => facts.people.find((person) => person.id === exchange.personId)!.orgId,
  );
  for (const [contractorOrgId, calls] of byContractor) {
    const contract = facts.contractors.find((candidate) => candidate.orgId === contractorOrgId);
    const parties: Responsible[] = [{ kind: 'organisation', id: contractorOrgId, role: 'contractor' }];
    for (const call of calls) {
      const commissioned = contract === undefined || contract.commissionedBy.includes(call.consumerOrgId);
      if (commissioned) add(parties, { kind: 'organisation', id: call.consumerOrgId, role: 'commissioning-department' });
      if (call.personId) add(parties, { kind: 'person', id: call.personId, role: 'end-user' });
    }
    proposals.push({
      rule: 'contractor-end-user',
      parties,
      reasons: [
        {
          zh: `${calls.length} 次调用的最终用户为受托方 ${contractorOrgId} 的人员；受托方与委托部门共同承担数据安全责任（《数据安全法》第四十条）`,
          en: `the end user of ${calls.length} calls is staff of the contractor ${contractorOrgId}; the contractor and the commissioning department answer together (DSL Art. 40)`,
        },
      ],
      evidence: calls.map((call) => call.seq),
    });
  }
  return proposals;
}

/** An alert left past its deadline: the supervision authority itself (DSL Art. 6, its duty to supervise). */
function overdueAlert(facts: AttributionFacts): AttributionProposal[] {
  return facts.overdueAlerts.map((alert) => ({
    rule: 'overdue-alert' as const,
    parties: [{ kind: 'organisation' as const, id: alert.assigneeOrgId ?? facts.supervisorOrgId, role: 'supervisor' as const }],
    reasons: [
      {
        zh: `告警 ${alert.alertId} 逾期 ${alert.delayMinutes} 分钟未处置，由负责的监管机构承担责任（《数据安全法》第六条）`,
        en: `alert ${alert.alertId} was left ${alert.delayMinutes} minutes past its deadline; the supervision authority answers for it (DSL Art. 6)`,
      },
    ],
    evidence: [alert.seq],
  }));
}

const RULES: Record<AttributionRule, (facts: AttributionFacts) => AttributionProposal[]> = {
  'consumer-credential': consumerCredential,
  'beyond-scope': beyondScope,
  'contractor-end-user': contractorEndUser,
  'overdue-alert': overdueAlert,
};

/** Every rule's proposals, in the order of ATTRIBUTION_RULES. */
export function proposeAttribution(facts: AttributionFacts): AttributionProposal[] {
  return ATTRIBUTION_RULES.flatMap((rule) => RULES[rule](facts));
}

/** The parties of the chosen proposals, each party once per role. */
export function partiesOf(proposals: readonly AttributionProposal[]): Responsible[] {
  const parties: Responsible[] = [];
  for (const proposal of proposals) for (const party of proposal.parties) add(parties, party);
  return parties;
}
