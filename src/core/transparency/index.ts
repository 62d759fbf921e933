export * from './count-table.ts';
export * from './disclosed-cells.ts';
export * from './report-csv.ts';
export * from './report-html.ts';
export * from './report-periods.ts';
export * from './suppress-small-counts.ts';
export * from './transparency-report.ts';
