import { runEvery } from '../run-every.ts';
import type { AlertService } from './alert-service.ts';
import type { ContainmentService } from './containment-service.ts';
import type { DetectionService } from './detection-service.ts';

export interface ActiveDefenceTimings {
  /** How often the detectors read the audit log's new entries. */
  detectMs: number;
  /** How often overdue alerts are escalated and undecided containments marked. */
  sweepMs: number;
  /** How often the detectors' state is saved, so a restart replays little. */
  snapshotMs: number;
}

/** Seconds matter for containment: a new entry is read within a quarter of a second. */
export const DEFAULT_ACTIVE_DEFENCE_TIMINGS: ActiveDefenceTimings = { detectMs: 250, sweepMs: 60_000, snapshotMs: 300_000 };

/**
 * Runs active defence beside the server: detection over the audit log, the deadline sweep, and
 * snapshots. Restores the saved state first (or replays the log). Resolves with stop(), which
 * saves a last snapshot.
 */
export async function startActiveDefence(services: { detection: DetectionService; alerts: AlertService; containments: ContainmentService }, timings: ActiveDefenceTimings, onError: (error: unknown) => void): Promise<() => Promise<void>> {
  await services.detection.load();
  const stops = [
    runEvery(() => services.detection.step(), timings.detectMs, onError),
    runEvery(
      async () => {
        await services.alerts.escalateOverdue();
        await services.containments.markOverdue();
        return false;
      },
      timings.sweepMs,
      onError,
    ),
    runEvery(
      async () => {
        await services.detection.saveSnapshot();
        return false;
      },
      timings.snapshotMs,
      onError,
    ),
  ];
  return async () => {
    for (const stop of stops) stop();
    await services.detection.saveSnapshot().catch(onError);
  };
}
