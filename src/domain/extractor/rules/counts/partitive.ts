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
/** What "cases" may count: a part of suspected cases is suspected too. */
const CASES = new Set<Metric>(['confirmed', 'suspected']);

/**
 * What the words after "of" make the part count: a pronoun ("37 of them") points back to the
 * figure it is part of, "the" and a count noun ("2,618 of the suspected cases") name it.
 */
function partMetric(tokens: Token[], at: number, figures: CountDraft[]): Metric | null {
  const next = tokens[at + 1];
  if (next && PARTS.has(next.lower)) return figures[0]?.metric ?? null;
  if (next?.lower !== 'the') return null;
  const phrase = tokens.slice(at + 2, at + 6);
  const head = phrase.find((t) => COUNT_NOUNS[t.lemma]);
  const modifier = phrase.map((t) => COUNT_MODIFIERS[t.lower]).find(Boolean);
  if (!head) return null;
  const noun = COUNT_NOUNS[head.lemma]!;
  // "7,431 suspected cases and 12 deaths, with 5,960 of the cases in Honiara": "the cases" are
  // the cases last counted.
  const cases = CASES.has(noun) ? figures.find((o) => o.metric && CASES.has(o.metric)) : undefined;
  return modifier ?? cases?.metric ?? noun;
}

export const partitive = defineRule<CountDraft[], CountContext>({
  name: 'partitive',
  summary:
    'a part of a figure ("37 of them", "2,618 of the suspected cases") counts what it counts',
  examples: [
    'Mali has recorded 76 deaths, 37 of them in Mopti.',
    'Mali has recorded 410 suspected cases and 9 deaths, with 260 of the cases in Mopti.',
    'Akkar accounts for 2,618 of the suspected cases and Tripoli for 790.',
  ],
  counterexamples: ['Two of the hospitals in Mopti have closed.'],
  apply(drafts, { s, earlier }) {
    const tokens = s.sentence.tokens;
    return drafts.map((d, k) => {
      if (d.metric || tokens[d.n.to]?.lower !== 'of') return d;
      // The figures before it, nearest first: those of the sentence, then the sentence before.
      const here = drafts.slice(0, k).filter((o) => o.metric);
      let metric = partMetric(tokens, d.n.to, [...here.reverse(), ...earlier.slice(-1)]);
      // "488 of the cases confirmed by laboratory tests": the part is what its participle says.
      const participle = tokens.slice(d.n.to, d.n.to + 6).find((t) => t.lower === 'confirmed');
      if (metric && participle) metric = 'confirmed';
      return metric ? { ...d, metric, rules: [...d.rules, 'partitive'] } : d;
    });
  },
});
