/**
 * A headline restates its story in the present tense ("UAE sends vaccines to Tunisia"), so its
 * stage is not to be trusted: a headline's flow counts only when the body names no flow between
 * the same two parties.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

/** The index of the headline: the article's first sentence that is not furniture, if it reads as one. */
function headlineIndex(article: ArticleContext): number | null {
  const first = article.sentences.find((s) => !s.sentence.furniture);
  if (!first) return null;
  const text = first.sentence.text.trim();
  return !/[.!?]["”’]?$/.test(text) && text.length < 160 ? first.sentence.index : null;
}

/**
 * The parties of the body's flows, by recipient: the donors named for each (undefined for none),
 * looked up rather than searched for each of the headline's flows.
 */
function partiesOf(body: AidDraft[]): Map<string | undefined, Set<string | undefined>> {
  const parties = new Map<string | undefined, Set<string | undefined>>();
  for (const b of body) {
    const donors = parties.get(b.recipient?.name) ?? new Set();
    parties.set(b.recipient?.name, donors.add(b.donor?.name));
  }
  return parties;
}

export const headlineRestates = defineRule<AidDraft[], ArticleContext>({
  name: 'headline-restates',
  summary: 'a headline’s flow counts only where the body names none between the same parties',
  examples: [
    'Japan sends vaccines to Laos\n\nA plane carrying 200,000 doses donated by Japan landed in Vientiane on Monday.',
  ],
  counterexamples: [
    'Japan sends vaccines to Laos\n\nThe health ministry said 40 new cases were found in Vientiane.',
  ],
  apply(drafts, article) {
    const headline = headlineIndex(article);
    const isHeadline = (d: AidDraft) => d.event.s.sentence.index === headline;
    const parties = partiesOf(drafts.filter((d) => !isHeadline(d)));
    const told = (d: AidDraft) => {
      const donors = parties.get(d.recipient?.name);
      return !!donors && (!d.donor || donors.has(d.donor.name));
    };
    return drafts.filter((d) => !isHeadline(d) || !told(d));
  },
});
