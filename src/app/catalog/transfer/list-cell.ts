/**
 * Cells holding several values separate them with a semicolon. Both the ASCII and the full-width
 * form are read because a Chinese input method types the latter; we write the ASCII one.
 */
export const LIST_SEPARATOR = ';';

export function splitList(text: string): string[] {
  return text.split(/[;；]/u).map((part) => part.trim()).filter((part) => part !== '');
}

export function joinList(values: readonly string[]): string {
  return values.join(LIST_SEPARATOR);
}

/** Whether a value would be cut in two by splitList, so it cannot be written into a list cell. */
export function breaksList(value: string): boolean {
  return /[;；]/u.test(value);
}
