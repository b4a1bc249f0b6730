/**
 * What a number counts, from the words before it: a figure noun and a link word ("the death
 * toll rose to 68", "the tally in Pakistan has mounted to 48", "cases reaching 16,526") or a
 * verb that counts it ("has killed 961 people", "infected 3,400", "tested 40,700").
 */
import type { Metric } from '../../../facts/case-count';
import type { CountContext, CountDraft } from '../../counts/draft';
import { COUNT_MODIFIERS, COUNTING_VERBS, FIGURE_LINKS, FIGURE_NOUNS } from '../../lexicon/metrics';
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

/** "the death toll rose to 68": a link word right before the number (past its qualifier), then the figure noun. */
function metricBefore(d: CountDraft): Metric | null {
  const tokens = d.s.sentence.tokens;
  const clause = d.clause.tokens.filter((k) => k < d.n.from);
  let j = clause.length - 1;
  // "has killed more than 961", "claimed the lives of 300": past the qualifier to the verb.
  while (j >= 0 && QUALIFYING.has(tokens[clause[j]!]!.lower)) j--;
  const verb = tokens[clause[j] ?? -1];
  const verbal = verb && (verb.pos === 'VERB' || (verb.pos === 'ADJ' && /ed$/.test(verb.lower)));
  if (verbal && COUNTING_VERBS[verb.lemma] && tokens[clause[j - 1] ?? -1]?.lower !== 'to')
    return COUNTING_VERBS[verb.lemma]!;
  j = clause.length - 1;
  while (
    j >= 0 &&
    QUALIFYING.has(tokens[clause[j]!]!.lower) &&
    !FIGURE_LINKS.has(tokens[clause[j]!]!.lower)
  )
    j--;
  const link = tokens[clause[j] ?? -1];
  if (!link || !(FIGURE_LINKS.has(link.lemma) || FIGURE_LINKS.has(link.lower))) return null;
  for (let k = j - 1, steps = 0; k >= 0 && steps < 10; k--, steps++) {
    const t = tokens[clause[k]!]!;
    // A number on the way has its own link ("cases reaching 16,526 and 613 deaths"), unless
    // this one ends a range ("dropped from over 600 to less than 100").
    if (t.pos === 'NUM' && link.lower !== 'to') return null;
    const noun = FIGURE_NOUNS[t.lemma];
    if (noun && t.pos !== 'VERB') {
      const modifier = COUNT_MODIFIERS[tokens[clause[k - 1] ?? -1]?.lower ?? ''];
      // "the number of cases of fever": what follows "of" says what the cases are.
      const of =
        tokens[clause[k + 1] ?? -1]?.lower === 'of'
          ? COUNT_MODIFIERS[tokens[clause[k + 2] ?? -1]?.lower ?? '']
          : undefined;
      return modifier ?? of ?? noun;
    }
    if (t.pos === 'PUNCT' && t.text !== '-') return null;
  }
  return null;
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
