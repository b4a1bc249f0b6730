/**
 * The core rule: the lexicon's frames give each mention its role. A mention's slot (subject,
 * object, "to", "by"…) is read against the frame of the word that governs it, in that word's
 * voice; the clause's stage is the strongest its words report.
 */
import type { AidStatus } from '../../../facts/aid-flow';
import { SLOTS, type Role } from '../../lexicon/aid-frames';
import { ITEMS } from '../../lexicon/items';
import type { Token } from '../../nlp/document';
import type { Mention } from '../../nlp/mentions';
import { SAY, slotOf } from '../../nlp/slots';
import { findPredicates, type Predicate } from '../../aid/predicates';
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

const PRONOUNS = new Set(['it', 'they', 'we', 'he', 'she']);

/** When a clause reports several stages, the one that decides what happened. */
const PRECEDENCE: AidStatus[] = [
  'rejected',
  'redirected',
  'requested',
  'offered',
  'pledged',
  'discussed',
  'delivered',
  'shipped',
];

/** Nouns that report an act of their own beside the clause's main one. */
const SIDE_KINDS = new Set(['discuss', 'request']);

function strongestStage(predicates: Predicate[]): AidStatus | null {
  // A clause whose only word of aid is a purpose ("…coordination was made to receive the vaccines") reports no act.
  // "…undergoing final checks to arrive in Fiji next week": an arrival as a purpose is still to come.
  if (predicates.every((p) => p.purpose) && predicates.some((p) => p.frame.kind === 'arrive'))
    return 'pledged';
  const acts = predicates.filter((p) => !p.purpose);
  // "to receive outside help": helping sets the stage only where nothing else in the clause does.
  const main = acts.filter((p) => p.frame.kind !== 'help');
  const stages = (main.length ? main : acts)
    .map((p) => p.stage)
    .filter((x): x is AidStatus => x !== null);
  return PRECEDENCE.find((st) => stages.includes(st)) ?? null;
}

/**
 * "with the support of PAHO", "courtesy of Japan", "at the request of Chad": these phrases qualify
 * the clause's act as a whole, so they belong to its verb rather than to a nearby noun.
 */
const CLAUSE_SLOTS = new Set(['support', 'courtesy', 'request']);

/** The word a mention's slot refers to: the verb it is the object of, the nearest word before a preposition, the first after a subject. */
function governor(
  tokens: Token[],
  predicates: Predicate[],
  { slot, at }: { slot: string; at: number },
  m: Mention,
): Predicate | null {
  if (predicates.length === 0) return null;
  if (slot === 'subject') {
    const p = predicates.find((x) => x.at >= m.to);
    return p && !reportedBetween(tokens, m.to, p.at) ? p : null;
  }
  if (slot === 'object') return predicates.find((p) => p.last === at || p.at === at) ?? null;
  if (CLAUSE_SLOTS.has(slot)) return predicates.find((p) => p.voice !== 'noun') ?? predicates[0]!;
  return prepositionGovernor(tokens, predicates, slot, at);
}

/** The word a preposition at `at` refers to: the nearest before it, else the first after it. */
function prepositionGovernor(
  tokens: Token[],
  predicates: Predicate[],
  slot: string,
  at: number,
): Predicate | null {
  // "made by Bavarian Nordic, were flown in": an agent belongs to the participle right before it.
  const before = tokens[at - 1];
  if (slot === 'by' && before?.pos === 'VERB' && !predicates.some((p) => p.last === at - 1))
    return null;
  const left = [...predicates].reverse().find((p) => p.at < at);
  if (left && slot === 'by' && verbBetween(tokens, left.last, at)) return null;
  return left ?? predicates.find((p) => p.at > at) ?? null;
}

/**
 * "WHO reported that an aircraft carrying supplies has landed": a verb of saying between a
 * subject and the word makes the subject the one who says, unless a pronoun takes it up ("China
 * announced it would dispatch…").
 */
