import type { CellValue } from 'exceljs';

function dateText(date: Date): string {
  const iso = date.toISOString();
  // exceljs gives a date-only cell as UTC midnight; the time part would only add noise.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * The text a person sees in an Excel cell. Codes are often typed as numbers and styled text
 * arrives as rich-text runs, so both become plain strings; a formula contributes its cached
 * result. null means the cell holds an error value (#N/A, #REF!…) rather than text.
 */
export function cellValueText(value: CellValue): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) {
    // The declared type says string, but exceljs also stores rich text here.
    const text: unknown = value.text;
    return typeof text === 'string' ? text : cellValueText(text as CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) return cellValueText(value.result);
  return null;
}
