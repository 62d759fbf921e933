import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { formatFromFileName, type CatalogFormat } from '../app/catalog/transfer/catalog-format.ts';
import type { CliHost } from './cli-host.ts';
import { fileFormat, readInputFile } from './input-file.ts';
import { withRuntime } from './run-command.ts';

const FORMATS = ['json', 'csv', 'xlsx'];

function formatOf(explicit: string | undefined, file: string): CatalogFormat {
  return fileFormat(explicit, file, formatFromFileName, FORMATS as CatalogFormat[]);
}

/** `custos catalog import|export`: the 政务信息资源目录 in and out of files. */
export function catalogCommands(host: CliHost): Command {
  const catalog = new Command('catalog').description('信息资源目录的导入与导出 / import and export the resource catalog');

  catalog
    .command('import')
    .description('从 JSON、CSV（UTF-8 或 GBK/GB18030）或 XLSX 导入资源草稿：逐行校验，任一行有误则不写入 / import drafts; every row is checked and nothing is written unless all pass')
    .argument('<file>', '文件 / file to import')
    .requiredOption('--as <login>', '以哪位数据提供管理员的身份导入 / the provider_admin login the drafts are registered under')
    .addOption(new Option('--format <format>', '文件格式，默认按扩展名 / file format, from the extension by default').choices(FORMATS))
    .addHelpText('after', '\nThe CSV/XLSX layout is one row per item (信息项); see docs/catalog-import.md.\nExample:\n  custos catalog import resources.csv --as police.admin')
    .action((file: string, options: { as: string; format?: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const format = formatOf(options.format, file);
        const bytes = readInputFile(file);
        await runtime.migrate();
        const principal = await runtime.services.auth.localPrincipal(options.as);
        const created = await runtime.services.catalogTransfer.import(principal, bytes, format);
        process.stdout.write(`已导入 ${created.length} 个资源草稿 / imported ${created.length} draft resources\n`);
      }),
    );

  catalog
    .command('export')
    .description('导出目录：已发布资源及本部门草稿 / export the catalog: published entries and your own drafts')
    .requiredOption('-o, --out <file>', '输出文件 / output file')
    .requiredOption('--as <login>', '以谁的视角导出 / whose view of the catalog to export')
    .addOption(new Option('--format <format>', '文件格式，默认按扩展名 / file format, from the extension by default').choices(FORMATS))
    .addHelpText('after', '\nExample:\n  custos catalog export --out catalog.xlsx --as supervisor.wang')
    .action((options: { out: string; as: string; format?: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const format = formatOf(options.format, options.out);
        await runtime.migrate();
        const principal = await runtime.services.auth.localPrincipal(options.as);
        const { bytes, count } = await runtime.services.catalogTransfer.export(principal, format);
        writeFileSync(options.out, bytes);
        process.stdout.write(`已导出 ${count} 个资源 / exported ${count} resources to ${options.out}\n`);
      }),
    );
  return catalog;
}
