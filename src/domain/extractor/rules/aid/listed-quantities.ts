/**
 * Figures listed by recipient: "278,000 doses to Fiji, 63,000 to Samoa and 9,000 to Tonga" is
 * three flows, each with its own quantity: a number goes to the recipient named right after it.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

export const listedQuantities = defineRule<AidDraft[], ArticleContext>({
  name: 'listed-quantities',
  summary: 'each number in a list goes to the recipient named right after it',
  examples: ['Australia has given 278,000 doses to Fiji, 63,000 to Samoa and 9,000 to Tonga.'],
  counterexamples: ['Australia gave 278,000 doses to Fiji and Samoa.'],
  apply(drafts) {
    return drafts.map((d) => {
      const q = d.event.quantities;
      if (!d.recipient || q.length < 2 || d.event.recipients.length < 2) return d;
      const r = d.recipient;
      const before = q.filter((x) => x.at < r.from);
      const own = before.at(-1);
      const between =
        own && d.event.recipients.some((o) => o !== r && o.from > own.at && o.from < r.from);
      if (!own || between) return d;
      return { ...d, quantity: own.quantity, rules: [...d.rules, 'listed-quantities'] };
    });
  },
});
