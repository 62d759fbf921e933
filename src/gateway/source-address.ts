import { BlockList, isIP } from 'node:net';

const lists = new Map<string, BlockList>();

function plain(address: string): string {
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function compile(allowed: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of allowed) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * Whether a call's source address is on the credential's allowlist (GB/T 39477: access bound to
 * the consumer's registered systems). An empty allowlist admits nothing: fail closed.
 */
export function addressAllowed(credentialId: string, allowed: readonly string[], address: string): boolean {
  const key = `${credentialId}|${allowed.join(',')}`;
  let list = lists.get(key);
  if (!list) {
    list = compile(allowed);
    lists.set(key, list);
  }
  const source = plain(address);
  const family = isIP(source);
  return family !== 0 && list.check(source, family === 6 ? 'ipv6' : 'ipv4');
}
