/**
 * An offer the same sentence says was refused or redirected is told as that refusal: "Sinovac was
 * offered to North Korea under COVAX, but the country asked for it to be sent elsewhere" is one
 * redirected flow, not an offer as well.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

const REFUSED = new Set(['rejected', 'redirected']);

export const refusalSubsumesOffer = defineRule<AidDraft[], ArticleContext>({
  name: 'refusal-subsumes-offer',
  summary: 'an offer refused or redirected in the same sentence is the refusal only',
  examples: [],
  counterexamples: [],
  apply(drafts) {
    const refused = drafts.filter((d) => REFUSED.has(d.status));
    const fill = drafts.map((d) => {
      if (!REFUSED.has(d.status) || d.donor) return d;
      const offer = drafts.find((o) => o.status === 'offered' && o.donor && o.event.s === d.event.s);
      return offer ? { ...d, donor: offer.donor, rules: [...d.rules, 'refusal-subsumes-offer'] } : d;
    });
    return fill.filter(
      (d) => d.status !== 'offered' || !refused.some((r) => r.event.s === d.event.s && r.recipient?.name === d.recipient?.name),
    );
  },
});
