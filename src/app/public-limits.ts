import type { Clock } from '../core/shared/clock.ts';
import { admit, AttemptLimiter, type AttemptWindow } from './attempt-limiter.ts';

/**
 * The doors anyone can knock on without a token: filing a complaint and looking it up (where a
 * limit also keeps query codes from being guessed), the citizen logins, which open sessions and
 * call the identity service, and the transparency report, which counts over the whole audit log of
 * a region. Each is limited per source address and per server process, counted before the request
 * body is read, so that one address can neither flood the service behind a door nor guess its way
 * in.
 */
export type PublicDoor = 'complaint-filing' | 'complaint-lookup' | 'citizen-login' | 'transparency-report';

export const PUBLIC_DOORS: readonly PublicDoor[] = ['complaint-filing', 'complaint-lookup', 'citizen-login', 'transparency-report'];

export const DEFAULT_PUBLIC_LIMITS: Record<PublicDoor, AttemptWindow> = {
  'complaint-filing': { attempts: 5, windowMs: 60 * 60_000 },
  // A successful lookup counts too: the limit, not only the code's 60 bits, stops guessing.
  'complaint-lookup': { attempts: 10, windowMs: 10 * 60_000 },
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
    this.limiters = Object.fromEntries(PUBLIC_DOORS.map((door) => [door, new AttemptLimiter(limits[door].attempts, limits[door].windowMs)])) as Record<PublicDoor, AttemptLimiter>;
  }

  /** Counts one knock from `address`; past the limit, 429 RATE_LIMITED with the seconds to wait. */
  admit(door: PublicDoor, address: string): void {
    admit(this.limiters[door], address, this.clock.now().getTime());
  }
}
