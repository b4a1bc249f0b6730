/**
 * Partial ISO dates, as facts carry them: YYYY, YYYY-MM, YYYY-MM-DD, or the year-less --MM and
 * --MM-DD when the text gives no year.
 */
import * as z from 'zod';
import { lazy } from './lazy';

const PARTIAL_DATE = /^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$/;

/**
 * The syntax only: events already stored are read with it, whatever they hold. What is written
 * now is also checked against the calendar (isCalendarPartialDate, in the decider).
 */
export const partialDateSchema = lazy(() =>
  z.string().regex(PARTIAL_DATE, 'YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD'),
);

/** Where in the normalised article text a fact was stated. Offsets are UTF-16 code units. */
export const evidenceSchema = lazy(() =>
  z.object({
    sentence: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  }),
);
export type Evidence = z.infer<ReturnType<typeof evidenceSchema>>;

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

const earliest = (d: string) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
const latest = (d: string) => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

/**
 * Whether a partial date overlaps [from, to]: `2021-09` is in range for from=2021-09-15. A
 * year-less date cannot be placed, so any date bound leaves it out.
 */
export function inDateRange(
  date: string | null,
  from: string | undefined,
  to: string | undefined,
): boolean {
  if (!from && !to) return true;
  if (!date || date.startsWith('--')) return false;
  return (!from || latest(date) >= earliest(from)) && (!to || earliest(date) <= latest(to));
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a full or partial date (YYYY[-MM[-DD]]) names a day, month or year of the calendar. */
function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return false;
  if (m === undefined) return true;
  if (!(m >= 1 && m <= 12)) return false;
  if (d === undefined) return true;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d >= 1 && d <= (m === 2 && !leap ? 28 : DAYS_IN_MONTH[m - 1]!);
}

/**
 * Whether a partial date as facts carry it (YYYY[-MM[-DD]] or the year-less --MM[-DD]) names a
 * place on the calendar: no month 13, no 30 February. A year-less 29 February is allowed.
 */
export function isCalendarPartialDate(s: string): boolean {
  if (!PARTIAL_DATE.test(s)) return false;
  return s.startsWith('--') ? isCalendarDate(`2000${s.slice(1)}`) : isCalendarDate(s);
}

/**
 * The years a publication date may fall in. One outside them is a typo (9999, 0000), and the
 * dates resolved against it (the year before, the week after) must stay four-digit years.
 */
const PUBLICATION_YEARS = { first: 1900, last: 2099 };

/** Whether a publication date is on the calendar and in a year the ledger takes. */
export function isPublicationDate(s: string): boolean {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s) || !isCalendarDate(s)) return false;
  const year = Number(s.slice(0, 4));
  return year >= PUBLICATION_YEARS.first && year <= PUBLICATION_YEARS.last;
}

/** A calendar date at the precision a person would type it; `2022` means the whole year. */
export const dateParam = lazy(() =>
  z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
    // Only a well-formed date is checked against the calendar: one error per mistake.
    .refine((s) => !/^\d{4}(-\d{2}){0,2}$/.test(s) || isCalendarDate(s), 'not a calendar date')
    .meta({
      description: 'YYYY, YYYY-MM or YYYY-MM-DD; a partial date covers its whole year or month',
      example: '2021-09-23',
    }),
);

export const dateBounds = () => ({ from: dateParam().optional(), to: dateParam().optional() });

/** `from` may not come after `to` (compared at the precision of `to`). */
export function fromNotAfterTo(q: {
  from?: string | undefined;
  to?: string | undefined;
}): { path: string; message: string } | null {
  return !q.from || !q.to || q.from.slice(0, q.to.length) <= q.to
    ? null
    : { path: 'to', message: 'must not be before `from`' };
}
