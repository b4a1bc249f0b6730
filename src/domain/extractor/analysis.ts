/**
 * One pass over an article that every fact finder shares: sentences, the countries and
 * organisations each mentions, the dates each states (resolved against the publication date),
 * and the country the article is about.
 */
import { findDates, mostSpecific, parseYmd, type DateMention, type Ymd } from './dates';
import { findMentions, focusCountry, type Mention } from './entities';
import { splitSentences, type Sentence } from './sentences';
import type { Evidence, PartialDate } from './types';

export interface SentenceView {
  text: string;
  start: number;
  end: number;
  index: number;
  /** Where the previous sentence starts, for rules that look one sentence back. */
  previousStart: number;
  evidence: Evidence;
  /** Mentions with offsets relative to the sentence. */
  mentions: Mention[];
  /** Dates with offsets relative to the sentence, the most specific of each. */
  dates: DateMention[];
  /** Speculation ("could", "might", "whether") reports no fact. */
  hedged: boolean;
  inDate(start: number, end: number): boolean;
  /** The country a figure at this offset belongs to, when the sentence names one. */
  locationNear(at: number): string | null;
  /** The date a figure is "as of": the one after "as of", "through", "until"…, else the sentence's first. */
  asOf(): PartialDate | null;
}

export interface Analysis {
  text: string;
  publishedAt: PartialDate | null;
  pub: Ymd | null;
  focus: string | null;
  sentences: SentenceView[];
}

const HEDGE = /\b(?:whether|could|might|may|unclear if|if they were|rumou?red)\b/;
/** Words that make a date the start of a period: "since", "from", "first case in". */
const PERIOD_START =
  /\b(?:since|from|began|beginning|started|first (?:case|cases|infection|death)s?(?: \w+)?)\b[^,;]*$/i;
const AS_OF = /\b(?:as of|as at|through|till|until|up to|by|to date|end of)\s+(?:the\s+)?$/i;

export function analyse(
  text: string,
  publishedAt: PartialDate | null,
  datelines: [number, number][],
): Analysis {
  const pub = parseYmd(publishedAt);
  const all = findMentions(text);
  const sentences: SentenceView[] = [];
  let previousStart = 0;
  let m = 0;
  for (const s of splitSentences(text)) {
    while (m < all.length && all[m]!.start < s.start) m++;
    const mentions: Mention[] = [];
    for (let k = m; k < all.length && all[k]!.end <= s.end; k++) {
      const x = all[k]!;
      mentions.push({ ...x, start: x.start - s.start, end: x.end - s.start });
    }
    const excluded = (a: number, b: number) =>
      datelines.some(([ds, de]) => ds < s.start + b && s.start + a < de);
    const dates = mostSpecific(findDates(s.text, pub, excluded));
    sentences.push(view(s, { previousStart, mentions, dates }));
    previousStart = s.start;
  }
  return { text, publishedAt, pub, focus: focusCountry(all), sentences };
}

function view(
  { text, start, end, index }: Sentence,
  found: { previousStart: number; mentions: Mention[]; dates: DateMention[] },
): SentenceView {
  const { previousStart, mentions, dates } = found;
  const places = mentions.filter((x) => x.kind === 'country' && x.via !== 'demonym');
  return {
    text,
    start,
    end,
    index,
    previousStart,
    evidence: { sentence: text, start, end },
    mentions,
    dates,
    hedged: HEDGE.test(text),
    inDate: (a, b) => dates.some((d) => d.start < b && a < d.end),
    locationNear(at) {
      const before = places.filter((x) => x.end <= at).at(-1);
      return (before ?? places.find((x) => x.start >= at))?.name ?? null;
    },
    asOf() {
      const marked = dates.find((d) => AS_OF.test(text.slice(Math.max(0, d.start - 16), d.start)));
      // "since its first case in March 2020" dates the start of a period, not the figure.
      const plain = dates.find(
        (d) => !PERIOD_START.test(text.slice(Math.max(0, d.start - 40), d.start)),
      );
      return (marked ?? plain)?.value ?? null;
    },
  };
}
