/**
 * Where aid arrived tells who received it: "landed in Beira" goes to Mozambique, with Beira on
 * its route; a country named as the place is the recipient itself.
 */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

export const arrivalPlace = defineRule<ClauseEvent, null>({
  name: 'arrival-place',
  summary: 'the country of the place aid arrived in is its recipient',
  examples: [
    'The first batch of vaccines from India arrived in Dhaka on Friday.',
    'The first donated doses arrived in Ghana in March, and in Togo in April.',
  ],
  counterexamples: [],
  apply(e) {
    if (e.places.length === 0 || e.recipients.length > 0) return e;
    const recipients = e.places
      .filter((p) => p.country)
      .map((p) => ({ ...p, kind: 'country' as const, name: p.country! }))
      .filter((p, k, all) => all.findIndex((x) => x.name === p.name) === k);
    if (recipients.length === 0) return e;
    return { ...e, recipients, rules: [...e.rules, 'arrival-place'] };
  },
});
