/**
 * Where a mention stands in its clause: the subject (nothing governs it), the object of a verb,
 * or the complement of a preposition or of a fixed phrase ("with the support of", "courtesy of",
 * "at the request of"). Found by walking left from the mention over its own noun phrase; a list
 * ("to Guinea, Liberia and Sierra Leone") shares the slot of its first member.
 */
import type { Slot } from '../lexicon/aid-frames';
import type { Sentence, Token } from './document';
import type { Mention } from './mentions';

export interface SlotOf {
  slot: Slot;
  /** The token that governs the mention: its verb, preposition or the phrase's first word. */
  at: number;
}

const PREPOSITIONS: Record<string, Slot> = {
  to: 'to',
  for: 'for',
  from: 'from',
  by: 'by',
  through: 'through',
  via: 'via',
  with: 'with',
  of: 'of',
  in: 'in',
  at: 'at',
  into: 'into',
  towards: 'towards',
  toward: 'towards',
  under: 'under',
  between: 'between',
  on: 'on',
  among: 'to',
  across: 'to',
  throughout: 'to',
};

/**
 * Nouns that stand for the people or state of the place after "of" or "in": "the people of Iran"
 * and "countries in Latin America" take the slot of the noun.
 */
const TRANSPARENT = new Set([
  'people',
  'population',
  'citizen',
  'resident',
  'government',
  'nation',
  'country',
  'republic',
  'state',
  'kingdom',
  'authority',
  'ministry',
  'side',
  'community',
  'hospital',
  'centre',
  'center',
  'camp',
  'shelter',
  'port',
  'harbour',
  'harbor',
  'city',
  'town',
  'airport',
  'area',
  'part',
]);

/** Verbs of saying: "it said Sweden will donate…" makes Sweden the subject of what follows. */
export const SAY = new Set([
  'say',
  'announce',
  'state',
  'tell',
  'add',
  'confirm',
  'report',
  'note',
  'declare',
  'tweet',
  'reveal',
  'indicate',
  'show',
]);

/** People who act for the place they come from. */
const ENVOYS = new Set([
  'minister',
  'official',
  'delegate',
  'representative',
  'leader',
  'delegation',
  'envoy',
  'diplomat',
  'negotiator',
]);

const LIST = new Set([',', 'and', 'or', '&', 'as well as']);
const NP_INTERNAL = new Set(['DET', 'ADJ', 'NUM', 'PROPN', 'NOUN', 'PART', 'SYM']);

/** Where aid sets out from or passes: "from its warehouse in Panama", "the crossing from Turkey". */
const WAYPOINTS = new Set([
  'warehouse',
  'depot',
  'hub',
  'base',
  'stockpile',
  'store',
  'factory',
  'plant',
  'crossing',
  'border',
  'port',
  'airport',
  'harbour',
  'harbor',
  'route',
  'corridor',
]);

function isOrigin(tokens: Token[], at: number): boolean {
  const prep = tokens[at]!.lower;
  const head = tokens[at - 1];
  const waypoint = !!head && (WAYPOINTS.has(head.lemma) || WAYPOINTS.has(head.lower));
  if (prep === 'from' && waypoint) return true;
  if (prep !== 'in' || !waypoint) return false;
  return tokens.slice(Math.max(0, at - 4), at - 1).some((t) => t.lower === 'from');
}

/** "with (the) support of/from", "courtesy of", "at the request of", "on behalf of". */
function fixedPhrase(tokens: Token[], at: number): Slot | null {
  const prep = tokens[at]!.lower;
  const w1 = tokens[at - 1]?.lemma;
  if (
    (prep === 'of' || prep === 'from') &&
    (w1 === 'support' || w1 === 'help' || w1 === 'assistance')
  ) {
    // "in support of Zambia" names who is helped; "with the support of PAHO" who helps;
    // "requested urgent assistance from China" is a plain "from".
    if (tokens[at - 2]?.lower === 'in') return 'for';
    const before = tokens.slice(Math.max(0, at - 5), at - 1).map((t) => t.lower);
    if (before.includes('with')) return 'support';
  }
  if (prep === 'of' && w1 === 'courtesy') return 'courtesy';
  if (prep === 'of' && w1 === 'request') return 'request';
  if (prep === 'of' && w1 === 'behalf') return 'through';
  return null;
}

function mentionEndingAt(mentions: Mention[], end: number): Mention | undefined {
  return mentions.find((m) => m.to === end);
}

