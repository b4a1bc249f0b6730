/** The publication date an article states about itself: datelines and bylines near the top. */
import { quoted, type Checked } from '../bounds';
import { isPublicationDate } from '../partial-date';
import { findDates, parseYmd } from './dates';
import type { PartialDate } from './types';

export interface Dateline {
  value: PartialDate | null;
  /** Spans of the text that are datelines; their dates describe the article, not events in it. */
  spans: [number, number][];
}

const CUE =
  /\b(?:date[d]?|posted|published|updated|modified|last updated|first published)\b(?:\s+on)?\s*:?\s*$/i;
const HEAD_CHARS = 600;

/**
 * Normalises a stated date (ISO timestamp, "2022-05-17 17:36 KST", "May 17, 2022") to YYYY-MM-DD
 * or coarser; null unless it is a date of the calendar in a year the ledger takes (no 2021-02-30,
 * no 9999-99-99), since every date in the article is resolved against it.
 */
function normaliseDate(raw: string | null | undefined): PartialDate | null {
  if (!raw) return null;
  const iso = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(raw.slice(0, 64));
  const value = iso
    ? [iso[1], iso[2], iso[3]].filter(Boolean).join('-')
    : findDates(raw.slice(0, 200), null).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.value))?.value;
  return value && isPublicationDate(value) ? value : null;
}

/** A publication date stated by the upload (its metadata, envelope, front matter or page). */
export function checkDate(raw: string | null | undefined, where: string): Checked {
  if (!raw?.trim()) return { value: null, warning: null };
  const value = normaliseDate(raw);
  return value
    ? { value, warning: null }
    : {
        value: null,
        warning: `the publication date in ${where} (${quoted(raw.trim())}) is not a date of the calendar from 1900 to 2099; ignored`,
      };
}

export function findDateline(text: string): Dateline {
  const head = text.slice(0, HEAD_CHARS);
  const spans: [number, number][] = [];
  let value: PartialDate | null = null;
  let offset = 0;
  for (const line of head.split('\n')) {
    for (const d of findDates(line, null)) {
      if (!parseYmd(d.value) || !isPublicationDate(d.value)) continue;
      const before = line.slice(0, d.start);
      const rest = line.slice(d.end).trim();
      // A date is a dateline if a cue word precedes it, or it stands alone on a short line, or it opens a wire dateline ("SEOUL, Oct. 7, 2021 —").
      const cued = CUE.test(before);
      const alone =
        line.trim().length <= 60 &&
        /^[\s\p{L}.,:|/-]{0,30}$/u.test(before) &&
        /^(?:[\d:]+\s*(?:[AP]M|KST|GMT|UTC|[A-Z]{2,4})?\s*)?(?:[|/-].*)?$/i.test(rest);
      const wire = /^[A-Z][A-Z .'-]+,\s*$/.test(before) && /^(?:\(|--|—|–|-)/.test(rest);
      if (cued || alone || wire) {
        // A line that is only a date ("Monday, March 08, 2021") dates the article as a whole.
        spans.push(alone ? [offset, offset + line.length] : [offset + d.start, offset + d.end]);
        value ??= d.value;
      }
    }
    offset += line.length + 1;
  }
  return { value, spans };
}
