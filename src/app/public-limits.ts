import type { Clock } from '../core/shared/clock.ts';
import { admit, AttemptLimiter, type AttemptWindow } from './attempt-limiter.ts';

/**
 * The doors anyone can knock on without a token, besides complaints (complaint-service.ts has its
 * own limits): the citizen logins, which open sessions and call the identity service, and the
 * transparency report, which counts over the whole audit log of a region. Each is limited per
 * source address and per server process, so that one address can neither flood the identity
 * service nor keep the database busy.
 */
export type PublicDoor = 'citizen-login' | 'transparency-report';

export const DEFAULT_PUBLIC_LIMITS: Record<PublicDoor, AttemptWindow> = {
  // A login through the identity service takes two requests (start and callback): this is 15 such
  // logins, well above a person retrying or a family on one address.
  'citizen-login': { attempts: 30, windowMs: 10 * 60_000 },
  'transparency-report': { attempts: 60, windowMs: 60_000 },
};

export class PublicLimits {
  private readonly clock: Clock;
  private readonly limiters: Record<PublicDoor, AttemptLimiter>;

  constructor(clock: Clock, limits: Record<PublicDoor, AttemptWindow> = DEFAULT_PUBLIC_LIMITS) {
    this.clock = clock;
    this.limiters = {
      'citizen-login': new AttemptLimiter(limits['citizen-login'].attempts, limits['citizen-login'].windowMs),
      'transparency-report': new AttemptLimiter(limits['transparency-report'].attempts, limits['transparency-report'].windowMs),
    };
  }

  /** Counts one knock from `address`; past the limit, 429 RATE_LIMITED with the seconds to wait. */
  admit(door: PublicDoor, address: string): void {
    admit(this.limiters[door], address, this.clock.now().getTime());
  }
}
