import { shanghaiDate } from '../core/calendar/shanghai-time.ts';
import { deny, type ExchangeDenial } from '../core/exchange/index.ts';
import type { Credential } from '../core/identity/person.ts';
import { checkTraining } from '../core/identity/training.ts';
import { mentionsPersonalNumber } from '../core/pii/mentions-personal-number.ts';
import type { Grant } from '../core/sharing/grant.ts';
import type { EndUser, ExchangeService } from '../app/exchange/exchange-service.ts';
import type { ExchangeCall } from './exchange-call.ts';
import { addressAllowed } from './source-address.ts';

export type Checked<Value> = { ok: true; value: Value } | { ok: false; denial: ExchangeDenial };

function pass<Value>(value: Value): Checked<Value> {
  return { ok: true, value };
}

function fail<Value>(code: ExchangeDenial['code']): Checked<Value> {
  return { ok: false, denial: deny(code) };
}

/** 1. The credential, by its token's hash, active, called from an allowed address, within its rate. */
export async function authenticate(call: ExchangeCall, port: ExchangeService): Promise<Checked<Credential>> {
  const credential = call.token ? await port.credential(call.token) : undefined;
  if (!credential) return fail('CREDENTIAL_INVALID');
  if (credential.status !== 'active') return fail('CREDENTIAL_SUSPENDED');
  if (port.isContained('credential', credential.id)) return fail('CREDENTIAL_CONTAINED');
  if (!addressAllowed(credential.id, credential.allowedIps, call.sourceIp)) return fail('SOURCE_IP_NOT_ALLOWED');
  if (!port.allowCall(credential.id)) return fail('RATE_LIMITED');
  return pass(credential);
}

/**
 * 2. The grant of the credential's department for this resource and the purpose the call states.
 * A grant bound to another of the department's systems does not count. Of several, an active one
 * is preferred, so that an old suspended grant does not hide a new one.
 */
export async function findGrant(call: ExchangeCall, credential: Credential, port: ExchangeService): Promise<Checked<Grant>> {
  const grants = (await port.grantsFor(credential.orgId, call.resourceCode)).filter((grant) => grant.credentialId === null || grant.credentialId === credential.id);
  if (grants.length === 0) return fail('GRANT_NOT_FOUND');
  if (!call.purpose) return fail('PURPOSE_MISSING');
  const forPurpose = grants.filter((grant) => grant.purposeCode === call.purpose);
  if (forPurpose.length === 0) return fail('PURPOSE_MISMATCH');
  const grant = forPurpose.find((candidate) => candidate.status === 'active') ?? forPurpose[0]!;
  if (port.isContained('grant', grant.id)) return fail('GRANT_CONTAINED');
  return pass(grant);
}

/**
 * 3a. The end user: a registered, active person of the consumer department, or of the contractor
 * that operates this system within its contract (数据安全法 Art. 40), with current data-security
 * training (Art. 27).
 */
export async function checkUser(call: ExchangeCall, credential: Credential, port: ExchangeService): Promise<Checked<EndUser>> {
  if (!call.user) return fail('USER_MISSING');
  const user = await port.endUser(call.user);
  if (!user) return fail('USER_UNKNOWN');
  const now = port.now();
  const instant = now.toISOString();
  const contract = user.org.contract;
  const operates =
    credential.contractorOrgId !== null &&
    user.org.id === credential.contractorOrgId &&
    contract !== null &&
    contract.commissionedBy.includes(credential.orgId) &&
    contract.start <= instant &&
    instant < contract.end;
  if (user.org.id !== credential.orgId && !operates) return fail('USER_NOT_ALLOWED');
  // The person at the keyboard uses data in that capacity: an administrator or approver of the
  // department is not thereby a user of other departments' data (GB/T 39477-2020: least privilege).
  if (!user.person.roles.includes(user.org.id === credential.orgId ? 'consumer' : 'operator')) return fail('USER_ROLE_MISSING');
  if (!checkTraining(user.person.training, 'use_data', now).ok) return fail('USER_UNTRAINED');
  return pass(user);
}

const MAX_ISSUE_LENGTH = 200;

/**
 * 3b. The case or document number, percent-encoded UTF-8 in X-Custos-Issue. It is kept in the
 * audit log, so it must not itself carry a resident ID or other personal number.
 */
export function readIssue(call: ExchangeCall): Checked<string | null> {
  if (call.issue === null || call.issue === '') return pass(null);
  let decoded: string;
  try {
    decoded = decodeURIComponent(call.issue).normalize('NFC').trim();
  } catch {
    return fail('CASE_NUMBER_INVALID');
  }
  if (decoded === '' || decoded.length > MAX_ISSUE_LENGTH || /\p{Cc}/u.test(decoded) || mentionsPersonalNumber(decoded)) return fail('CASE_NUMBER_INVALID');
  return pass(decoded);
}

/** 4. The daily quota, as last seen: an early refusal once it is used up; the commit counts exactly. */
export function checkQuota(grant: Grant, port: ExchangeService): Checked<string> {
  const day = shanghaiDate(port.now());
  if (grant.quotaPerDay !== null && port.callsToday(grant.id, day) >= grant.quotaPerDay) return fail('QUOTA_EXCEEDED');
  return pass(day);
}
