/**
 * Buying is not aid: in "The doses Peru bought from Sinovac arrived in Lima" the seller is not a
 * donor and the arrival is a delivery of goods paid for. A clause that buys reports aid only when
 * a word of giving in it says so ("donated", "pledged").
 */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

export const purchase = defineRule<ClauseEvent, null>({
  name: 'purchase',
  summary: 'a clause about buying reports no aid, unless a word of giving says otherwise',
  examples: ['The doses Peru bought from Sinovac arrived in Lima on Monday.'],
  counterexamples: ['China donated two million doses of vaccine to Peru.'],
  apply(e) {
    const verbs = e.predicates.filter((p) => p.voice !== 'noun');
    if (!verbs.some((p) => p.frame.kind === 'buy')) return e;
    // A noun of giving in a purchase ("bought with funding from Japan") does not make it aid, nor
    // does its arrival; a verb of giving ("donated", "pledged") does.
    if (verbs.some((p) => p.frame.aid && p.frame.kind !== 'buy')) return e;
    return { ...e, aid: false, stage: null, rules: [...e.rules, 'purchase'] };
  },
});
