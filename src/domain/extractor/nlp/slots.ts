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

/** Where a giver sits: "the WHO's office in Suva" names no one who receives. */
const SEATS = new Set(['office', 'headquarters', 'branch', 'bureau', 'embassy', 'consulate']);

function isOrigin(tokens: Token[], at: number): boolean {
  const prep = tokens[at]!.lower;
  const head = tokens[at - 1];
  if ((prep === 'in' || prep === 'at') && head && SEATS.has(head.lemma)) return true;
  const waypoint = !!head && (WAYPOINTS.has(head.lemma) || WAYPOINTS.has(head.lower));
  if (prep === 'from' && waypoint) return true;
  if (prep !== 'in' || !waypoint) return false;
  return tokens.slice(Math.max(0, at - 4), at - 1).some((t) => t.lower === 'from');
}

/** "with (the) support of/from", "courtesy of", "at the request of", "on behalf of". */
const HELP = new Set(['support', 'help', 'assistance']);
const AFTER_OF: Record<string, Slot> = {
  courtesy: 'courtesy',
  request: 'request',
  behalf: 'through',
};

/**
 * "in support of Zambia" names who is helped; "with the support of PAHO" who helps;
 * "requested urgent assistance from China" is a plain "from".
 */
function supportPhrase(tokens: Token[], at: number): Slot | null {
  if (tokens[at - 2]?.lower === 'in') return 'for';
  const before = tokens.slice(Math.max(0, at - 5), at - 1).map((t) => t.lower);
  return before.includes('with') ? 'support' : null;
}

function fixedPhrase(tokens: Token[], at: number): Slot | null {
  const prep = tokens[at]!.lower;
  const w1 = tokens[at - 1]?.lemma ?? '';
  if ((prep === 'of' || prep === 'from') && HELP.has(w1)) return supportPhrase(tokens, at);
  return prep === 'of' ? (AFTER_OF[w1] ?? null) : null;
}

/** A sentence's mentions by where they end and where they start, built once per sentence. */
interface MentionIndex {
  endingAt: Map<number, Mention>;
  starts: Set<number>;
}
const indexes = new WeakMap<Mention[], MentionIndex>();

function indexOf(mentions: Mention[]): MentionIndex {
  let index = indexes.get(mentions);
  if (!index) {
    const endingAt = new Map<number, Mention>();
    for (const m of mentions) if (!endingAt.has(m.to)) endingAt.set(m.to, m);
    index = { endingAt, starts: new Set(mentions.map((m) => m.from)) };
    indexes.set(mentions, index);
  }
  return index;
}

/** The first mention ending at `end`. */
function mentionEndingAt(mentions: Mention[], end: number): Mention | undefined {
  return indexOf(mentions).endingAt.get(end);
}

