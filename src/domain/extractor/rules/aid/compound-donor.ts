/**
 * A name joined to a participle of giving names the donor: "U.S.-donated doses",
 * "Japan-funded clinics", "EU-financed oxygen plants".
 */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

const GIVING = new Set([
  'donate',
  'fund',
  'finance',
  'supply',
  'provide',
  'sponsor',
  'gift',
  'back',
]);

export const compoundDonor = defineRule<ClauseEvent, null>({
  name: 'compound-donor',
  summary: 'a name hyphenated to a participle of giving ("U.S.-donated") is the donor',
  examples: ['The first U.S.-donated doses arrived in Ghana in March.'],
  counterexamples: [
    'The first US-made doses arrived in Ghana in March.',
    'Ghana thanked the WHO-backed COVAX scheme for the doses it received.',
  ],
  apply(e) {
    const tokens = e.s.sentence.tokens;
    // The participle must qualify the aid ("U.S.-donated doses"), not an organisation ("the WHO-backed COVAX scheme").
    const found = e.s.mentions.filter(
      (m) =>
        e.inClause.has(m.from) &&
        tokens[m.to]?.text === '-' &&
        GIVING.has(tokens[m.to + 1]?.lemma ?? '') &&
        !e.s.mentions.some((o) => o.from > m.to && o.from <= m.to + 3),
    );
    if (found.length === 0) return e;
    const donors = found.map((m) => ({ ...m, via: 'name' as const }));
    return {
      ...e,
      donors: [...e.donors.filter((d) => !donors.some((x) => x.name === d.name)), ...donors],
      recipients: e.recipients.filter((r) => !donors.some((x) => x.name === r.name)),
      rules: [...e.rules, 'compound-donor'],
    };
  },
});
