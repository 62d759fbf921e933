/**
 * Dates in a register are calendar days in China. China has kept UTC+8 all year since 1991, so a
 * fixed offset is exact for Asia/Shanghai and needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 2026-03-01, 2026/3/1 (how Chinese Excel saves dates to CSV), 2026.3.1, 2026年3月1日. */
const NUMERIC_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/u;
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/u;

/**
 * A first day counts from its start; a last day ("合同结束", "有效期至") counts to its end, because
 * "valid until 31 December" includes 31 December. Both are midnights in Shanghai: 00:00 of the
 * day, and 24:00 of the day (the next day's 00:00). The services compare `start <= now < end`.
 */
export type DayEdge = 'start' | 'end';

function dayParts(text: string): [number, number, number] | undefined {
  const folded = text.normalize('NFKC').replace(/\s+/gu, '');
  const numeric = NUMERIC_DATE.exec(folded);
  if (numeric) return [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
  const chinese = CHINESE_DATE.exec(folded);
  return chinese ? [Number(chinese[1]), Number(chinese[2]), Number(chinese[3])] : undefined;
}

/** The UTC ISO instant at which the day begins or ends in Shanghai; undefined for text that is no real date. */
export function shanghaiDayInstant(text: string, edge: DayEdge): string | undefined {
  const parts = dayParts(text);
  if (!parts) return undefined;
  const [year, month, day] = parts;
  const midnightUtc = Date.UTC(year, month - 1, day);
  const check = new Date(midnightUtc);
  // Date.UTC rolls 2026-02-30 over to 2026-03-02; a date that does not survive the round trip is not real.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const startOfDay = midnightUtc - SHANGHAI_OFFSET_MS;
  return new Date(edge === 'start' ? startOfDay : startOfDay + DAY_MS).toISOString();
}
