/**
 * What a number counts, from the words after it: the noun it counts ("1,428 cholera cases",
 * "12 fatalities", "310 suspected cases") or, for people or a bare number, the verb they are
 * counted by ("38 people had died", "79 were still hospitalised", "715,000 people have received
 * two doses").
 */
import type { Metric } from '../../../facts/case-count';
import type { CountContext, CountDraft } from '../../counts/draft';
import {
  COUNT_MODIFIERS,
  COUNT_NOUNS,
  COUNT_VERBS,
  NOT_COUNTED,
  PEOPLE_NOUNS,
} from '../../lexicon/metrics';
import type { Token } from '../../nlp/document';
import { defineRule } from '../rule';

const SKIPPABLE = new Set(['ADJ', 'NOUN', 'PROPN', 'ADV', 'VERB']);

/** Nouns in a predicate that say what its subject is counted as: "have made recoveries". */
const PREDICATE_NOUNS: Record<string, Metric> = {
  symptom: 'fever',
  fever: 'fever',
  recovery: 'recovered',
  treatment: 'under_treatment',
  isolation: 'under_treatment',
};
const DOSES = new Set(['dose', 'jab', 'shot']);
const STOP = new Set([',', ';', ':', 'and', 'while', 'but', '(', '—', '–']);

/**
 * A cue in a predicate: what the word at `j` says its subject is counted as, given whether a verb
 * has come before it.
 */
type PredicateCue = (tokens: Token[], j: number, predicate: boolean) => Metric | undefined;

/** "tested positive". */
const testedPositive: PredicateCue = (tokens, j) =>
  tokens[j]!.lemma === 'test' && tokens[j + 1]?.lower === 'positive' ? 'confirmed' : undefined;

/** "have received two doses", "had both doses", "got a first shot". */
const receivedDoses: PredicateCue = (tokens, j) =>
  ['receive', 'have', 'get', 'take'].includes(tokens[j]!.lemma) &&
  tokens.slice(j + 1, j + 4).some((x) => DOSES.has(x.lemma))
    ? 'vaccinated'
    : undefined;

/** "have been listed as suspected cases": after a verb, "as" and a count noun say what they are. */
const listedAs: PredicateCue = (tokens, j, predicate) => {
  if (tokens[j]!.lower !== 'as' || !predicate) return undefined;
  const head = tokens.slice(j + 1, j + 4).find((x) => COUNT_NOUNS[x.lemma]);
  const modifier = tokens
    .slice(j + 1, j + 4)
    .map((x) => COUNT_MODIFIERS[x.lower])
    .find(Boolean);
  return head ? (modifier ?? COUNT_NOUNS[head.lemma]!) : undefined;
};

/** "14,000 patients in hospital": where people are says what they are counted as. */
const inHospital: PredicateCue = (tokens, j) =>
  tokens[j]!.lower === 'in' &&
  (tokens[j + 1]?.lemma === 'hospital' || tokens[j + 1]?.lower === 'icu')
    ? 'under_treatment'
    : undefined;

/**
 * "had died", "have made recoveries": a counting verb anywhere, but a noun only after a verb,
 * since before one it is still part of the subject.
 */
const countingWord: PredicateCue = (tokens, j, predicate) => {
  const t = tokens[j]!;
  if (t.pos === 'NOUN') return predicate ? PREDICATE_NOUNS[t.lemma] : undefined;
  return COUNT_VERBS[t.lemma] ?? COUNT_VERBS[t.lower];
};

const PREDICATE_CUES: PredicateCue[] = [
  testedPositive,
  receivedDoses,
  listedAs,
  inHospital,
  countingWord,
];

/**
 * What the predicate after a subject counts it as: "had died", "were still hospitalised",
 * "tested positive", "have received two doses", "have reported having symptoms", "are reported
 * to have made recoveries", "68 of whom have died".
 */
function verbMetric(tokens: Token[], from: number, clause: Set<number>): Metric | null {
  let predicate = false;
  for (let j = from; j < Math.min(tokens.length, from + 8) && clause.has(j); j++) {
    const t = tokens[j]!;
    if (STOP.has(t.lower)) return null;
    predicate ||= t.pos === 'VERB' || t.pos === 'AUX';
    for (const cue of PREDICATE_CUES) {
      const m = cue(tokens, j, predicate);
      if (m) return m;
    }
  }
  return null;
}

const LIST_JOINS = new Set([',', 'and', 'or', 'to']);

