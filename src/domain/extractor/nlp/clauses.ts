/**
 * Clause splitting, in one place: a sentence that states several acts ("X sent tents, while Y
 * pledged money"; "…were obtained by UNICEF, and are financed by Gavi") is cut into clauses, and
 * relative clauses (", which had refused to join COVAX,") are set apart as asides, so that one
 * clause's verb never sets the stage of another's flow.
 */
import type { Sentence, Token } from './document';

export interface Clause {
  /** Indices of the clause's tokens in the sentence, in order (an aside leaves a hole). */
  tokens: number[];
  /** A relative clause: it describes its antecedent rather than reporting the sentence's act. */
  aside: boolean;
  /** "…and promised to help": no subject of its own; it shares the previous clause's. */
  subjectless: boolean;
}

const CONTRAST = new Set(['while', 'whereas', 'but', 'although', 'though', 'yet']);
/** Subordinators that open a clause of their own: "…arrived in Nampo after officials granted permission". */
const SUBORDINATE = new Set([
  'after',
  'before',
  'because',
  'when',
  'once',
  'until',
  'although',
  'though',
  'whereas',
  'while',
  'as',
]);
const RELATIVE = new Set(['which', 'who', 'whom', 'whose', 'where']);
const BARE_SUBJECTS = new Set(['it', 'they', 'we', 'he', 'she']);
const SUBJECT_START = new Set(['DET', 'PRON', 'PROPN', 'NUM']);

const isVerbal = (t: Token | undefined): boolean => !!t && (t.pos === 'VERB' || t.pos === 'AUX');

/** The first verb after `k`, skipping adverbs ("and also promised"). */
function verbAfter(tokens: Token[], k: number): boolean {
  let j = k;
  while (tokens[j]?.pos === 'ADV') j++;
  return isVerbal(tokens[j]);
}

type Break = { skip: number; subjectless: boolean } | null;

/** ";", ", but", "while", "after officials granted…": words that always open a clause. */
function openingWord(tokens: Token[], k: number): Break {
  const t = tokens[k]!;
  const next = tokens[k + 1];
  if (t.text === ';') return { skip: 1, subjectless: false };
  if (t.text === ',' && next && CONTRAST.has(next.lower)) return { skip: 2, subjectless: false };
  if (t.lower === 'while' || t.lower === 'whereas') return { skip: 1, subjectless: false };
  if (SUBORDINATE.has(t.lower) && k > 0 && opensClause(tokens, k + 1))
    return { skip: 1, subjectless: false };
  return null;
}

/**
 * "and" opens a clause before a verb ("…and promised more", no subject of its own) or before a
 * new subject and its verb (", and UNICEF delivered…", "…doses and Australia wants…"), but
 * "Kuwait, Turkey and Algeria have promised" is a list of subjects and "98, 41 and 27 suspected
 * cases" a list of figures.
 */
function andClause(tokens: Token[], k: number): Break {
  if (tokens[k]!.lower !== 'and') return null;
  if (verbAfter(tokens, k + 1)) return { skip: 1, subjectless: true };
  const next = tokens[k + 1];
  if (!next || !SUBJECT_START.has(next.pos) || !hasVerbBefore(tokens, k)) return null;
  const afterList = namesBefore(tokens, k) || (tokens[k - 1]?.pos === 'NUM' && next.pos === 'NUM');
  const comma = tokens[k - 1]?.text === ',';
  return comma || (!afterList && opensClause(tokens, k + 1))
    ? { skip: 1, subjectless: false }
    : null;
}

/** Where a new clause starts at token k (the token is a break), and whether it lacks a subject. */
function breakAt(tokens: Token[], k: number): Break {
  if (bareRelative(tokens, k)) return { skip: 1, subjectless: true };
  return openingWord(tokens, k) ?? andClause(tokens, k);
}

/**
 * "…on top of the bed nets it delivered last month": a pronoun and a past verb right after a noun
 * open a relative clause with no relative word, whose pronoun is the subject before it.
 */
