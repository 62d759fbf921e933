import type { Grant, GrantItem } from '../sharing/grant.ts';
import type { RowScope } from '../sharing/request.ts';
import { deny, type ExchangeDenial } from './exchange-denial.ts';

export const EXCHANGE_OPERATIONS = ['query', 'verify', 'export'] as const;
export type ExchangeOperation = (typeof EXCHANGE_OPERATIONS)[number];

/** Records a query page may hold: an API answers about a few subjects, not pages of a table. */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

/** What a call asks for, as far as the decision needs to know (never the values themselves). */
export interface ExchangeAsk {
  operation: ExchangeOperation;
  /** Items asked for; null for every granted item. */
  items: readonly string[] | null;
  /** Items named in filters or assertions. */
  conditionItems: readonly string[];
  hasSubject: boolean;
  limit: number | null;
  /** The X-Custos-Issue case number, decoded; null when absent. */
  issue: string | null;
}

/** What a permit obliges the gateway to do before anything leaves (DESIGN §3.4). */
export interface ExchangeObligations {
  /** The items to fetch and return, each with the mask the grant fixes. */
  items: GrantItem[];
  rowScope: RowScope;
  /** PIPL Art. 13(1): rows only of subjects whose consent is in force. */
  consentRequired: boolean;
  limit: number;
  /** DESIGN §5, core: each access alerts the supervisor. */
  alertEachAccess: boolean;
}

export type ExchangeDecision = { effect: 'permit'; obligations: ExchangeObligations } | ExchangeDenial;

const METHODS_ALLOWING: Record<ExchangeOperation, readonly Grant['method'][]> = {
  // 核验 answers yes or no, which every method allows; values leave only under api and dataset.
  verify: ['verification', 'api', 'dataset'],
  query: ['api', 'dataset'],
  export: ['dataset'],
};

function grantInForce(grant: Grant, now: Date): ExchangeDenial | null {
  if (grant.status === 'suspended') return deny('GRANT_SUSPENDED');
  if (grant.status === 'revoked') return deny('GRANT_REVOKED');
  const instant = now.toISOString();
  if (grant.status === 'expired' || instant >= grant.expiresAt) return deny('GRANT_EXPIRED');
  if (instant < grant.startsAt) return deny('GRANT_NOT_STARTED');
  return null;
}

function operationAllowed(grant: Grant, ask: ExchangeAsk): ExchangeDenial | null {
  if (!METHODS_ALLOWING[ask.operation].includes(grant.method)) return deny('OPERATION_NOT_GRANTED');
  // DESIGN §5: important data is never exported in bulk; the grant carries what its grade allows.
  if (ask.operation === 'export' && !grant.bulkExport) return deny('OPERATION_NOT_GRANTED');
  // "Sharing by project" hands over whole tables: an API query must say whom it is about.
  if (ask.operation === 'query' && grant.method === 'api' && !ask.hasSubject && ask.conditionItems.length === 0) return deny('SUBJECT_OR_FILTER_REQUIRED');
  return null;
}

/**
 * Step 5 of the pipeline: given the grant found for the call's purpose, whether the call may go
 * on and on what terms. Pure: the checks that need storage (credential, user, quota) come before.
 */
export function decide(grant: Grant, ask: ExchangeAsk, now: Date): ExchangeDecision {
  const refusal = grantInForce(grant, now) ?? (grant.caseNumberRequired && ask.issue === null ? deny('CASE_NUMBER_REQUIRED') : null) ?? operationAllowed(grant, ask);
  if (refusal) return refusal;
  const granted = new Map(grant.items.map((item) => [item.code, item]));
  const asked = ask.items ?? grant.items.map((item) => item.code);
  if ([...asked, ...ask.conditionItems].some((code) => !granted.has(code))) return deny('ITEM_NOT_GRANTED');
  const limit = ask.operation === 'export' ? Number.MAX_SAFE_INTEGER : Math.min(ask.limit ?? DEFAULT_PAGE, MAX_PAGE);
  return {
    effect: 'permit',
    obligations: {
      items: asked.map((code) => granted.get(code)!),
      rowScope: grant.rowScope,
      consentRequired: grant.piBasis === 'consent',
      limit,
      alertEachAccess: grant.alertEachAccess,
    },
  };
}