function reportedBetween(tokens: Token[], from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const t = tokens[j]!;
    if (t.pos !== 'VERB' || !SAY.has(t.lemma)) continue;
    return !tokens.slice(j + 1, to).some((x) => PRONOUNS.has(x.lower));
  }
  return false;
}

/** "funding will be utilized by UNICEF": a verb of its own between a word and a preposition takes the preposition. */
function verbBetween(tokens: Token[], from: number, to: number): boolean {
  for (let j = from + 1; j < to; j++) {
    const t = tokens[j]!;
    if (
      t.pos === 'VERB' ||
      (t.pos === 'ADJ' && /ed$/.test(t.lower) && tokens[j + 1]?.lower === 'by')
    )
      return true;
  }
  return false;
}

/** "permission for the WHO and other agencies to ship supplies": after "for", the subject of the infinitive. */
function subjectOfInfinitive(
  e: ClauseEvent,
  m: Mention,
  predicates: Predicate[],
): Predicate | null {
  const tokens = e.s.sentence.tokens;
  let j = m.to;
  for (let steps = 0; steps < 8 && tokens[j] && tokens[j]!.lower !== 'to'; steps++) {
    const t = tokens[j]!;
    if (!(
      t.pos === 'PROPN' ||
      t.pos === 'NOUN' ||
      t.pos === 'ADJ' ||
      t.pos === 'DET' ||
      t.lower === 'and' ||
      t.text === ','
    ))
      return null;
    j++;
  }
  if (tokens[j]?.lower !== 'to') return null;
  return predicates.find((p) => p.at === j + 1 && p.voice === 'active') ?? null;
}

/** A noun a mention owns ("Australia's contribution") or qualifies ("the US pledge", "EU humanitarian funding"). */
function possessed(predicates: Predicate[], m: Mention, tokens: Token[] = []): Predicate | null {
  if (m.possessive)
    return predicates.find((p) => p.voice === 'noun' && p.at > m.to && p.at <= m.to + 6) ?? null;
  const next = predicates.find((p) => p.voice === 'noun' && p.at >= m.to && p.at <= m.to + 2);
  const between = next ? tokens.slice(m.to, next.at) : [];
  return next && between.every((t) => t.pos === 'ADJ') ? next : null;
}

const ACTOR_KINDS = new Set(['country', 'organisation', 'region', 'adm1', 'city', 'place']);

const ITEM_LEMMAS = new Set(ITEMS.flatMap((e) => e.words.filter((w) => !w.includes(' '))));
const HELP_NOUNS = new Set(['help', 'support', 'assistance']);
const GIVING_KINDS = new Set(['give', 'send', 'commit', 'offer']);

/**
 * An owner of something not a word of aid: "with UNICEF's help" backs the aid; "the Pacific's
 * required doses" are doses the Pacific needs, so the Pacific receives.
 */
function ownerRole(
  e: ClauseEvent,
  m: Mention,
  predicates: Predicate[],
): { role: Role; p: Predicate } | null {
  if (!m.possessive || predicates.length === 0) return null;
  const tokens = e.s.sentence.tokens;
  const owned = tokens.slice(m.to + 1, m.to + 4);
  if (
    HELP_NOUNS.has(owned[0]?.lemma ?? '') &&
    tokens.slice(Math.max(0, m.from - 3), m.from).some((t) => t.lower === 'with')
  )
    return { role: 'backer', p: predicates[0]! };
  // "the African Union's vaccine task team offered…": the owner of the subject acts through it.
  const next = predicates.find((p) => p.at > m.to && p.voice !== 'noun');
  const subjectNp = !predicates.some((p) => p.at < m.from);
  if (next && subjectNp && slotOf(e.s.sentence, e.inClause, e.s.mentions, m).slot === 'subject') {
    const role = SLOTS[next.frame.kind][next.voice].subject;
    return role ? { role, p: next } : null;
  }
  // "to provide … the Pacific's required doses": the owner of what is given receives it.
  const giving = [...predicates]
    .reverse()
    .find((p) => GIVING_KINDS.has(p.frame.kind) && p.at < m.from);
  if (giving && owned.some((t) => ITEM_LEMMAS.has(t.lemma)))
    return { role: 'recipient', p: giving };
  return null;
}

