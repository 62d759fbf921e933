import { detectionUnavailable } from './options.ts';

/** An alert as GET /api/v1/alerts gives it; only what the figures read. */
export interface Alert {
  id: string;
  detector: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  status: string;
  principal: { kind: 'person' | 'credential' | 'organisation' | 'address'; id: string };
  evidence: number[];
  raisedAt: string;
}

/** How long to wait, in real time, for the server's detection to fold in what was sent. */
const CATCH_UP_TIMEOUT_MS = 120_000;
const POLL_MS = 25;
const PAGE = 200;

/** The supervisor's view of detection, over HTTP with the supervisor's token. */
export class DetectionClient {
  private readonly baseUrl: string;
  private readonly token: string;

  constructor(baseUrl: string, token: string) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  private async get(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
  }

  /** The last audit seq folded into the detectors and the last written; throws when the API is missing. */
  async status(): Promise<{ position: number | null; head: number | null }> {
    const response = await this.get('/api/v1/detection/status');
    if (response.status === 404) throw detectionUnavailable();
    if (!response.ok) throw detectionUnavailable(new Error(`GET /api/v1/detection/status answered ${response.status}`));
    return (await response.json()) as { position: number | null; head: number | null };
  }

  /** Waits until detection has folded in everything up to `seq` (or the head), so containment can have acted. */
  async catchUp(seq: number | null): Promise<void> {
    const deadline = performance.now() + CATCH_UP_TIMEOUT_MS;
    for (;;) {
      const { position, head } = await this.status();
      const target = seq ?? head;
      if (target === null || (position !== null && position >= target)) return;
      if (performance.now() > deadline) throw detectionUnavailable(new Error(`detection stayed at ${position} behind ${target}`));
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Every alert, page after page. */
  async alerts(): Promise<Alert[]> {
    const alerts: Alert[] = [];
    let cursor: string | null = null;
    do {
      const response = await this.get(`/api/v1/alerts?limit=${PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      if (!response.ok) throw detectionUnavailable(new Error(`GET /api/v1/alerts answered ${response.status}`));
      const page = (await response.json()) as { alerts: Alert[]; nextCursor: string | null };
      alerts.push(...page.alerts);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return alerts;
  }
}
