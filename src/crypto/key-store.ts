import { DomainError } from '../core/shared/domain-error.ts';
import type { RandomSource } from '../core/shared/id-generator.ts';
import type { CryptoSuite } from './blind-index.ts';
import type { CipherSuite } from './cipher-suite.ts';

/**
 * A KeyStore keeps the key-encryption keys (KEKs) of envelope encryption and wraps data keys
 * under them, so that a data key is stored only wrapped, next to the data it protects, while the
 * KEKs are kept apart from the database (key management for data at rest in GM/T 0054-2018, now
 * GB/T 39786-2021; GB/T 39477-2020 for shared government data).
 *
 * The interface is the plug point for key custody: the file store and the memory store hold KEKs
 * in this process, but an HSM (PKCS#11) or a GM/T 0018 crypto machine (密码机, its SDF interface
 * with KEKs kept by index inside the device) can implement the same five operations without a
 * KEK ever leaving the device. Callers therefore only ever see KEK ids, never KEK bytes.
 */
export interface WrappedKey {
  kekId: string;
  /** base64 of nonce ‖ ciphertext ‖ tag (CipherSuite.seal). */
  wrapped: string;
}

export interface KekInfo {
  id: string;
  createdAt: string;
  current: boolean;
}

export interface KeyStore {
  readonly suite: CryptoSuite;
  /** Wraps a data key under the current KEK; `context` (e.g. the resource code) is bound as AAD. */
  wrap(dataKey: Uint8Array, context: string): Promise<WrappedKey>;
  /** DomainError('KEK_NOT_FOUND') if the KEK is gone, DomainError('DECRYPTION_FAILED') if anything is wrong. */
  unwrap(wrapped: WrappedKey, context: string): Promise<Uint8Array>;
  /** Creates a new KEK and makes it current; old KEKs stay until removed. Returns the new id. */
  rotate(): Promise<string>;
  /** Deletes a non-current KEK (DomainError('KEK_IS_CURRENT') for the current one, KEK_NOT_FOUND if unknown). */
  remove(kekId: string): Promise<void>;
  list(): Promise<KekInfo[]>;
}

/** A KEK held in this process: the in-memory form shared by the file and memory stores. */
export interface KeyEncryptionKey {
  id: string;
  createdAt: string;
  key: Uint8Array;
}

export interface KekRing {
  current: string;
  keys: readonly KeyEncryptionKey[];
}

/** Short, readable, and random so that ids from two stores rarely collide: "kek-" + 8 hex digits. */
const KEK_ID_RANDOM_BYTES = 4;
const KEK_ID_ATTEMPTS = 16;

/** Tags the wrapping AAD so that a wrapped data key cannot be passed off as another sealed value. */
const WRAP_PURPOSE = 'custos-kek-wrap/1';

export function kekNotFound(kekId: string): DomainError<'KEK_NOT_FOUND'> {
  return new DomainError('KEK_NOT_FOUND', `密钥加密密钥不存在：${kekId} / key-encryption key not found: ${kekId}`, { details: { kekId } });
}

/** A fresh KEK with an id that is not among `taken`. */
export function newKek(suite: CipherSuite, random: RandomSource, now: () => Date, taken: readonly string[]): KeyEncryptionKey {
  for (let attempt = 0; attempt < KEK_ID_ATTEMPTS; attempt++) {
    const id = `kek-${Buffer.from(random(KEK_ID_RANDOM_BYTES)).toString('hex')}`;
    if (taken.includes(id)) continue;
    // A copy of our own: `remove` zeroes it, which must not touch a buffer the source reuses.
    const key = Uint8Array.from(random(suite.keyBytes));
    if (key.length !== suite.keyBytes) throw new RangeError(`the random source returned ${key.length} bytes, not ${suite.keyBytes}`);
    return { id, createdAt: now().toISOString(), key };
  }
  throw new Error('the random source keeps repeating itself: no unused KEK id');
}

/**
 * The AAD of a wrapped data key: purpose, KEK id and context as a JSON array, an unambiguous
 * encoding (no separator that a context could contain). Binding the context means a wrapped key
 * copied to another resource's row does not unwrap there.
 */
function wrapAad(kekId: string, context: string): Uint8Array {
  return Buffer.from(JSON.stringify([WRAP_PURPOSE, kekId, context]), 'utf8');
}

/**
 * The KeyStore operations over a ring of in-process KEKs; `save` persists a new ring before it
 * takes effect. Rotations and removals run one at a time, so two concurrent rotations cannot both
 * start from the same ring and lose a key.
 */
export function ringKeyStore(
  suite: CipherSuite,
  initial: KekRing,
  options: { random: RandomSource; now: () => Date },
  save: (ring: KekRing) => Promise<void>,
): KeyStore {
  let ring = initial;
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = queue.then(change);
    queue = run.catch(() => undefined);
    return run;
  }

  function find(kekId: string): KeyEncryptionKey {
    const kek = ring.keys.find((candidate) => candidate.id === kekId);
    if (kek === undefined) throw kekNotFound(kekId);
    return kek;
  }

  return {
    suite: suite.name,
    async wrap(dataKey, context) {
      const kek = find(ring.current);
      const sealed = suite.seal(kek.key, dataKey, wrapAad(kek.id, context), options.random);
      return { kekId: kek.id, wrapped: Buffer.from(sealed).toString('base64') };
    },
    async unwrap(wrapped, context) {
      const kek = find(wrapped.kekId);
      return suite.open(kek.key, Buffer.from(wrapped.wrapped, 'base64'), wrapAad(kek.id, context));
    },
    rotate() {
      return exclusive(async () => {
        const kek = newKek(suite, options.random, options.now, ring.keys.map((existing) => existing.id));
        const next: KekRing = { current: kek.id, keys: [...ring.keys, kek] };
        await save(next);
        ring = next;
        return kek.id;
      });
    },
    remove(kekId) {
      return exclusive(async () => {
        const kek = find(kekId);
        if (kek.id === ring.current) {
          throw new DomainError('KEK_IS_CURRENT', `不能删除当前的密钥加密密钥：${kekId} / the current key-encryption key cannot be removed: ${kekId}`, {
            details: { kekId },
          });
        }
        const next: KekRing = { current: ring.current, keys: ring.keys.filter((candidate) => candidate !== kek) };
        await save(next);
        ring = next;
        // Best effort: JavaScript gives no guarantee, but the bytes need not linger in this array.
        kek.key.fill(0);
      });
    },
    async list() {
      return ring.keys.map((kek) => ({ id: kek.id, createdAt: kek.createdAt, current: kek.id === ring.current }));
    },
  };
}

/** A store that lives and dies with the process, for tests and throwaway demos; starts with one KEK. */
export function memoryKeyStore(suite: CipherSuite, random: RandomSource, now: () => Date): KeyStore {
  const first = newKek(suite, random, now, []);
  return ringKeyStore(suite, { current: first.id, keys: [first] }, { random, now }, async () => undefined);
}
