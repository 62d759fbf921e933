import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { CANONICAL_JSON_MAX_DEPTH, canonicalJson } from './canonical-json.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('canonicalises the example of RFC 8785 §3.2.2', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50,
                  2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('sorts members by UTF-16 code units, as in RFC 8785 §3.2.3', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts by code unit, not code point: U+1F600 (as D83D DE00) comes before U+FB33', () => {
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"\ud83d\ude00":2,"\ufb33":1}');
  });

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double %s as %s (Appendix B)', (bits, text) => {
    expect(canonicalJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(text);
  });

  it.each([
    [1e21, '1e+21'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0, '0'],
    [1e-7, '1e-7'],
    [100, '100'],
  ])('writes the number %s as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('writes literals, arrays in order and nested objects without whitespace', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson([true, false, null, [], {}])).toBe('[true,false,null,[],{}]');
    expect(canonicalJson({ b: [3, 1, 2], a: { d: 'x', c: 'y' } })).toBe('{"a":{"c":"y","d":"x"},"b":[3,1,2]}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, y: 2 }))).toBe('{"y":2,"z":1}');
  });

  it('escapes strings as JSON.stringify does', () => {
    expect(canonicalJson('\u0000\u0008\t\n\u000b\f\r\u001f"\\/\u007f\u2028')).toBe('"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\\"\\\\/\u007f\u2028"');
  });

  it('writes a value shared by two members twice', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  let deep: unknown = 0;
  for (let level = 0; level <= CANONICAL_JSON_MAX_DEPTH; level += 1) deep = [deep];

  it.each([
    ['NaN', Number.NaN, '/'],
    ['Infinity', { a: [Number.POSITIVE_INFINITY] }, '/a/0'],
    ['-Infinity', Number.NEGATIVE_INFINITY, '/'],
    ['undefined', undefined, '/'],
    ['a member with an undefined value', { a: 1, b: undefined }, '/b'],
    ['an array hole', [1, , 3], '/1'], // eslint-disable-line no-sparse-arrays
    ['undefined in an array', [undefined], '/0'],
    ['a function', { f: () => 1 }, '/f'],
    ['a symbol', Symbol('s'), '/'],
    ['a symbol-named member', { [Symbol('s')]: 1 }, '/'],
    ['a bigint', { 'a/b~c': 1n }, '/a~1b~0c'],
    ['a Date', { when: new Date(0) }, '/when'],
    ['a Map', new Map(), '/'],
    ['a typed array', new Uint8Array(2), '/'],
    ['a lone surrogate', { s: 'a\ud800' }, '/s'],
    ['a lone surrogate in a name', { '\udc00': 1 }, '/\udc00'],
    ['a cycle', cyclic, '/self'],
    ['nesting too deep', deep, `/${Array.from({ length: CANONICAL_JSON_MAX_DEPTH }, () => '0').join('/')}`],
  ])('rejects %s', (_name, value, pointer) => {
    expect(() => canonicalJson(value)).toThrow(DomainError);
    expect(() => canonicalJson(value)).toThrow(expect.objectContaining({ code: 'CANONICAL_JSON_INVALID', details: { pointer } }));
  });
});
