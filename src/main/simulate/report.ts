import { DETECTOR_NAMES } from '../../core/detection/finding.ts';
import type { SimulationDetails, SimulationFigures } from './metrics.ts';

/** What the traffic itself came to, for the table. */
export interface TrafficSummary {
  benignCalls: number;
  benignRecords: number;
  /** Benign calls refused, by denial code. */
  benignRefusals: Record<string, number>;
  /** Benign calls not made because their system's credential had been contained. */
  blockedByContainment: number;
  scenarioCalls: Record<string, { sent: number; refusals: Record<string, number>; contained: boolean }>;
}

/** Exactly one JSON document, the shape of issue #7 §6. */
export function formatJson(figures: SimulationFigures): string {
  return `${JSON.stringify(figures, null, 2)}\n`;
}

/** Pads by display width: a CJK character takes two columns in a terminal. */
function pad(text: string, width: number): string {
  let columns = 0;
  for (const character of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(character) ? 2 : 1;
  return text + ' '.repeat(Math.max(0, width - columns));
}

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, index) => pad(cell, widths[index]!)).join('  ').trimEnd();
}

/** A table for people: the same figures as the JSON, plus false alerts per detector and the traffic behind them. */
export function formatTable(figures: SimulationFigures, details: SimulationDetails, traffic: TrafficSummary): string {
  const lines: string[] = [];
  const widths = [22, 14, 22, 18, 30];
  lines.push(row(['场景 / scenario', '检出 / detected', '检出用时 / min to detect', '泄露记录 / leaked', '检测器 / detectors'], widths));
  for (const scenario of figures.scenarios) {
    const detectors = details.scenarioDetectors[scenario.name] ?? [];
    lines.push(
      row(
        [
          scenario.name,
          scenario.detected ? '是 / yes' : '否 / no',
          scenario.time_to_detect_min === null ? '—' : scenario.time_to_detect_min.toFixed(1),
          String(scenario.records_leaked),
          detectors.length === 0 ? '—' : detectors.join(', '),
        ],
        widths,
      ),
    );
  }
  if (figures.scenarios.length === 0) lines.push('（未注入攻击场景 / no scenario injected）');
  lines.push('');
  lines.push(
    `误报 / false alerts: ${details.falseAlerts}，良性主体日 / benign principal-days ${details.principalDays}` +
      `（${details.benignPersons} 人 / persons + ${details.benignCredentials} 凭证 / credentials × ${details.days} 天 / days）` +
      ` → 每千主体日 / per 1,000 principal-days: ${figures.false_alerts_per_1k_principal_days.toFixed(2)}`,
  );
  lines.push('按检测器 / by detector:');
  for (const detector of DETECTOR_NAMES) lines.push(`  ${pad(detector, 20)}${details.falseAlertsByDetector[detector] ?? 0}`);
  const severities = Object.entries(details.falseAlertsBySeverity).map(([severity, count]) => `${severity} ${count}`);
  lines.push(`按严重程度 / by severity: ${severities.length === 0 ? '—' : severities.join(', ')}`);
  lines.push('');
  lines.push('困难良性样本 / hard benign cases:');
  for (const [name, count] of Object.entries(figures.benign_hard_cases)) lines.push(`  ${pad(name, 30)}${count}`);
  lines.push('');
  const refusals = Object.entries(traffic.benignRefusals).map(([code, count]) => `${code} ${count}`);
  lines.push(`良性调用 / benign calls: ${traffic.benignCalls}（记录 / records ${traffic.benignRecords}；拒绝 / refused: ${refusals.length === 0 ? '0' : refusals.join(', ')}；因凭证被控制未发出 / not made, credential contained: ${traffic.blockedByContainment}）`);
  for (const [name, calls] of Object.entries(traffic.scenarioCalls)) {
    const refused = Object.entries(calls.refusals).map(([code, count]) => `${code} ${count}`);
    lines.push(`  ${pad(name, 22)}调用 / calls ${calls.sent}；被拒 / refused: ${refused.length === 0 ? '0' : refused.join(', ')}${calls.contained ? '；凭证已被控制 / credential contained' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
