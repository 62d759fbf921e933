/**
 * bench/detect: a seeded stream of synthetic detection events with a realistic mix, made on the
 * fly so that 5,000,000 events never sit in memory at once.
 *
 * The shape: `principals` principals, of which 90 % people, 9 % system credentials and 1 %
 * departments (each credential belongs to a department, each person uses one credential, one
 * in twenty people is contractor staff). Over `days` days from a Monday, traffic follows
 * office hours in Asia/Shanghai (evenings, nights and weekends are quieter but not silent).
 * Per event: 95.5 % permitted calls, 4 % denials (a sixth without a valid credential, from a
 * pool of scanning addresses), 0.5 % administrative acts. Calls: single-subject lookups, not
 * found, multi-subject queries, large pages and exports of up to 500 listed subjects; grades
 * from general-1 to a rare core resource; case numbers from general-4 up; quotas from general-3
 * up; subjects mostly from the consumer's own county, some from the province, a few from
 * elsewhere. Subjects are drawn from a pool of 200,000 people, each delivered as a new hex string
 * as the gateway would make it. Same seed, same stream.
 */
import type { AccessEvent, DetectionEvent } from '../../src/core/detection/index.ts';
import type { Grade } from '../../src/core/catalog/grade.ts';
import { mulberry32 } from '../../src/core/shared/mulberry32.ts';

export interface StreamShape {
  principals: number;
  events: number;
  days: number;
  seed: number;
}

const HOUR = 3_600_000;
/** Monday 2 March 2026, 00:00 in Shanghai. */
const START = Date.UTC(2026, 2, 1, 16, 0);
const SUBJECT_POOL = 200_000;
const GRANTS_PER_CREDENTIAL = 6;
const RESOURCES = 60;
const COUNTIES = ['330102', '330105', '330106', '330108', '330109', '330110', '330111', '330112', '330113', '330114'];
const ELSEWHERE = ['110101', '310104', '320102', '340104', '350102', '360102', '410102', '440305', '510104', '610102'];
const DENIAL_CODES = ['GRANT_NOT_FOUND', 'ITEM_NOT_GRANTED', 'PURPOSE_MISMATCH', 'QUOTA_EXCEEDED', 'RATE_LIMITED', 'USER_UNTRAINED'];
const ADMIN_ACTIONS = ['sharing.approve', 'grant.suspend', 'resource.publish', 'person.update', 'credential.rotate'];
const ITEMS = ['name', 'resident_id', 'address', 'phone', 'birth_date', 'marital_status', 'household', 'employer', 'income', 'benefit_type', 'vehicle', 'property'];


/** Office hours weigh 1; evenings, nights and weekends much less. */
function hourWeight(hour: number): number {
  const weekday = Math.floor(hour / 24) % 7;
  const hourOfDay = hour % 24;
  if (weekday >= 5) return hourOfDay >= 9 && hourOfDay < 18 ? 0.06 : 0.01;
  if ((hourOfDay >= 8 && hourOfDay < 12) || (hourOfDay >= 13 && hourOfDay < 18)) return 1;
  if (hourOfDay >= 18 && hourOfDay < 22) return 0.08;
  return 0.015;
}

interface Resource {
  code: string;
  grade: Grade;
  items: string[];
  purpose: string;
}

export class SyntheticStream {
  readonly persons: number;
  readonly credentials: number;
  readonly organisations: number;
  private readonly shape: StreamShape;
  private readonly random: () => number;
  /** SUBJECT_POOL blind indexes of 32 bytes: the people the stream's subjects are drawn from. */
  private readonly subjects: Buffer;
  private readonly grantUse: Int32Array;
  /*
   * Ids and addresses come from pools, one string each, as in the gateway, which takes them from
   * the credential, person and grant it resolved (cached objects), not from new text each call.
   */
  private readonly personIds: string[];
  private readonly credentialIds: string[];
  private readonly organisationIds: string[];
  private readonly credentialAddresses: string[];
  private readonly scanningAddresses: string[];
  private readonly grantIds: string[];
  private readonly caseNumbers: string[];
  private readonly resources: Resource[];
  private readonly cumulative: Float64Array;
  private readonly hours: number;
  private index = 0;
  private hour = 0;
  private day = -1;

