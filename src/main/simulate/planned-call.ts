import type { ScenarioName } from './options.ts';

/** The benign cases that look like attacks, whose counts the report gives (issue #7 §6). */
export const HARD_CASES = ['overtime', 'ip-change', 'first-use', 'month-end', 'cross-region'] as const;
export type HardCase = (typeof HARD_CASES)[number];

export type CallOperation = 'query' | 'verify' | 'export';

/** One gateway call the simulator will make at simulated time `at`. */
export interface PlannedCall {
  at: number;
  system: string;
  /** X-Custos-User. */
  user: string;
  /** The source address the gateway is to see (the load balancer's X-Forwarded-For). */
  ip: string;
  resourceCode: string;
  purposeCode: string;
  operation: CallOperation;
  body: Record<string, unknown> | null;
  /** X-Custos-Issue, before percent-encoding. */
  issue: string | null;
  /** 'benign', or the scenario that makes the call. */
  actor: 'benign' | ScenarioName;
  /** Benign calls that belong to a hard case. */
  hardCase?: HardCase;
  /** Overrides the system's token: a made-up credential. */
  token?: string;
  /** A scenario's step: an attacker gives up a step after repeated refusals. */
  phase?: string;
  /** Continue paging: the body takes the cursor of the scenario's previous answer. */
  continuePaging?: boolean;
}

/** Stable order: by time, then as planned. */
export function byTime(left: PlannedCall, right: PlannedCall): number {
  return left.at - right.at;
}
