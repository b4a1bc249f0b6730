/**
 * The date a figure is as of: a date marked "as of", "until" or "on" in its clause, else the
 * clause's or the sentence's one date (not one that opens a period: "since March"). A figure the
 * text leaves undated stays so; the views date it by its article's publication.
 */
import type { CountContext, CountDraft } from '../../counts/draft';
import { clauseDate } from '../../clause-date';
import { defineRule } from '../rule';

export const countDate = defineRule<CountDraft[], CountContext>({
  name: 'count-date',
  summary: 'a figure is as of the date its clause gives',
  examples: ['date: 2019-03-06\nAs of Monday, 64 patients were still hospitalised in Sofala.'],
  counterexamples: [],
  apply(drafts) {
    return drafts.map((d) => {
      const date = clauseDate(d.s, d.clause.tokens, d.n.from);
      return date ? { ...d, asOf: date, rules: [...d.rules, 'count-date'] } : d;
    });
  },
});
