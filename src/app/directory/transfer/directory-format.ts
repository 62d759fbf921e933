import { formatFromFileName } from '../../catalog/transfer/catalog-format.ts';

/** Directory imports are spreadsheets only: departments keep their registers in Excel, not JSON. */
export type DirectoryFormat = 'csv' | 'xlsx';

export const DIRECTORY_FORMATS: readonly DirectoryFormat[] = ['csv', 'xlsx'];

/** The format named by a file's extension; undefined for anything but .csv and .xlsx. */
export function directoryFormatFromFileName(name: string): DirectoryFormat | undefined {
  const format = formatFromFileName(name);
  return format === 'csv' || format === 'xlsx' ? format : undefined;
}
