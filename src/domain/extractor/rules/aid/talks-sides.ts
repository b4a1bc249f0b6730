/**
 * Talks have two sides and no direction of their own: the side the article is about is the one
 * that would receive. "North Korea and China are discussing aid" and "the World Bank was in talks
 * with Burundi" are talks towards North Korea and Burundi.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

export const talksSides = defineRule<AidDraft[], ArticleContext>({
  name: 'talks-sides',
  summary: 'of the sides to talks, the one the article is about is the recipient',
  examples: [
    'Floods hit Niger again in August. Niger and Algeria are discussing aid for the flood victims.',
    'Dengue cases are rising in Fiji. New Zealand and Fiji are discussing a shipment of test kits.',
  ],
  counterexamples: [],
  apply(drafts, article) {
    const focus = article.focus?.name;
    return drafts.map((d) => {
      if (d.status !== 'discussed' || !focus || d.recipient?.name === focus) return d;
      const sides = [...d.event.donors, ...d.event.recipients];
      const home = sides.find((m) => m.name === focus);
      if (!home) return d;
      // The draft's side that is not the article's is the other party, else the talks' other side.
      const other = [d.recipient, d.donor, ...sides].find((m) => m && m.name !== focus) ?? null;
      return { ...d, recipient: home, donor: other, rules: [...d.rules, 'talks-sides'] };
    });
  },
});
