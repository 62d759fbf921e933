/**
 * A sheet as read from CSV or XLSX, before it means anything. A cell is null when the file
 * holds something that is not text (an Excel error value such as #N/A).
 */
export interface TableRow {
  /** 1-based data row number: the first row after the header is 1. */
  number: number;
  cells: (string | null)[];
}

export interface Table {
  header: (string | null)[];
  rows: TableRow[];
}
