/**
 * A flow whose clause names no donor takes the donor of the nearest flow that names one: "More than half a million doses have been delivered to Fiji" in
 * a report on Australia's donations is Australia's; "The medical aid touched down in Tunis" under
 * a headline on the UAE's vaccines is the UAE's.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import type { Mention } from '../../nlp/mentions';
import { defineRule } from '../rule';

/** The donor of the named flow nearest in the text, the one before winning a tie. */
function nearest(d: AidDraft, named: AidDraft[]): Mention | null {
  const at = d.event.s.sentence.index;
  const ranked = [...named].sort((a, b) => {
    const da = a.event.s.sentence.index - at;
    const db = b.event.s.sentence.index - at;
    return Math.abs(da) - Math.abs(db) || da - db;
  });
  return ranked[0]?.donor ?? null;
}

export const articleDonor = defineRule<AidDraft[], ArticleContext>({
  name: 'article-donor',
  summary: 'a flow with no donor in its clause takes the donor of the nearest flow that names one',
  examples: [
    'Canada donated 300,000 doses to Haiti in May. Another 50,000 doses were delivered to Haiti in June.',
  ],
  counterexamples: ['About 50,000 doses were delivered to Haiti in June.'],
  apply(drafts) {
    const named = drafts.filter((d) => d.donor && !d.inferredDonor);
    return drafts.map((d) => {
      if (d.donor || d.event.unnamed.donor) return d;
      const donor = nearest(d, named);
      if (!donor || d.recipient?.name === donor.name) return d;
      return { ...d, donor, inferredDonor: true, rules: [...d.rules, 'article-donor'] };
    });
  },
});
