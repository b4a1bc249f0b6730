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
  examples: ['Vaccines were offered to Eritrea by COVAX, but the country declined the shipment.'],
  counterexamples: ['COVAX offered vaccines to Eritrea in March.'],
  apply(drafts) {
    const refused = drafts.filter((d) => REFUSED.has(d.status));
    const fill = drafts.map((d) => {
      if (!REFUSED.has(d.status) || d.donor) return d;
      const offer = drafts.find(
        (o) => o.status === 'offered' && o.donor && o.event.s === d.event.s,
      );
      return offer
        ? { ...d, donor: offer.donor, rules: [...d.rules, 'refusal-subsumes-offer'] }
        : d;
    });
    // "declined an offer … and asked for the doses to be sent elsewhere" is a redirection.
    const same = (a: AidDraft, b: AidDraft) =>
      a.event.s === b.event.s && a.recipient?.name === b.recipient?.name;
    const redirected = fill.filter((d) => d.status === 'redirected');
    const withDonor = fill.map((d) => {
      if (d.status !== 'redirected' || d.donor) return d;
      const refusal = fill.find((r) => r.status === 'rejected' && r.donor && same(r, d));
      return refusal ? { ...d, donor: refusal.donor } : d;
    });
    return withDonor.filter(
      (d) =>
        !(d.status === 'offered' && refused.some((r) => same(r, d))) &&
        !(d.status === 'rejected' && redirected.some((r) => same(r, d))),
    );
  },
});
