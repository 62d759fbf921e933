import type { Grant } from '../../core/sharing/grant.ts';
import type { Repositories } from '../../storage/store.ts';
import type { AppContext } from '../context.ts';
import type { GrantService } from './grant-service.ts';
import type { RequestService } from './request-service.ts';

/** How many records one pass handles per kind; the next pass takes the rest. */
const BATCH = 200;

export interface SweepOutcome {
  escalated: number;
  expired: number;
  suspendedForReview: number;
}

/**
 * What happens on time alone: overdue steps escalate to the supervisor, grants expire, and a
 * grant left unreviewed past its grace period suspends itself. Each record changes in its own
 * transaction, so one failure does not hold back the rest, and a second pass finds nothing new.
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

  async run(): Promise<SweepOutcome> {
    const now = this.context.clock.now();
    const at = now.toISOString();
    const store = this.context.store;
    const outcome: SweepOutcome = { escalated: 0, expired: 0, suspendedForReview: 0 };

    for (const request of await store.read.requests.overdue(at, BATCH)) {
      await store.transaction(async (repositories) => {
        const current = await repositories.requests.get(request.id);
        if (current?.status !== 'pending' || current.stepDueAt === null || current.stepDueAt >= at || current.steps.at(-1)?.escalatedAt != null) return;
        await this.requests.escalate(repositories, current, now);
        outcome.escalated += 1;
      });
    }

    for (const grant of await store.read.grants.expired(at, BATCH)) {
      await this.changeIfStill(grant, async (repositories, current) => {
        await this.grants.save(repositories, current, 'expired', 'EXPIRED', { at, action: 'expired', by: null, code: 'EXPIRED', reason: '授权期限届满 / the grant period has ended' }, null);
        outcome.expired += 1;
      });
    }

    for (const grant of await store.read.grants.reviewDue(at, BATCH)) {
      if (grant.status !== 'active') continue;
      await this.changeIfStill(grant, async (repositories, current) => {
        if (current.reviewDueAt === null || current.reviewDueAt > at) return;
        const graceEnd = await this.grants.reviewGraceEnd(repositories, current);
        if (now <= graceEnd) return;
        await this.grants.save(
          repositories,
          current,
          'suspended',
          'REVIEW_OVERDUE',
          { at, action: 'suspended', by: null, code: 'REVIEW_OVERDUE', reason: `复核日 ${current.reviewDueAt.slice(0, 10)} 后宽限期内未复核，授权自动暂停 / not reviewed within the grace period after ${current.reviewDueAt.slice(0, 10)}; suspended` },
          null,
        );
        outcome.suspendedForReview += 1;
      });
    }
    return outcome;
  }

  private changeIfStill(grant: Grant, change: (repositories: Repositories, current: Grant) => Promise<void>): Promise<void> {
    return this.context.store.transaction(async (repositories) => {
      const current = await repositories.grants.get(grant.id);
      if (current?.status === 'active') await change(repositories, current);
    });
  }
}

/** Runs the sweep every `intervalMs` without overlapping runs; returns a stop function. */
export function startSharingSweep(sweep: SharingSweep, intervalMs: number, onError: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep
      .run()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
