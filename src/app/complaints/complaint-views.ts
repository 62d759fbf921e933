import type { Actor } from '../../core/audit/audit-log.ts';
import type { CaseSourceKind } from '../../core/accountability/case.ts';
import type { Complaint, ComplaintCategory, ComplaintKind, ComplaintOutcome, ComplaintReward, ComplaintStanding, ComplaintStatus, Remedy, RewardDecision } from '../../core/complaints/index.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Principal } from '../context.ts';

/** A filer has no account: filings are recorded as anonymous, whether or not they left a contact. */
export const ANONYMOUS_FILER: Actor = { type: 'anonymous', id: 'anonymous', org: null };

/** Who handles the complaint, by name: what the filer is told (issue #8, "victims don't know where to turn"). */
export interface Handling {
  supervisionAuthority: { id: string; name: string };
  department: { id: string; name: string } | null;
}

/** What the filer gets on filing; the query code is in it this once. */
export interface ComplaintReceipt {
  trackingNumber: string;
  queryCode: string;
  kind: ComplaintKind;
  status: ComplaintStatus;
  filedAt: string;
  acknowledgeBy: string;
  answerBy: string;
  handling: Handling;
  remedies: Remedy[];
}

/** What the filer sees on a lookup: the progress and the answer, not their own words back. */
export interface ComplaintStatusView {
  trackingNumber: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  status: ComplaintStatus;
  filedAt: string;
  acknowledgeBy: string;
  answerBy: string;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  outcome: ComplaintOutcome | null;
  answer: string | null;
  caseOpened: boolean;
  reward: { decision: RewardDecision; amountYuan: number } | null;
  handling: Handling;
  remedies: Remedy[];
}

/** A complaint as staff see it; `contact` and `reward` only for the authority. */
export type ComplaintView = Omit<Complaint, 'contact' | 'reward'> & {
  contact?: string | null;
  reward?: ComplaintReward | null;
  handling: Handling;
  standing: ComplaintStanding;
};

/** What a complaint gives the case it opens. */
export interface CaseFilingFromComplaint {
  source: { kind: Extract<CaseSourceKind, 'complaint'>; id: string };
  title: string;
  facts: string;
  /** Audit seqs of the complaint's filing and answer. */
  evidence: number[];
}

/** Opens an accountability case inside the caller's transaction (the case service's `fileIn`), returning its id. */
export type CaseOpener = (repositories: Repositories, principal: Principal, filing: CaseFilingFromComplaint) => Promise<string>;
