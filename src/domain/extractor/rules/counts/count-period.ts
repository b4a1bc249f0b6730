/**
 * A running total or the figure of one period: "new", "daily", "in the past 24 hours", "one
 * more life", a figure that fell ("dropped from 600 to 100": totals never fall) or was recorded
 * on one day ("On Monday, Tunisia recorded 106 deaths") is new; "total", "so far", "tally" and
 * everything else cumulative.
 */
import type { CountContext, CountDraft } from '../../counts/draft';
import { CHANGE_VERBS, CUMULATIVE_CUES, NEW_PERIOD_CUES } from '../../lexicon/metrics';
import { defineRule } from '../rule';

const phrases = (list: string[]) => list.map((p) => p.split(' '));
const NEW = phrases(NEW_PERIOD_CUES);
const CUMULATIVE = phrases(CUMULATIVE_CUES);
const SPEAKING = new Set(['say', 'tell', 'announce', 'state', 'add']);
const RECORDING = new Set(['record', 'report', 'register', 'confirm', 'detect', 'log', 'surface']);

function has(words: string[], cues: string[][]): boolean {
  return cues.some((cue) => words.some((_, k) => cue.every((w, j) => words[k + j] === w)));
}

function periodOf(d: CountDraft): 'new' | 'cumulative' {
  const tokens = d.s.sentence.tokens;
  const clause = d.clause.tokens.map((k) => tokens[k]!);
  const words = clause.map((t) => t.lower);
  const phrase = tokens.slice(Math.max(0, d.n.from - 2), d.n.to + 3).map((t) => t.lower);
  if (has(words, CUMULATIVE)) return 'cumulative';
  if (has(phrase, NEW)) return 'new';
  if (
    has(
      words,
      NEW.filter((c) => c.length > 1 || c[0] === 'daily'),
    )
  )
    return 'new';
  if (clause.some((t) => CHANGE_VERBS.has(t.lemma))) return 'new';
  const a = tokens[d.clause.tokens[0]!]!.start - d.s.sentence.start;
  const b = tokens[d.clause.tokens.at(-1)!]!.end - d.s.sentence.start;
  const oneDay = d.s.dates.some(
    (x) => x.start < b && a < x.end && /^(?:\d{4}|-)-\d{2}-\d{2}$/.test(x.value),
  );
  // "On Monday, Tunisia recorded 106 deaths" is that day's; "said on Wednesday it had recorded" is a total.
  const said = clause.some((t) => t.pos === 'VERB' && SPEAKING.has(t.lemma));
  const recorded =
    !said &&
    clause.some(
      (t) =>
        RECORDING.has(t.lemma) &&
        t.pos === 'VERB' &&
        !/^(?:has|have|had)$/.test(tokens[t.i - 1]?.lower ?? ''),
    );
  return oneDay && recorded && !words.includes('as') ? 'new' : 'cumulative';
}

export const countPeriod = defineRule<CountDraft[], CountContext>({
  name: 'count-period',
  summary:
    'new for the figure of one period (new, daily, past 24 hours, one day, a fall), else cumulative',
  examples: ['On Monday, Peru recorded 85 deaths and reported 3,100 new cases.'],
  counterexamples: ['Peru has recorded 3,100 cases since the outbreak began.'],
  apply(drafts) {
    return drafts.map((d) => {
      if (d.rules.includes('ordinal-count')) return d;
      return periodOf(d) === 'new'
        ? { ...d, period: 'new' as const, rules: [...d.rules, 'count-period'] }
        : d;
    });
  },
});
