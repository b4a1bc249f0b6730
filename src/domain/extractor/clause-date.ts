/**
 * The date a clause states its act on: a date inside the clause, else the sentence's one date.
 * A date that opens a period ("since March 2020", "first case in 2014") dates the period, not
 * the act or the figure; the date that closes one ("between 2 and 9 May", "from 2 May to 9 May")
 * is when the period's figure stands.
 */
import type { SentenceContext } from './context';
import type { DateMention } from './dates';
import type { PartialDate } from './types';

const PERIOD_START =
  /\b(?:since|from|began|beginning|started|between|first (?:case|cases|infection|death)s?(?: \w+)?)\b[^,;]*$/i;
const PERIOD_END =
  /\b(?:between\b[^,;]*\band|from\b[^,;]*\b(?:to|till|until|through))\s+(?:the\s+)?$/i;
const AS_OF = /\b(?:as of|as at|through|till|until|up to|by|to date|end of|on)\s+(?:the\s+)?$/i;

function plain(s: SentenceContext, d: DateMention): boolean {
  const before = s.sentence.text.slice(Math.max(0, d.start - 40), d.start);
  return PERIOD_END.test(before) || !PERIOD_START.test(before);
}

/**
 * With an anchor (a count's number), the date nearest it wins: "a decrease after 1997, reaching
 * a low of 4,440 cases in 2016" dates the 4,440 to 2016.
 */
export function clauseDate(
  s: SentenceContext,
  clause: number[],
  anchor?: number,
): PartialDate | null {
  const tokens = s.sentence.tokens;
  const first = tokens[clause[0]!]!;
  const last = tokens[clause.at(-1)!]!;
  const a = first.start - s.sentence.start;
  const b = last.end - s.sentence.start;
  const inside = s.dates.filter((d) => d.start < b && a < d.end);
  const marked = inside.find((d) =>
    AS_OF.test(s.sentence.text.slice(Math.max(0, d.start - 16), d.start)),
  );
  const at = anchor === undefined ? -1 : tokens[anchor]!.start - s.sentence.start;
  const nearest = [...inside.filter((d) => plain(s, d))].sort(
    (x, y) => Math.abs(x.start - at) - Math.abs(y.start - at),
  );
  const own = marked ?? (anchor === undefined ? inside.find((d) => plain(s, d)) : nearest[0]);
  if (own) return own.value;
  const all = s.dates.filter((d) => plain(s, d));
  return all.length === 1 ? all[0]!.value : null;
}
