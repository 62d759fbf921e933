import { existsSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { WitnessState } from '../app/audit/witness.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import type { CliHost } from './cli-host.ts';
import { progressBar } from './progress.ts';
import { readInputFile } from './input-file.ts';
import { reportError, withRuntime } from './run-command.ts';

function readJson(file: string, what: string): unknown {
  const text = readInputFile(file).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError('FILE_MALFORMED', `${what}不是有效的 JSON / ${file} is not valid JSON`);
  }
}

/** Runs an offline check: its verdict on stdout, or the reason on stderr with exit code 1. */
async function offlineCheck<Passed extends { ok: true }>(check: () => Promise<Passed | { ok: false; reason: string }>, failure: string, success: (result: Passed) => string): Promise<void> {
  try {
    const result = await check();
    if (!result.ok) {
      process.stderr.write(`${failure}: ${result.reason}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(success(result));
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

/** A signed note from a file: the note itself, or the `checkpoint` of a witness state or evidence bundle. */
function readCheckpointFile(file: string): string {
  const text = readInputFile(file).toString('utf8');
  if (!text.trimStart().startsWith('{')) return text;
  const parsed = readJson(file, '检查点') as { checkpoint?: unknown };
  if (typeof parsed.checkpoint !== 'string') throw new DomainError('FILE_MALFORMED', `${file} 中没有 checkpoint / ${file} holds no checkpoint`);
  return parsed.checkpoint;
}

/** `custos audit …`: verify the tamper-evident log, witness it from outside, and prove entries offline. */
export function auditCommands(host: CliHost): Command {
  const audit = new Command('audit').description('防篡改审计日志：校验、见证与证据包 / the tamper-evident audit log: verify, witness, evidence');

  audit
    .command('verify')
    .description('从存储重算整棵树，并与每个已签名检查点核对；发现篡改时退出码为 1 并指出位置 / recompute the tree and check it against every signed checkpoint; exit 1 naming the first bad index or checkpoint interval')
    .option('--key <key>', '只信任此验证公钥（默认用本机配置的密钥）/ trust only this verifier key')
    .option('--checkpoint <file>', '库外保存的检查点（签名文本，或见证状态文件）：删除库内检查点也无法掩盖改写 / a checkpoint kept outside the database (a signed note, or a witness state file)')
    .addHelpText('after', '\nExample:\n  custos audit verify --data ./var\n  custos audit verify --checkpoint witness.json')
    .action((options: { key?: string; checkpoint?: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const trusted = options.checkpoint ? [readCheckpointFile(options.checkpoint)] : [];
        const bar = progressBar('校验审计日志 / verifying');
        const outcome = await runtime.services.audit.verify((done, total) => bar.update(done, total, ''), options.key, trusted);
        bar.stop();
        if (outcome.ok) {
          process.stdout.write(`审计日志完好 / the audit log verifies: ${outcome.size} entries, ${outcome.checkpoints} checkpoints\n`);
          return;
        }
        process.stderr.write(`审计日志校验失败 / verification failed: ${outcome.problem.code}\n  ${outcome.problem.message}\n`);
        process.exitCode = 1;
      }),
    );

  audit
    .command('prove')
    .description('为一条审计记录生成离线可验证的证据包 / write an offline-verifiable evidence bundle for one entry')
    .requiredOption('--seq <n>', '记录序号 / the entry’s sequence number')
    .requiredOption('-o, --out <file>', '输出文件 / output file')
    .addHelpText('after', '\nThe bundle holds the entry, its inclusion proof, a signed checkpoint and the verifier key (docs/audit-log.md).\nExample:\n  custos audit prove --seq 42 --out evidence-42.json')
    .action((options: { seq: string; out: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        if (!/^\d+$/.test(options.seq)) throw new DomainError('SEQ_INVALID', '--seq 须为非负整数 / --seq must be a whole number');
        const bundle = await runtime.services.audit.evidence(Number(options.seq));
        writeFileSync(options.out, `${JSON.stringify(bundle, null, 2)}\n`);
        process.stdout.write(`证据包已写入 / evidence written to ${options.out} (tree size ${bundle.inclusionProof.treeSize})\n`);
      }),
    );

  audit
    .command('check-bundle')
    .description('离线校验证据包，只信任给定的公钥 / verify an evidence bundle offline, trusting only the given key')
    .argument('<file>', '证据包 / the bundle')
    .option('--key <key>', '验证公钥（<name>+<id>+<key>）；不给则使用包内公钥，结论仅为自证 / the verifier key; without it the bundle’s own key is used and the result is self-asserted')
    .addHelpText('after', '\nExample:\n  custos audit check-bundle evidence-42.json --key "$(curl -s https://custos.example/api/v1/audit/key)"')
    .action((file: string, options: { key?: string }) =>
      offlineCheck(
        async () => (await import('../app/audit/evidence-bundle.ts')).checkEvidenceBundle(readJson(file, '证据包'), options.key),
        '证据包无效 / the bundle does not verify',
        (result) =>
          `证据成立 / verified: entry ${result.seq} is in ${result.origin} at tree size ${result.treeSize}\n` +
          (result.selfAsserted ? '注意：未用 --key 指定公钥，仅用包内公钥自证 / note: checked against the bundle’s own key; pass --key to trust only yours\n' : ''),
      ),
    );

  audit
    .command('archive')
    .description('把超过保存期（默认 12 个月，不少于 6 个月）的记录导出为签名归档段，写入成功后才从数据库删除 / export entries past retention as a signed archive segment, deleting them only after the file is written and verified')
    .requiredOption('-o, --out <file>', '归档段文件（不覆盖已有文件）/ the segment file; never overwritten')
    .option('--as <login>', '以哪位人员身份归档（记入审计）；省略时记为本机进程 / who archives, for the audit trail')
    .addHelpText('after', '\n网络安全法第二十一条要求日志留存不少于六个月。Keep segment files on separate, write-once storage.\nExample:\n  custos audit archive --out audit-archive-2026-11.json')
    .action((options: { out: string; as?: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        if (existsSync(options.out)) throw new DomainError('FILE_EXISTS', `文件已存在，不覆盖 / ${options.out} exists; not overwriting`);
        const principal = options.as ? await runtime.services.auth.localPrincipal(options.as) : null;
        const segment = await runtime.services.audit.prepareArchive();
        // The file is written and flushed before anything is deleted.
        writeFileSync(options.out, `${JSON.stringify(segment)}\n`, { flag: 'wx', flush: true });
        await runtime.services.audit.commitArchive(segment, options.out, principal);
        process.stdout.write(`已归档第 ${segment.start}–${segment.end - 1} 条 / archived entries [${segment.start}, ${segment.end}) to ${options.out}\n`);
      }),
    );

  audit
    .command('check-archive')
    .description('离线校验归档段，只信任给定的公钥 / verify an archive segment offline, trusting only the given key')
    .argument('<file>', '归档段 / the segment')
    .requiredOption('--key <key>', '验证公钥 / the verifier key')
    .addHelpText('after', '\nExample:\n  custos audit check-archive audit-archive-2026-11.json --key "$(curl -s https://custos.example/api/v1/audit/key)"')
    .action((file: string, options: { key: string }) =>
      offlineCheck(async () => (await import('../app/audit/archive.ts')).checkArchive(readJson(file, '归档段'), options.key), '归档段无效 / the segment does not verify', (result) => `归档段完好 / verified: entries [${result.start}, ${result.end})\n`),
    );

  audit
    .command('witness')
    .description('作为外部见证者：获取检查点，验签并核对与上次所见的一致性；回退或分叉时退出码为 1 / fetch the checkpoint, check its signature and consistency with the last one seen; exit 1 on a rollback or split view')
    .requiredOption('--url <url>', '被见证的 Custos 地址 / the Custos server, e.g. https://custos.example')
    .requiredOption('--state <file>', '见证状态文件（首次运行时创建）/ the witness state file, created on first run')
    .option('--key <key>', '固定的验证公钥；不给则首次运行时从服务器获取并固定 / the pinned verifier key; otherwise fetched once and pinned')
    .addHelpText('after', '\nRun it periodically (cron) from another machine.\nExample:\n  custos audit witness --url http://127.0.0.1:8080 --state witness.json')
    .action(async (options: { url: string; state: string; key?: string }) => {
      try {
        const previous = existsSync(options.state) ? (readJson(options.state, '见证状态') as WitnessState) : null;
        const base = options.url.replace(/\/+$/, '');
        const fetchText = async (path: string) => {
          const response = await fetch(`${base}${path}`);
          if (!response.ok) throw new DomainError('WITNESS_FETCH_FAILED', `${path} 返回 ${response.status} / ${path} answered ${response.status}`);
          return response.text();
        };
        const { witnessOnce } = await import('../app/audit/witness.ts');
        const outcome = await witnessOnce(fetchText, previous, options.key, base);
        if (!outcome.ok) {
          process.stderr.write(`${outcome.code}: ${outcome.message}\n`);
          process.exitCode = 1;
          return;
        }
        writeFileSync(options.state, `${JSON.stringify(outcome.state, null, 2)}\n`);
        process.stdout.write(`检查点一致 / consistent: size ${outcome.state.size} (+${outcome.grewBy})\n`);
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
  return audit;
}
