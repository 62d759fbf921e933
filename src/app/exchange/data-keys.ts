import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { fieldCipher, newDataKey, type FieldCipher } from '../../crypto/field-cipher.ts';
import type { KekInfo } from '../../crypto/key-store.ts';
import { actorOf, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';

/**
 * Envelope encryption (GB/T 39477-2020 on sensitive shared data at rest; GB/T 39786-2021, formerly
 * GM/T 0054, on commercial cryptography in information systems): one data key per resource encrypts its items;
 * the key is stored only wrapped by a key-encryption key (KEK) of the key store, which lives apart
 * from the database. Unwrapped keys are kept in this process's memory only.
 */
export class DataKeys {
  private readonly context: AppContext;
  /** Each key's cipher, or the lookup under way: two first uses at once make and store one key, not two. */
  private readonly ciphers = new Map<string, Promise<FieldCipher>>();

  constructor(context: AppContext) {
    this.context = context;
  }

  /**
   * The cipher of a resource's data key (or of one of the platform's own, named with `@`), creating
   * and wrapping the key on first use. The key is stored outside any transaction, so no rollback
   * can take away a key this process has begun to encrypt with.
   */
  cipherFor(resourceCode: string, options: { create?: boolean } = {}): Promise<FieldCipher> {
    let cipher = this.ciphers.get(resourceCode);
    if (!cipher) {
      cipher = this.load(resourceCode, options.create ?? true);
      this.ciphers.set(resourceCode, cipher);
      // A failed lookup (say, the key store unreachable) is tried again at the next use.
      cipher.catch(() => this.ciphers.delete(resourceCode));
    }
    return cipher;
  }

  private async load(resourceCode: string, create: boolean): Promise<FieldCipher> {
    const { suite, keyStore } = this.context.vault;
    const repositories = this.context.store.read;
    const stored = await repositories.dataKeys.get(resourceCode);
    let key: Uint8Array;
    if (stored) {
      if (stored.suite !== suite.name) throw new DomainError('KEY_SUITE_MISMATCH', `数据密钥属于 ${stored.suite} 密码套件，与部署配置不符 / the data key belongs to the ${stored.suite} suite, not this deployment's`);
      key = await keyStore.unwrap({ kekId: stored.kekId, wrapped: stored.wrapped }, resourceCode);
    } else if (!create) {
      throw new DomainError('DATA_KEY_MISSING', '数据密钥不存在，无法解密 / the data key is missing; nothing can be decrypted');
    } else {
      key = newDataKey(suite, this.context.random);
      const wrapped = await keyStore.wrap(key, resourceCode);
      await repositories.dataKeys.insert({ resourceCode, suite: suite.name, kekId: wrapped.kekId, wrapped: wrapped.wrapped, createdAt: nowIso(this.context), rewrappedAt: null });
    }
    return fieldCipher(suite, key, this.context.random);
  }

  /** The key-encryption keys: ids, dates and which is current, never key material. */
  listKeks(): Promise<KekInfo[]> {
    return this.context.vault.keyStore.list();
  }

  /**
   * Key rotation: a new KEK becomes current and every data key is rewrapped under it. The data
   * keys themselves, and so every ciphertext, stay unchanged; the old KEK can then be removed.
   */
  async rotate(principal: Principal | null): Promise<{ kekId: string; rewrapped: number }> {
    if (principal) requireRole(principal, 'platform_admin');
    const { keyStore } = this.context.vault;
    const kekId = await keyStore.rotate();
    const rewrapped = await this.rewrapAll(kekId);
    await this.context.store.transaction((repositories) =>
      repositories.audit.append({ actor: principal ? actorOf(principal) : PROCESS_ACTOR, action: 'crypto.kek.rotated', object: `kek:${kekId}`, details: { rewrapped } }),
    );
    return { kekId, rewrapped };
  }

  /** Rewraps data keys still under older KEKs (also finishes a rotation that was interrupted). */
  async rewrapAll(kekId: string): Promise<number> {
    const { keyStore } = this.context.vault;
    const stale = await this.context.store.read.dataKeys.wrappedByOtherThan(kekId);
    for (const stored of stale) {
      const key = await keyStore.unwrap({ kekId: stored.kekId, wrapped: stored.wrapped }, stored.resourceCode);
      const wrapped = await keyStore.wrap(key, stored.resourceCode);
      await this.context.store.read.dataKeys.rewrap(stored.resourceCode, wrapped.kekId, wrapped.wrapped, nowIso(this.context));
    }
    return stale.length;
  }

  /** Removes a retired KEK, refused while any data key is still wrapped by it. */
  async removeKek(principal: Principal | null, kekId: string): Promise<void> {
    if (principal) requireRole(principal, 'platform_admin');
    const inUse = await this.context.store.read.dataKeys.countByKek(kekId);
    if (inUse > 0) throw new DomainError('KEK_IN_USE', `仍有 ${inUse} 个数据密钥由该主密钥封装，请先轮换 / ${inUse} data keys are still wrapped by this key; rotate first`);
    await this.context.vault.keyStore.remove(kekId);
    await this.context.store.transaction((repositories) =>
      repositories.audit.append({ actor: principal ? actorOf(principal) : PROCESS_ACTOR, action: 'crypto.kek.removed', object: `kek:${kekId}`, details: {} }),
    );
  }
}

/** One DataKeys a context, so that every service of a runtime shares its keys and their first-use guard. */
const sharedDataKeys = new WeakMap<AppContext, DataKeys>();

export function dataKeysOf(context: AppContext): DataKeys {
  let dataKeys = sharedDataKeys.get(context);
  if (!dataKeys) {
    dataKeys = new DataKeys(context);
    sharedDataKeys.set(context, dataKeys);
  }
  return dataKeys;
}
