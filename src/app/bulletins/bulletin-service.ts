import {
  acknowledgeDeadline,
  ACKNOWLEDGER_ROLES,
  checkAcknowledgement,
  checkBulletinDraft,
  inState,
  PUBLISHER_ROLE,
  RECIPIENT_READER_ROLES,
  recipientStanding,
  workingDaysLate,
  type Bulletin,
  type BulletinDraft,
  type BulletinRecipient,
  type BulletinStatus,
  type RecipientFacts,
  type RecipientStanding,
  type RecipientState,
} from '../../core/bulletins/index.ts';
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, hasRole, notFound, textDigest, type AppContext, type Principal } from '../context.ts';
import type { PersonService } from '../directory/person-service.ts';
import type { RegionService } from '../directory/region-service.ts';

/** A department's copy of a bulletin, with where it stands now. */
export type RecipientView = Omit<BulletinRecipient, 'bulletinId'> & RecipientStanding;

/** A bulletin as its reader may see it: every recipient for the supervisor, only its own for a department. */
export interface BulletinView extends Bulletin {
  recipients: RecipientView[];
}

export interface BulletinQuery {
  status?: BulletinStatus | undefined;
  /** Only bulletins with a recipient (for a department: itself) past the deadline without acknowledging. */
  overdue?: boolean | undefined;
  before?: string | undefined;
  limit: number;
}

export interface Tracking {
  bulletinId: string;
  acknowledgeBy: string;
  /** The instant the standings were computed at. */
  asOf: string;
  counts: { recipients: number; acknowledged: number; unacknowledged: number; overdue: number; late: number };
  recipients: RecipientView[];
}

/** What a principal may see: its authority's region, or what is addressed to its department. */
type Viewer = { kind: 'supervisor'; scope: { regionCode: string } } | { kind: 'recipient'; scope: { recipientOrgId: string } };

function forbidden(message: string): DomainError<'FORBIDDEN'> {
  return new DomainError('FORBIDDEN', message);
}

function isSupervisor(principal: Principal): boolean {
  return principal.org.kind === 'supervisor' && hasRole(principal, PUBLISHER_ROLE);
}

/**
 * Early-warning bulletins (预警通报, issue #7 §5; 《数据安全法》第二十二条 监测预警). A supervisor of
 * the supervision authority publishes what was found and the measures recommended to departments
 * of its region; each acknowledges within three working days (a late acknowledgement is taken and
 * marked late), and the authority tracks who has not. Each department sees only what is addressed
 * to it, and only its own acknowledgement: another department's answer is that department's business.
 */
export class BulletinService {
  private readonly context: AppContext;
  private readonly people: PersonService;
  private readonly regions: RegionService;

  constructor(context: AppContext, people: PersonService, regions: RegionService) {
    this.context = context;
    this.people = people;
    this.regions = regions;
  }

