/**
 * Who and where a sentence names: countries, subdivisions, cities and regions from the gazetteer,
 * organisations from the gazetteer or recognised by their shape ("Sabin Vaccine Institute",
 * "Rwanda Biomedical Centre"), and a country's government under any of its names ("the Saudi
 * Government", "Chinese President Xi Jinping", "Turkey's Defense Ministry").
 */
import { lookupSurface, nameLength, organisationByName, type Canonical } from '../gazetteer';
import { ACTOR_NOUNS, ORGANISATION_HEADS } from '../lexicon/actors';
import type { Sentence, Token } from './document';

export type MentionKind = 'country' | 'adm1' | 'city' | 'region' | 'organisation' | 'place';

export interface Mention {
  kind: MentionKind;
  /** Canonical name: "North Korea", "WHO", "Beira". */
  name: string;
  /** The country a place is in (its own name for a country); null for regions and organisations. */
  country: string | null;
  /**
   * How it was named: by name, by adjective ("Chinese"), by its capital ("Beijing"), as a
   * government body or official ("the Saudi Government"), or guessed from its shape.
   */
  via: 'name' | 'demonym' | 'capital' | 'government' | 'guess';
  /** Token range [from, to) in the sentence. */
  from: number;
  to: number;
  /** Followed by "'s": "Australia's contribution". */
  possessive: boolean;
}

const isNameToken = (t: Token | undefined): boolean =>
  !!t && (t.capitalised || /^\d/.test(t.text)) && t.pos !== 'PUNCT';

function toMention(entity: Canonical, via: Mention['via'], from: number, to: number): Mention {
  if (entity.type === 'organisation')
    return {
      kind: 'organisation',
      name: entity.name,
      country: null,
      via,
      from,
      to,
      possessive: false,
    };
  return {
    kind: entity.kind,
    name: entity.name,
    country: entity.kind === 'country' ? entity.name : entity.country,
    via,
    from,
    to,
    possessive: false,
  };
}

/** A city or a subdivision is only a place when written as a name, not as a common word ("Tank" at the head of a sentence is a place only if tagged as one). */
function plausible(entity: Canonical, tokens: Token[], from: number, to: number): boolean {
  if (entity.type === 'organisation' || entity.kind === 'country' || entity.kind === 'region')
    return true;
  const span = tokens.slice(from, to);
  return (
    span.every(
      (t) => t.capitalised || !/^\p{L}/u.test(t.text) || /^(?:of|de|al|el|the)$/.test(t.lower),
    ) && span.some((t) => t.pos === 'PROPN')
  );
}

/** Part of a hyphenated word ("Port-au-Prince", "UN-backed"): glued to a neighbour by a hyphen. */
function glued(tokens: Token[], from: number, to: number): boolean {
  const before = tokens[from - 1];
  const after = tokens[to];
  return (
    (!!before && before.text === '-' && before.end === tokens[from]!.start) ||
    (!!after &&
      after.text === '-' &&
      after.start === tokens[to - 1]!.end &&
      /^\p{Lu}/u.test(tokens[to + 1]?.text ?? ''))
  );
}

function gazetteerAt(s: Sentence, i: number): Mention | null {
  const tokens = s.tokens;
  if (!isNameToken(tokens[i])) return null;
  // Cheap test first: most capitalised words start no name (plural demonyms drop their "s").
  const word = tokens[i]!.text;
  const longest = Math.max(nameLength(word), nameLength(word.replace(/s$/, '')));
  if (longest === 0) return null;
  const max = Math.min(longest, tokens.length - i);
  for (let len = max; len >= 1; len--) {
    const last = tokens[i + len - 1]!;
    if (last.pos === 'PUNCT' && last.text !== '.') continue;
    const surface = textOf(s, i, i + len);
    // "Colombians", "Cubans": a people is named by its demonym's plural.
    const plural = /s$/.test(surface)
      ? lookupSurface(surface.slice(0, -1)).filter((h) => h.via === 'demonym')
      : [];
    // "NZ$500,000": a currency, not a country.
    if (tokens[i + len]?.text === '$' && tokens[i + len]!.start === tokens[i + len - 1]!.end)
      continue;
    for (const hit of [...lookupSurface(surface), ...plural]) {
      if (!plausible(hit.entity, tokens, i, i + len)) continue;
      if (hit.entity.type === 'organisation' && glued(tokens, i, i + len)) continue;
      return toMention(hit.entity, hit.via, i, i + len);
    }
  }
  return null;
}

