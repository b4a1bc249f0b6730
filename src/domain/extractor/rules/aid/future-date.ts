/**
 * A delivery dated after the article was published has not happened yet: "the vaccines are to
 * arrive in Samoa next week" is a pledge.
 */
import type { AidDraft } from '../../aid/event';
import { clauseDate } from '../../clause-date';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

/** Whether a partial date lies wholly after another ("2021-08" is after "2021-07-30"). */
function after(date: string, reference: string): boolean {
  if (date.startsWith('--') || reference.startsWith('--')) return false;
  const n = Math.min(date.length, reference.length);
  return date.slice(0, n) > reference.slice(0, n);
}

const AHEAD = [
  ['next', 'week'],
  ['next', 'month'],
  ['coming', 'week'],
  ['coming', 'day'],
  ['coming', 'month'],
  ['tomorrow'],
  ['later', 'this'],
];

/** "…to arrive in Samoa next week", "in the coming weeks": the words say it has not happened. */
function aheadWords(d: AidDraft): boolean {
  const words = d.event.clause.tokens.map((k) => d.event.s.sentence.tokens[k]!.lemma);
  return AHEAD.some((p) => words.some((_, i) => p.every((w, j) => words[i + j] === w)));
}

export const futureDate = defineRule<AidDraft[], ArticleContext>({
  name: 'future-date',
  summary: 'a delivery or shipment dated after publication is a pledge',
  examples: ['date: 2021-03-01\nThe Japanese vaccines reach Fiji on March 20.'],
  counterexamples: ['date: 2021-03-01\nThe Japanese vaccines arrived in Fiji last week.'],
  apply(drafts, article) {
    const pub = article.publishedAt;
    if (!pub) return drafts;
    return drafts.map((d) => {
      if (d.status !== 'delivered' && d.status !== 'shipped') return d;
      const date = clauseDate(d.event.s, d.event.clause.tokens);
      const ahead = (date && after(date, pub)) || aheadWords(d);
      return ahead ? { ...d, status: 'pledged' as const, rules: [...d.rules, 'future-date'] } : d;
    });
  },
});