/** A list member before a list word: the nearest mention within a few name words. */
function listMemberBefore(
  tokens: Token[],
  mentions: Mention[],
  k: number,
  clause: Set<number>,
): Mention | null {
  for (let j = k, steps = 0; j > 0 && steps < 7 && clause.has(j - 1); j--, steps++) {
    const m = mentionEndingAt(mentions, j);
    if (m) return m;
    const t = tokens[j - 1]!;
    // "the United Nations Children's Fund (UNICEF) and …": past an acronym in brackets.
    if (t.text === ')') {
      const open = tokens
        .slice(0, j - 1)
        .map((x) => x.text)
        .lastIndexOf('(');
      if (open >= 0 && j - 1 - open <= 4) {
        j = open + 1;
        continue;
      }
    }
    if (!(t.pos === 'PROPN' || t.lower === 'of' || (t.capitalised && t.pos === 'NOUN')))
      return null;
  }
  return null;
}

/**
 * Whether a comma before a mention joins list members: "Guinea, Liberia and Sierra Leone" goes
 * on after Liberia; in "at the request of Samoa, New Zealand would provide" the comma ends a
 * phrase, and New Zealand is the subject.
 */
function continuesList(tokens: Token[], mentions: Mention[], m: Mention): boolean {
  let j = m.to;
  for (
    let steps = 0;
    steps < 6 && (tokens[j]?.pos === 'PROPN' || tokens[j]?.lower === 'of');
    steps++
  )
    j++;
  if (!LIST.has(tokens[j]?.lower ?? '')) return false;
  const next = tokens[j + 1]?.pos === 'DET' ? j + 2 : j + 1;
  return mentions.some((x) => x.from === next);
}

/**
 * The slot of a mention. Mentions passed over on the way (a country qualifying an organisation,
 * "U.S. company Gilead Sciences") are returned as modifiers.
 */
export function slotOf(
  s: Sentence,
  clause: Set<number>,
  mentions: Mention[],
  m: Mention,
  depth = 0,
): SlotOf & { modifiers: Mention[] } {
  const tokens = s.tokens;
  const modifiers: Mention[] = [];
  let internal = 0;
  for (let j = m.from - 1; j >= 0 && clause.has(j); j--) {
    const t = tokens[j]!;
    const passed = mentionEndingAt(mentions, j + 1);
    if (passed && passed !== m && !LIST.has(tokens[j + 1]?.lower ?? '')) {
      modifiers.push(passed);
      j = passed.from;
      continue;
    }
    if (LIST.has(t.lower) && depth < 12 && (t.text !== ',' || continuesList(tokens, mentions, m))) {
      const member = listMemberBefore(tokens, mentions, j, clause);
      if (member) return { ...slotOf(s, clause, mentions, member, depth + 1), modifiers };
      if (t.text === ',' || t.pos === 'CCONJ') return { slot: 'subject', at: j, modifiers };
    }
    if (t.pos === 'ADP' || t.lower === 'to') {
      const fixed = fixedPhrase(tokens, j);
      if (fixed) return { slot: fixed, at: j, modifiers };
      if (isOrigin(tokens, j)) return { slot: 'origin', at: j, modifiers };
      const slot = PREPOSITIONS[t.lower];
      // "Ministers from Kenya and Uganda discussed…": people from a place act for it.
      const who = tokens[j - 1];
      const envoy =
        slot === 'from' &&
        !!who &&
        (ENVOYS.has(who.lemma) || ENVOYS.has(who.lower.replace(/s$/, '')));
      if (
        ((slot === 'of' || slot === 'in') && TRANSPARENT.has(tokens[j - 1]?.lemma ?? '')) ||
        envoy
      ) {
        j -= 1;
        continue;
      }
      if (slot) return { slot, at: j, modifiers };
      return { slot: 'subject', at: j, modifiers };
    }
    // "the WHO-backed COVAX scheme": a hyphenated participle is part of the noun phrase.
    if (t.pos === 'VERB' && tokens[j - 1]?.text === '-') {
      j -= 1;
      continue;
    }
    if (t.pos === 'VERB' && SAY.has(t.lemma)) return { slot: 'subject', at: j, modifiers };
    // "Neighbouring Tanzania reversed course": an -ing word opening the clause describes the name.
    if (t.pos === 'VERB' && /ing$/.test(t.lower) && j === m.from - 1 && !clause.has(j - 1))
      continue;
    // "The international community, including South Korea, has…": an example shares the slot of its noun phrase.
    if (
      (t.lemma === 'include' && t.pos === 'VERB') ||
      (t.lower === 'as' && tokens[j - 1]?.lower === 'such')
    ) {
      j = t.lower === 'as' ? j - 1 : j;
      if (tokens[j - 1]?.text === ',') j -= 1;
      continue;
    }
    if (t.pos === 'VERB') return { slot: 'object', at: j, modifiers };
    // "On Monday the United States announced…": a date is no part of the noun phrase.
    if (t.entity === 'DATE' || t.entity === 'TIME') break;
    if (NP_INTERNAL.has(t.pos) && internal++ < 6) continue;
    break;
  }
  return { slot: 'subject', at: m.from, modifiers };
}
