import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { maskFile } from '../app/publication/mask-file.ts';
import { PII_TYPE_LABELS } from '../app/publication/pii-type-labels.ts';
import { parsePiiTypeList } from '../app/publication/pii-type-list.ts';
import { fileScanError, scanSource, type FileSource } from '../app/publication/scan-document.ts';
import { PII_TYPES, type PiiType } from '../core/pii/index.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import type { CliHost } from './cli-host.ts';
import { progressBar } from './progress.ts';
import { reportError } from './run-command.ts';
import { exitCodeOf, jsonReport, sarifReport, textReport, type FileReport, type ScanReport } from './scan-report.ts';

/**
 * `custos scan` and `custos mask`: the publication guard (公示信息发布前脱敏检查, issue #6) on the
 * files of the machine it runs on. Neither opens the database or reads configuration: a web
 * team's publishing pipeline runs them on a build agent, and nothing is recorded there. (The API,
 * POST /api/v1/publication/scan, records and audits each scan.)
 *
 * Exit codes, so a pipeline can gate on them:
 *   scan: 0 clear, 1 a finding of a --fail-on type remains, 2 a file could not be scanned or the
 *         command line is wrong (unknown type, bad option);
 *   mask: 0 a masked copy was written and scans clean, 1 written but something remains,
 *         2 nothing written (refused, unreadable, bad command line).
 * Usage errors are 2 here, not the 1 other commands use, because 1 means "findings" to a gate.
 */
const FORMATS = ['text', 'json', 'sarif'] as const;
type ReportFormat = (typeof FORMATS)[number];

/** pdf, xlsx, docx and html are read whole; 50 MB by default, as masking's own default. */
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/** Enough bytes to tell a format from its first bytes (a PDF header may sit anywhere in the first 1 KB). */
const HEAD_BYTES = 64 * 1024;
/** Read size of the stream of a large text file. */
const READ_CHUNK_BYTES = 1024 * 1024;
const USAGE_EXIT = 2;

const TYPES_HELP = `Types / 类型: ${PII_TYPES.join(', ')}`;

interface ScanOptions {
  format: ReportFormat;
  types?: string;
  failOn?: string;
  maxBytes?: string;
}

interface MaskOptions {
  out: string;
  types?: string;
  force?: boolean;
  maxBytes?: string;
}

/** Commander's own usage errors (unknown option, missing argument) exit 2 too; help still exits 0. */
function usageExits(command: Command): Command {
  return command.exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : USAGE_EXIT);
  });
}

function usageError(code: string, message: string): DomainError {
  return new DomainError(code, message);
}

function maxBytesOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_BYTES;
  if (!/^[1-9][0-9]{0,15}$/.test(text)) throw usageError('MAX_BYTES_INVALID', `--max-bytes 须为正整数（字节数）/ --max-bytes takes a positive whole number of bytes`);
  return Number(text);
}

function typesOf(text: string | undefined, label: string): PiiType[] | undefined {
  return text === undefined ? undefined : parsePiiTypeList(text, label);
}

/**
 * What fails the gate: every scanned type by default; `none` to report only. A --fail-on type
 * that --types leaves out could never fire, which is a mistake to say, not to ignore.
 */
function failOnOf(text: string | undefined, types: readonly PiiType[] | undefined): Set<PiiType> {
  const scanned = types ?? PII_TYPES;
  if (text === undefined) return new Set(scanned);
  if (text.trim() === 'none') return new Set();
  const failOn = parsePiiTypeList(text, '--fail-on');
  const unscanned = failOn.filter((type) => !scanned.includes(type));
  if (unscanned.length > 0) {
    throw usageError('FAIL_ON_NOT_SCANNED', `--fail-on 中的 ${unscanned.join(', ')} 不在 --types 之内，永远不会触发 / --fail-on names ${unscanned.join(', ')}, which --types does not scan`);
  }
  return new Set(failOn);
}