export const textOf = (s: Sentence, from: number, to: number): string =>
  s.text.slice(s.tokens[from]!.start - s.start, s.tokens[to - 1]!.end - s.start);

const CONNECTORS = new Set(['of', 'for', 'and', '&', 'on', 'de', 'the']);

/**
 * An organisation recognised by its shape: capitalised words ending in a head noun such as
 * Institute, Foundation, Bank or Sciences, possibly with "of"/"for"/"and" inside
 * ("Centers for Disease Control and Prevention"). The name is taken as written.
 */
/** Whether token k goes on a guessed organisation's name that began at i. */
function continuesName(tokens: Token[], k: number, i: number): boolean {
  const next = tokens[k + 1];
  if (CONNECTORS.has(tokens[k]!.lower)) return !!next?.capitalised && k > i;
  return tokens[k]!.text === '-' && !!next?.capitalised;
}

/** The end of the longest run of capitalised words from i that closes on a head noun, or -1. */
function organisationEnd(tokens: Token[], i: number): number {
  let end = -1;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.capitalised && t.pos !== 'PUNCT') {
      if (ORGANISATION_HEADS.has(t.lower) && k > i) end = k + 1;
      continue;
    }
    if (!continuesName(tokens, k, i)) break;
  }
  return end;
}

function guessedOrganisation(s: Sentence, i: number): Mention | null {
  const first = s.tokens[i];
  if (!first?.capitalised || first.pos === 'PUNCT' || first.pos === 'DET') return null;
  const end = organisationEnd(s.tokens, i);
  if (end < 0) return null;
  const name = textOf(s, i, end).replace(/[’]/g, "'");
  return {
    kind: 'organisation',
    name,
    country: null,
    via: 'guess',
    from: i,
    to: end,
    possessive: false,
  };
}

/**
 * A country named through its government: a country or demonym followed, within the same noun
 * phrase, by an office or body ("the Saudi Government", "Chinese President Xi Jinping", "Russian
 * Aerospace Forces", "Turkey's Defense Ministry"). The whole phrase is the country as an actor.
 */