function roleOf(
  e: ClauseEvent,
  m: Mention,
  predicates: Predicate[],
): { role: Role; p: Predicate } | null {
  const owner = possessed(predicates, m, e.s.sentence.tokens);
  if (owner) {
    const role = SLOTS[owner.frame.kind].noun.possessor;
    return role ? { role, p: owner } : null;
  }
  const owning = ownerRole(e, m, predicates);
  if (owning) return owning;
  const { slot, at } = slotOf(e.s.sentence, e.inClause, e.s.mentions, m);
  const infinitive = slot === 'for' ? subjectOfInfinitive(e, m, predicates) : null;
  if (infinitive) {
    const role = SLOTS[infinitive.frame.kind][infinitive.voice].subject;
    return role ? { role, p: infinitive } : null;
  }
  const p = governor(e.s.sentence.tokens, predicates, { slot, at }, m);
  if (!p) return null;
  let role = SLOTS[p.frame.kind][p.voice][slot];
  // "provide Tunisia with support", "gave Iran a million doses": a place as object is who receives.
  if (role === 'items' && slot === 'object' && ACTOR_KINDS.has(m.kind)) role = 'recipient';
  return role ? { role, p } : null;
}

/**
 * For each mention of a clause, the mentions whose walk passed over it as a modifier: found once
 * per clause rather than by walking every other mention for each one.
 */
const modifiedBy = new WeakMap<Set<number>, Map<Mention, Mention[]>>();

function isModifier(e: ClauseEvent, m: Mention): boolean {
  let by = modifiedBy.get(e.inClause);
  if (!by) {
    by = new Map();
    for (const other of e.s.mentions) {
      if (!e.inClause.has(other.from)) continue;
      for (const x of slotOf(e.s.sentence, e.inClause, e.s.mentions, other).modifiers)
        by.set(x, [...(by.get(x) ?? []), other]);
    }
    modifiedBy.set(e.inClause, by);
  }
  return (by.get(m) ?? []).some((other) => other !== m);
}

/**
 * A national agency gives for its state: "Saudi Arabia's King Salman Relief Centre delivered
 * ambulances" is Saudi Arabia's aid. A programme in a country is that country's: "pledged $10
 * million to UNICEF's immunisation programme in Yemen" goes to Yemen.
 */
function owner(e: ClauseEvent, a: { m: Mention; role: Role }): Mention {
  const tokens = e.s.sentence.tokens;
  const m = a.m;
  if (m.kind !== 'organisation') return m;
  const state = e.s.mentions.find(
    (x) => x.possessive && x.kind === 'country' && x.to + 1 === m.from,
  );
  if (state && a.role === 'donor') return state;
  if (a.role !== 'recipient') return m;
  // "The Solomon Islands Red Cross has received 96,000 Swiss francs": a national body receives for its country.
  if (m.country) return { ...m, kind: 'country', name: m.country };
  // "to UNICEF's programme in Yemen", "to Irrua Specialist Teaching Hospital in Edo": where it is receives.
  if (!m.possessive && m.via !== 'guess') return m;
  for (let j = m.to + 1; j < Math.min(tokens.length, m.to + 6); j++) {
    if (tokens[j]!.lower !== 'in' && tokens[j]!.lower !== 'for') continue;
    const place = e.s.mentions.find((x) => x.from === j + 1 && x.kind !== 'organisation');
    return place ?? m;
  }
  return m;
}

interface Assigned {
  m: Mention;
  role: Role;
  p: Predicate;
  possessor: boolean;
}

/** A role given by the clause's purpose ("…to help the three countries") counts only where no other word gives one. */
const RECIPIENT_ACTS = new Set(['request', 'reject', 'redirect']);

