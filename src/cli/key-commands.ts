import { Command } from 'commander';
import type { Principal } from '../app/context.ts';
import type { CliHost, CliRuntime } from './cli-host.ts';
import { withRuntime } from './run-command.ts';

/**
 * `custos keys list|rotate|remove`: the key-encryption keys (KEKs) of envelope encryption, on the
 * server's own machine. Only ids and dates are ever printed, never key material. Rotation and
 * removal are audited by the use case (crypto.kek.rotated, crypto.kek.removed).
 */
const AS_HELP = '以哪位平台管理员（platform_admin）的身份操作；省略时以本机进程身份，审计记为 process / the platform_admin login to act as; without it the local process acts and is audited as such';

const PROCESSES_NOTE = [
  '一个进程打开密钥库后，看不到其他进程的轮换：轮换后请重启所有服务进程，再删除旧密钥。',
  'A running server keeps the key store it opened: after a rotation, restart every server process',
  'before removing the old key, or it may go on wrapping new data keys under the old one.',
].join('\n');

async function principalOf(runtime: CliRuntime, login: string | undefined): Promise<Principal | null> {
  return login === undefined ? null : runtime.services.auth.localPrincipal(login);
}

/** Where the key store is, for the operator; the path is configuration, not a secret. */
function keyStoreLocation(runtime: CliRuntime): string {
  const path = runtime.describeConfig()['keyStorePath'];
  return typeof path === 'string' ? path : '';
}

function listCommand(host: CliHost): Command {
  return new Command('list')
    .description('列出密钥加密密钥：编号、创建时间、是否当前（不显示密钥本身）/ list the key-encryption keys: id, created, current; never the key itself')
    .addHelpText('after', ['', 'Examples:', '  custos keys list', '  CUSTOS_KEY_STORE=/keys/custos/keystore.json custos keys list --data /srv/custos'].join('\n'))
    .action((_options, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        const keys = await runtime.services.dataKeys.listKeks();
        const location = keyStoreLocation(runtime);
        if (location !== '') process.stdout.write(`密钥库 / key store: ${location}\n`);
        for (const key of keys) process.stdout.write(`${key.id}  ${key.createdAt}${key.current ? '  当前 / current' : ''}\n`);
      }),
    );
}

function rotateCommand(host: CliHost): Command {
  return new Command('rotate')
    .description('新建密钥加密密钥并设为当前，把每个数据密钥改由它封装；数据本身不重新加密 / make a new current key-encryption key and rewrap every data key under it; the data is not re-encrypted')
    .option('--as <login>', AS_HELP)
    .addHelpText(
      'after',
      [
        '',
        '旧密钥保留，直到用 custos keys remove 删除；删除前请先备份新的密钥库。',
        'The old key stays until removed with custos keys remove; back up the key store first.',
        PROCESSES_NOTE,
        '',
        'Examples:',
        '  custos keys rotate',
        '  custos keys rotate --as platform.admin --data /srv/custos',
      ].join('\n'),
    )
    .action((options: { as?: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        await runtime.migrate();
        const principal = await principalOf(runtime, options.as);
        const { kekId, rewrapped } = await runtime.services.dataKeys.rotate(principal);
        process.stdout.write(`新的当前密钥 / new current key: ${kekId}\n已重新封装 ${rewrapped} 个数据密钥 / rewrapped ${rewrapped} data keys\n`);
      }),
    );
}

function removeCommand(host: CliHost): Command {
  return new Command('remove')
    .description('删除一个已轮换下来的密钥加密密钥；仍在使用（KEK_IN_USE）或为当前密钥（KEK_IS_CURRENT）时拒绝 / remove a rotated-out key-encryption key; refused while in use (KEK_IN_USE) or current (KEK_IS_CURRENT)')
    .argument('<kek-id>', '密钥编号，见 custos keys list / the key id, from custos keys list')
    .option('--as <login>', AS_HELP)
    .addHelpText(
      'after',
      [
        '',
        '删除不可恢复：此前备份中由该密钥封装的数据密钥将无法再打开。',
        'Removal cannot be undone: data keys wrapped by it in older backups can no longer be opened.',
        PROCESSES_NOTE,
        '',
        'Exit codes / 退出码: 0 removed; 1 refused (KEK_IN_USE, KEK_IS_CURRENT, KEK_NOT_FOUND) or failed.',
        '',
        'Examples:',
        '  custos keys remove kek-1a2b3c4d',
        '  custos keys remove kek-1a2b3c4d --as platform.admin',
      ].join('\n'),
    )
    .action((kekId: string, options: { as?: string }, command: Command) =>
      withRuntime(host, command, async (runtime) => {
        await runtime.migrate();
        const principal = await principalOf(runtime, options.as);
        await runtime.services.dataKeys.removeKek(principal, kekId);
        process.stdout.write(`已删除密钥 / removed key ${kekId}\n`);
      }),
    );
}

/** `custos keys list|rotate|remove`. */
export function keyCommands(host: CliHost): Command {
  return new Command('keys')
    .description('密钥加密密钥（KEK）的查看、轮换与删除 / list, rotate and remove the key-encryption keys')
    .addHelpText(
      'after',
      [
        '',
        '密钥库默认位于 <数据目录>-keys/keystore.json，可用 keyStorePath 或 CUSTOS_KEY_STORE 配置；',
        '请放在与数据不同的卷上并单独备份：丢失密钥库即丢失全部加密数据。',
        'The key store is <data>-keys/keystore.json unless keyStorePath or CUSTOS_KEY_STORE says',
        'otherwise. Keep it on another volume than the data and back it up separately: losing it',
        'loses every encrypted value. See docs/datasets.md.',
      ].join('\n'),
    )
    .addCommand(listCommand(host))
    .addCommand(rotateCommand(host))
    .addCommand(removeCommand(host));
}