// ---------------------------------------------------------------------------------------------
// Files

interface FileEntry {
  path: string;
  size: number;
  /** Set when the path cannot be scanned at all (missing, not a file). */
  error?: DomainError;
}

/**
 * A file's bytes, read into one buffer again and again: scanTextStream copies each piece before it
 * asks for the next, and a large file then costs no fresh memory per read. The reads are
 * synchronous: the command scans one file at a time and has nothing else to do meanwhile, and a
 * read handed to the thread pool would leave it waiting for each piece.
 */
function* fileBytes(path: string): Generator<Uint8Array> {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    for (;;) {
      const bytesRead = readSync(descriptor, buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) return;
      yield bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(descriptor);
  }
}

/** The first bytes of a file, for telling its format. */
function readHead(path: string): Uint8Array {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const length = readSync(descriptor, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, length);
  } finally {
    closeSync(descriptor);
  }
}

function fileSource(entry: FileEntry): FileSource {
  return {
    name: entry.path,
    size: entry.size,
    head: async () => readHead(entry.path),
    read: async () => readFileSync(entry.path),
    stream: () => fileBytes(entry.path),
  };
}

function unreadable(reason: string, reasonEnglish: string): DomainError {
  return new DomainError('FILE_UNREADABLE', `无法读取：${reason} / cannot read: ${reasonEnglish}`);
}

/**
 * The files named on the command line, directories walked recursively with their entries sorted
 * by name (code-unit order, not the locale's), so two runs list the same files in the same order.
 * A directory reached twice (through a link) is walked once.
 */
function collectFiles(paths: readonly string[]): { files: FileEntry[]; walkedDirectory: boolean } {
  const files: FileEntry[] = [];
  const seen = new Set<string>();
  let walkedDirectory = false;
  const visit = (path: string, stats: Stats | undefined): void => {
    if (stats === undefined) {
      files.push({ path, size: 0, error: unreadable('文件不存在', 'no such file') });
      return;
    }
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      real = resolve(path);
    }
    if (seen.has(real)) return;
    seen.add(real);
    if (stats.isFile()) {
      files.push({ path, size: stats.size });
    } else if (stats.isDirectory()) {
      walkedDirectory = true;
      let names: string[];
      try {
        names = readdirSync(path);
      } catch {
        files.push({ path, size: 0, error: unreadable('无法列出目录', 'cannot list the directory') });
        return;
      }
      for (const name of names.sort(byCodeUnits)) visit(join(path, name), statOf(join(path, name)));
    } else {
      files.push({ path, size: 0, error: unreadable('不是普通文件', 'not a regular file') });
    }
  };
  for (const path of paths) visit(path, statOf(path));
  return { files, walkedDirectory };
}

function byCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Follows links; a dangling link or a missing path is undefined. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// scan

async function runScan(paths: string[], options: ScanOptions, version: string): Promise<number> {
  const types = typesOf(options.types, '--types');
  const failOn = failOnOf(options.failOn, types);
  const maxBytes = maxBytesOf(options.maxBytes);
  const { files, walkedDirectory } = collectFiles(paths);
  const bar = walkedDirectory ? progressBar('扫描 / scanning') : undefined;
  const report: ScanReport = { files: [] };
  try {
    for (const [index, entry] of files.entries()) {
      bar?.update(index, files.length, entry.path);
      let file: FileReport;
      if (entry.error !== undefined) {
        file = { path: entry.path, findings: [], error: fileScanError(entry.error) };
      } else {
        const scanned = await scanSource(fileSource(entry), { maxBytes, ...(types === undefined ? {} : { types }) });
        file = { path: entry.path, findings: scanned.findings, error: scanned.error };
      }
      report.files.push(file);
    }
    bar?.update(files.length, files.length, '');
  } finally {
    bar?.stop();
  }
  const output = options.format === 'json' ? jsonReport(report) : options.format === 'sarif' ? sarifReport(report, failOn, version) : textReport(report, failOn);
  process.stdout.write(output);
  return exitCodeOf(report, failOn);
}

