/**
 * C2SP signed-note, "Format": "Key names MUST be non-empty and MUST NOT contain any Unicode spaces
 * or plus (U+002B) characters." A note as a whole carries no ASCII control characters, so a key
 * name carries none either; it must also be well-formed text (the note is UTF-8).
 */
export function isValidKeyName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || !name.isWellFormed()) return false;
  if (/[\p{White_Space}+]/u.test(name)) return false;
  for (let index = 0; index < name.length; index++) {
    if (name.charCodeAt(index) < 0x20) return false;
  }
  return true;
}
