import type { HardCaseCounts } from './benign-traffic.ts';
import type { Alert } from './detection-client.ts';
import type { ScenarioName } from './options.ts';

/*
 * The figures of issue #7 §6, computed from what the simulator saw and what the supervisor's
 * alerts API says. Pure: the run hands in its evidence, the alerts, and the counts.
 */

/** What the run knows about one scenario once it is over. */
export interface ScenarioEvidence {
  name: ScenarioName;
  personIds: ReadonlySet<string>;
  credentialIds: ReadonlySet<string>;
  addresses: ReadonlySet<string>;
  /** Simulated time of the first malicious call actually made; null when none was. */
  firstCallAt: number | null;
  /** Audit seqs of the scenario's calls, permits and denials. */
  seqs: ReadonlySet<number>;
  /** Records in the gateway's successful answers to the scenario. */
  recordsLeaked: number;
}

export interface ScenarioFigures {
  name: ScenarioName;
  detected: boolean;
  time_to_detect_min: number | null;
  records_leaked: number;
}

export interface SimulationFigures {
  scenarios: ScenarioFigures[];
  false_alerts_per_1k_principal_days: number;
  benign_hard_cases: HardCaseCounts;
}

/** Figures the table adds to the JSON's. */
export interface SimulationDetails {
  falseAlerts: number;
  falseAlertsByDetector: Record<string, number>;
  falseAlertsBySeverity: Record<string, number>;
  benignPersons: number;
  benignCredentials: number;
  days: number;
  principalDays: number;
  /** Alerts that belong to each scenario, by detector. */
  scenarioDetectors: Record<string, string[]>;
}

/**
 * Whether an alert belongs to a scenario: it cites one of the scenario's calls as evidence, or it
 * is about the scenario's person or source address and was raised once the scenario began. A
 * shared credential's alert counts only by its evidence, since benign staff use the same system.
 */
export function attributable(alert: Alert, scenario: ScenarioEvidence): boolean {
  if (scenario.firstCallAt === null) return false;
  if (alert.evidence.some((seq) => scenario.seqs.has(seq))) return true;
  const mine = (alert.principal.kind === 'person' && scenario.personIds.has(alert.principal.id)) || (alert.principal.kind === 'address' && scenario.addresses.has(alert.principal.id));
  return mine && Date.parse(alert.raisedAt) >= scenario.firstCallAt;
}

/** Simulated minutes from the first malicious call to the first alert that belongs to the scenario, one decimal. */
export function timeToDetect(alerts: readonly Alert[], scenario: ScenarioEvidence): number | null {
  if (scenario.firstCallAt === null) return null;
  const raised = alerts.filter((alert) => attributable(alert, scenario)).map((alert) => Date.parse(alert.raisedAt));
  if (raised.length === 0) return null;
  const minutes = (Math.min(...raised) - scenario.firstCallAt) / 60_000;
  return Math.round(Math.max(0, minutes) * 10) / 10;
}

export function computeFigures(input: {
  alerts: readonly Alert[];
  scenarios: readonly ScenarioEvidence[];
  hardCases: HardCaseCounts;
  benignPersons: number;
  benignCredentials: number;
  days: number;
}): { figures: SimulationFigures; details: SimulationDetails } {
  const { alerts, scenarios } = input;
  const falseAlerts = alerts.filter((alert) => !scenarios.some((scenario) => attributable(alert, scenario)));
  const tally = (key: (alert: Alert) => string) => falseAlerts.reduce<Record<string, number>>((counts, alert) => ({ ...counts, [key(alert)]: (counts[key(alert)] ?? 0) + 1 }), {});
  const principalDays = (input.benignPersons + input.benignCredentials) * input.days;
  const figures: SimulationFigures = {
    scenarios: scenarios.map((scenario) => {
      const minutes = timeToDetect(alerts, scenario);
      return { name: scenario.name, detected: minutes !== null, time_to_detect_min: minutes, records_leaked: scenario.recordsLeaked };
    }),
    false_alerts_per_1k_principal_days: principalDays === 0 ? 0 : Math.round((falseAlerts.length / principalDays) * 1000 * 100) / 100,
    benign_hard_cases: input.hardCases,
  };
  const scenarioDetectors = Object.fromEntries(scenarios.map((scenario) => [scenario.name, [...new Set(alerts.filter((alert) => attributable(alert, scenario)).map((alert) => alert.detector))].sort()]));
  return {
    figures,
    details: {
      falseAlerts: falseAlerts.length,
      falseAlertsByDetector: tally((alert) => alert.detector),
      falseAlertsBySeverity: tally((alert) => alert.severity),
      benignPersons: input.benignPersons,
      benignCredentials: input.benignCredentials,
      days: input.days,
      principalDays,
      scenarioDetectors,
    },
  };
}
