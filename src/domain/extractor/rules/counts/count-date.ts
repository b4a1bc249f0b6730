/**
 * The date a figure is as of: a date marked "as of", "until" or "on" in its clause, else the
 * clause's or the sentence's one date (not one that opens a period: "since March"); a running
 * total the text leaves undated is as of the day the article was published.
 */
import type { CountContext, CountDraft } from '../../counts/draft';
import { clauseDate } from '../../clause-date';
import { defineRule } from '../rule';

export const countDate = defineRule<CountDraft[], CountContext>({
  name: 'count-date',
  summary: 'a figure is as of the date its clause gives, else (a total) of the publication date',
  examples: ['As of Monday, 64 patients were still hospitalised in Sofala.'],
  counterexamples: [],
  apply(drafts, { article }) {
    return drafts.map((d) => {
      const date = clauseDate(d.s, d.clause.tokens, d.n.from);
      if (date) return { ...d, asOf: date, rules: [...d.rules, 'count-date'] };
      const fallback = d.period === 'cumulative' ? article.publishedAt : null;
      return { ...d, asOf: fallback };
    });
  },
});
