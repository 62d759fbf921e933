/**
 * Full-width (全角) forms of ASCII, U+FF01–U+FF5E, sit exactly 0xFEE0 above their ASCII
 * counterparts. Chinese input methods produce them freely, so identifiers typed as "１１０１…"
 * or "９１４４…Ｘ" must compare equal to their ASCII spelling before any checksum is computed.
 * The ideographic space U+3000 folds to an ordinary space so that trimming also removes it.
 */
const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

export function foldFullWidth(value: string): string {
  // Most values have nothing to fold: they are returned as they are, without building a copy
  // (the scanner folds every candidate number of a text).
  if (!hasWideCharacter(value)) return value;
  let folded = '';
  for (const character of value) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint >= FULL_WIDTH_FIRST && codePoint <= FULL_WIDTH_LAST) {
      folded += String.fromCodePoint(codePoint - FULL_WIDTH_OFFSET);
    } else if (codePoint === IDEOGRAPHIC_SPACE) {
      folded += ' ';
    } else {
      folded += character;
    }
  }
  return folded;
}

function hasWideCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code === IDEOGRAPHIC_SPACE || (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST)) return true;
  }
  return false;
}
