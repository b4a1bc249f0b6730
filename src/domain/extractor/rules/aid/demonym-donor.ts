/**
 * An adjective of nationality on the aid, its carrier or its people names the donor: "a Chinese
 * plane carrying supplies", "a Cuban medical brigade", "Japanese vaccines". Made-in phrases
 * ("Australian-made vaccines") name a manufacturer, not a donor.
 */
import type { ClauseEvent } from '../../aid/event';
import type { Token } from '../../nlp/document';
import { defineRule } from '../rule';

/** Nouns a nationality adjective makes a donor of. */
const GIVEN = new Set([
  'plane',
  'aircraft',
  'flight',
  'jet',
  'ship',
  'vessel',
  'truck',
  'convoy',
  'team',
  'brigade',
  'mission',
  'doctor',
  'medic',
  'nurse',
  'expert',
  'specialist',
  'aid',
  'assistance',
  'supply',
  'donation',
  'gift',
  'grant',
  'shipment',
  'consignment',
  'batch',
  'vaccine',
  'dose',
  'help',
  'support',
  'military',
  'army',
  'delegation',
  'staff',
  'personnel',
  'relief',
]);

/**
 * Where the words a nationality describes end: three words on ("a Chinese plane carrying"), or
 * further across modifiers and hyphens ("a U.S. medical-scientific team").
 */
function describedEnd(tokens: Token[], from: number): number {
  const modifier = (t: Token | undefined) =>
    !!t && (t.text === '-' || t.pos === 'ADJ' || t.pos === 'NOUN');
  let end = from;
  while (end < from + 8 && modifier(tokens[end])) end++;
  return Math.max(from + 3, end);
}

export const demonymDonor = defineRule<ClauseEvent, null>({
  name: 'demonym-donor',
  summary: 'a nationality adjective on the aid, its carrier or its people names the donor',
  examples: [
    'A Chinese plane carrying medical supplies for Serbia arrived in Belgrade on Sunday.',
    'A U.S. medical team will arrive in Lima next week.',
    'A Brazilian medical-scientific team will arrive in Lima next week.',
    'A Cuban medical brigade arrived in Angola to help fight the outbreak.',
  ],
  counterexamples: ['Australian-made vaccines arrived in Fiji on Monday.'],
  apply(e) {
    if (e.predicates.length === 0) return e;
    const tokens = e.s.sentence.tokens;
    // "a Cuban medical brigade", and with a country's name as adjective, "a U.S. medical team".
    const attributive = (m: (typeof e.s.mentions)[number]) =>
      m.via === 'demonym' ||
      (m.kind === 'country' &&
        m.via === 'name' &&
        ['NOUN', 'ADJ'].includes(tokens[m.to]?.pos ?? ''));
    const donors = e.s.mentions.filter((m) => {
      if (!attributive(m) || !e.inClause.has(m.from) || m.possessive) return false;
      if (tokens[m.to]?.text === '-' || tokens[m.to]?.lower === 'made') return false;
      return tokens.slice(m.to, describedEnd(tokens, m.to)).some((t) => GIVEN.has(t.lemma));
    });
    if (donors.length === 0) return e;
    return {
      ...e,
      donors: [...e.donors, ...donors.filter((d) => !e.donors.some((x) => x.name === d.name))],
      rules: [...e.rules, 'demonym-donor'],
    };
  },
});
