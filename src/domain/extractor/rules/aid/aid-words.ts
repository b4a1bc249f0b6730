/**
 * A clause is about aid when its word of aid says so ("donated", "pledged"), or it names aid
 * ("supplies", "vaccines", "tents") or money: "sent messages" and "received a letter" are not.
 */
import type { ClauseEvent } from '../../aid/event';
import { itemsIn, quantitiesIn } from '../../aid/items';
import { AID_NOUNS } from '../../lexicon/items';
import { defineRule } from '../rule';

/**
 * A request or a refusal is about aid only when aid comes after its verb: "asked the WHO for
 * vaccines", "refused the offer"; not "asked the EU to lift sanctions", "refused to allow a
 * campaign".
 */
function askedForAid(e: ClauseEvent): boolean {
  const acts = e.predicates.filter(
    (p) => p.voice !== 'noun' && (p.frame.kind === 'request' || p.frame.kind === 'reject'),
  );
  if (
    acts.length === 0 ||
    e.predicates.some(
      (p) => p.voice === 'noun' || (p.frame.kind !== 'request' && p.frame.kind !== 'reject'),
    )
  )
    return true;
  const tokens = e.s.sentence.tokens;
  const after = e.clause.tokens.filter((k) => k > acts[0]!.at);
  return (
    itemsIn(e.s, after).length > 0 ||
    after.some(
      (k) =>
        tokens[k]!.pos === 'NOUN' &&
        (AID_NOUNS.has(tokens[k]!.lemma) || OFFERED.has(tokens[k]!.lemma)),
    )
  );
}

const OFFERED = new Set([
  'offer',
  'donation',
  'shipment',
  'consignment',
  'gift',
  'pledge',
  'convoy',
  'load',
  'cargo',
  'dose',
]);

/** Items a clause names only by a pronoun object: "…and is sending more", "will fly them in". */
function carriedOver(e: ClauseEvent): string[] {
  if (e.clause.subjectless) return e.carriedItems;
  const tokens = e.s.sentence.tokens;
  const pronoun = e.predicates.some(
    (p) =>
      p.voice === 'active' &&
      [p.at + 1, p.last + 1].some((k) => PRONOUN_OBJECTS.has(tokens[k]?.lower ?? '')),
  );
  return pronoun ? e.earlierItems : [];
}

const PRONOUN_OBJECTS = new Set(['them', 'it', 'these', 'those']);

/**
 * Whether a clause says it is about aid: a word of aid, a refusal of an offer, a noun of aid,
 * items, a sum of money (a currency code), or help that is committed or under way.
 */
function namesAid(
  e: ClauseEvent,
  hasItems: boolean,
  quantities: ClauseEvent['quantities'],
): boolean {
  const tokens = e.s.sentence.tokens;
  const committed = e.predicates.some((p) => p.frame.kind === 'commit' || p.frame.kind === 'offer');
  const refusing = e.predicates.some(
    (p) => p.frame.kind === 'reject' || p.frame.kind === 'request' || p.frame.kind === 'redirect',
  );
  return (
    e.predicates.some((p) => p.frame.aid) ||
    (refusing && e.clause.tokens.some((k) => OFFERED.has(tokens[k]!.lemma))) ||
    e.clause.tokens.some((k) => tokens[k]!.pos === 'NOUN' && AID_NOUNS.has(tokens[k]!.lemma)) ||
    hasItems ||
    quantities.some((q) => /^[A-Z]{3}$/.test(q.quantity.unit)) ||
    (committed && e.predicates.some((p) => p.frame.kind === 'help')) ||
    e.predicates.some((p) => p.frame.kind === 'help' && p.stage !== null)
  );
}

export const aidWords = defineRule<ClauseEvent, null>({
  name: 'aid-words',
  summary: 'the items and quantities a clause names; without them, only words of aid make it aid',
  examples: [
    'Turkey sent two planeloads of medical aid to Italy.',
    'Gavi paid for 500,000 doses of vaccine for Chad. UNICEF will fly them in next week.',
  ],
  counterexamples: ['The president sent a message of condolence to Chile.'],
  apply(e) {
    if (e.predicates.length === 0) return e;
    // "…and is in the process of sending more": a clause that shares its subject shares its aid.
    const own = itemsIn(e.s, e.clause.tokens);
    const items = own.length > 0 ? own : carriedOver(e);
    const quantities = quantitiesIn(e.s, e.clause.tokens);
    const aid = namesAid(e, items.length > 0, quantities);
    if (!aid || !askedForAid(e)) return { ...e, aid: false };
    return {
      ...e,
      aid: true,
      items,
      quantities,
      quantity: quantities[0]?.quantity ?? null,
      rules: items.length > 0 ? [...e.rules, 'aid-words'] : e.rules,
    };
  },
});
