/**
 * A part of a figure counts what the figure counts: "7,431 suspected cases … with 5,960 of the
 * cases in Honiara", "76 deaths, 37 of them in Delta Amacuro", "Akkar accounts for 2,618 of the
 * suspected cases". A part the text qualifies ("488 of the cases confirmed by laboratories")
 * counts as it says.
 */
import type { Metric } from '../../../facts/case-count';
import type { CountContext, CountDraft } from '../../counts/draft';
import { COUNT_MODIFIERS, COUNT_NOUNS } from '../../lexicon/metrics';
import type { Token } from '../../nlp/document';
import { defineRule } from '../rule';

const PARTS = new Set(['them', 'these', 'those', 'which', 'whom']);

/**
 * What the words after "of" make the part count: a pronoun ("37 of them") points back to the
 * figure it is part of, "the" and a count noun ("2,618 of the suspected cases") name it.
 */
function partMetric(tokens: Token[], at: number, before: CountDraft | undefined): Metric | null {
  const next = tokens[at + 1];
  if (next && PARTS.has(next.lower)) return before?.metric ?? null;
  if (next?.lower !== 'the') return null;
  const phrase = tokens.slice(at + 2, at + 6);
  const head = phrase.find((t) => COUNT_NOUNS[t.lemma]);
  const modifier = phrase.map((t) => COUNT_MODIFIERS[t.lower]).find(Boolean);
  return head ? (modifier ?? COUNT_NOUNS[head.lemma]!) : null;
}

export const partitive = defineRule<CountDraft[], CountContext>({
  name: 'partitive',
  summary:
    'a part of a figure ("37 of them", "2,618 of the suspected cases") counts what it counts',
  examples: [
    'Mali has recorded 76 deaths, 37 of them in Mopti.',
    'Akkar accounts for 2,618 of the suspected cases and Tripoli for 790.',
  ],
  counterexamples: ['Two of the hospitals in Mopti have closed.'],
  apply(drafts, { s, earlier }) {
    const tokens = s.sentence.tokens;
    return drafts.map((d, k) => {
      if (d.metric || tokens[d.n.to]?.lower !== 'of') return d;
      const before =
        drafts
          .slice(0, k)
          .reverse()
          .find((o) => o.metric) ?? earlier.at(-1);
      let metric = partMetric(tokens, d.n.to, before);
      // "488 of the cases confirmed by laboratory tests": the part is what its participle says.
      const participle = tokens.slice(d.n.to, d.n.to + 6).find((t) => t.lower === 'confirmed');
      if (metric && participle) metric = 'confirmed';
      return metric ? { ...d, metric, rules: [...d.rules, 'partitive'] } : d;
    });
  },
});