  constructor(shape: StreamShape) {
    this.shape = shape;
    this.random = mulberry32(shape.seed);
    this.organisations = Math.max(1, Math.round(shape.principals * 0.01));
    this.credentials = Math.max(1, Math.round(shape.principals * 0.09));
    this.persons = Math.max(1, shape.principals - this.organisations - this.credentials);
    this.subjects = Buffer.alloc(SUBJECT_POOL * 32);
    for (let index = 0; index < this.subjects.length; index += 1) this.subjects[index] = Math.floor(this.random() * 256);
    this.personIds = Array.from({ length: this.persons }, (_, person) => `person-${person}`);
    this.credentialIds = Array.from({ length: this.credentials }, (_, credential) => `credential-${credential}`);
    this.organisationIds = Array.from({ length: this.organisations }, (_, organisation) => `org-${organisation}`);
    this.credentialAddresses = Array.from({ length: this.credentials * 2 }, (_, address) => `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`);
    this.scanningAddresses = Array.from({ length: 2000 }, (_, address) => `203.0.${address >> 8}.${address & 255}`);
    this.grantIds = Array.from({ length: this.credentials * GRANTS_PER_CREDENTIAL }, (_, grant) => `grant-${grant}`);
    this.grantUse = new Int32Array(this.credentials * GRANTS_PER_CREDENTIAL);
    this.caseNumbers = Array.from({ length: 5000 }, (_, number) => `（2026）浙0102刑初${number}号`);
    const grades: Grade[] = ['general-1', 'general-2', 'general-2', 'general-3', 'general-3', 'general-4', 'important'];
    this.resources = Array.from({ length: RESOURCES }, (_, resource) => ({
      code: `RES-${String(resource).padStart(3, '0')}`,
      grade: resource === 0 ? 'core' : grades[resource % grades.length]!,
      items: ITEMS.slice(resource % 5, (resource % 5) + 3 + (resource % 4)),
      purpose: `P${String(resource % 12).padStart(2, '0')}`,
    }));
    this.hours = shape.days * 24;
    this.cumulative = new Float64Array(this.hours);
    let total = 0;
    for (let hour = 0; hour < this.hours; hour += 1) this.cumulative[hour] = total += hourWeight(hour);
  }

  /** The next event; events are in seq and time order. */
  next(): DetectionEvent {
    const random = this.random;
    const index = this.index++;
    const seq = index + 1;
    const at = this.instant(index);
    const day = Math.floor((at - START) / (24 * HOUR));
    if (day !== this.day) {
      this.day = day;
      this.grantUse.fill(0);
    }
    // People are not equally busy: a mild skew towards the low indexes.
    const person = Math.floor(this.persons * random() ** 1.3);
    const credential = person % this.credentials;
    const organisation = credential % this.organisations;
    const kind = random();
    if (kind < 0.04) {
      const scanning = random() < 0.16;
      return {
        kind: 'denial',
        seq,
        at,
        credentialId: scanning ? null : this.credentialIds[credential]!,
        orgId: scanning ? null : this.organisationIds[organisation]!,
        personId: scanning ? null : this.personIds[person]!,
        ip: scanning ? this.scanningAddresses[Math.floor(random() * 2000)]! : this.credentialAddresses[credential * 2]!,
        code: scanning ? 'CREDENTIAL_INVALID' : DENIAL_CODES[Math.floor(random() * DENIAL_CODES.length)]!,
        resourceCode: scanning ? null : this.resources[Math.floor(random() * RESOURCES)]!.code,
      };
    }
    if (kind < 0.045) {
      return { kind: 'admin', seq, at, actorId: this.personIds[person]!, orgId: this.organisationIds[organisation]!, action: ADMIN_ACTIONS[Math.floor(random() * ADMIN_ACTIONS.length)]! };
    }
    return this.access(seq, at, person, credential, organisation);
  }

