/** Units a duration may be given in: `12h`, `60d`, `8w`; seconds and minutes for timeouts. */
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * Parses a duration such as `60d`, `12h`, `8w` or `90m` into milliseconds; a bare number means days,
 * the unit admins think of certificate lifetimes in. Throws a RangeError naming the accepted forms.
 */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(text);
  if (!match) throw new RangeError(`"${text.slice(0, 40)}" is not a duration: use a number and a unit, e.g. 30s, 12h, 60d or 8w`);
  return Number(match[1]) * UNIT_MS[(match[2] || 'd').toLowerCase()]!;
}

/** The window as a person reads it: whole days where it divides evenly, hours otherwise. */
export function durationText(ms: number): string {
  const days = ms / UNIT_MS.d!;
  return Number.isInteger(days) ? `${days} day${days === 1 ? '' : 's'}` : `${Math.round(ms / UNIT_MS.h!)} hours`;
}
