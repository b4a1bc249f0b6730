/** A number on its way to becoming a case count, and the names of the rules that shaped it. */
import type { Metric, Period, Qualifier } from '../../facts/case-count';
import type { ArticleContext, SentenceContext } from '../context';
import type { Clause } from '../nlp/clauses';
import type { NumberSpan } from '../nlp/numbers';
import type { PartialDate } from '../types';

export interface CountPlace {
  name: string;
  /** Named in the text near the number, rather than taken from the article. */
  named: boolean;
}

export interface CountDraft {
  s: SentenceContext;
  clause: Clause;
  n: NumberSpan;
  value: number;
  metric: Metric | null;
  qualifier: Qualifier;
  period: Period;
  place: CountPlace | null;
  asOf: PartialDate | null;
  /** "three each in Sindh and Punjab": one count per place listed after it. */
  each: boolean;
  rules: string[];
}

/** What a count rule sees besides the drafts: the sentence they are in and its article. */
export interface CountContext {
  article: ArticleContext;
  s: SentenceContext;
  /** Counts of the sentences before, for figures that point back to them. */
  earlier: CountDraft[];
}

/** The clause's tokens after the number, up to the next number of the clause. */
export function segmentAfter(d: CountDraft, all: CountDraft[]): number[] {
  const next = all.find((o) => o.clause === d.clause && o.n.from > d.n.from);
  return d.clause.tokens.filter((k) => k >= d.n.to && (!next || k < next.n.from));
}

/** The clause's tokens before the number, back to the previous number of the clause. */
export function segmentBefore(d: CountDraft, all: CountDraft[]): number[] {
  const prev = [...all].reverse().find((o) => o.clause === d.clause && o.n.from < d.n.from);
  return d.clause.tokens.filter((k) => k < d.n.from && (!prev || k >= prev.n.to));
}
