import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { maskFoundValue } from '../app/publication/mask-for-type.ts';
import { PII_TYPE_LABELS } from '../app/publication/pii-type-labels.ts';
import type { FileScanError } from '../app/publication/scan-document.ts';
import { PII_TYPES, type Finding, type PiiType } from '../core/pii/index.ts';

/** One file in the report: the shape of issue #6, every scanned file present, even with no findings. */
export interface FileReport {
  path: string;
  findings: Finding[];
  error: FileScanError | null;
}

export interface ScanReport {
  files: FileReport[];
}

/**
 * The exit code of `custos scan`, for publishing pipelines: 2 when any file could not be scanned
 * (an unscanned file is not a clean file), else 1 when a finding of a --fail-on type remains,
 * else 0.
 */
export function exitCodeOf(report: ScanReport, failOn: ReadonlySet<PiiType>): 0 | 1 | 2 {
  if (report.files.some((file) => file.error !== null)) return 2;
  return report.files.some((file) => file.findings.some((finding) => failOn.has(finding.type))) ? 1 : 0;
}

/** The JSON of the issue, exactly: {"files":[{"path","findings":[{type,value,start,end,line,confidence,location?}],"error"}]}. */
export function jsonReport(report: ScanReport): string {
  // Findings are made with their keys in this order (scanText, then a location where the format
  // has one), so they are written as they are rather than copied one by one.
  return `${JSON.stringify({ files: report.files.map((file) => ({ path: file.path, findings: file.findings, error: file.error })) })}\n`;
}

// ---------------------------------------------------------------------------------------------
// Text, for a person at a terminal. Values are shown masked: the terminal, its scrollback and a
// CI log are places the data must not be copied to; the JSON and SARIF carry the exact value.

/** Past this many findings a file's list is cut short; the JSON has them all. */
const MOST_LINES_PER_FILE = 200;

function where(finding: Finding): string {
  const location = finding.location;
  if (location === undefined) return `第 ${finding.line} 行 / line ${finding.line}`;
  if ('page' in location) return `第 ${location.page} 页 / page ${location.page}`;
  return `${location.sheet}!${location.cell}`;
}

function countsText(findings: readonly Finding[]): string {
  const counts = new Map<PiiType, number>();
  for (const finding of findings) counts.set(finding.type, (counts.get(finding.type) ?? 0) + 1);
  return PII_TYPES.filter((type) => counts.has(type))
    .map((type) => `${PII_TYPE_LABELS[type].zh} ${type} ${counts.get(type) ?? 0}`)
    .join('，');
}

export function textReport(report: ScanReport, failOn: ReadonlySet<PiiType>): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.error !== null) {
      lines.push(`✗ ${file.path}`, `    无法扫描 / not scanned: ${file.error.code} ${file.error.message}`);
      continue;
    }
    if (file.findings.length === 0) {
      lines.push(`✓ ${file.path}  未发现个人信息 / no personal data found`);
      continue;
    }
    lines.push(`! ${file.path}  发现 ${file.findings.length} 处个人信息 / ${file.findings.length} findings: ${countsText(file.findings)}`);
    for (const finding of file.findings.slice(0, MOST_LINES_PER_FILE)) {
      const label = PII_TYPE_LABELS[finding.type];
      lines.push(`    ${where(finding)}  ${label.zh} / ${label.en}  ${maskFoundValue(finding.type, finding.value)}  置信度 / confidence ${finding.confidence}`);
    }
    if (file.findings.length > MOST_LINES_PER_FILE) {
      lines.push(`    …另有 ${file.findings.length - MOST_LINES_PER_FILE} 处，完整列表请用 --format json / and ${file.findings.length - MOST_LINES_PER_FILE} more; use --format json for all`);
    }
  }
  const findings = report.files.flatMap((file) => file.findings);
  const unscanned = report.files.filter((file) => file.error !== null).length;
  lines.push(
    '',
    `合计 / total: ${report.files.length} 个文件 / files，${findings.length} 处个人信息 / findings${findings.length > 0 ? `（${countsText(findings)}）` : ''}` +
      `${unscanned > 0 ? `，${unscanned} 个文件无法扫描 / could not be scanned` : ''}`,
  );
  const code = exitCodeOf(report, failOn);
  const verdicts = {
    0: '可以发布：未发现需拦截的个人信息 / clear to publish: nothing that --fail-on stops',
    1: '请勿发布：先脱敏（custos mask）再重新扫描 / do not publish: mask it (custos mask) and scan again',
    2: '请勿发布：有文件无法扫描，无法确认其中没有个人信息 / do not publish: some files could not be scanned, so they cannot be cleared',
  } as const;
  lines.push(`结论 / verdict: ${verdicts[code]} (exit ${code})`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0 (OASIS), so that code-scanning dashboards and pipeline gates read the result. One
// run, tool "custos", one rule per type; a --fail-on type is an error, any other a warning.

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A relative path as a URI reference (segments percent-encoded, `/` between), an absolute one as a file URL. */
export function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(sep).map(encodeURIComponent).join('/');
}

function ruleName(type: PiiType): string {
  return type
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

export function sarifReport(report: ScanReport, failOn: ReadonlySet<PiiType>, version: string): string {
  const rules = PII_TYPES.map((type) => ({
    id: type,
    name: ruleName(type),
    shortDescription: { text: `${PII_TYPE_LABELS[type].zh} / ${PII_TYPE_LABELS[type].en}` },
    fullDescription: { text: PII_TYPE_LABELS[type].description },
    help: { text: '发布前请脱敏：custos mask IN -o OUT / mask before publishing: custos mask IN -o OUT' },
    defaultConfiguration: { level: failOn.has(type) ? 'error' : 'warning' },
  }));
  const results = report.files.flatMap((file) =>
    file.findings.map((finding) => {
      const label = PII_TYPE_LABELS[finding.type];
      const location: Record<string, unknown> = {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(file.path) },
          region: { startLine: finding.line, charOffset: finding.start, charLength: finding.end - finding.start, snippet: { text: finding.value } },
        },
      };
      if (finding.location !== undefined) {
        const name = 'page' in finding.location ? `page ${finding.location.page}` : `${finding.location.sheet}!${finding.location.cell}`;
        location['logicalLocations'] = [{ name, kind: 'page' in finding.location ? 'page' : 'cell' }];
      }
      return {
        ruleId: finding.type,
        ruleIndex: PII_TYPES.indexOf(finding.type),
        level: failOn.has(finding.type) ? 'error' : 'warning',
        // The message names the kind, never the value: dashboards show messages in lists.
        message: { text: `发现${label.zh}（置信度 ${finding.confidence}）/ ${label.en} found (confidence ${finding.confidence})` },
        locations: [location],
        properties: { confidence: finding.confidence, ...(finding.location === undefined ? {} : { location: finding.location }) },
      };
    }),
  );
  const notifications = report.files
    .filter((file) => file.error !== null)
    .map((file) => ({
      level: 'error',
      message: { text: `${file.error?.code ?? ''}: ${file.error?.message ?? ''}` },
      descriptor: { id: file.error?.code ?? 'FILE_UNREADABLE' },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file.path) } } }],
    }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'custos', semanticVersion: version, rules } },
        artifacts: report.files.map((file) => ({ location: { uri: artifactUri(file.path) } })),
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif)}\n`;
}
