import type { Finding } from '../detection/finding.ts';
import type { DetectorName } from '../detection/finding.ts';

/*
 * Containment (issue #7 §4): on a critical alert a rule acts at once — it suspends a system
 * credential or a grant, or holds a credential to a low rate — and a person confirms or lifts it
 * within 4 hours. 《数据安全法》第二十九条 and 《个人信息保护法》第五十七条: take remedial measures
 * immediately on a security incident. The gateway refuses a contained credential or grant with
 * its own denial code, so a caller can tell containment from an ordinary suspension.
 */

export const CONTAINMENT_ACTIONS = ['suspend-credential', 'suspend-grant', 'rate-limit'] as const;
export type ContainmentAction = (typeof CONTAINMENT_ACTIONS)[number];

export const CONTAINMENT_STATUSES = ['active', 'confirmed', 'lifted'] as const;
export type ContainmentStatus = (typeof CONTAINMENT_STATUSES)[number];

export interface Containment {
  id: string;
  alertId: string;
  action: ContainmentAction;
  /** The credential or grant acted on. */
  targetId: string;
  status: ContainmentStatus;
  /** 'process' when a rule applied it; a person's id otherwise. */
  appliedBy: string;
  appliedAt: string;
  confirmBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** When the confirmation deadline passed undecided (the action stays: fail closed). */
  overdueAt: string | null;
}

/** Calls a second a rate-limited credential keeps: enough for a case at hand, not for harvesting. */
export const CONTAINED_RATE_PER_SECOND = 1;

/**
 * The rule for each detector's critical findings: suspend the system the calls came through for
 * harvesting and stolen-credential patterns; the grant for out-of-jurisdiction use, which is a
 * fault of the grant's use rather than of one system; a low rate where the pattern may be a
 * legitimate burst; nothing where a person must judge (first use, core access, which alerts on
 * every call by design).
 */
export const DEFAULT_CONTAINMENT_RULES: Record<DetectorName, ContainmentAction | null> = {
  volume: 'suspend-credential',
  enumeration: 'suspend-credential',
  'off-hours': 'rate-limit',
  'first-use': null,
  probing: 'suspend-credential',
  'quota-edge': 'rate-limit',
  jurisdiction: 'suspend-grant',
  'case-repeat': 'rate-limit',
  'dormant-credential': 'suspend-credential',
  'new-address': 'suspend-credential',
  'contractor-bulk': 'suspend-credential',
  'core-access': null,
};

/** What the triggering event names, for the rule to pick its target from. */
export interface ContainmentTargets {
  credentialId: string | null;
  grantId: string | null;
}

/** The action a rule takes on a finding, and its target; null when no rule acts. */
export function containmentFor(finding: Pick<Finding, 'detector' | 'severity'>, targets: ContainmentTargets, rules: Record<DetectorName, ContainmentAction | null> = DEFAULT_CONTAINMENT_RULES): { action: ContainmentAction; targetId: string } | null {
  if (finding.severity !== 'critical') return null;
  const action = rules[finding.detector];
  if (action === null) return null;
  const targetId = action === 'suspend-grant' ? targets.grantId : targets.credentialId;
  return targetId === null ? null : { action, targetId };
}
