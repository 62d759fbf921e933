import { runEvery } from '../run-every.ts';
import type { Grant, GrantStatus } from '../../core/sharing/grant.ts';
import type { Repositories } from '../../storage/store.ts';
import type { AppContext } from '../context.ts';
import type { GrantService } from './grant-service.ts';
import type { RequestService } from './request-service.ts';

/** How many records one pass handles per kind; the next pass takes the rest. */
const BATCH = 200;

export interface SweepOutcome {
  escalated: number;
  expired: number;
  reviewDue: number;
  suspendedForReview: number;
}

/**
 * What happens on time alone: overdue steps escalate to the supervisor, grants expire, a grant's
 * review date is announced, and a grant left unreviewed past its grace period suspends itself.
 * Each record changes in its own transaction, so one failure does not hold back the rest, and a
 * second pass finds nothing new.
 */
export class SharingSweep {
  private readonly context: AppContext;
  private readonly requests: RequestService;
  private readonly grants: GrantService;

  constructor(context: AppContext, requests: RequestService, grants: GrantService) {
    this.context = context;
    this.requests = requests;
    this.grants = grants;
  }

  /**
   * One pass. A record that fails is skipped and the pass goes on; the failures are thrown
   * together at the end, for the caller to log.
   */
  async run(): Promise<SweepOutcome> {
    const now = this.context.clock.now();
    const at = now.toISOString();
    const store = this.context.store;
    const outcome: SweepOutcome = { escalated: 0, expired: 0, reviewDue: 0, suspendedForReview: 0 };
    const failures: unknown[] = [];
    const each = async <T>(records: T[], work: (record: T) => Promise<void>): Promise<void> => {
      for (const record of records) await work(record).catch((error: unknown) => void failures.push(error));
    };
    // Escalated and expired records leave these queries, so each batch brings new ones; a record
    // that failed stays, and is not tried twice in one pass.
    const drain = async <T extends { id: string }>(fetch: () => Promise<T[]>, work: (record: T) => Promise<void>): Promise<void> => {
      const seen = new Set<string>();
      for (let fresh = await fetch(); fresh.length > 0; fresh = (await fetch()).filter((record) => !seen.has(record.id))) {
        fresh.forEach((record) => seen.add(record.id));
        await each(fresh, work);
      }
    };

    await drain(
      () => store.read.requests.overdue(at, BATCH),
      (request) =>
        store.transaction(async (repositories) => {
          const current = await repositories.requests.get(request.id);
          if (current?.status !== 'pending' || current.stepDueAt === null || current.stepDueAt >= at || current.steps.at(-1)?.escalatedAt != null) return;
          await this.requests.escalate(repositories, current, now);
          outcome.escalated += 1;
        }),
    );
    await drain(
      () => store.read.grants.expired(at, BATCH),
      (grant) =>
        this.changeIfStill(grant, ['active', 'suspended'], async (repositories, current) => {
          await this.grants.save(repositories, current, 'expired', 'EXPIRED', { at, action: 'expired', by: null, code: 'EXPIRED', reason: '授权期限届满 / the grant period has ended' }, null);
          outcome.expired += 1;
        }),
    );

    // Grants in their grace period stay due, so reviews are paged through rather than re-read.
    for (let batch = await store.read.grants.reviewDue(at, BATCH, ['active']); batch.length > 0; batch = await store.read.grants.reviewDue(at, BATCH, ['active'], { after: batch.at(-1)! })) {
      await each(batch, (grant) => this.review(grant, now, outcome));
    }
    if (failures.length > 0) throw new AggregateError(failures, `sharing sweep: ${failures.length} record(s) failed`);
    return outcome;
  }

  /** Announces a review date once it has come, and suspends a grant left unreviewed past its grace. */
  private review(grant: Grant, now: Date, outcome: SweepOutcome): Promise<void> {
    const at = now.toISOString();
    return this.changeIfStill(grant, ['active'], async (repositories, due) => {
      if (due.reviewDueAt === null || due.reviewDueAt > at) return;
      let current = due;
      // Said once, to the inbox, the record and the departments' systems.
      if (!current.history.some((change) => change.action === 'review_due' && change.at >= due.reviewDueAt!)) {
        current = await this.grants.save(repositories, current, current.status, current.statusCode, { at, action: 'review_due', by: null, code: 'PERIODIC', reason: '已到定期复核日，请监管部门复核 / the periodic review is due' }, null);
        outcome.reviewDue += 1;
      }
      if (now <= (await this.grants.reviewGraceEnd(repositories, current))) return;
      const day = due.reviewDueAt.slice(0, 10);
      await this.grants.save(
        repositories,
        current,
        'suspended',
        'REVIEW_OVERDUE',
        { at, action: 'suspended', by: null, code: 'REVIEW_OVERDUE', reason: `复核日 ${day} 后宽限期内未复核，授权自动暂停 / not reviewed within the grace period after ${day}; suspended` },
        null,
      );
      outcome.suspendedForReview += 1;
    });
  }

  /** Changes a grant in its own transaction, if it is still in one of `statuses` when read there. */
  private changeIfStill(grant: Grant, statuses: readonly GrantStatus[], change: (repositories: Repositories, current: Grant) => Promise<void>): Promise<void> {
    return this.context.store.transaction(async (repositories) => {
      const current = await repositories.grants.get(grant.id);
      if (current !== undefined && statuses.includes(current.status)) await change(repositories, current);
    });
  }
}

/** Runs the sweep every `intervalMs`, never two passes at once; returns a stop function. */
export function startSharingSweep(sweep: SharingSweep, intervalMs: number, onError: (error: unknown) => void): () => void {
  return runEvery(
    async () => {
      await sweep.run();
      return false;
    },
    intervalMs,
    onError,
  );
}