const SCAN_HELP = `
扫描待发布的文件，找出其中的个人信息（公示信息发布前脱敏检查）。
Finds personal data in files before they are published. Reads txt, csv, tsv, md (UTF-8 or
GB18030/GBK), html (hidden elements too), xlsx (hidden sheets, rows, columns and notes), docx
(runs joined, comments, tracked changes) and pdf (the text layer). Directories are scanned
recursively, in name order; a progress bar goes to stderr. Nothing is uploaded or recorded.

${TYPES_HELP}
${PII_TYPES.map((type) => `  ${type.padEnd(20)} ${PII_TYPE_LABELS[type].zh} / ${PII_TYPE_LABELS[type].en}`).join('\n')}

Output:
  text   人读的摘要，值已遮蔽 / a summary for people; values are shown masked
  json   {"files":[{"path","findings":[{type,value,start,end,line,confidence,location?}],"error"}]}
         exact values, every file listed, one JSON document on stdout
  sarif  SARIF 2.1.0 for code-scanning dashboards; --fail-on types are errors, others warnings

Exit codes / 退出码:
  0  可以发布 / clear: no finding of a --fail-on type
  1  发现个人信息 / a finding of a --fail-on type remains
  2  有文件无法扫描或命令有误 / a file could not be scanned (unsupported, unreadable, over
     --max-bytes), or the command line is wrong (unknown type or option)

Examples:
  custos scan 公示名单.xlsx
  custos scan ./待发布/ --format json > scan.json
  custos scan site/ --format sarif --fail-on cn_resident_id,cn_mobile,bank_card > custos.sarif
  custos scan notice.docx --types cn_resident_id,person_name --fail-on none
  custos scan 附件.pdf --max-bytes 104857600

In a publishing pipeline:
  custos scan "$UPLOAD_DIR" --format sarif > custos.sarif || { echo "请先脱敏 / mask first"; exit 1; }
See docs/publication-guard.md.`;

