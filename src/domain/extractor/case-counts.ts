/**
 * Case counts: every number of a sentence is a candidate; COUNT_RULES say what it counts (the
 * words after it, a figure noun before it, an ordinal, the figure it is listed with), where,
 * how sure, for which period and as of when. A number nothing names a metric for is dropped.
 */
import type { ArticleContext, SentenceContext } from './context';
import { inDate } from './context';
import type { CountContext, CountDraft } from './counts/draft';
import { runRules, type Rule, type RuleOptions } from './rules/rule';
import { countDate } from './rules/counts/count-date';
import { countNoun } from './rules/counts/count-noun';
import { countPeriod } from './rules/counts/count-period';
import { countPlace } from './rules/counts/count-place';
import { countQualifier } from './rules/counts/count-qualifier';
import { figureLink } from './rules/counts/figure-link';
import { listedByPlace } from './rules/counts/listed-by-place';
import { ordinalCount } from './rules/counts/ordinal-count';
import { pairedLists } from './rules/counts/paired-lists';
import { partitive } from './rules/counts/partitive';
import { thoseCounted } from './rules/counts/those-counted';
import { zeroCount } from './rules/counts/zero-count';
import type { CaseCountFact } from './types';

/** What a number counts, in order; then (for those that count something) its attributes. */
export const METRIC_RULES: readonly Rule<CountDraft[], CountContext>[] = [
  figureLink,
  countNoun,
  ordinalCount,
  zeroCount,
  thoseCounted,
  partitive,
  listedByPlace,
];
export const ATTRIBUTE_RULES: readonly Rule<CountDraft[], CountContext>[] = [
  pairedLists,
  countPlace,
  countQualifier,
  countPeriod,
  countDate,
];

function candidates(s: SentenceContext): CountDraft[] {
  const out: CountDraft[] = [];
  for (const clause of s.clauses)
    for (const n of s.numbers) {
      if (!clause.tokens.includes(n.from) || n.currency || inDate(s, n.from)) continue;
      const t = s.sentence.tokens[n.from]!;
      if (
        t.entity === 'PERCENT' ||
        t.entity === 'MONEY' ||
        /^(?:%|percent|per)$/.test(s.sentence.tokens[n.to]?.lower ?? '')
      )
        continue;
      out.push({
        s,
        clause,
        n,
        value: n.value,
        metric: null,
        qualifier: 'exact',
        period: 'cumulative',
        place: null,
        asOf: null,
        each: false,
        rules: [],
      });
    }
  return out.sort((a, b) => a.n.from - b.n.from);
}

function toFact(d: CountDraft, article: ArticleContext): CaseCountFact & { rules: string[] } {
  const s = d.s.sentence;
  return {
    location: d.place?.name ?? null,
    metric: d.metric!,
    value: d.value,
    qualifier: d.qualifier,
    asOf: d.asOf,
    disease: d.s.diseases[0] ?? article.disease,
    period: d.period,
    attribution: d.s.attribution,
    evidence: { sentence: s.text, start: s.start, end: s.end },
    confidence: d.place?.named ? 0.8 : 0.65,
    rules: d.rules,
  };
}

/** Every candidate of the article with what the rules made of it, kept or not. */
export function countDrafts(article: ArticleContext, options: RuleOptions = {}): CountDraft[] {
  const out: CountDraft[] = [];
  for (const s of article.sentences) {
    if (s.sentence.furniture || s.hedged) continue;
    const context = { article, s, earlier: out };
    const weighed = candidates(s);
    article.work.weigh(weighed.length);
    const read = runRules(METRIC_RULES, weighed, context, options).filter((d) => d.metric);
    out.push(...runRules(ATTRIBUTE_RULES, read, context, options));
  }
  return out;
}

export function findCaseCounts(
  article: ArticleContext,
  options: RuleOptions = {},
): (CaseCountFact & { rules: string[] })[] {
  const seen = new Set<string>();
  return countDrafts(article, options)
    .map((d) => toFact(d, article))
    .filter((f) => {
      const key = `${f.location}|${f.metric}|${f.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