/** The "(" at most four tokens before the ")" at `close`, or -1. */
function openingBracket(tokens: Token[], close: number): number {
  for (let k = close - 1; k >= Math.max(0, close - 4); k--) if (tokens[k]!.text === '(') return k;
  return -1;
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
      const open = openingBracket(tokens, j - 1);
      if (open >= 0) {
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
  return indexOf(mentions).starts.has(next);
}

/** A walk left from a mention: where it is, what it has passed, what list it is in. */
interface Walk {
  s: Sentence;
  clause: Set<number>;
  mentions: Mention[];
  m: Mention;
  depth: number;
  modifiers: Mention[];
  internal: number;
}

/** One step of the walk: the slot found, the token to go on from, or the end of the phrase. */
type Step = { slot: SlotOf } | { next: number } | 'end';

/** "from" after an envoy, "of"/"in" after a noun that stands for a place: look past the noun. */
function seeThrough(tokens: Token[], j: number, slot: Slot | undefined): boolean {
  const who = tokens[j - 1];
  if (!who) return false;
  if (slot === 'from') return ENVOYS.has(who.lemma) || ENVOYS.has(who.lower.replace(/s$/, ''));
  return (slot === 'of' || slot === 'in') && TRANSPARENT.has(who.lemma);
}

function preposition(w: Walk, j: number): Step {
  const tokens = w.s.tokens;
  const fixed = fixedPhrase(tokens, j);
  if (fixed) return { slot: { slot: fixed, at: j } };
  if (isOrigin(tokens, j)) return { slot: { slot: 'origin', at: j } };
  const slot = PREPOSITIONS[tokens[j]!.lower];
  // "Ministers from Kenya and Uganda discussed…", "the people of Iran": past the noun.
  if (seeThrough(tokens, j, slot)) return { next: j - 1 };
  return { slot: { slot: slot ?? 'subject', at: j } };
}

function verb(w: Walk, j: number): Step {
  const tokens = w.s.tokens;
  const t = tokens[j]!;
  // "the WHO-backed COVAX scheme": a hyphenated participle is part of the noun phrase.
  if (tokens[j - 1]?.text === '-') return { next: j - 1 };
  if (SAY.has(t.lemma)) return { slot: { slot: 'subject', at: j } };
  // "Neighbouring Tanzania reversed course": an -ing word opening the clause describes the name.
  if (/ing$/.test(t.lower) && j === w.m.from - 1 && !w.clause.has(j - 1)) return { next: j };
  // "The international community, including South Korea, has…": an example shares the slot of its phrase.
  if (t.lemma === 'include') return { next: tokens[j - 1]?.text === ',' ? j - 1 : j };
  return { slot: { slot: 'object', at: j } };
}

/** A list word: the slot of the list's first member, if the word joins list members. */
function listWord(w: Walk, j: number): Step | null {
  const tokens = w.s.tokens;
  const t = tokens[j]!;
  if (!LIST.has(t.lower) || w.depth >= 12) return null;
  if (t.text === ',' && !continuesList(tokens, w.mentions, w.m)) return null;
  const member = listMemberBefore(tokens, w.mentions, j, w.clause);
  if (member)
    return { slot: walk({ ...w, m: member, depth: w.depth + 1, modifiers: [], internal: 0 }) };
  return t.text === ',' || t.pos === 'CCONJ' ? { slot: { slot: 'subject', at: j } } : null;
}

/** A mention passed on the way qualifies this one ("U.S. company Gilead"): step over it. */
function passedMention(w: Walk, j: number): Step | null {
  const passed = mentionEndingAt(w.mentions, j + 1);
  if (!passed || passed === w.m || LIST.has(w.s.tokens[j + 1]?.lower ?? '')) return null;
  w.modifiers.push(passed);
  return { next: passed.from };
}

/** Any other word: "such as" shares the slot of its phrase; a date or a clause word ends the walk. */
function otherWord(w: Walk, j: number): Step {
  const tokens = w.s.tokens;
  const t = tokens[j]!;
  if (t.lower === 'as' && tokens[j - 1]?.lower === 'such')
    return { next: tokens[j - 2]?.text === ',' ? j - 2 : j - 1 };
  // "On Monday the United States announced…": a date is no part of the noun phrase.
  if (t.entity === 'DATE' || t.entity === 'TIME') return 'end';
  return NP_INTERNAL.has(t.pos) && w.internal++ < 6 ? { next: j } : 'end';
}

function step(w: Walk, j: number): Step {
  const t = w.s.tokens[j]!;
  const found = passedMention(w, j) ?? listWord(w, j);
  if (found) return found;
  if (t.pos === 'ADP' || t.lower === 'to') return preposition(w, j);
  if (t.pos === 'VERB') return verb(w, j);
  return otherWord(w, j);
}

function walk(w: Walk): SlotOf {
  for (let j = w.m.from - 1; j >= 0 && w.clause.has(j); j--) {
    const next = step(w, j);
    if (next === 'end') break;
    if ('slot' in next) return next.slot;
    j = next.next;
  }
  return { slot: 'subject', at: w.m.from };
}

/**
 * The walks made in each clause, by mention: a clause's rules ask for the same slots again and
 * again (each mention is checked against every other's modifiers), which a clause listing
 * dozens of names made cubic.
 */
const walked = new WeakMap<
  Set<number>,
  { s: Sentence; mentions: Mention[]; slots: Map<Mention, SlotOf & { modifiers: Mention[] }> }
>();

/**
 * The slot of a mention. Mentions passed over on the way (a country qualifying an organisation,
 * "U.S. company Gilead Sciences") are returned as modifiers.
 */
export function slotOf(
  s: Sentence,
  clause: Set<number>,
  mentions: Mention[],
  m: Mention,
): Readonly<SlotOf & { modifiers: readonly Mention[] }> {
  let memo = walked.get(clause);
  if (memo?.s !== s || memo.mentions !== mentions) {
    memo = { s, mentions, slots: new Map() };
    walked.set(clause, memo);
  }
  let found = memo.slots.get(m);
  if (!found) {
    const w: Walk = { s, clause, mentions, m, depth: 0, modifiers: [], internal: 0 };
    found = { ...walk(w), modifiers: w.modifiers };
    memo.slots.set(m, found);
  }
  return found;
}