export function scanCommand(host: CliHost): Command {
  return usageExits(
    new Command('scan')
      .description('发布前扫描文件中的个人信息 / find personal data in files before they are published')
      .argument('<paths...>', '文件或目录 / files or directories')
      .addOption(new Option('--format <format>', '输出格式 / output format').choices(FORMATS).default('text'))
      .option('--types <types>', '只查这些类型（逗号分隔）/ only these types, comma-separated')
      .option('--fail-on <types>', '哪些类型导致退出码 1（默认全部扫描类型；none 表示只报告）/ types that make the exit code 1 (default: every scanned type; none: report only)')
      .option('--max-bytes <bytes>', `pdf、xlsx、docx、html 的大小上限，默认 ${DEFAULT_MAX_BYTES} / size cap for pdf, xlsx, docx and html files (default ${DEFAULT_MAX_BYTES}); text files are streamed`)
      .addHelpText('after', SCAN_HELP)
      .action(async (paths: string[], options: ScanOptions) => {
        try {
          process.exitCode = await runScan(paths, options, host.version);
        } catch (error) {
          reportError(error);
          process.exitCode = USAGE_EXIT;
        }
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// mask

function countsLine(counts: Partial<Record<PiiType, number>>): string {
  const parts = PII_TYPES.filter((type) => (counts[type] ?? 0) > 0).map((type) => `${PII_TYPE_LABELS[type].zh} ${type} ${counts[type] ?? 0}`);
  return parts.length === 0 ? '无 / none' : parts.join('，');
}

function sameFile(left: string, right: string): boolean {
  if (resolve(left) === resolve(right)) return true;
  try {
    return existsSync(right) && realpathSync(left) === realpathSync(right);
  } catch {
    return false;
  }
}

async function runMask(input: string, options: MaskOptions): Promise<number> {
  const types = typesOf(options.types, '--types');
  const maxBytes = maxBytesOf(options.maxBytes);
  // The original is evidence of what was about to be published; it is never overwritten.
  if (sameFile(input, options.out)) throw usageError('OUTPUT_IS_INPUT', '输出文件不能是输入文件 / the output must not be the input file; write the masked copy elsewhere');
  if (!options.force && existsSync(options.out)) throw usageError('OUTPUT_EXISTS', `输出文件已存在，加 --force 才会覆盖 / ${options.out} already exists; add --force to overwrite it`);
  const stats = statOf(input);
  if (stats === undefined || !stats.isFile()) throw unreadable('文件不存在或不是普通文件', 'no such file, or not a regular file');
  const bytes = readFileSync(input);
  const result = await maskFile(bytes, input, { maxBytes, ...(types === undefined ? {} : { types }) });
  try {
    writeFileSync(options.out, result.bytes, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw usageError('OUTPUT_EXISTS', `输出文件已存在 / ${options.out} already exists`);
    throw usageError('OUTPUT_UNWRITABLE', `无法写入输出文件 / cannot write ${options.out}`);
  }
  const remaining = Object.values(result.remaining).reduce((sum, count) => sum + count, 0);
  process.stdout.write(
    `已写入脱敏副本 / masked copy written: ${options.out} (${result.format})\n` +
      `  已脱敏 / masked: ${countsLine(result.masked)}\n` +
      `  复查 / scanned again: ${remaining === 0 ? '未发现个人信息 / nothing found' : `仍有 ${remaining} 处 / ${remaining} remain: ${countsLine(result.remaining)}`}\n`,
  );
  return remaining === 0 ? 0 : 1;
}

const MASK_HELP = `
写出一份脱敏副本，格式与原文件相同；原文件不变。
Writes a masked copy in the same format, with the display presets of core/masking: resident IDs
keep region and last four (110105********002X), mobiles 138****5678, names 王*, addresses keep
the county, emails z***@qq.com; landlines, passports, permits, plates and IP addresses are
redacted whole. The copy is scanned again and the result shown.

PDF 无法安全脱敏：文字层之外还有字形、图像和元数据。请对源文档（Word、Excel）脱敏后重新导出 PDF。
A PDF is refused (MASK_UNSUPPORTED_FORMAT): mask the source document and export it again.

${TYPES_HELP}

Exit codes / 退出码:
  0  已写入且复查无个人信息 / written, and scanning it finds nothing
  1  已写入但复查仍有发现 / written, but something remains
  2  未写入 / nothing written: refused (PDF, unsupported, unreadable, too large), OUT exists
     without --force, OUT is IN, or the command line is wrong

Examples:
  custos mask 公示名单.xlsx -o 公示名单-脱敏.xlsx
  custos mask notice.docx -o public/notice.docx --types cn_resident_id,cn_mobile,person_name
  custos mask list.csv -o list-masked.csv --force`;

export function maskCommand(): Command {
  return usageExits(
    new Command('mask')
      .description('写出同格式的脱敏副本（PDF 除外）/ write a masked copy in the same format (not PDF)')
      .argument('<in>', '原文件（不会被修改）/ the original (never modified)')
      .requiredOption('-o, --out <file>', '脱敏副本 / where to write the masked copy')
      .option('--types <types>', '只遮蔽这些类型（逗号分隔）/ only these types, comma-separated')
      .option('--force', '覆盖已存在的输出文件 / overwrite OUT if it exists')
      .option('--max-bytes <bytes>', `文件大小上限，默认 ${DEFAULT_MAX_BYTES} / size cap (default ${DEFAULT_MAX_BYTES}); masking reads the file whole`)
      .addHelpText('after', MASK_HELP)
      .action(async (input: string, options: MaskOptions) => {
        try {
          process.exitCode = await runMask(input, options);
        } catch (error) {
          reportError(error);
          process.exitCode = USAGE_EXIT;
        }
      }),
  );
}
