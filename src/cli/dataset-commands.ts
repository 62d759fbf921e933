import { statSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { Principal } from '../app/context.ts';
import { DATASET_FORMATS, datasetFormatOf, type DatasetFormat, type DatasetReadProgress } from '../app/datasets/dataset-format.ts';
import { DomainError, type FieldError } from '../core/shared/domain-error.ts';
import type { CliHost, CliRuntime } from './cli-host.ts';
import { fileFormat } from './input-file.ts';
import { progressBar } from './progress.ts';
import { reportError, withRuntime } from './run-command.ts';

/**
 * `custos dataset load|show`: hosted datasets on the server's own machine, through the runtime,
 * for files too large to upload or loads run from a scheduler.
 *
 * Exit codes of `load`:
 *   0  loaded, the new version in force;
 *   1  refused: bad rows or header (nothing replaced), or the resource, login or role is wrong;
 *   2  the file could not be read: missing, not a file, unknown format, not of its format.
 */
const UNREADABLE_EXIT = 2;
/** Bad rows printed; the rest are counted. A file with thousands of bad rows needs fixing at the source. */
const MOST_ERRORS_PRINTED = 20;
/** Below this a load is over before a bar would be seen. */
const PROGRESS_FROM_BYTES = 256 * 1024;
const KIB = 1024;

const AS_HELP =
  '以哪位数据提供管理员（provider_admin，须属资源的提供部门）的身份加载；省略时以本机进程身份加载，审计记为 process / the provider_admin login (of the resource’s provider) to load as; without it the load runs as the local process and is audited as such';

/** The problems that mean "the file", not "the data": exit 2. */
const UNREADABLE_CODES = new Set(['FILE_UNREADABLE', 'FORMAT_UNKNOWN', 'DATASET_UNREADABLE']);

interface LoadOptions {
  resource: string;
  format?: string;
  as?: string;
}

function formatOf(explicit: string | undefined, file: string): DatasetFormat {
  return fileFormat(explicit, file, (name) => datasetFormatOf(name) ?? undefined, DATASET_FORMATS);
}

/** The file named exists and is a file: said with the path the operator typed, on their own terminal. */
function checkReadable(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new DomainError('FILE_UNREADABLE', `无法读取文件（不存在或不是普通文件）/ cannot read ${file}: no such file, or not a regular file`);
}

async function principalOf(runtime: CliRuntime, login: string | undefined): Promise<Principal | null> {
  return login === undefined ? null : runtime.services.auth.localPrincipal(login);
}

/** `/rows/3/resident_id` → 第 3 行 / row 3: resident_id: … (unless the message names the row itself); `/header/2` and the rest keep their message. */
export function rowErrorLine(error: FieldError): string {
  const row = /^\/rows\/(\d+)(?:\/(.+))?$/u.exec(error.path);
  if (row && error.message.startsWith(`第 ${row[1]} 行`)) return error.message;
  if (row) return `第 ${row[1]} 行 / row ${row[1]}: ${row[2] === undefined ? '' : `${row[2]}: `}${error.message}`;
  if (error.path.startsWith('/header')) return `表头 / header: ${error.message}`;
  return error.message;
}

/**
 * Prints why a load was refused and returns the exit code. Bad rows are listed by row number
 * and item, the first few only; the messages name the expected form, never a cell's value.
 */
function reportLoadError(error: unknown): number {
  if (!(error instanceof DomainError)) return reportError(error);
  if (UNREADABLE_CODES.has(error.code)) {
    process.stderr.write(`错误 / error ${error.code}: ${error.message}\n`);
    return UNREADABLE_EXIT;
  }
  if (error.code !== 'VALIDATION_FAILED') return reportError(error);
  const errors = error.details?.errors ?? [];
  const shown = Math.min(errors.length, MOST_ERRORS_PRINTED);
  process.stderr.write(`错误 / error ${error.code}: 数据有误，未加载任何行；以下为前 ${shown} 处 / the data has errors and no row was loaded; the first ${shown} follow\n`);
  for (const field of errors.slice(0, MOST_ERRORS_PRINTED)) process.stderr.write(`  ${rowErrorLine(field)}\n`);
  const rest = errors.length - MOST_ERRORS_PRINTED;
  if (rest > 0) process.stderr.write(`  …另有 ${rest} 处错误未列出 / ${rest} more errors not shown\n`);
  return 1;
}

/** A bar in KiB with the rows read so far, once the file is large enough to wait for. */
function loadProgress(totalBytes: number): { update(progress: DatasetReadProgress): void; stop(): void } {
  if (totalBytes < PROGRESS_FROM_BYTES) return { update() {}, stop() {} };
  const bar = progressBar('加载数据 / loading');
  const total = Math.ceil(totalBytes / KIB);
  return {
    update(progress) {
      // Whole KiB read, rounded down until the very end, so the bar says 100% only once it is.
      const done = progress.bytesRead >= totalBytes ? total : Math.min(Math.floor(progress.bytesRead / KIB), total - 1);
      bar.update(done, total, `KiB · ${progress.rows} 行 / rows`);
    },
    stop: () => bar.stop(),
  };
}

const LOAD_HELP = `
加载托管数据集的新版本：逐行按资源信息项校验，全部通过后整体替换旧版本；任一行有误则不替换。
Loads a new version of a hosted dataset: every row is checked against the resource's items, and
the new version replaces the old one whole, only if every row passes. The file is streamed, with
a progress bar (KiB and rows) on stderr for large files.

文件格式 / formats:
  csv   UTF-8 或 GB18030/GBK，首行表头为信息项代码或名称 / UTF-8 or GB18030, a header of item codes or names
  xlsx  第一个工作表，首行表头 / the first sheet, a header row
  json  对象数组或每行一个对象（NDJSON）/ an array of objects, or one object a line (NDJSON)
含个人信息的信息项、分级为一般3级及以上的信息项都加密存储；主体标识另存盲索引。
Every item with personal information, and every item graded general-3 or higher, is stored
encrypted; the subject key is also kept as a blind index.

出错时按行号列出（最多 ${MOST_ERRORS_PRINTED} 条，其余计数），从不回显单元格的值：
Bad rows are listed by number (at most ${MOST_ERRORS_PRINTED}, the rest counted), never with a cell's value:
  第 3 行 / row 3: resident_id: 第 3 行「公民身份号码」(resident_id)不是有效的公民身份号码… / row 3: …
行号从表头下第一行数起为 1 / rows count from 1, the header not counted.

Exit codes / 退出码:
  0  已加载 / loaded; the new version is in force
  1  被拒绝，未替换 / refused, nothing replaced: bad rows or header, unknown resource or login,
     wrong role, a retired resource, or another load of it under way
  2  文件无法读取 / the file could not be read: missing, unknown format, or not of its format

Examples:
  custos dataset load --resource 331199-GA-0001 户籍人口.csv
  custos dataset load --resource 331199-GA-0001 residents.xlsx --as police.admin
  custos dataset load --resource 331199-GA-0001 export.txt --format csv --data /srv/custos
See docs/datasets.md.`;

function loadCommand(host: CliHost): Command {
  return new Command('load')
    .description('加载托管数据集的新版本（逐行校验，整体替换）/ load a new version of a hosted dataset; checked row by row, replaced whole')
    .argument('<file>', '数据文件 / the dataset file')
    .requiredOption('--resource <code>', '信息资源代码 / the resource code')
    .addOption(new Option('--format <format>', '文件格式，默认按扩展名（.ndjson、.jsonl 为 json）/ file format, from the extension by default (.ndjson and .jsonl are json)').choices(DATASET_FORMATS))
    .option('--as <login>', AS_HELP)
    .addHelpText('after', LOAD_HELP)
    .action(async (file: string, options: LoadOptions, command: Command) => {
      let format: DatasetFormat;
      try {
        format = formatOf(options.format, file);
        checkReadable(file);
      } catch (error) {
        process.exitCode = reportLoadError(error);
        return;
      }
      await withRuntime(host, command, async (runtime) => {
        await runtime.migrate();
        const progress = loadProgress(statSync(file).size);
        try {
          const principal = await principalOf(runtime, options.as);
          const outcome = await runtime.services.datasets.load(principal, options.resource, { path: file }, format, (read) => progress.update(read));
          progress.stop();
          const encrypted = outcome.encryptedItems.length === 0 ? '无 / none' : outcome.encryptedItems.join(', ');
          process.stdout.write(
            `已加载 ${outcome.resourceCode} 第 ${outcome.version} 版，共 ${outcome.rows} 行 / loaded version ${outcome.version} of ${outcome.resourceCode}: ${outcome.rows} rows\n` +
              `  加密存储的信息项 / stored encrypted: ${encrypted}\n`,
          );
        } catch (error) {
          progress.stop();
          process.exitCode = reportLoadError(error);
        }
      });
    });
}

function showCommand(host: CliHost): Command {
  return new Command('show')
    .description('托管数据集的状态：模式、生效版本、行数、更新时间（不显示数据）/ the status of a hosted dataset: mode, version in force, rows, last update; never the rows')
    .requiredOption('--resource <code>', '信息资源代码 / the resource code')
    .requiredOption('--as <login>', '提供部门的登录名：只有提供方能看到其数据集 / a login of the provider; only the provider sees its dataset')
    .addHelpText('after', ['', 'Examples:', '  custos dataset show --resource 331199-GA-0001 --as police.admin', '  custos dataset show --resource 331199-GA-0001 --as police.admin --data /srv/custos'].join('\n'))
    .action((options: { resource: string; as: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        await runtime.migrate();
        const principal = await runtime.services.auth.localPrincipal(options.as);
        const dataset = await runtime.services.datasets.get(principal, options.resource);
        process.stdout.write(
          [
            `资源 / resource:   ${dataset.resourceCode}`,
            `模式 / mode:       ${dataset.mode}`,
            `版本 / version:    ${dataset.version}`,
            `行数 / rows:       ${dataset.rowCount}`,
            `更新 / updated:    ${dataset.updatedAt}`,
            '',
          ].join('\n'),
        );
      }),
    );
}

function proxyCommand(host: CliHost): Command {
  return new Command('proxy')
    .description('代理模式：数据留在提供方系统，网关照常检查、转发并脱敏记录（docs/exchange.md 第 6 节）/ proxy mode: the data stays with the provider; the gateway checks, forwards, masks and records as usual')
    .requiredOption('--resource <code>', '信息资源代码 / the resource code')
    .requiredOption('--url <url>', '提供方接口地址（http 或 https）/ the provider’s API (http or https)')
    .option('--as <login>', '提供部门的登录名（provider_admin）；省略时以本机进程身份 / a provider_admin login; without it, the local process')
    .addHelpText('after', ['', 'Examples:', '  custos dataset proxy --resource 331199-GA-0003 --url https://api.police.example/custos/query --as police.admin'].join('\n'))
    .action((options: { resource: string; url: string; as?: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        await runtime.migrate();
        const principal = options.as === undefined ? null : await runtime.services.auth.localPrincipal(options.as);
        const dataset = await runtime.services.datasets.useUpstream(principal, options.resource, options.url);
        process.stdout.write(`${dataset.resourceCode} 已改为代理模式 / now proxied to ${new URL(dataset.upstreamUrl!).host}\n`);
      }),
    );
}

/** `custos dataset load|show|proxy`. */
export function datasetCommands(host: CliHost): Command {
  return new Command('dataset')
    .description('托管数据集：加载、查看状态、改为代理模式 / hosted datasets: load a new version, show the one in force, or proxy to the provider')
    .addCommand(loadCommand(host))
    .addCommand(showCommand(host))
    .addCommand(proxyCommand(host));
}
