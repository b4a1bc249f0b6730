/**
 * What a number counts, from the words before it: a figure noun and a link word ("the death
 * toll rose to 68", "the tally in Pakistan has mounted to 48", "cases reaching 16,526") or a
 * verb that counts it ("has killed 961 people", "infected 3,400", "tested 40,700").
 */
import type { Metric } from '../../../facts/case-count';
import type { CountContext, CountDraft } from '../../counts/draft';
import { COUNT_MODIFIERS, COUNTING_VERBS, FIGURE_LINKS, FIGURE_NOUNS } from '../../lexicon/metrics';
import type { Token } from '../../nlp/document';
import { defineRule } from '../rule';

const QUALIFYING = new Set([
  'about',
  'around',
  'some',
  'over',
  'nearly',
  'almost',
  'than',
  'more',
  'least',
  'at',
  'up',
  'less',
  'roughly',
  'approximately',
  'estimated',
  'an',
  'just',
  'under',
  'fewer',
  'close',
  'the',
  'lives',
  'life',
  'of',
]);

/** The tokens before the number in its clause, by index into the sentence. */
interface Before {
  tokens: Token[];
  clause: number[];
}

/** The token at position `j` of the stretch, if there is one. */
const at = ({ tokens, clause }: Before, j: number): Token | undefined => tokens[clause[j] ?? -1];

/** "has killed more than 961", "claimed the lives of 300": past the qualifier to the verb. */
function countingVerb(b: Before): Metric | null {
  let j = b.clause.length - 1;
  while (j >= 0 && QUALIFYING.has(at(b, j)!.lower)) j--;
  const verb = at(b, j);
  const verbal = verb && (verb.pos === 'VERB' || (verb.pos === 'ADJ' && /ed$/.test(verb.lower)));
  // "plans to test 40,000": a counting verb in the infinitive has counted nothing yet.
  if (verbal && COUNTING_VERBS[verb.lemma] && at(b, j - 1)?.lower !== 'to')
    return COUNTING_VERBS[verb.lemma]!;
  return null;
}

/** The link word right before the number, past its qualifier ("rose to more than 68"), and its position. */
function linkBefore(b: Before): { link: Token; j: number } | null {
  let j = b.clause.length - 1;
  while (j >= 0 && QUALIFYING.has(at(b, j)!.lower) && !FIGURE_LINKS.has(at(b, j)!.lower)) j--;
  const link = at(b, j);
  if (!link || !(FIGURE_LINKS.has(link.lemma) || FIGURE_LINKS.has(link.lower))) return null;
  return { link, j };
}

/** A figure noun at position `k`, qualified by the word before it or by what follows its "of". */
function figureMetric(b: Before, k: number, noun: Metric): Metric {
  const modifier = COUNT_MODIFIERS[at(b, k - 1)?.lower ?? ''];
  // "the number of cases of fever": what follows "of" says what the cases are.
  const of = at(b, k + 1)?.lower === 'of' ? COUNT_MODIFIERS[at(b, k + 2)?.lower ?? ''] : undefined;
  return modifier ?? of ?? noun;
}

/** The figure noun a few words before the link at position `j`: "the death toll rose to". */
function figureNounBefore(b: Before, link: Token, j: number): Metric | null {
  for (let k = j - 1, steps = 0; k >= 0 && steps < 10; k--, steps++) {
    const t = at(b, k)!;
    // A number on the way has its own link ("cases reaching 16,526 and 613 deaths"), unless
    // this one ends a range ("dropped from over 600 to less than 100").
    if (t.pos === 'NUM' && link.lower !== 'to') return null;
    const noun = FIGURE_NOUNS[t.lemma];
    if (noun && t.pos !== 'VERB') return figureMetric(b, k, noun);
    if (t.pos === 'PUNCT' && t.text !== '-') return null;
  }
  return null;
}

/** "the death toll rose to 68": a link word right before the number (past its qualifier), then the figure noun. */
function metricBefore(d: CountDraft): Metric | null {
  const b: Before = {
    tokens: d.s.sentence.tokens,
    clause: d.clause.tokens.filter((k) => k < d.n.from),
  };
  const counted = countingVerb(b);
  if (counted) return counted;
  const found = linkBefore(b);
  return found ? figureNounBefore(b, found.link, found.j) : null;
}

export const figureLink = defineRule<CountDraft[], CountContext>({
  name: 'figure-link',
  summary: 'a figure noun and a link word, or a counting verb, before a number say what it counts',
  examples: [
    "Nepal's death toll rose to 212 on Friday.",
    'The outbreak has killed 41 people in Uganda.',
    'The tally in Niger has mounted to 77.',
  ],
  counterexamples: ['The minister visited 12 hospitals in Niger.'],
  apply(drafts) {
    return drafts.map((d) => {
      if (d.metric || d.n.ordinal) return d;
      const metric = metricBefore(d);
      return metric ? { ...d, metric, rules: [...d.rules, 'figure-link'] } : d;
    });
  },
});