function settle(all: Assigned[], stage: AidStatus | null): Assigned[] {
  // "called on governments to match the U.S. pledge": in a request, the pledge's owner is not the one asked.
  if (stage === 'requested')
    all = all.filter(
      (a) =>
        RECIPIENT_ACTS.has(a.p.frame.kind) ||
        a.role !== 'donor' ||
        !GIVING_KINDS.has(a.p.frame.kind) ||
        a.p.voice !== 'noun',
    );
  const main = all.filter((a) => a.p.frame.kind !== 'help');
  const hasMain = (role: Role) => main.some((a) => a.role === role);
  let out = all.filter((a) => a.p.frame.kind !== 'help' || !hasMain(a.role));
  // "Jamaica's first shipment of vaccines from India": with a giver after "from", the owner receives.
  const from = out.some((a) => a.role === 'donor' && !a.possessor);
  out = out.map((a) =>
    a.possessor && a.role === 'donor' && from && a.p.frame.kind === 'send'
      ? { ...a, role: 'recipient' }
      : a,
  );
  out = out.map((a) =>
    a.role === 'procurer' ? { ...a, role: a.m.kind === 'organisation' ? 'donor' : 'recipient' } : a,
  );
  return out;
}

function assign(e: ClauseEvent, predicates: Predicate[], mentions: Mention[]): ClauseEvent {
  const out = {
    ...e,
    donors: [...e.donors],
    recipients: [...e.recipients],
    places: [...e.places],
    channels: [...e.channels],
    routes: [...e.routes],
    backers: [...e.backers],
  };
  const given: Assigned[] = [];
  const tokens = e.s.sentence.tokens;
  for (const m of mentions) {
    // "…, according to the agency": who says it takes no part in it.
    if (
      isModifier(e, m) ||
      tokens.slice(Math.max(0, m.from - 3), m.from).some((t) => t.lower === 'according')
    )
      continue;
    const { slot } = slotOf(e.s.sentence, e.inClause, e.s.mentions, m);
    // "at the North Korean port of Nampo": an adjective of nationality on a place names where aid went.
    if (m.via === 'demonym') {
      if (slot === 'at' || slot === 'in' || slot === 'into') out.places.push(m);
      continue;
    }
    const r = roleOf(e, m, predicates);
    if (r) given.push({ m, ...r, possessor: !!possessed(predicates, m, tokens) });
  }
  const lists: Partial<Record<Role, Mention[]>> = {
    donor: out.donors,
    recipient: out.recipients,
    place: out.places,
    channel: out.channels,
    backer: out.backers,
  };
  for (const a of settle(
    given.map((a) => ({ ...a, m: owner(e, a) })),
    e.stage,
  )) {
    // "via Panama": a place the aid went through is on its way, not a channel that gives.
    if (a.role === 'channel' && a.m.kind !== 'organisation') out.routes.push(a.m);
    else lists[a.role]?.push(a.m);
  }
  return out;
}

/** Nouns for parties left unnamed: "to many countries", "with manufacturers", "from a clinic network". */
const PARTIES = new Set([
  'country',
  'nation',
  'government',
  'partner',
  'manufacturer',
  'donor',
  'company',
  'firm',
  'network',
  'charity',
  'supplier',
  'producer',
  'state',
  'region',
  'group',
  'organisation',
  'organization',
  'agency',
]);
const UNNAMED_ROLE: Record<string, 'donor' | 'recipient'> = {
  to: 'recipient',
  among: 'recipient',
  from: 'donor',
  by: 'donor',
  with: 'donor',
};

/** "an offer of donation of AstraZeneca shots": an indefinite gift comes from someone not yet named. */
function freshGift(e: ClauseEvent, predicates: Predicate[]): boolean {
  const tokens = e.s.sentence.tokens;
  const fresh = predicates.some(
    (p) => p.voice === 'noun' && ['a', 'an', 'another'].includes(tokens[p.at - 1]?.lower ?? ''),
  );
  return fresh && !e.s.mentions.some((m) => e.inClause.has(m.from) && m.kind !== 'city');
}

