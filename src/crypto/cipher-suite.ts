import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import type { CryptoSuite } from './blind-index.ts';
import { secretKey } from './secret-key.ts';
import { decryptionFailed, GCM_NONCE_BYTES, GCM_TAG_BYTES, sm4Gcm } from './sm4-gcm.ts';

/**
 * A CipherSuite is the set of primitives that encryption at rest uses, chosen once per deployment:
 * intl = AES-256-GCM and SHA-256; gm = SM4-GCM (RFC 8998, GB/T 32907) and SM3 (GB/T 32905), the
 * commercial cryptography that GM/T 0054-2018 (now GB/T 39786-2021) asks for to keep important
 * data confidential at rest, as GB/T 39477-2020 asks for shared government data.
 */
export interface CipherSuite {
  readonly name: CryptoSuite;
  /** Data-key and key-encryption-key length: 32 bytes (AES-256) or 16 (SM4). */
  readonly keyBytes: number;
  /** AEAD: returns nonce(12) ‖ ciphertext ‖ tag(16). The nonce comes from `random`. */
  seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, random: (size: number) => Uint8Array): Uint8Array;
  /** Throws DomainError('DECRYPTION_FAILED') on any authentication failure; never returns unauthenticated bytes. */
  open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array;
  /** SHA-256 | SM3; a string is hashed as its UTF-8 bytes. */
  hash(data: Uint8Array | string): Uint8Array;
  /** HMAC-SHA-256 | HMAC-SM3. */
  hmac(key: Uint8Array, data: Uint8Array | string): Uint8Array;
}

/** The smallest sealed value: nonce and tag around an empty plaintext. */
export const SEALED_OVERHEAD_BYTES = GCM_NONCE_BYTES + GCM_TAG_BYTES;

/** The two GCM implementations behind one shape: AES natively, SM4 through sm4-gcm.ts. */
interface Aead {
  encrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array };
  decrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array, tag: Uint8Array): Uint8Array;
}

const aes256Gcm: Aead = {
  encrypt(key, nonce, plaintext, aad) {
    const cipher = createCipheriv('aes-256-gcm', secretKey(key), nonce, { authTagLength: GCM_TAG_BYTES });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, tag: cipher.getAuthTag() };
  },
  decrypt(key, nonce, ciphertext, aad, tag) {
    const decipher = createDecipheriv('aes-256-gcm', secretKey(key), nonce, { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    // update() hands out bytes before final() has checked the tag: they stay local until it has.
    const plaintext = decipher.update(ciphertext);
    try {
      decipher.final();
    } catch (error) {
      plaintext.fill(0);
      throw decryptionFailed(error);
    }
    return plaintext;
  },
};

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/** A plain Uint8Array of its own: Node may return Buffers that are views into a shared pool. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return Buffer.isBuffer(bytes) ? new Uint8Array(bytes) : bytes;
}

function buildSuite(name: CryptoSuite, keyBytes: number, aead: Aead, hashAlgorithm: string): CipherSuite {
  function checkKey(key: Uint8Array): void {
    // A wrong length is a wiring mistake, not an attack: say so rather than fail authentication.
    if (key.length !== keyBytes) throw new RangeError(`the ${name} suite takes ${keyBytes}-byte keys`);
  }
  return {
    name,
    keyBytes,
    seal(key, plaintext, aad, random) {
      checkKey(key);
      const nonce = random(GCM_NONCE_BYTES);
      if (nonce.length !== GCM_NONCE_BYTES) throw new RangeError(`the random source returned ${nonce.length} bytes, not ${GCM_NONCE_BYTES}`);
      const { ciphertext, tag } = aead.encrypt(key, nonce, plaintext, aad);
      const sealed = new Uint8Array(GCM_NONCE_BYTES + ciphertext.length + GCM_TAG_BYTES);
      sealed.set(nonce, 0);
      sealed.set(ciphertext, GCM_NONCE_BYTES);
      sealed.set(tag, GCM_NONCE_BYTES + ciphertext.length);
      return sealed;
    },
    open(key, sealed, aad) {
      checkKey(key);
      // The sealed value comes from storage that an attacker may have written to: check its shape.
      if (sealed.length < SEALED_OVERHEAD_BYTES) throw decryptionFailed();
      const nonce = sealed.subarray(0, GCM_NONCE_BYTES);
      const ciphertext = sealed.subarray(GCM_NONCE_BYTES, sealed.length - GCM_TAG_BYTES);
      const tag = sealed.subarray(sealed.length - GCM_TAG_BYTES);
      return ownBytes(aead.decrypt(key, nonce, ciphertext, aad, tag));
    },
    hash(data) {
      return ownBytes(createHash(hashAlgorithm).update(toBytes(data)).digest());
    },
    hmac(key, data) {
      return ownBytes(createHmac(hashAlgorithm, secretKey(key)).update(toBytes(data)).digest());
    },
  };
}

const SUITES: Record<CryptoSuite, CipherSuite> = {
  intl: buildSuite('intl', 32, aes256Gcm, 'sha256'),
  gm: buildSuite('gm', sm4Gcm.keyBytes, sm4Gcm, 'sm3'),
};

export function cipherSuite(name: CryptoSuite): CipherSuite {
  const suite = SUITES[name];
  // `name` may come from a configuration file at run time, past the type checker.
  if (suite === undefined) throw new RangeError(`unknown crypto suite: ${String(name)}`);
  return suite;
}
