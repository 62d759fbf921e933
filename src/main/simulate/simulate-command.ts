import { Command, Option } from 'commander';
import { reportError } from '../../cli/run-command.ts';
import { progressBar } from '../../cli/progress.ts';
import { DEFAULT_DAYS, DEFAULT_SEED, MAXIMUM_DAYS, parseSimulationOptions, SCENARIO_NAMES, type RawSimulationOptions } from './options.ts';

const HELP = `
它做什么 / What it does:
  在临时目录中生成一个独立的演示区划（不碰你的数据目录和数据库配置），在回环端口上启动服务，
  由模拟器掌握服务端的时钟，通过真实 HTTP 调用共享交换网关：几百名最终用户、多个部门系统，
  按上海时区工作日与办公时间、本区划日历（含节假日与调休）办理业务；可注入攻击场景，
  最后从监管部门的预警接口读取告警，计算检出率、检出用时、泄露记录数与误报率。
  It builds a demo region of its own in a temporary folder (your data folder and database
  settings are never touched), serves it on a loopback port with a clock the simulator owns,
  and drives the exchange gateway over real HTTP: a few hundred end users on several department
  systems, working to Shanghai office hours and the region's calendar (holidays and make-up
  days included). It can inject attacks, then reads the supervisor's alerts and reports what
  was detected, how fast, how many records leaked, and how many alerts were false.

场景 / Scenarios (--scenario):
  insider-bulk-export   内部人员借合法查询授权批量遍历户籍（松阳案式）/ an insider scripts a lookup grant through the register (Songyang-style)
  stolen-credential     被盗系统凭证：新来源地址、非工作时间、枚举 / a copied credential: new address, small hours, enumeration
  contractor-abuse      受托运维人员在其运维的系统上批量翻页与导出 / contractor staff page through and export data on the system they run
  slow-exfiltration     低速慢速外泄：连续数日每天数百名主体 / low and slow: a few hundred subjects a day for days
  out-of-jurisdiction   大量查询辖区外主体 / many subjects outside the department's jurisdiction
  probing               反复试探未授权的资源、用途、用户和凭证 / repeated denials: resources, purposes, users and credentials not granted

指标 / Figures:
  records_leaked        攻击者实际收到的记录数（网关成功应答），直至被处置 / records the gateway delivered to the attacker before containment
  time_to_detect_min    自首次恶意调用到首个相关告警 raisedAt 的模拟分钟数 / simulated minutes from the first malicious call to the first alert on its person, credential or address
  false_alerts_per_1k_principal_days  良性主体（人员 + 凭证）每千主体日的误报数 / alerts on benign persons and credentials per 1,000 principal-days

示例 / Examples:
  custos simulate                                   # 14 天良性流量，不注入攻击 / 14 days of benign traffic only
  custos simulate --scenario all --days 14          # 全部场景 / every scenario
  custos simulate --scenario probing,stolen-credential --days 3 --seed 7
  custos simulate --scenario all --format json > result.json
  custos simulate --days 1 --keep                   # 保留临时目录以便查看 / keep the temporary folder to look around

说明 / Notes:
  进度显示在标准错误输出；--format json 时标准输出只有一个 JSON 文档。14 天约需 1.5–3 分钟。
  Progress goes to stderr; with --format json stdout holds exactly one JSON document. 14 days take about 1.5–3 minutes.
  详见 / see docs/simulate.md.`;

/**
 * `custos simulate` (issue #7 §6). The command is light: the simulator, the server runtime and the
 * demo seeder load only when it runs, so other commands start as fast as before.
 */
export function simulateCommand(): Command {
  return new Command('simulate')
    .description('模拟演练：在临时区划中以模拟时钟驱动良性流量与攻击场景，报告检出与误报 / simulate benign traffic and attacks on a temporary region and report detection and false alerts')
    .addOption(new Option('--scenario <names>', `注入的场景：all 或逗号分隔的名称 / scenarios to inject: all, or names separated by commas (${SCENARIO_NAMES.join(', ')})`))
    .addOption(new Option('--days <n>', `模拟天数 1–${MAXIMUM_DAYS} / simulated days 1–${MAXIMUM_DAYS}`).default(String(DEFAULT_DAYS)))
    .addOption(new Option('--seed <n>', '随机种子，相同种子产生相同流量 / seed: the same seed sends the same traffic').default(String(DEFAULT_SEED)))
    .addOption(new Option('--format <format>', '输出格式 / output format').choices(['table', 'json']).default('table'))
    .option('--keep', '保留临时数据目录 / keep the temporary data folder')
    .addHelpText('after', HELP)
    .action(async (raw: RawSimulationOptions) => {
      try {
        const options = parseSimulationOptions(raw);
        const { simulate } = await import('./simulator.ts');
        const { formatJson, formatTable } = await import('./report.ts');
        const bars = { seed: progressBar('生成演示区划 / seeding region'), enrol: progressBar('登记人员与授权 / enrolling staff and grants'), traffic: progressBar('模拟 / simulating') };
        let phase: keyof typeof bars = 'seed';
        const outcome = await simulate(options, (next, done, total, label) => {
          if (next !== phase) {
            bars[phase].stop();
            phase = next;
          }
          bars[next].update(done, total, label);
        });
        bars[phase].stop();
        if (outcome.keptFolder !== null) process.stderr.write(`临时目录已保留 / temporary folder kept: ${outcome.keptFolder}\n`);
        process.stdout.write(options.format === 'json' ? formatJson(outcome.figures) : formatTable(outcome.figures, outcome.details, outcome.traffic));
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}
