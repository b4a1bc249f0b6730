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
 * What the predicate after a subject counts it as: "had died", "were still hospitalised",
 * "tested positive", "have received two doses", "have reported having symptoms", "are reported
 * to have made recoveries", "68 of whom have died".
 */
export function verbMetric(tokens: Token[], from: number, clause: Set<number>): Metric | null {
  let predicate = false;
  for (let j = from; j < Math.min(tokens.length, from + 8) && clause.has(j); j++) {
    const t = tokens[j]!;
    if (STOP.has(t.lower)) return null;
    predicate ||= t.pos === 'VERB' || t.pos === 'AUX';
    if (t.lemma === 'test' && tokens[j + 1]?.lower === 'positive') return 'confirmed';
    // "have received two doses", "had both doses", "got a first shot".
    if (
      ['receive', 'have', 'get', 'take'].includes(t.lemma) &&
      tokens.slice(j + 1, j + 4).some((x) => DOSES.has(x.lemma))
    )
      return 'vaccinated';
    // "have been listed as suspected cases".
    if (t.lower === 'as' && predicate) {
      const head = tokens.slice(j + 1, j + 4).find((x) => COUNT_NOUNS[x.lemma]);
      const modifier = tokens
        .slice(j + 1, j + 4)
        .map((x) => COUNT_MODIFIERS[x.lower])
        .find(Boolean);
      if (head) return modifier ?? COUNT_NOUNS[head.lemma]!;
    }
    // "14,000 patients in hospital": where people are says what they are counted as.
    if (t.lower === 'in' && (tokens[j + 1]?.lemma === 'hospital' || tokens[j + 1]?.lower === 'icu'))
      return 'under_treatment';
    const m =
      t.pos === 'NOUN'
        ? predicate
          ? PREDICATE_NOUNS[t.lemma]
          : undefined
        : (COUNT_VERBS[t.lemma] ?? COUNT_VERBS[t.lower]);
    if (m) return m;
  }
  return null;
}

export function metricAfter(d: CountDraft): Metric | null {
  const tokens = d.s.sentence.tokens;
  const clause = new Set(d.clause.tokens);
  let modifier: Metric | null = null;
  let start = d.n.to;
  // "89,000 and 106,000 cases", "98, 41 and 27 suspected cases": a figure counts what the last of its list does.
  while (
    [',', 'and', 'or', 'to'].includes(tokens[start]?.lower ?? '') &&
    tokens[start + 1]?.pos === 'NUM'
  ) {
    start += 2;
    while (tokens[start]?.pos === 'NUM') start++;
  }
  for (let j = start; j < Math.min(tokens.length, start + 5) && clause.has(j); j++) {
    const t = tokens[j]!;
    if (NOT_COUNTED.has(t.lemma) || NOT_COUNTED.has(t.lower)) {
      if (t.lemma === 'dose' && verbMetric(tokens, j + 1, clause) === 'doses_administered')
        return 'doses_administered';
      return null;
    }
    // "68 of whom have died": the relative's verb counts the number.
    if (t.lower === 'of' && ['whom', 'them', 'which', 'those'].includes(tokens[j + 1]?.lower ?? ''))
      return verbMetric(tokens, j + 2, clause);
    // "suspected yellow fever cases": a word of a disease's name is no metric.
    const diseaseWord = d.s.diseaseTokens.has(j);
    if (!diseaseWord) modifier ??= COUNT_MODIFIERS[t.lower] ?? null;
    const noun = diseaseWord ? undefined : (COUNT_NOUNS[t.lemma] ?? COUNT_NOUNS[t.lower]);
    // "vaccination teams", "case count": in a compound the last noun is the head.
    const compound = tokens[j + 1]?.pos === 'NOUN' && clause.has(j + 1);
    if (noun && t.pos !== 'VERB' && !compound) {
      const verb = PEOPLE_NOUNS.has(t.lemma) ? verbMetric(tokens, j + 1, clause) : null;
      return modifier ?? verb ?? noun;
    }
    if (PEOPLE_NOUNS.has(t.lemma) || PEOPLE_NOUNS.has(t.lower))
      return verbMetric(tokens, j + 1, clause);
    // "46 confirmed cases", "202 suspected yellow fever cases": a participle before a noun modifies it.
    if (t.pos === 'VERB' && ['NOUN', 'ADJ'].includes(tokens[j + 1]?.pos ?? '')) continue;
    if (t.pos === 'AUX' || t.pos === 'VERB') return verbMetric(tokens, j, clause);
    if (!SKIPPABLE.has(t.pos) && t.text !== '-') return null;
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
