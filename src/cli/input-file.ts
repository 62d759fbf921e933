import { readFileSync } from 'node:fs';
import { DomainError } from '../core/shared/domain-error.ts';

/** A file named on the command line; a missing or unreadable one is a coded error, not a stack. */
export function readInputFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new DomainError('FILE_UNREADABLE', `无法读取文件 / cannot read ${file}`);
  }
}

/** The format given with --format, or else the one the file name says. */
export function fileFormat<Format extends string>(explicit: string | undefined, file: string, detect: (name: string) => Format | undefined, choices: readonly Format[]): Format {
  const format = (explicit as Format | undefined) ?? detect(file);
  if (!format) throw new DomainError('FORMAT_UNKNOWN', `无法从文件名判断格式，请用 --format 指定 / cannot tell the format of ${file}; pass --format ${choices.join('|')}`);
  return format;
}
