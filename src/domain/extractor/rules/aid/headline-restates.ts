/**
 * A headline restates its story in the present tense ("UAE sends vaccines to Tunisia"), so its
 * stage is not to be trusted: a headline's flow counts only when the body names no flow between
 * the same two parties.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

function isHeadline(article: ArticleContext, index: number): boolean {
  const first = article.sentences.find((s) => !s.sentence.furniture);
  if (!first || first.sentence.index !== index) return false;
  const text = first.sentence.text.trim();
  return !/[.!?]["”’]?$/.test(text) && text.length < 160;
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
    const body = drafts.filter((d) => !isHeadline(article, d.event.s.sentence.index));
    const told = (d: AidDraft) =>
      body.some(
        (b) =>
          b.recipient?.name === d.recipient?.name && (!d.donor || b.donor?.name === d.donor.name),
      );
    return drafts.filter((d) => !isHeadline(article, d.event.s.sentence.index) || !told(d));
  },
});
