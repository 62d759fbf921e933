import { describe, expect, it } from 'vitest';
import { PieceText, maskPieces } from './piece-text.ts';

const upper = (_type: string, value: string): string => value.toUpperCase();

function build(...pieces: (string | [string])[]): PieceText<number> {
  const text = new PieceText<number>();
  pieces.forEach((piece, index) => (typeof piece === 'string' ? text.append(index, piece) : text.separate(piece[0])));
  return text;
}

function rewritten(text: PieceText<number>, spans: { start: number; end: number; type: string }[]): Record<number, string> {
  return Object.fromEntries([...maskPieces(text, spans, upper)].map(([piece, value]) => [piece.key, value]));
}

describe('PieceText', () => {
  it('locates offsets in pieces and none on separators', () => {
    const text = build('ab', ['\t'], 'cd');
    expect(text.text()).toBe('ab\tcd');
    expect(text.pieceAt(1)?.key).toBe(0);
    expect(text.pieceAt(2)).toBeUndefined();
    expect(text.pieceAt(3)?.key).toBe(2);
    expect(text.pieceAt(5)).toBeUndefined();
  });

  it('puts a span crossing pieces into the first and removes it from the rest', () => {
    expect(rewritten(build('xab', 'cd', 'ey'), [{ start: 1, end: 6, type: 't' }])).toEqual({ 0: 'xABCDE', 1: '', 2: 'y' });
  });

  it('masks several spans in one piece and merges overlapping spans', () => {
    expect(rewritten(build('abcdefgh'), [{ start: 0, end: 2, type: 't' }, { start: 4, end: 6, type: 't' }, { start: 5, end: 7, type: 't' }])).toEqual({ 0: 'ABcdEFGh' });
  });

  it('rewrites the original when the scanned view differs', () => {
    const text = new PieceText<string>();
    text.append('cell', 'a\nb', 'a b');
    expect(text.text()).toBe('a b');
    const [value] = maskPieces(text, [{ start: 2, end: 3, type: 't' }], upper).values();
    expect(value).toBe('a\nB');
  });

  it('refuses spans outside the text', () => {
    expect(() => maskPieces(build('ab'), [{ start: 1, end: 3, type: 't' }], upper)).toThrow(expect.objectContaining({ code: 'MASK_SPAN_INVALID' }));
  });

  it('caps the text it will hold', () => {
    const text = new PieceText<number>(4);
    text.append(0, 'abcd');
    expect(() => text.separate('\n')).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
  });
});
