/** The file formats a catalog (政务信息资源目录) is imported from and exported to. */
export type CatalogFormat = 'json' | 'csv' | 'xlsx';

const EXTENSIONS: Record<string, CatalogFormat> = { json: 'json', csv: 'csv', xlsx: 'xlsx' };

/**
 * The format named by a file's extension, case-insensitively. Old binary `.xls` is deliberately
 * not recognised: exceljs cannot read it, and a clear "unsupported" beats a garbled import.
 */
export function formatFromFileName(name: string): CatalogFormat | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  return EXTENSIONS[name.slice(dot + 1).trim().toLowerCase()];
}
