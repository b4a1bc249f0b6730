/**
 * The date a figure is as of: a date marked "as of", "until" or "on" in its clause, else the
 * clause's or the sentence's one date (not one that opens a period: "since March"). A part of an
 * earlier figure ("Of these, 310 were in Tete") is as of that figure. A figure the text leaves
 * undated stays so; the views date it by its article's publication.
 */
import type { CountContext, CountDraft } from '../../counts/draft';
import { clauseDate } from '../../clause-date';
import { defineRule } from '../rule';

/** A sentence that opens on a part of the figure before it. */
const PART_OF_EARLIER = /^\W*of (?:these|those|them|which)\b/i;

export const countDate = defineRule<CountDraft[], CountContext>({
  name: 'count-date',
  summary: 'a figure is as of the date its clause gives',
  examples: [
    'date: 2019-03-06\nAs of Monday, 64 patients were still hospitalised in Sofala.',
    'Tete reported 212 measles cases between 3 June 2023 and 17 June 2023.',
    'Clinics recorded 540 cholera cases by 4 March 2022. Of these, 310 cases were recorded in Tete.',
  ],
  counterexamples: ['Cases have risen since 3 June 2023, reaching 212 in Tete.'],
  apply(drafts, { s, earlier }) {
    const whole = PART_OF_EARLIER.test(s.sentence.text) ? earlier.at(-1) : undefined;
    return drafts.map((d) => {
      const date = clauseDate(d.s, d.clause.tokens, d.n.from) ?? whole?.asOf;
      return date ? { ...d, asOf: date, rules: [...d.rules, 'count-date'] } : d;
    });
  },
});
