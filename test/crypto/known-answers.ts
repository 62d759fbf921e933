/**
 * Known answers from the standards, copied unchanged from the shared test vectors
 * (/work/shared/testdata/gm/vectors.json). test/fixtures/gm/vectors.json keeps only the SM2 entry
 * that test/checkpoint uses, so the symmetric ones are kept here.
 */

/** GB/T 32905-2016 (SM3), appendix A, examples 1 and 2. */
export const SM3_VECTORS = [
  { message: 'abc', digest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' },
  { message: 'abcd'.repeat(16), digest: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732' },
] as const;

/** GB/T 32907-2016 (SM4), appendix A, example 1: one block. */
export const SM4_BLOCK_VECTOR = {
  key: '0123456789abcdeffedcba9876543210',
  plaintext: '0123456789abcdeffedcba9876543210',
  ciphertext: '681edf34d206965e86b3e94f536e4246',
} as const;

/** RFC 8998 appendix A.1: SM4-GCM. */
export const SM4_GCM_VECTOR = {
  key: '0123456789ABCDEFFEDCBA9876543210',
  iv: '00001234567800000000ABCD',
  aad: 'FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2',
  plaintext:
    'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA',
  ciphertext:
    '17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D',
  tag: '83DE3541E4C2B58177E065A9BF7B62EC',
} as const;

export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
