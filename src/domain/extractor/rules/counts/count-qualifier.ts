/**
 * How sure the text is of a figure, from the words right before it: "about 10,000" is approx,
 * "more than 16,000" at least, "nearly 100" at most; a verb of passing ("topped 1,000") is at
 * least.
 */
import type { Qualifier } from '../../../facts/case-count';
import type { CountContext, CountDraft } from '../../counts/draft';
import { QUALIFIER_WORDS } from '../../lexicon/metrics';
import { defineRule } from '../rule';

const PHRASES = QUALIFIER_WORDS.flatMap(([q, words]) =>
  words.map((w) => ({ q, words: w.split(' ') })),
).sort((a, b) => b.words.length - a.words.length);

function qualifierBefore(d: CountDraft): Qualifier {
  const tokens = d.s.sentence.tokens;
  let end = d.n.from;
  while (end > 0 && ['$', 'us$', '€', '£', 'the', 'a'].includes(tokens[end - 1]!.lower)) end--;
  for (const p of PHRASES) {
    const from = end - p.words.length;
    if (from < 0) continue;
    if (p.words.every((w, k) => tokens[from + k]!.lower === w || tokens[from + k]!.lemma === w))
      return p.q;
  }
  return 'exact';
}

export const countQualifier = defineRule<CountDraft[], CountContext>({
  name: 'count-qualifier',
  summary: 'about / more than / nearly before a figure qualify it',
  examples: ['About 10,000 cholera cases have been reported in Yemen.'],
  counterexamples: ['Exactly 10,000 cholera cases have been reported in Yemen.'],
  apply(drafts) {
    return drafts.map((d) => {
      const qualifier = qualifierBefore(d);
      return qualifier === 'exact'
        ? d
        : { ...d, qualifier, rules: [...d.rules, 'count-qualifier'] };
    });
  },
});
