/**
 * A clause without a subject of its own shares the one before: "Libya sent tents and promised
 * more" gives Libya both acts; "…were obtained by UNICEF, and are financed by Gavi" gives the
 * vaccines to the second clause as well.
 */
import { SLOTS } from '../../lexicon/aid-frames';
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

export const sharedSubject = defineRule<ClauseEvent, null>({
  name: 'shared-subject',
  summary: 'a clause with no subject of its own takes the previous clause’s subject',
  examples: ['Kuwait flew in 40 tonnes of food and pledged 5 million dollars to Sudan.'],
  counterexamples: [],
  apply(e) {
    if (!e.clause.subjectless || e.subjects.length > 0) return e;
    const first = e.predicates.find((p) => p.voice !== 'noun');
    // "…will strengthen cooperation, and provide support": the modal governs both verbs, but not
    // a verb in the past ("…would give more, on top of the nets it delivered").
    const past = !!first && /ed$/.test(e.s.sentence.tokens[first.at]!.lower);
    const future =
      e.carriedFuture && !past && (e.stage === 'delivered' || e.stage === 'shipped')
        ? ('pledged' as const)
        : e.stage;
    const role = first ? SLOTS[first.frame.kind][first.voice].subject : undefined;
    if (e.carried.length === 0 || (role !== 'donor' && role !== 'recipient'))
      return { ...e, stage: future };
    const key = role === 'donor' ? 'donors' : 'recipients';
    return {
      ...e,
      stage: future,
      [key]: [...e[key], ...e.carried],
      rules: [...e.rules, 'shared-subject'],
    };
  },
});
