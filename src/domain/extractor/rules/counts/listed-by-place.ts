/**
 * Figures listed by place share the metric of the first: "1,218 cases were diagnosed in Beira,
 * 144 in Nhamatanda and 66 in Dondo"; "Lakki Marwat has reported 12 cases, Tank four and Karak
 * two"; "89,000 and 106,000 cases". A bare number takes the metric of the number before it in
 * the sentence when a list word or a place stands between them.
 */
import type { CountContext, CountDraft } from '../../counts/draft';
import { segmentBefore } from '../../counts/draft';
import { defineRule } from '../rule';

export const listedByPlace = defineRule<CountDraft[], CountContext>({
  name: 'listed-by-place',
  summary: 'a bare number in a list takes the metric of the figure before it',
  examples: ['Of these, 1,218 cases were reported in Beira, 144 in Dondo and 66 in Buzi.'],
  counterexamples: [],
  apply(drafts) {
    const out = [...drafts];
    for (let k = 1; k < out.length; k++) {
      const d = out[k]!;
      const prev = out[k - 1]!;
      if (d.metric || d.n.ordinal || !prev.metric || prev.s !== d.s) continue;
      const tokens = d.s.sentence.tokens;
      const between = tokens.slice(prev.n.to, d.n.from);
      const listed = between.some(
        (t) => t.text === ',' || t.lower === 'and' || t.lower === 'while',
      );
      const next = tokens[d.n.to];
      const bare =
        !next ||
        ['in', 'each', ',', 'and', '.', ';', 'while', 'respectively', 'cases'].includes(
          next.lower,
        ) ||
        next.pos === 'PUNCT';
      if (!listed || !bare || segmentBefore(d, out).length > 8) continue;
      out[k] = {
        ...d,
        metric: prev.metric,
        each: next?.lower === 'each',
        rules: [...d.rules, 'listed-by-place'],
      };
    }
    return out;
  },
});
