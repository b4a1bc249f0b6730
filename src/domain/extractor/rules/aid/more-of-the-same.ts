/**
 * More of the same aid: "…received 400,000 doses on 3 March, and another 200,000 are expected
 * next month" is a second flow between the same giver and receiver. A clause whose aid is
 * "another", "a further" or "an additional" amount, naming no party of its own, takes the parties
 * of the flow before it in the sentence.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

const MORE = new Set(['another', 'further', 'additional']);

/** "another 200,000 doses", "a further 500,000": the clause's amount is more of something. */
function isMore(d: AidDraft): boolean {
  const tokens = d.event.s.sentence.tokens;
  const first = d.event.quantities[0];
  if (!first) return false;
  return tokens.slice(Math.max(0, first.at - 2), first.at).some((t) => MORE.has(t.lower));
}

export const moreOfTheSame = defineRule<AidDraft[], ArticleContext>({
  name: 'more-of-the-same',
  summary: '"another 200,000 doses" goes between the parties of the flow before it',
  examples: [
    'Malawi received 400,000 cholera vaccine doses from UNICEF on 3 March, and another 200,000 doses are expected in the coming weeks.',
  ],
  counterexamples: [
    'Malawi received 400,000 cholera vaccine doses from UNICEF on 3 March. Zambia is still waiting for its doses.',
  ],
  apply(drafts) {
    return drafts.map((d, k) => {
      if (d.donor || d.recipient || !isMore(d)) return d;
      const before = drafts
        .slice(0, k)
        .reverse()
        .find((o) => o.event.s === d.event.s && o.event !== d.event && o.recipient);
      if (!before) return d;
      return {
        ...d,
        donor: before.donor,
        recipient: before.recipient,
        inferredDonor: before.inferredDonor,
        inferredRecipient: before.inferredRecipient,
        items: d.items.length ? d.items : before.items,
        rules: [...d.rules, 'more-of-the-same'],
      };
    });
  },
});