/** "89,000 and 106,000 cases", "98, 41 and 27 suspected cases": a figure counts what the last of its list does. */
function pastList(tokens: Token[], from: number): number {
  let start = from;
  while (LIST_JOINS.has(tokens[start]?.lower ?? '') && tokens[start + 1]?.pos === 'NUM') {
    start += 2;
    while (tokens[start]?.pos === 'NUM') start++;
  }
  return start;
}

/** The words after a number, read one by one. */
interface Reading {
  d: CountDraft;
  tokens: Token[];
  clause: Set<number>;
}

/** What the word at `j` says the number counts: a metric, null when it ends the reading with none, undefined to read on. */
type WordReader = (r: Reading, j: number, modifier: Metric | null) => Metric | null | undefined;

const RELATIVES = new Set(['whom', 'them', 'which', 'those']);

/**
 * Words that settle the reading before any other: what is not counted ("3 million doses", unless
 * they are doses given: "2 million doses have been administered"), and a relative ("68 of whom
 * have died"), whose verb counts the number.
 */
const settled: WordReader = ({ tokens, clause }, j) => {
  const t = tokens[j]!;
  if (NOT_COUNTED.has(t.lemma) || NOT_COUNTED.has(t.lower)) {
    if (t.lemma === 'dose' && verbMetric(tokens, j + 1, clause) === 'doses_administered')
      return 'doses_administered';
    return null;
  }
  if (t.lower === 'of' && RELATIVES.has(tokens[j + 1]?.lower ?? ''))
    return verbMetric(tokens, j + 2, clause);
  return undefined;
};

/**
 * A count noun is what the number counts, unless a modifier before it says more ("suspected
 * cases"); people are counted by what the predicate says of them ("38 people had died").
 */
const counted: WordReader = ({ d, tokens, clause }, j, modifier) => {
  const t = tokens[j]!;
  // "yellow fever cases": nor is a word of a disease's name the noun counted.
  const noun = d.s.diseaseTokens.has(j)
    ? undefined
    : (COUNT_NOUNS[t.lemma] ?? COUNT_NOUNS[t.lower]);
  // "vaccination teams", "case count": in a compound the last noun is the head.
  const compound = tokens[j + 1]?.pos === 'NOUN' && clause.has(j + 1);
  if (noun && t.pos !== 'VERB' && !compound) {
    const verb = PEOPLE_NOUNS.has(t.lemma) ? verbMetric(tokens, j + 1, clause) : null;
    return modifier ?? verb ?? noun;
  }
  if (PEOPLE_NOUNS.has(t.lemma) || PEOPLE_NOUNS.has(t.lower))
    return verbMetric(tokens, j + 1, clause);
  return undefined;
};

/** A verb after the number counts it; a word that cannot stand in its noun phrase ends the reading. */
const verbAfter: WordReader = ({ tokens, clause }, j) => {
  const t = tokens[j]!;
  // "46 confirmed cases", "202 suspected yellow fever cases": a participle before a noun modifies it.
  if (t.pos === 'VERB' && ['NOUN', 'ADJ'].includes(tokens[j + 1]?.pos ?? '')) return undefined;
  if (t.pos === 'AUX' || t.pos === 'VERB') return verbMetric(tokens, j, clause);
  if (!SKIPPABLE.has(t.pos) && t.text !== '-') return null;
  return undefined;
};

const WORD_READERS: WordReader[] = [settled, counted, verbAfter];

function metricAfter(d: CountDraft): Metric | null {
  const tokens = d.s.sentence.tokens;
  const reading: Reading = { d, tokens, clause: new Set(d.clause.tokens) };
  let modifier: Metric | null = null;
  const start = pastList(tokens, d.n.to);
  for (let j = start; j < Math.min(tokens.length, start + 5) && reading.clause.has(j); j++) {
    // "suspected yellow fever cases": a word of a disease's name is no metric.
    if (!d.s.diseaseTokens.has(j)) modifier ??= COUNT_MODIFIERS[tokens[j]!.lower] ?? null;
    for (const read of WORD_READERS) {
      const metric = read(reading, j, modifier);
      if (metric !== undefined) return metric;
    }
  }
  return null;
}

export const countNoun = defineRule<CountDraft[], CountContext>({
  name: 'count-noun',
  summary: 'the noun or verb after a number says what it counts',
  examples: [
    'Officials recorded 310 suspected cases in the district of Zomba.',
    'In Ghana, 38 people had died by Friday.',
  ],
  counterexamples: ['Kenya received 3 million doses of vaccine.'],
  apply(drafts) {
    return drafts.map((d) => {
      if (d.metric || d.n.ordinal) return d;
      const metric = metricAfter(d);
      return metric ? { ...d, metric, rules: [...d.rules, 'count-noun'] } : d;
    });
  },
});
