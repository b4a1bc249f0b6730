/**
 * A statement of no cases at all is a count of zero: "has yet to report a single case",
 * "has not confirmed a single infection", "reported zero cases".
 */
import type { CountContext, CountDraft } from '../../counts/draft';
import type { SentenceContext } from '../../context';
import { defineRule } from '../rule';

const REPORTING = new Set([
  'report',
  'disclose',
  'confirm',
  'record',
  'announce',
  'acknowledge',
  'admit',
  'detect',
]);
const UNIT = new Set(['case', 'instance', 'infection', 'patient']);

function zeroAt(s: SentenceContext): number | null {
  const t = s.sentence.tokens;
  for (let i = 0; i + 2 < t.length; i++) {
    const single = t[i]!.lower === 'single' && UNIT.has(t[i + 1]!.lemma);
    const zero = (t[i]!.lower === 'zero' || t[i]!.lower === 'no') && UNIT.has(t[i + 1]!.lemma);
    if (!single && !zero) continue;
    const before = t.slice(Math.max(0, i - 6), i);
    const reported = before.some((x) => REPORTING.has(x.lemma));
    const negative = before.some((x) => ['yet', 'not', "n't", 'never'].includes(x.lower));
    if (reported && (zero || negative)) return i;
  }
  return null;
}

export const zeroCount = defineRule<CountDraft[], CountContext>({
  name: 'zero-count',
  summary: '"has yet to report a single case" is a count of zero cases',
  examples: ['Turkmenistan has yet to report a single case of the disease.'],
  counterexamples: ['Turkmenistan reported a single case on Monday.'],
  apply(drafts, { s }) {
    const at = zeroAt(s);
    if (at === null) return drafts;
    const clause = s.clauses.find((c) => c.tokens.includes(at)) ?? s.clauses[0]!;
    const draft: CountDraft = {
      s,
      clause,
      n: { value: 0, from: at, to: at + 1, ordinal: false, currency: null },
      value: 0,
      metric: 'confirmed',
      qualifier: 'exact',
      period: 'cumulative',
      place: null,
      asOf: null,
      each: false,
      rules: ['zero-count'],
    };
    return [...drafts, draft];
  },
});
