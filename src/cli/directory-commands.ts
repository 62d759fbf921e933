import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { Principal } from '../app/context.ts';
import type { Enrolment } from '../app/directory/person-service.ts';
import type { ImportProgress } from '../app/directory/transfer/directory-import-service.ts';
import { DIRECTORY_FORMATS, directoryFormatFromFileName, type DirectoryFormat } from '../app/directory/transfer/directory-format.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import type { CliHost, CliRuntime } from './cli-host.ts';
import { progressBar } from './progress.ts';
import { fileFormat, readInputFile } from './input-file.ts';
import { withRuntime } from './run-command.ts';

/** Above this size (roughly a thousand rows) an import shows which stage it is in. */
const LARGE_FILE_BYTES = 100 * 1024;

const AS_HELP = '以哪位平台管理员（platform_admin）的身份导入；省略时以本机进程身份导入，审计记为 process / the platform_admin login to import as; without it the import runs as the local process and is audited as such';

const LAYOUT_HELP = 'The column layout, with an example, is in docs/directory-import.md. CSV may be UTF-8 or GBK/GB18030 (as Chinese Excel saves it); XLSX is read from its first sheet.';

interface ImportOptions {
  as?: string;
  format?: string;
}

function formatOf(explicit: string | undefined, file: string): DirectoryFormat {
  return fileFormat(explicit, file, directoryFormatFromFileName, DIRECTORY_FORMATS);
}

async function principalOf(runtime: CliRuntime, login: string | undefined): Promise<Principal | null> {
  return login === undefined ? null : runtime.services.auth.localPrincipal(login);
}

/** Runs `work` with a progress display for a large file, and with none for a small one. */
async function withProgress<T>(bytes: Uint8Array, title: string, work: (progress: ImportProgress) => Promise<T>): Promise<T> {
  if (bytes.byteLength < LARGE_FILE_BYTES) return work(() => {});
  const bar = progressBar(title);
  try {
    return await work((done, total, label) => bar.update(done, total, label));
  } finally {
    bar.stop();
  }
}

/**
 * Claims the output file before anything is written to the database: 'wx' refuses an existing
 * file, and mode 0600 keeps the passwords from other local users. Claiming first means an import
 * never succeeds with nowhere to put its one-time passwords.
 */
function claimOutput(path: string): number {
  try {
    return openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DomainError('OUTPUT_EXISTS', `输出文件已存在，不会覆盖 / ${path} already exists; it is never overwritten`);
    throw new DomainError('OUTPUT_UNWRITABLE', `无法创建输出文件 / cannot create ${path}`);
  }
}

function enrolmentsJson(enrolments: readonly Enrolment[]): string {
  const people = enrolments.map(({ person, password, totpSecret, totpUri }) => ({ login: person.login, name: person.name, orgId: person.orgId, password, totpSecret, totpUri }));
  const notice = '一次性初始密码与 TOTP 密钥：分发给本人后请删除本文件，首次登录须修改密码 / one-time initial passwords and TOTP secrets: delete this file once each person has theirs; passwords must be changed at first login';
  return `${JSON.stringify({ notice, people }, null, 2)}\n`;
}

function importOrganisationsCommand(host: CliHost): Command {
  return new Command('import-organisations')
    .description('从 CSV 或 XLSX 批量登记机构（部门、监管部门、第三方运维、平台）：逐行校验，任一行有误则不写入 / register organisations from a CSV or XLSX file; every row is checked and nothing is written unless all pass')
    .argument('<file>', '机构表 / the organisations file')
    .option('--as <login>', AS_HELP)
    .addOption(new Option('--format <format>', '文件格式，默认按扩展名 / file format, from the extension by default').choices(DIRECTORY_FORMATS))
    .addHelpText(
      'after',
      [
        '',
        LAYOUT_HELP,
        '第三方运维机构的委托部门须已登记：先导入部门，再导入运维机构 / a contractor’s commissioning departments must already be registered: import departments first, contractors in a second file.',
        '',
        'Examples:',
        '  custos directory import-organisations 部门.csv',
        '  custos directory import-organisations departments.xlsx --as admin',
        '  custos directory import-organisations export.txt --format csv',
      ].join('\n'),
    )
    .action((file: string, options: ImportOptions, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const format = formatOf(options.format, file);
        const bytes = readInputFile(file);
        await runtime.migrate();
        const principal = await principalOf(runtime, options.as);
        const created = await withProgress(bytes, '导入机构 / importing organisations', (progress) => runtime.services.directoryImport.importOrganisations(principal, bytes, format, progress));
        process.stdout.write(`已登记 ${created.length} 个机构 / registered ${created.length} organisations\n`);
      }),
    );
}

function importPeopleCommand(host: CliHost): Command {
  return new Command('import-people')
    .description('从 CSV 或 XLSX 批量开设人员账号：密码不导入，由系统生成并只写入 --out 文件一次 / enrol people from a CSV or XLSX file; passwords are never imported but generated and written once to --out')
    .argument('<file>', '人员表 / the people file')
    .requiredOption('-o, --out <file>', '写入一次性密码、TOTP 密钥和 otpauth 链接的 JSON 文件（权限 0600，已存在则拒绝）/ JSON file for the one-time passwords, TOTP secrets and otpauth URIs (mode 0600; refused if it exists)')
    .option('--as <login>', AS_HELP)
    .addOption(new Option('--format <format>', '文件格式，默认按扩展名 / file format, from the extension by default').choices(DIRECTORY_FORMATS))
    .addHelpText(
      'after',
      [
        '',
        LAYOUT_HELP,
        '所属机构填统一社会信用代码或机构全称，机构须已登记 / 所属机构 is the organisation’s USCC or exact name; it must already be registered.',
        '只打印人数，密码只在 --out 文件中 / only counts are printed; the secrets are only in the --out file.',
        '',
        'Examples:',
        '  custos directory import-people 人员.xlsx --out enrolments.json',
        '  custos directory import-people people.csv --out /secure/enrolments.json --as admin',
      ].join('\n'),
    )
    .action((file: string, options: ImportOptions & { out: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const format = formatOf(options.format, file);
        const bytes = readInputFile(file);
        const output = claimOutput(options.out);
        let enrolments: Enrolment[];
        try {
          await runtime.migrate();
          const principal = await principalOf(runtime, options.as);
          enrolments = await withProgress(bytes, '导入人员 / importing people', (progress) => runtime.services.directoryImport.importPeople(principal, bytes, format, progress));
        } catch (error) {
          // Nothing was imported, so the claimed file holds nothing and would only block a retry.
          closeSync(output);
          unlinkSync(options.out);
          throw error;
        }
        writeSync(output, enrolmentsJson(enrolments));
        closeSync(output);
        process.stdout.write(`已开设 ${enrolments.length} 个账号，初始密码与 TOTP 密钥已写入 ${options.out} / enrolled ${enrolments.length} people; initial passwords and TOTP secrets are in ${options.out}\n`);
      }),
    );
}

/** `custos directory import-organisations|import-people`: day-one registration from spreadsheets. */
export function directoryCommands(host: CliHost): Command {
  return new Command('directory')
    .description('机构与人员名录的批量导入 / bulk import of organisations and people')
    .addCommand(importOrganisationsCommand(host))
    .addCommand(importPeopleCommand(host));
}