  async publish(principal: Principal, input: BulletinDraft): Promise<BulletinView> {
    if (!isSupervisor(principal)) throw forbidden('仅监管部门的监管人员可发布预警通报 / only a supervisor of the supervision authority publishes bulletins');
    // Publishing is an act of supervision: the person's supervision training must be in force (《数据安全法》第二十七条).
    await this.people.requireTraining(principal.person, 'supervise');
    const draft: BulletinDraft = { ...input, title: input.title.trim(), findings: input.findings.trim(), measures: input.measures.trim() };
    return this.context.store.transaction(async (repositories) => {
      const regionCode = principal.org.regionCode;
      const facts = new Map<string, RecipientFacts>();
      for (const orgId of new Set(draft.recipients)) {
        const organisation = await repositories.organisations.get(orgId);
        if (organisation) facts.set(orgId, { kind: organisation.kind, regionCode: organisation.regionCode });
      }
      const errors = checkBulletinDraft(draft, regionCode, facts);
      if (errors.length > 0) throw validationError(errors);

      const now = this.context.clock.now();
      const calendar = await this.regions.calendar(regionCode, repositories);
      const bulletin: Bulletin = {
        id: this.context.ids.next(),
        regionCode,
        authorId: principal.person.id,
        authorOrgId: principal.org.id,
        title: draft.title,
        findings: draft.findings,
        measures: draft.measures,
        severity: draft.severity,
        alertIds: draft.alertIds,
        publishedAt: now.toISOString(),
        acknowledgeBy: acknowledgeDeadline(now, calendar).toISOString(),
        status: 'open',
      };
      await repositories.bulletins.insert(bulletin, draft.recipients);
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'bulletin.published',
        object: `bulletin:${bulletin.id}`,
        // Ids, counts and digests: the text stays in the bulletin, and the log proves it unchanged.
        details: {
          regionCode,
          severity: bulletin.severity,
          recipients: draft.recipients.length,
          recipientOrgIds: [...draft.recipients].sort(),
          alertIds: bulletin.alertIds,
          acknowledgeBy: bulletin.acknowledgeBy,
          titleDigest: textDigest(this.context, bulletin.title),
          findingsDigest: textDigest(this.context, bulletin.findings),
          measuresDigest: textDigest(this.context, bulletin.measures),
        },
      });
      return this.view(repositories, { kind: 'supervisor', scope: { regionCode } }, bulletin, now, new Map([[regionCode, calendar]]));
    });
  }

  async list(principal: Principal, query: BulletinQuery): Promise<{ bulletins: BulletinView[]; nextCursor: string | null }> {
    const viewer = this.viewer(principal);
    const repositories = this.context.store.read;
    const now = this.context.clock.now();
    const rows = await repositories.bulletins.search({ scope: viewer.scope, status: query.status, overdueAt: query.overdue ? now.toISOString() : undefined, before: query.before, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const calendars = new Map<string, WorkingCalendar>();
    const recipients = await repositories.bulletins.recipients(
      page.map((bulletin) => bulletin.id),
      viewer.kind === 'recipient' ? viewer.scope.recipientOrgId : undefined,
    );
    const bulletins: BulletinView[] = [];
    for (const bulletin of page) {
      const own = recipients.filter((recipient) => recipient.bulletinId === bulletin.id);
      bulletins.push(await this.present(repositories, viewer, bulletin, own, now, calendars));
    }
    return { bulletins, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async get(principal: Principal, id: string): Promise<BulletinView> {
    const viewer = this.viewer(principal);
    const repositories = this.context.store.read;
    const bulletin = await this.visible(repositories, viewer, id);
    return this.view(repositories, viewer, bulletin, this.context.clock.now(), new Map());
  }

  /**
   * A department acknowledges a bulletin addressed to it, once, saying what it did. After the
   * deadline it is still taken, and marked late with the working days it was late by.
   */
  async acknowledge(principal: Principal, id: string, input: { response?: string | undefined }): Promise<BulletinView> {
    if (principal.org.kind !== 'department' || !hasRole(principal, ...ACKNOWLEDGER_ROLES)) {
      throw forbidden(`仅受通报部门的以下角色可签收：${ACKNOWLEDGER_ROLES.join(', ')} / only these roles of a department addressed may acknowledge: ${ACKNOWLEDGER_ROLES.join(', ')}`);
    }
    const response = input.response?.trim() || null;
    const errors = checkAcknowledgement(response);
    if (errors.length > 0) throw validationError(errors);
    const viewer: Viewer = { kind: 'recipient', scope: { recipientOrgId: principal.org.id } };
    return this.context.store.transaction(async (repositories) => {
      const bulletin = await this.visible(repositories, viewer, id);
      const now = this.context.clock.now();
      const calendar = await this.regions.calendar(bulletin.regionCode, repositories);
      const overdueWorkingDays = workingDaysLate(new Date(bulletin.acknowledgeBy), now, calendar);
      await repositories.bulletins.lock(id);
      const recorded = await repositories.bulletins.acknowledge(id, principal.org.id, { at: now.toISOString(), by: principal.person.id, response, overdueWorkingDays });
      if (!recorded) throw new DomainError('CONFLICT', '本部门已签收该通报 / your department has already acknowledged this bulletin');
      const remaining = await repositories.bulletins.unacknowledged(id);
      if (remaining === 0) await repositories.bulletins.setStatus(id, 'acknowledged');
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'bulletin.acknowledged',
        object: `bulletin:${id}`,
        details: { orgId: principal.org.id, late: now.getTime() > Date.parse(bulletin.acknowledgeBy), overdueWorkingDays, remaining, ...(response ? { responseDigest: textDigest(this.context, response) } : {}) },
      });
      return this.view(repositories, viewer, { ...bulletin, status: remaining === 0 ? 'acknowledged' : bulletin.status }, now, new Map([[bulletin.regionCode, calendar]]));
    });
  }

  /** Who has acknowledged, who is overdue and by how many working days: for the supervisor who follows up. */
  async tracking(principal: Principal, id: string, filter: { state?: RecipientState | undefined }): Promise<Tracking> {
    if (!isSupervisor(principal)) throw forbidden('仅监管部门的监管人员可跟踪签收情况 / only a supervisor of the supervision authority tracks acknowledgements');
    const viewer: Viewer = { kind: 'supervisor', scope: { regionCode: principal.org.regionCode } };
    const repositories = this.context.store.read;
    const bulletin = await this.visible(repositories, viewer, id);
    const now = this.context.clock.now();
    const { recipients } = await this.view(repositories, viewer, bulletin, now, new Map());
    const count = (state: RecipientState) => recipients.filter((recipient) => inState(recipient, state)).length;
    return {
      bulletinId: bulletin.id,
      acknowledgeBy: bulletin.acknowledgeBy,
      asOf: now.toISOString(),
      counts: { recipients: recipients.length, acknowledged: count('acknowledged'), unacknowledged: count('unacknowledged'), overdue: count('overdue'), late: count('late') },
      recipients: filter.state ? recipients.filter((recipient) => inState(recipient, filter.state!)) : recipients,
    };
  }

  private viewer(principal: Principal): Viewer {
    if (isSupervisor(principal)) return { kind: 'supervisor', scope: { regionCode: principal.org.regionCode } };
    if (principal.org.kind === 'department' && hasRole(principal, ...RECIPIENT_READER_ROLES)) return { kind: 'recipient', scope: { recipientOrgId: principal.org.id } };
    throw forbidden('仅监管人员或受通报部门的管理员、审批人、审计人员可查看预警通报 / only supervisors, or administrators, approvers and auditors of the departments addressed, read bulletins');
  }

  /** A bulletin of another region, or not addressed to the department, is answered as absent. */
  private async visible(repositories: Repositories, viewer: Viewer, id: string): Promise<Bulletin> {
    const bulletin = await repositories.bulletins.get(id);
    if (bulletin) {
      if (viewer.kind === 'supervisor' && bulletin.regionCode === viewer.scope.regionCode) return bulletin;
      if (viewer.kind === 'recipient' && (await repositories.bulletins.recipients([id], viewer.scope.recipientOrgId)).length === 1) return bulletin;
    }
    throw notFound('预警通报', 'bulletin');
  }

  private async view(repositories: Repositories, viewer: Viewer, bulletin: Bulletin, now: Date, calendars: Map<string, WorkingCalendar>): Promise<BulletinView> {
    const recipients = await repositories.bulletins.recipients([bulletin.id], viewer.kind === 'recipient' ? viewer.scope.recipientOrgId : undefined);
    return this.present(repositories, viewer, bulletin, recipients, now, calendars);
  }

  /** A department's `status` is its own: open until it has acknowledged, whatever the others did. */
  private async present(repositories: Repositories, viewer: Viewer, bulletin: Bulletin, recipients: BulletinRecipient[], now: Date, calendars: Map<string, WorkingCalendar>): Promise<BulletinView> {
    let calendar = calendars.get(bulletin.regionCode);
    if (!calendar) {
      calendar = await this.regions.calendar(bulletin.regionCode, repositories);
      calendars.set(bulletin.regionCode, calendar);
    }
    const views = recipients.map(({ bulletinId: _bulletinId, ...recipient }) => ({ ...recipient, ...recipientStanding(recipient, bulletin.acknowledgeBy, now, calendar) }));
    const status: BulletinStatus = viewer.kind === 'supervisor' ? bulletin.status : views.every((recipient) => recipient.acknowledged) ? 'acknowledged' : 'open';
    return { ...bulletin, status, recipients: views };
  }
}
