/**
 * Page cursors, opaque to callers. Hosted: the dataset version and the last row given, so that a
 * reload cannot shift pages unnoticed. Proxy: the provider's own cursor, passed back to it.
 */
export type Cursor = { kind: 'hosted'; version: number; row: number } | { kind: 'upstream'; cursor: string };

export function encodeCursor(cursor: Cursor): string {
  const text = cursor.kind === 'hosted' ? `h.${cursor.version}.${cursor.row}` : `u.${cursor.cursor}`;
  return Buffer.from(text).toString('base64url');
}

export function decodeCursor(encoded: string): Cursor | null {
  const text = Buffer.from(encoded, 'base64url').toString('utf8');
  const hosted = /^h\.(\d{1,9})\.(\d{1,12})$/.exec(text);
  if (hosted) return { kind: 'hosted', version: Number(hosted[1]), row: Number(hosted[2]) };
  return text.startsWith('u.') && text.length > 2 ? { kind: 'upstream', cursor: text.slice(2) } : null;
}
