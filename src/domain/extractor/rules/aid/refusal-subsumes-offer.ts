/**
 * An offer the same sentence says was refused or redirected is told as that refusal: "Sinovac was
 * offered to North Korea under COVAX, but the country asked for it to be sent elsewhere" is one
 * redirected flow, not an offer as well.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

const REFUSED = new Set(['rejected', 'redirected']);

/**
 * Drafts of one sentence to the same recipient, as one key: looked up rather than searched for
 * each refusal, since an article of thousands of offers and refusals was quadratic.
 */
const sameParties = (d: AidDraft): string =>
  `${d.event.s.sentence.index}\u001f${d.recipient ? `:${d.recipient.name}` : '-'}`;

/** The first draft for each key, in order. */
function firstBy<K>(drafts: AidDraft[], key: (d: AidDraft) => K): Map<K, AidDraft> {
  const first = new Map<K, AidDraft>();
  for (const d of drafts) if (!first.has(key(d))) first.set(key(d), d);
  return first;
}

export const refusalSubsumesOffer = defineRule<AidDraft[], ArticleContext>({
  name: 'refusal-subsumes-offer',
  summary: 'an offer refused or redirected in the same sentence is the refusal only',
  examples: ['Vaccines were offered to Eritrea by COVAX, but the country declined the shipment.'],
  counterexamples: ['COVAX offered vaccines to Eritrea in March.'],
  apply(drafts) {
    const offers = firstBy(
      drafts.filter((o) => o.status === 'offered' && o.donor),
      (o) => o.event.s,
    );
    const fill = drafts.map((d) => {
      if (!REFUSED.has(d.status) || d.donor) return d;
      const offer = offers.get(d.event.s);
      return offer
        ? { ...d, donor: offer.donor, rules: [...d.rules, 'refusal-subsumes-offer'] }
        : d;
    });
    // "declined an offer … and asked for the doses to be sent elsewhere" is a redirection.
    const refusals = firstBy(
      fill.filter((r) => r.status === 'rejected' && r.donor),
      sameParties,
    );
    const withDonor = fill.map((d) => {
      if (d.status !== 'redirected' || d.donor) return d;
      const refusal = refusals.get(sameParties(d));
      return refusal ? { ...d, donor: refusal.donor } : d;
    });
    const refused = new Set(drafts.filter((d) => REFUSED.has(d.status)).map(sameParties));
    const redirected = new Set(fill.filter((d) => d.status === 'redirected').map(sameParties));
    return withDonor.filter(
      (d) =>
        !(d.status === 'offered' && refused.has(sameParties(d))) &&
        !(d.status === 'rejected' && redirected.has(sameParties(d))),
    );
  },
});
