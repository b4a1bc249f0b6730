/** Buying is not aid: "Peru bought two million doses from Sinopharm" reports a purchase. */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

export const purchase = defineRule<ClauseEvent, null>({
  name: 'purchase',
  summary: 'a clause whose act is buying reports no aid',
  examples: ['Peru bought two million doses of vaccine from China.'],
  counterexamples: ['China donated two million doses of vaccine to Peru.'],
  apply(e) {
    const verbs = e.predicates.filter((p) => p.voice !== 'noun');
    if (!verbs.some((p) => p.frame.kind === 'buy')) return e;
    if (verbs.some((p) => p.frame.kind !== 'buy' && p.frame.kind !== 'help')) return e;
    return { ...e, aid: false, stage: null, rules: [...e.rules, 'purchase'] };
  },
});