function widenToGovernment(s: Sentence, m: Mention): Mention {
  if (m.kind !== 'country') return m;
  const found = officeEnd(s, /^['’]s?$/.test(s.tokens[m.to]?.text ?? '') ? m.to + 1 : m.to);
  if (found < 0) return m;
  return { ...m, via: 'government', to: officialNameEnd(s, found), possessive: false };
}

/** An organisation the gazetteer knows as a body of whichever state names it: "Ministry of Health". */
const stateBody = (m: Mention): boolean => organisationByName(m.name)?.kind === 'ministry';

/** The end of an office or body within a few words of k ("Government", "Defense Ministry"), or -1. */
function officeEnd(s: Sentence, k: number): number {
  const tokens = s.tokens;
  let found = -1;
  for (let j = k; j < Math.min(tokens.length, k + 5); j++) {
    const t = tokens[j]!;
    if (!(t.capitalised || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN')) break;
    // "Saudi Arabia's King Salman Humanitarian Aid and Relief Centre": an organisation of its own;
    // "Iran's Health Ministry" is a body of the state.
    const org = gazetteerAt(s, j);
    if (org?.kind === 'organisation' && !stateBody(org)) break;
    if (ACTOR_NOUNS.has(t.lower)) found = j + 1;
    else if (found > 0) break;
  }
  return found;
}

/** "Chinese President Xi Jinping": the official's name belongs to the phrase, up to an organisation's name. */
function officialNameEnd(s: Sentence, from: number): number {
  const tokens = s.tokens;
  let end = from;
  while (
    end < tokens.length &&
    tokens[end]!.pos === 'PROPN' &&
    tokens[end]!.capitalised &&
    gazetteerAt(s, end)?.kind !== 'organisation'
  )
    end++;
  return end;
}

function markPossessive(s: Sentence, m: Mention): Mention {
  const next = s.tokens[m.to]?.text ?? '';
  return /^['’]s?$/.test(next) ? { ...m, possessive: true } : m;
}

/**
 * "RNZ Pacific", "Norman Manley International Airport": a city, subdivision or region next to
 * capitalised words the gazetteer does not know is part of a longer name.
 */
function insideName(s: Sentence, m: Mention): boolean {
  if (m.kind === 'country' || m.kind === 'organisation') return false;
  const unknownName = (t: Token | undefined) =>
    !!t && t.capitalised && t.pos === 'PROPN' && !lookupSurface(t.text).length;
  return unknownName(s.tokens[m.from - 1]) || unknownName(s.tokens[m.to]);
}

/**
 * "the Central Committee of the ruling Korean Workers' Party", "the Ministry of Health of Peru":
 * a body of a state, named by its country after "of", stands for that country.
 */
function ofCountry(s: Sentence, m: Mention): Mention {
  if (m.kind !== 'organisation' || !(m.via === 'guess' || stateBody(m))) return m;
  if (s.tokens[m.to]?.lower !== 'of') return m;
  for (let j = m.to + 1; j < Math.min(s.tokens.length, m.to + 5); j++) {
    const hit = gazetteerAt(s, j);
    if (hit?.kind === 'country')
      return { ...hit, via: 'government', from: m.from, to: capitalisedEnd(s, hit.to) };
    if (s.tokens[j]!.pos === 'VERB' || s.tokens[j]!.pos === 'PUNCT') break;
  }
  return m;
}

/** "of the ruling Korean Workers' Party": the capitalised words (and apostrophes) that follow. */
function capitalisedEnd(s: Sentence, from: number): number {
  let end = from;
  while (s.tokens[end]?.capitalised || s.tokens[end]?.text === '’' || s.tokens[end]?.text === "'")
    end++;
  return end;
}

/** "the United Nations Children's Fund (UNICEF)": the acronym in brackets repeats the name before it. */
function repeats(s: Sentence, m: Mention, out: Mention[]): boolean {
  const prev = out.at(-1);
  return (
    !!prev && prev.name === m.name && s.tokens[m.from - 1]?.text === '(' && prev.to === m.from - 1
  );
}

const DASHES = new Set(['-', '--', '—', '–', ':']);

/**
 * A wire dateline opening the sentence ("SEOUL, SOUTH KOREA --", "KINGSTON, Jamaica —",
 * "WASHINGTON (dpa-AFX) -") says where the reporter was, not who did what: the index after it.
 */
function datelineEnd(s: Sentence): number {
  const tokens = s.tokens;
  const first = tokens[0];
  if (!first || !/^\p{Lu}{2,}/u.test(first.text)) return 0;
  for (let k = 1; k < Math.min(tokens.length, 12); k++) {
    const t = tokens[k]!;
    const spaced = t.start > tokens[k - 1]!.end;
    if (DASHES.has(t.text) && (spaced || t.text === ':')) return k + 1;
    const allowed =
      t.capitalised ||
      t.pos === 'PUNCT' ||
      t.pos === 'NUM' ||
      t.entity === 'DATE' ||
      /^[a-z]+-?[A-Z]/.test(t.text);
    if (!allowed) return 0;
  }
  return 0;
}

/**
 * The country a national body belongs to, from the start of its name: "Philippine Red Cross",
 * "Solomon Islands Red Cross", "Ghana Health Service".
 */
function nationalCountry(name: string): string | null {
  const words = name.split(/\s+/);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const hit = lookupSurface(words.slice(0, n).join(' ')).find(
      (h) => h.entity.type === 'place' && h.entity.kind === 'country',
    );
    if (hit && hit.entity.type === 'place') return hit.entity.name;
  }
  return null;
}

const withNation = (m: Mention): Mention =>
  m.kind === 'organisation' && m.via !== 'government'
    ? { ...m, country: nationalCountry(m.name) }
    : m;

export function findMentions(s: Sentence): Mention[] {
  const out: Mention[] = [];
  for (let i = datelineEnd(s); i < s.tokens.length; i++) {
    const known = gazetteerAt(s, i);
    const guessed = guessedOrganisation(s, i);
    // A longer organisation name that starts with a place ("Pakistan Polio Eradication Programme") is the organisation.
    let m = guessed && (!known || guessed.to > known.to) ? guessed : known;
    if (!m) continue;
    if (insideName(s, m)) {
      i = m.to - 1;
      continue;
    }
    m = markPossessive(s, widenToGovernment(s, ofCountry(s, m)));
    if (!repeats(s, m, out)) out.push(withNation(m));
    i = m.to - 1;
  }
  return out;
}