/** The head of the phrase starting at `from`: past determiners, adjectives, numbers and the first nouns of a compound. */
function phraseHead(tokens: Token[], from: number): number {
  let j = from;
  while (
    ['DET', 'ADJ', 'NUM'].includes(tokens[j]?.pos ?? '') ||
    (tokens[j]?.pos === 'NOUN' && tokens[j + 1]?.pos === 'NOUN')
  )
    j++;
  return j;
}

/** Whether the preposition at `k` is followed by a party named only by a common noun: "to many countries". */
function unnamedPartyAfter(e: ClauseEvent, k: number): boolean {
  const tokens = e.s.sentence.tokens;
  const j = phraseHead(tokens, k + 1);
  const head = tokens[j];
  // 'to countries in Latin America' names them after all.
  const named = e.s.mentions.some(
    (m) =>
      (m.from <= j && j < m.to) ||
      (m.from > j &&
        m.from <= j + 3 &&
        ['in', 'of', 'across'].includes(tokens[j + 1]?.lower ?? '')),
  );
  // "to the government" means one the reader knows; only a party without "the" is left unnamed.
  return (
    !!head &&
    head.pos === 'NOUN' &&
    PARTIES.has(head.lemma) &&
    !named &&
    tokens[j - 1]?.lower !== 'the'
  );
}

/** Whether the clause names a giver or a receiver only by a common noun. */
function unnamedParties(
  e: ClauseEvent,
  predicates: Predicate[],
): { donor: boolean; recipient: boolean } {
  const tokens = e.s.sentence.tokens;
  const out = { donor: false, recipient: false };
  const first = Math.min(...predicates.map((p) => p.at));
  if (freshGift(e, predicates)) out.donor = true;
  for (const k of e.clause.tokens) {
    const role = UNNAMED_ROLE[tokens[k]!.lower];
    // "according to the government" says who reports it, not who receives.
    if (!role || k < first || tokens[k]!.pos !== 'ADP' || tokens[k - 1]?.lower === 'according')
      continue;
    if (unnamedPartyAfter(e, k)) out[role] = true;
  }
  return out;
}

export const frameRoles = defineRule<ClauseEvent, null>({
  name: 'frame-roles',
  summary: 'roles from the lexicon frame of the word that governs each mention, in its voice',
  examples: [
    'Norway donated 200,000 doses of vaccine to Kenya last month.',
    'The ventilators were provided by Germany to Bolivia.',
    'Ghana received 600,000 doses from COVAX on Wednesday.',
    'The Asian Development Bank is in talks with Laos about a loan for oxygen plants.',
  ],
  counterexamples: ['The president sent a message of condolence to Chile.'],
  apply(e) {
    const found = findPredicates(e.s.sentence, e.clause.tokens);
    // "in talks with Burundi about financing for oxygen": what talks are about has not happened.
    const talks = found.find((p) => p.frame.kind === 'discuss');
    const predicates = talks
      ? found.filter((p) => p === talks || p.voice !== 'noun' || p.at < talks.at)
      : found;
    if (predicates.length === 0) return e;
    const mentions = e.s.mentions.filter((m) => e.inClause.has(m.from));
    const beside = predicates.filter((p) => p.voice === 'noun' && SIDE_KINDS.has(p.frame.kind));
    // "The bank is in talks with Chad about a loan": talks with no act beside them are the act.
    const sides = beside.length < predicates.length ? beside : [];
    const main = predicates.filter((p) => !sides.includes(p));
    const event = assign(
      {
        ...e,
        predicates: main,
        stage: strongestStage(main),
        unnamed: unnamedParties(e, predicates),
      },
      main,
      mentions,
    );
    const side = sides.map((p) =>
      assign({ ...e, predicates: [p], stage: p.stage, aid: true, side: [] }, [p], mentions),
    );
    return { ...event, side: [...e.side, ...side], rules: [...e.rules, 'frame-roles'] };
  },
});
