/**
 * A flow whose clause names no donor takes the donor of the nearest flow that names one: "More than half a million doses have been delivered to Fiji" in
 * a report on Australia's donations is Australia's; "The medical aid touched down in Tunis" under
 * a headline on the UAE's vaccines is the UAE's.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import type { Mention } from '../../nlp/mentions';
import { defineRule } from '../rule';

/** The donors of the named flows by sentence: the first named in each, and the sentences in order. */
interface NamedDonors {
  first: Map<number, Mention>;
  sentences: number[];
}

function namedDonors(named: AidDraft[]): NamedDonors {
  const first = new Map<number, Mention>();
  for (const d of named) {
    const k = d.event.s.sentence.index;
    if (!first.has(k)) first.set(k, d.donor!);
  }
  return { first, sentences: [...first.keys()].sort((a, b) => a - b) };
}

/**
 * The donor of the named flow nearest in the text, the one before winning a tie: the sentences
 * on either side are found by bisection rather than by ranking every named flow for each flow.
 */
function nearest(d: AidDraft, { first, sentences }: NamedDonors): Mention | null {
  const at = d.event.s.sentence.index;
  let lo = 0;
  for (let hi = sentences.length; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  const before = sentences[lo - 1];
  const after = sentences[lo];
  const pick =
    before === undefined || (after !== undefined && after - at < at - before) ? after : before;
  return pick === undefined ? null : first.get(pick)!;
}

export const articleDonor = defineRule<AidDraft[], ArticleContext>({
  name: 'article-donor',
  summary: 'a flow with no donor in its clause takes the donor of the nearest flow that names one',
  examples: [
    'Canada donated 300,000 doses to Haiti in May. Another 50,000 doses were delivered to Haiti in June.',
  ],
  counterexamples: ['About 50,000 doses were delivered to Haiti in June.'],
  apply(drafts) {
    const named = namedDonors(drafts.filter((d) => d.donor && !d.inferredDonor));
    return drafts.map((d) => {
      if (d.donor || d.event.unnamed.donor) return d;
      const donor = nearest(d, named);
      if (!donor || d.recipient?.name === donor.name) return d;
      return { ...d, donor, inferredDonor: true, rules: [...d.rules, 'article-donor'] };
    });
  },
});
