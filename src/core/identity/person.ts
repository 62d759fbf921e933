import type { Role } from './roles.ts';
import type { TrainingRecord } from './training.ts';

export const PERSON_STATUSES = ['active', 'disabled'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export interface Person {
  id: string;
  orgId: string;
  login: string;
  name: string;
  roles: Role[];
  status: PersonStatus;
  createdAt: string;
  updatedAt: string;
}

export interface PersonWithTraining extends Person {
  training: (TrainingRecord & { id: string })[];
}

/** A system credential of a consumer department (DESIGN §4). The secret is kept only as a hash. */
export interface Credential {
  id: string;
  orgId: string;
  appId: string;
  allowedIps: string[];
  responsiblePersonId: string;
  contractorOrgId: string | null;
  status: 'active' | 'suspended' | 'revoked';
  createdAt: string;
}

export const LEGAL_BASIS_KINDS = ['law', 'administrative_regulation', 'departmental_rule', 'local_regulation', 'national_standard', 'policy'] as const;
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

/** A reference to a legal provision: law, article and a short title of our own, never copied text. */
export interface LegalBasis {
  id: string;
  law: string;
  article: string;
  title: string;
  kind: LegalBasisKind;
}
