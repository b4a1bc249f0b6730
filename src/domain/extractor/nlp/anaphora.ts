/**
 * Definite descriptions that point back to a name: "the agency" and "the scheme" to the
 * organisation last named, "the country" to the country, "the city" to the city, "the region"
 * to the region. Each becomes a mention of what it points to, so the rules read "the agency
 * said it had shipped 300,000 doses" as they would with the name.
 */
import type { Sentence } from './document';
import type { Mention, MentionKind } from './mentions';

/** The noun of a description and the kinds of name it points back to. */
const DESCRIPTIONS: Record<string, MentionKind[]> = {
  agency: ['organisation'],
  organisation: ['organisation'],
  organization: ['organisation'],
  charity: ['organisation'],
  scheme: ['organisation'],
  programme: ['organisation'],
  program: ['organisation'],
  facility: ['organisation'],
  initiative: ['organisation'],
  alliance: ['organisation'],
  fund: ['organisation'],
  bank: ['organisation'],
  group: ['organisation'],
  country: ['country'],
  nation: ['country'],
  government: ['country'],
  authority: ['country'],
  city: ['city'],
  capital: ['city'],
  town: ['city'],
  region: ['region'],
  continent: ['region'],
  province: ['adm1'],
  state: ['adm1'],
};

/** How many sentences back a description may reach. */
const REACH = 4;

/**
 * The mentions of the sentences read so far, kept so that a description looks back without
 * rescanning them: "the country" in every sentence of a long article once searched every earlier
 * sentence for its first mention of the country, quadratic in the article's length.
 */
export class Antecedents {
  private readonly sentences: Mention[][] = [];
  private home: { name: string; scanned: number; first: Mention | null } | null = null;

  add(mentions: Mention[]): void {
    this.sentences.push(mentions);
  }

  /** The mentions of the last `n` sentences, the latest sentence first. */
  recent(n: number): Mention[][] {
    return this.sentences.slice(-n).reverse();
  }

  last(): Mention[] {
    return this.sentences.at(-1) ?? [];
  }

  /** The first mention of a country named `name`, in text order; each sentence is read once. */
  firstCountry(name: string): Mention | null {
    if (this.home?.name !== name) this.home = { name, scanned: 0, first: null };
    const home = this.home;
    for (; !home.first && home.scanned < this.sentences.length; home.scanned++)
      home.first =
        this.sentences[home.scanned]!.find((m) => m.kind === 'country' && m.name === name) ?? null;
    return home.first;
  }
}

function antecedent(kinds: MentionKind[], earlier: Antecedents, before: Mention[]): Mention | null {
  const pool = [
    ...before.slice().reverse(),
    ...earlier.recent(REACH).flatMap((ms) => [...ms].reverse()),
  ];
  return pool.find((m) => kinds.includes(m.kind) && m.via !== 'demonym') ?? null;
}

/**
 * "It has so far delivered 2.7 million tablets": a subject pronoun takes up the actor that opened
 * the sentence before (the subject of a report is most often its first name).
 */
function pronounAntecedent(earlier: Antecedents): Mention | null {
  return (
    earlier
      .last()
      .find(
        (m) =>
          (m.kind === 'country' || m.kind === 'organisation') &&
          m.via !== 'demonym' &&
          !m.possessive,
      ) ?? null
  );
}

function homeMention(home: string, earlier: Antecedents, mentions: Mention[]): Mention | null {
  return (
    mentions.find((m) => m.kind === 'country' && m.name === home) ?? earlier.firstCountry(home)
  );
}

const SUBJECT_PRONOUNS = new Set(['it', 'they']);

interface Resolution {
  s: Sentence;
  mentions: Mention[];
  earlier: Antecedents;
  home: string | null;
  taken: (k: number) => boolean;
}

/** "It has sent…" opening a sentence: the pronoun is the last actor named before. */
function openingPronoun(r: Resolution): Mention | null {
  const first = r.s.tokens[0];
  if (!first || !SUBJECT_PRONOUNS.has(first.lower)) return null;
  if (!['AUX', 'VERB'].includes(r.s.tokens[1]?.pos ?? '')) return null;
  const target = pronounAntecedent(r.earlier);
  return target ? { ...target, from: 0, to: 1, possessive: false } : null;
}

/** The first word of a description's noun phrase: past its adjectives and names. */
function phraseStart(r: Resolution, k: number): number {
  let from = k;
  while (from > 0 && ['ADJ', 'PROPN'].includes(r.s.tokens[from - 1]!.pos) && !r.taken(from - 1))
    from--;
  return from;
}

/** "the country", "the Southeast Asian country", "the north African nation" at token k. */
function description(r: Resolution, k: number): Mention | null {
  const { s, mentions, earlier, home } = r;
  const t = s.tokens[k]!;
  const kinds = DESCRIPTIONS[t.lemma];
  if (!kinds) return null;
  const from = phraseStart(r, k);
  if (t.pos !== 'NOUN' || s.tokens[from - 1]?.lower !== 'the' || r.taken(k)) return null;
  // "the country", "the government": the country the article is about, when it has one.
  const atHome = kinds.includes('country') && home ? homeMention(home, earlier, mentions) : null;
  const target =
    atHome ??
    antecedent(
      kinds,
      earlier,
      mentions.filter((m) => m.to <= k),
    );
  if (!target) return null;
  // "the country's capital": the possessive is still the country.
  const possessive = /^['’]s?$/.test(s.tokens[k + 1]?.text ?? '');
  const via = target.via === 'government' ? 'government' : 'name';
  return { ...target, via, from, to: k + 1, possessive };
}

/** Mentions for the descriptions of one sentence, given the mentions of the sentences before. */
export function resolveDescriptions(
  s: Sentence,
  mentions: Mention[],
  earlier: Antecedents,
  home: string | null,
): Mention[] {
  const covered = new Array<boolean>(s.tokens.length).fill(false);
  for (const m of mentions) for (let k = m.from; k < m.to; k++) covered[k] = true;
  const r: Resolution = { s, mentions, earlier, home, taken: (k) => covered[k] === true };
  const pronoun = openingPronoun(r);
  const described = s.tokens
    .map((_, k) => description(r, k))
    .filter((m): m is Mention => m !== null);
  return [...mentions, ...(pronoun ? [pronoun] : []), ...described].sort((a, b) => a.from - b.from);
}
