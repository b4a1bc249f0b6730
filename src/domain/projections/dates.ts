/** Helpers for the partial ISO dates facts carry: YYYY, YYYY-MM, YYYY-MM-DD, --MM, --MM-DD. */

export function yearOf(date: string | null): string | null {
  return date && /^\d{4}/.test(date) ? date.slice(0, 4) : null;
}

/**
 * The part of a date that two articles can agree on when only one of them knows the year:
 * "2021-09-23" and "--09-23" both give "09-23"; a bare year gives "y"; no date gives "none".
 */
export function dateKeyOf(date: string | null): string {
  if (!date) return 'none';
  if (date.startsWith('--')) return date.slice(2);
  return date.length === 4 ? 'y' : date.slice(5);
}

/** Rebuilds a date from a year (or none) and a dateKey. */
export function withYear(year: string | null, dateKey: string): string | null {
  if (dateKey === 'none') return null;
  if (dateKey === 'y') return year;
  return year ? `${year}-${dateKey}` : `--${dateKey}`;
}

/** Sorts dated entries chronologically and year-less ones after them, by month and day. */
export function dateSortKey(date: string | null): string {
  if (!date) return '~~';
  return date.startsWith('--') ? `~${date.slice(2)}` : date;
}
