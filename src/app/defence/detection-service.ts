import { DEFAULT_CALENDAR, DEFAULT_WORKING_HOURS } from '../../core/calendar/index.ts';
import { detectionEvent } from '../../core/detection/audit-events.ts';
import { DetectionEngine, organisationWorkingTime, type DetectionEvent, type DetectionProfile, type DetectionSnapshot, type OrganisationTime } from '../../core/detection/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { AppContext } from '../context.ts';
import type { RegionService } from '../directory/region-service.ts';
import type { AlertService, RaisedFinding } from './alert-service.ts';

/** Audit entries read per step: one read of entries and one of their access records. */
const BATCH = 2000;

interface KnownOrganisation {
  regionCode: string;
  time: OrganisationTime;
}

export interface DetectionStatus {
  /** The last audit seq read by the detectors; null before the first. */
  position: number | null;
  /** The last audit seq written; null for an empty log. */
  head: number | null;
}

/**
 * Active detection (issue #7 §1): tails the audit log in seq order — the one place every gateway
 * decision and administrative act is written, by every server process — turns each entry into a
 * detection event, feeds the engine, and hands findings to the alert service. Live operation and
 * replay after a restart are the same loop; a snapshot only shortens the replay.
 */
export class DetectionService {
  private readonly context: AppContext;
  private readonly alerts: AlertService;
  private readonly regions: RegionService;
  private readonly profile: DetectionProfile | undefined;
  private engine: DetectionEngine;
  private organisations = new Map<string, KnownOrganisation>();
  private fallbackRegion = '';
  /** The last seq read, whether or not it was an event (the engine's own position counts events only). */
  private position: number | null = null;
  /** Findings not yet recorded because the write failed: retried before anything new is read. */
  private pending: RaisedFinding[] = [];

  constructor(context: AppContext, alerts: AlertService, regions: RegionService, profile?: DetectionProfile) {
    this.context = context;
    this.alerts = alerts;
    this.regions = regions;
    this.profile = profile;
    this.engine = this.newEngine();
  }

  private newEngine(): DetectionEngine {
    const platform: OrganisationTime = { hours: DEFAULT_WORKING_HOURS, calendar: DEFAULT_CALENDAR };
    const isWorkingTime = organisationWorkingTime((orgId) => (orgId === null ? platform : (this.organisations.get(orgId)?.time ?? null)));
    return new DetectionEngine({ isWorkingTime, ...(this.profile ? { profile: this.profile } : {}) });
  }

  /** Restores the saved state, when there is one that fits this profile; otherwise the next catch-up replays from the start. */
  async load(): Promise<'restored' | 'replay'> {
    const saved = await this.context.store.read.detectionSnapshots.load();
    if (!saved) return 'replay';
    try {
      this.engine.restore(JSON.parse(saved.state) as DetectionSnapshot);
      this.position = saved.lastSeq;
      return 'restored';
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof SyntaxError)) throw error;
      // Another profile or version: start afresh and replay the whole log.
      this.engine = this.newEngine();
      this.position = null;
      return 'replay';
    }
  }

  async saveSnapshot(): Promise<void> {
    await this.context.store.read.detectionSnapshots.save(JSON.stringify(this.engine.snapshot()), this.position, this.context.clock.now().toISOString());
  }

  async status(): Promise<DetectionStatus> {
    const size = await this.context.store.auditStore.size();
    return { position: this.position, head: size === 0 ? null : size - 1 };
  }

  /** One step at a time: the timer's and a caller's catch-up never read the same entries twice. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Reads and folds in one batch of new entries; true when more may be waiting. */
  step(): Promise<boolean> {
    const next = this.queue.then(() => this.readBatch());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readBatch(): Promise<boolean> {
    if (this.pending.length > 0) {
      await this.alerts.raise(this.pending);
      this.pending = [];
    }
    const read = this.context.store.read;
    const entries = await read.auditStore.search({ after: this.position ?? -1, limit: BATCH });
    if (entries.length === 0) return false;
    const subjects = await read.accessRecords.subjectsBetween(entries[0]!.seq, entries[entries.length - 1]!.seq);
    if (entries.some((entry) => entry.actor.org !== null && !this.organisations.has(entry.actor.org))) await this.loadOrganisations();
    const orgRegion = (orgId: string) => this.organisations.get(orgId)?.regionCode ?? null;
    const raised: RaisedFinding[] = [];
    for (const entry of entries) {
      this.position = entry.seq;
      const event = detectionEvent(entry, subjects.get(entry.seq) ?? [], orgRegion);
      if (event === null) continue;
      for (const finding of this.engine.observe(event)) raised.push(this.place(finding, event));
    }
    this.pending = raised;
    await this.alerts.raise(raised);
    this.pending = [];
    return entries.length === BATCH;
  }

  /** Folds in everything written so far (tests, the simulator, and start-up). */
  async catchUp(): Promise<void> {
    while (await this.step());
  }

  private place(finding: RaisedFinding['finding'], event: DetectionEvent): RaisedFinding {
    const orgId = event.orgId;
    const regionCode = (orgId !== null ? this.organisations.get(orgId)?.regionCode : undefined) ?? this.fallbackRegion;
    const targets = event.kind === 'access' ? { credentialId: event.credentialId, grantId: event.grantId } : event.kind === 'denial' ? { credentialId: event.credentialId, grantId: null } : { credentialId: null, grantId: null };
    return { finding, at: event.at, orgId, regionCode, targets };
  }

  /** Every organisation's region, office hours and calendar: what the detectors' working time and the alerts' regions need. */
  private async loadOrganisations(): Promise<void> {
    const calendars = new Map<string, OrganisationTime['calendar']>();
    const known = new Map<string, KnownOrganisation>();
    const regions = await this.regions.list();
    // A call that named no valid credential belongs to no department: it goes to the first region's authority.
    this.fallbackRegion = regions[0]?.code ?? '';
    let after: string | undefined;
    for (;;) {
      const page = await this.context.store.read.organisations.list({ after, limit: 500 });
      for (const organisation of page) {
        let calendar = calendars.get(organisation.regionCode);
        if (!calendar) {
          calendar = await this.regions.calendar(organisation.regionCode);
          calendars.set(organisation.regionCode, calendar);
        }
        known.set(organisation.id, { regionCode: organisation.regionCode, time: { hours: organisation.workingHours, calendar } });
      }
      if (page.length < 500) break;
      after = page[page.length - 1]!.id;
    }
    this.organisations = known;
  }
}
