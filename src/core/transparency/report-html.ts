import type { PublishedCell } from './count-table.ts';
import { SUPPRESSED_MARK } from './report-csv.ts';
import type { MetricTable, TransparencyReport } from './transparency-report.ts';

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no
 * external file. A public page that loads nothing from elsewhere cannot be turned against its
 * readers by a compromised CDN, and it still reads the same when saved or printed years later.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Department names are typed by administrators: every text goes through here (stored XSS). */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function shown(cell: PublishedCell | null | undefined): string {
  if (!cell) return '';
  return cell.suppressed ? `<span class="suppressed">${SUPPRESSED_MARK}</span>` : String(cell.value);
}

const CHART = { width: 640, height: 220, left: 48, bottom: 36, top: 16, right: 12 };

/** A bar per period of the region's total; a suppressed total gets no bar, only its mark. */
function barChart(table: MetricTable, keys: readonly string[]): string {
  const values = table.columnTotals.map((cell) => (cell.suppressed ? null : cell.value));
  const largest = Math.max(1, ...values.map((value) => value ?? 0));
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = plotWidth / Math.max(1, keys.length);
  const barWidth = Math.max(2, slot * 0.6);
  const baseline = CHART.top + plotHeight;
  const parts: string[] = [
    `<line x1="${CHART.left}" y1="${baseline}" x2="${CHART.width - CHART.right}" y2="${baseline}" class="axis"/>`,
    `<text x="${CHART.left - 6}" y="${CHART.top + 4}" class="tick" text-anchor="end">${largest}</text>`,
    `<text x="${CHART.left - 6}" y="${baseline}" class="tick" text-anchor="end">0</text>`,
  ];
  keys.forEach((key, index) => {
    const x = CHART.left + slot * index + (slot - barWidth) / 2;
    const centre = (x + barWidth / 2).toFixed(1);
    const value = values[index];
    if (value === null || value === undefined) {
      parts.push(`<text x="${centre}" y="${baseline - 4}" class="mark" text-anchor="middle">${SUPPRESSED_MARK}</text>`);
    } else {
      const height = (value / largest) * plotHeight;
      parts.push(`<rect x="${x.toFixed(1)}" y="${(baseline - height).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" class="bar"><title>${escape(key)}: ${value}</title></rect>`);
      parts.push(`<text x="${centre}" y="${(baseline - height - 3).toFixed(1)}" class="value" text-anchor="middle">${value}</text>`);
    }
    parts.push(`<text x="${centre}" y="${baseline + 16}" class="tick" text-anchor="middle">${escape(key)}</text>`);
  });
  const title = `${table.label.zh} / ${table.label.en}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-label="${escape(title)}">${parts.join('')}</svg>`;
}

function metricSection(report: TransparencyReport, table: MetricTable): string {
  const keys = report.periods.map((period) => period.key);
  const head = `<tr><th scope="col">部门 / department</th>${keys.map((key) => `<th scope="col">${escape(key)}</th>`).join('')}${table.rowTotals ? '<th scope="col">合计 / total</th>' : ''}</tr>`;
  const rows = report.departments.map((department, index) => `<tr><th scope="row">${escape(department.name)}</th>${table.cells[index]!.map((cell) => `<td>${shown(cell)}</td>`).join('')}${table.rowTotals ? `<td>${shown(table.rowTotals[index])}</td>` : ''}</tr>`);
  const totals = `<tr class="totals"><th scope="row">合计 / all departments</th>${table.columnTotals.map((cell) => `<td>${shown(cell)}</td>`).join('')}${table.rowTotals ? `<td>${shown(table.total)}</td>` : ''}</tr>`;
  return [
    `<section id="${table.metric}">`,
    `<h2>${escape(table.label.zh)} <small>${escape(table.label.en)}</small></h2>`,
    barChart(table, keys),
    `<table><thead>${head}</thead><tbody>${rows.join('')}${totals}</tbody></table>`,
    '</section>',
  ].join('\n');
}

const STYLE = [
  'body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#1a1a1a}',
  'h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}h2 small{color:#555;font-weight:normal}',
  'table{border-collapse:collapse;margin:.5rem 0 1rem;font-variant-numeric:tabular-nums}',
  'th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}th[scope=row]{text-align:left}',
  'tr.totals{font-weight:bold;background:#f4f4f4}.suppressed{color:#a33}',
  'svg{width:100%;max-width:640px;height:auto}.bar{fill:#3869a8}.axis{stroke:#888}',
  '.tick{font-size:11px;fill:#444}.value{font-size:11px;fill:#222}.mark{font-size:13px;fill:#a33}',
  '.note{background:#fffbe6;border:1px solid #e6d38a;padding:.5rem 1rem}',
].join('');

export function reportHtml(report: TransparencyReport): string {
  const title = `${report.region.name}政务数据共享透明度报告 / Transparency report of ${report.region.name}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escape(title)}</h1>`,
    `<p>行政区划 / region ${escape(report.region.code)}；期间 / period ${escape(report.from)} – ${escape(report.to)}（${report.periodKind === 'month' ? '按月 / monthly' : '按季度 / quarterly'}）；生成于 / generated ${escape(report.generatedAt)}</p>`,
    `<p class="note">${SUPPRESSED_MARK} 表示已隐藏：数值为 1 至 ${report.suppressionLimit - 1}，或为防止由合计反推而一并隐藏。0 照常显示。/ ${SUPPRESSED_MARK} marks a hidden count: 1 to ${report.suppressionLimit - 1}, or hidden as well so that totals cannot give one away. Zero is shown.</p>`,
    ...report.metrics.map((table) => metricSection(report, table)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
