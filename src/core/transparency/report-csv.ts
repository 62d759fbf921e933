import type { PublishedCell } from './count-table.ts';
import type { TransparencyReport } from './transparency-report.ts';

/** How a suppressed cell reads: the same mark for every one, so that the mark itself tells nothing (docs/transparency-report.md). */
export const SUPPRESSED_MARK = 'x';

/** Excel opens UTF-8 as UTF-8 only with a byte-order mark; without it the Chinese is garbled. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula (CSV
 * injection, OWASP): department names are typed by administrators, so such a start is escaped
 * with a quote mark before the value is quoted.
 */
function field(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function count(cell: PublishedCell | null | undefined): string {
  if (!cell) return '';
  return cell.suppressed ? SUPPRESSED_MARK : String(cell.value);
}

/** The report as CSV (RFC 4180, CRLF), one line per metric and department, periods across. */
export function reportCsv(report: TransparencyReport): string {
  const header = ['指标 / metric', '指标代码 / metric code', '部门 / department', '部门标识 / department id', ...report.periods.map((period) => period.key), '合计 / total'];
  const lines = [header.map(field).join(',')];
  for (const table of report.metrics) {
    const label = `${table.label.zh} / ${table.label.en}`;
    report.departments.forEach((department, index) => {
      lines.push([label, table.metric, department.name, department.id, ...table.cells[index]!.map(count), count(table.rowTotals?.[index])].map(field).join(','));
    });
    lines.push([label, table.metric, '合计 / all departments', '', ...table.columnTotals.map(count), count(table.total)].map(field).join(','));
  }
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`;
}
