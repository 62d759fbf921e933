import type { WorkingHours } from '../calendar/index.ts';
import type { OrganisationKind } from './roles.ts';

/** Under 数据安全法 Art. 40 a contractor works only for the departments that commissioned it, within its contract. */
export interface ContractTerms {
  commissionedBy: string[];
  start: string;
  end: string;
}

export interface Organisation {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
  kind: OrganisationKind;
  /** 三定职责: statutory-duty codes from the region's list. */
  duties: string[];
  workingHours: WorkingHours;
  contract: ContractTerms | null;
  createdAt: string;
  updatedAt: string;
}