  private access(seq: number, at: number, person: number, credential: number, organisation: number): AccessEvent {
    const random = this.random;
    const grantSlot = Math.floor(random() * GRANTS_PER_CREDENTIAL);
    const grant = credential * GRANTS_PER_CREDENTIAL + grantSlot;
    // The core resource is granted to few and used rarely.
    let resourceIndex = (credential * 7 + grantSlot * 13) % RESOURCES;
    if (resourceIndex === 0 && random() < 0.9) resourceIndex = 1;
    const resource = this.resources[resourceIndex]!;
    const region = COUNTIES[organisation % COUNTIES.length]!;

    const shape = random();
    let count: number;
    let records: number;
    let bulk = false;
    if (shape < 0.08) count = records = 0;
    else if (shape < 0.83) count = records = 1;
    else if (shape < 0.98) count = records = 2 + Math.floor(random() * 19);
    else if (shape < 0.995) count = records = 50 + Math.floor(random() * 51);
    else {
      bulk = true;
      count = 500;
      records = 500 + Math.floor(random() * 19_500);
    }
    const subjects = new Array<string>(count);
    const subjectRegions: Array<[string, number]> = [];
    for (let subject = 0; subject < count; subject += 1) {
      // A new string for each subject, as the gateway hex-encodes each HMAC it computes.
      const offset = Math.floor(random() * SUBJECT_POOL) * 32;
      subjects[subject] = this.subjects.toString('hex', offset, offset + 32);
      const where = random();
      const code = where < 0.85 ? region : where < 0.95 ? COUNTIES[Math.floor(random() * COUNTIES.length)]! : ELSEWHERE[Math.floor(random() * ELSEWHERE.length)]!;
      const known = subjectRegions.find((pair) => pair[0] === code);
      if (known) known[1] += 1;
      else subjectRegions.push([code, 1]);
    }
    const quotaLimit = resource.grade === 'general-1' || resource.grade === 'general-2' ? 0 : 400;
    const used = quotaLimit > 0 ? ++this.grantUse[grant]! : 0;
    const needsCase = resource.grade === 'general-4' || resource.grade === 'important' || resource.grade === 'core';
    return {
      kind: 'access',
      seq,
      at,
      credentialId: this.credentialIds[credential]!,
      orgId: this.organisationIds[organisation]!,
      orgRegion: region,
      personId: this.personIds[person]!,
      personOrgKind: person % 20 === 0 ? 'contractor' : 'department',
      grantId: this.grantIds[grant]!,
      resourceCode: resource.code,
      grade: resource.grade,
      purposeCode: resource.purpose,
      issue: needsCase ? this.caseNumbers[(person * 31 + Math.floor(random() * 4)) % 5000]! : null,
      ip: random() < 0.0005 ? this.scanningAddresses[Math.floor(random() * 2000)]! : this.credentialAddresses[credential * 2 + (random() < 0.3 ? 1 : 0)]!,
      items: resource.items,
      records,
      subjects,
      subjectRegions,
      rowScopeRegions: resourceIndex % 3 === 0 ? [region.slice(0, 4)] : null,
      sequentiality: count >= 20 ? (random() < 0.002 ? 0.95 : random() * 0.3) : 0,
      quota: quotaLimit > 0 ? { used, limit: quotaLimit } : null,
      bulk,
    };
  }

  /** Event `index` of `events`, placed by the office-hours weights: monotonic in index. */
  private instant(index: number): number {
    const total = this.cumulative[this.hours - 1]!;
    const target = ((index + 0.5) / this.shape.events) * total;
    while (this.hour < this.hours - 1 && this.cumulative[this.hour]! < target) this.hour += 1;
    const before = this.hour === 0 ? 0 : this.cumulative[this.hour - 1]!;
    const fraction = (target - before) / (this.cumulative[this.hour]! - before);
    return START + Math.floor((this.hour + fraction) * HOUR);
  }
}
