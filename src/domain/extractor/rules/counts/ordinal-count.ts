/**
 * An ordinal on a case or a life gives a running count: "has claimed a second life" is two
 * deaths, "the third human case" three cases, "the first polio case in Bannu this year" one.
 * "The first death was…" tells of one death, not a figure, and is left alone.
 */
import type { Metric } from '../../../facts/case-count';
import type { CountContext, CountDraft } from '../../counts/draft';
import { defineRule } from '../rule';

const COUNTED: Record<string, Metric> = {
  life: 'deaths',
  case: 'confirmed',
  infection: 'confirmed',
  victim: 'deaths',
};

export const ordinalCount = defineRule<CountDraft[], CountContext>({
  name: 'ordinal-count',
  summary: 'an ordinal on a case or a life is a running count of them',
  examples: [
    'Cholera has claimed a third life in Sofala.',
    'This is the second human case of H5N1 in Laos.',
  ],
  counterexamples: [
    'The first death was of a child in Beira.',
    'Burundi has had 8 deaths since its first case in March 2020.',
  ],
  apply(drafts) {
    return drafts.map((d) => {
      if (!d.n.ordinal || d.metric) return d;
      const tokens = d.s.sentence.tokens;
      const head = tokens.slice(d.n.to, d.n.to + 4).find((t) => COUNTED[t.lemma]);
      const metric = head ? COUNTED[head.lemma] : undefined;
      if (!metric || (metric === 'deaths' && head!.lemma !== 'life' && d.value < 2)) return d;
      // "It is the first polio case in Bannu" counts one; "since its first case in March" dates a start.
      const before = tokens.slice(Math.max(0, d.n.from - 3), d.n.from).map((t) => t.lower);
      if (
        d.value === 1 &&
        !(
          before.includes('the') &&
          before.some((w) => ['is', 'was', 'marks', "'s", '’s'].includes(w))
        )
      )
        return d;
      return { ...d, metric, period: 'cumulative' as const, rules: [...d.rules, 'ordinal-count'] };
    });
  },
});