function bareRelative(tokens: Token[], k: number): boolean {
  const verb = tokens[k + 1];
  return (
    tokens[k - 1]?.pos === 'NOUN' &&
    BARE_SUBJECTS.has(tokens[k]!.lower) &&
    verb?.pos === 'VERB' &&
    /ed$/.test(verb.lower)
  );
}

/** "Kuwait, Turkey and …", "Spain and …": the names before "and" open a list (not "in January and"). */
function namesBefore(tokens: Token[], k: number): boolean {
  let j = k - 1;
  if (tokens[j]?.pos !== 'PROPN') return false;
  while (j > 0 && tokens[j - 1]!.pos === 'PROPN') j--;
  const before = tokens[j - 1];
  return !before || ['DET', 'CCONJ', 'SCONJ', 'PUNCT'].includes(before.pos);
}

/** A subject then its verb within a few words: "officials granted", "the country has received". */
function opensClause(tokens: Token[], k: number): boolean {
  if (!tokens[k] || !(SUBJECT_START.has(tokens[k]!.pos) || tokens[k]!.pos === 'NOUN')) return false;
  for (let j = k + 1; j < Math.min(tokens.length, k + 6); j++) {
    const t = tokens[j]!;
    if (t.pos === 'VERB' || t.pos === 'AUX') return true;
    if (t.pos === 'PUNCT' || t.pos === 'ADP') return false;
  }
  return false;
}

function hasVerbBefore(tokens: Token[], k: number): boolean {
  for (let j = k - 1; j >= 0; j--) if (tokens[j]!.pos === 'VERB') return true;
  return false;
}

const relativeAfterComma = (tokens: Token[], k: number): boolean =>
  tokens[k]?.text === ',' && RELATIVE.has(tokens[k + 1]?.lower ?? '');

const thatAfterNoun = (tokens: Token[], k: number): boolean =>
  tokens[k]?.pos === 'NOUN' &&
  tokens[k + 1]?.lower === 'that' &&
  (isVerbal(tokens[k + 2]) || (tokens[k + 2]?.pos === 'PRON' && isVerbal(tokens[k + 3])));

/**
 * ", which … ," or ", which …" to the end: a relative clause after a comma; and "sanctions that
 * block the delivery of aid": "that" right after a noun opens one too ("said that" does not).
 */
function asideAt(tokens: Token[], k: number): number | null {
  if (!relativeAfterComma(tokens, k) && !thatAfterNoun(tokens, k)) return null;
  for (let j = k + 2; j < tokens.length; j++) if (tokens[j]!.text === ',') return j;
  return tokens.length;
}

/** Clauses of a sentence; no clause breaks inside a name ("Federation of Red Cross and Red Crescent Societies"). */
export function clausesOf(s: Sentence, mentions: { from: number; to: number }[] = []): Clause[] {
  const tokens = s.tokens;
  const inName = (k: number) => mentions.some((m) => m.from < k && k < m.to);
  const out: Clause[] = [];
  let current: number[] = [];
  let subjectless = false;
  const flush = (next: boolean) => {
    if (current.length) out.push({ tokens: current, aside: false, subjectless });
    current = [];
    subjectless = next;
  };
  for (let k = 0; k < tokens.length; k++) {
    const asideEnd = asideAt(tokens, k);
    if (asideEnd !== null) {
      if (tokens[k]!.text !== ',') current.push(k);
      out.push({ tokens: range(k + 1, asideEnd), aside: true, subjectless: false });
      k = asideEnd;
      continue;
    }
    const cut = inName(k) ? null : breakAt(tokens, k);
    if (!cut) {
      current.push(k);
      continue;
    }
    flush(cut.subjectless);
    k += cut.skip - 1;
  }
  flush(false);
  return out.filter((c) => c.tokens.some((k) => /\p{L}{3}/u.test(tokens[k]!.text)));
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);
