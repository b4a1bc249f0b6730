/**
 * "Those tested last week included 94 people with fever and 573 health workers": people counted
 * under "those <participle>" are counted as the participle says, or, when it is a word the
 * lexicon lacks ("those who were screened comprised…"), as the figure before them was.
 */
import type { Metric } from '../../../facts/case-count';
import type { CountContext, CountDraft } from '../../counts/draft';
import { COUNT_VERBS, PEOPLE_NOUNS } from '../../lexicon/metrics';
import type { Token } from '../../nlp/document';
import { defineRule } from '../rule';

const PEOPLE = new Set([...PEOPLE_NOUNS, 'professional', 'staff', 'worker']);

function thoseVerb(tokens: Token[], clause: number[]): Token | null {
  for (const k of clause) {
    if (tokens[k]!.lower !== 'those') continue;
    const verb = tokens.slice(k + 1, k + 4).find((t) => t.pos === 'VERB');
    if (verb) return verb;
  }
  return null;
}

export const thoseCounted = defineRule<CountDraft[], CountContext>({
  name: 'those-counted',
  summary:
    'people counted under "those <participle>" are counted as it says, or as the figure before',
  examples: [
    'Bhutan has tested 3,100 people. Those tested last week included 40 people with fever and 12 nurses.',
  ],
  counterexamples: [],
  apply(drafts, { s, earlier }) {
    return drafts.map((d) => {
      if (d.metric) return d;
      const tokens = s.sentence.tokens;
      const verb = thoseVerb(tokens, d.clause.tokens);
      if (!verb) return d;
      const head = tokens.slice(d.n.to, d.n.to + 3).find((t) => t.pos === 'NOUN');
      if (!head || !PEOPLE.has(head.lemma)) return d;
      const metric: Metric | undefined =
        COUNT_VERBS[verb.lemma] ?? earlier.at(-1)?.metric ?? undefined;
      return metric
        ? { ...d, metric, period: 'new' as const, rules: [...d.rules, 'those-counted'] }
        : d;
    });
  },
});
