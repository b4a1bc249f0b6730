/**
 * What the decider admits into the store of what the extractor found. The store and every view
 * are built from these events, so they must be bounded and valid when written:
 *  - a fact dated off the calendar (2021-02-30, month 13) is left out: the API would refuse the
 *    date and a later computation on it gives years like 10007;
 *  - every string of a fact is bounded (evidence sentences, summaries, names) and every list
 *    (subjects, items, routes), so no view item built from many articles outgrows DynamoDB's
 *    400 KB — an evidence sentence keeps its start, and its offsets still point at it;
 *  - an extraction whose contribution keys would not fit its article's view item is not admitted
 *    at all (the decider records it as rejected, too_many_facts).
 * What is left out or shortened is said, in warnings recorded on the extraction.
 */
import { isCalendarPartialDate } from './partial-date';
import type { ArticleFacts } from './extractor/types';
import { FACT_KINDS } from './facts';
import { utf8Length } from './bounds';

/** Long enough for any sentence a person writes; a longer one is a run-on block of text. */
const MAX_EVIDENCE_CHARS = 500;
/** A name, an item, a summary. */
const MAX_FIELD_CHARS = 300;
/** Subjects, items, routes of one fact. */
const MAX_LIST_ITEMS = 50;
/**
 * The article's view item keeps the keys of its contributions, and while an extraction replaces
 * another the keys of both: two extractions' keys beside the article's own fields, in 400 KB.
 * About 1,200 facts with their usual keys.
 */
export const MAX_CONTRIBUTION_KEYS_BYTES = 180_000;

type Fact = ArticleFacts[keyof ArticleFacts][number];

export interface Admitted {
  facts: ArticleFacts;
  warnings: string[];
}

/** Any string or list inside a fact's data, bounded; counts what was cut. */
function bounded(value: unknown, cut: { count: number }): unknown {
  if (typeof value === 'string') {
    if (value.length <= MAX_FIELD_CHARS) return value;
    cut.count++;
    return `${value.slice(0, MAX_FIELD_CHARS - 1)}…`;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS) cut.count++;
    return value.slice(0, MAX_LIST_ITEMS).map((v) => bounded(v, cut));
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bounded(v, cut)]));
  return value;
}

/** Dates of the fact (any string written as a partial date) that are not on the calendar. */
function offCalendar(value: unknown): string[] {
  if (typeof value === 'string')
    return /^(\d{4}-\d{2}(-\d{2})?|--\d{2}(-\d{2})?)$/.test(value) && !isCalendarPartialDate(value)
      ? [value]
      : [];
  if (Array.isArray(value)) return value.flatMap(offCalendar);
  if (value && typeof value === 'object') return Object.values(value).flatMap(offCalendar);
  return [];
}

function admitFact(fact: Fact, cut: { count: number; sentences: number }): Fact | string {
  const { evidence, confidence, ...data } = fact;
  const dates = offCalendar(data);
  if (dates.length > 0) return dates[0]!;
  const sentence =
    evidence.sentence.length <= MAX_EVIDENCE_CHARS
      ? evidence
      : {
          sentence: evidence.sentence.slice(0, MAX_EVIDENCE_CHARS),
          start: evidence.start,
          end: evidence.start + MAX_EVIDENCE_CHARS,
        };
  if (sentence !== evidence) cut.sentences++;
  return { ...(bounded(data, cut) as typeof data), evidence: sentence, confidence } as Fact;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function admitFacts(found: ArticleFacts): Admitted {
  const warnings: string[] = [];
  const cut = { count: 0, sentences: 0 };
  const facts = Object.fromEntries(
    FACT_KINDS.map((kind) => {
      const kept: Fact[] = [];
      for (const fact of found[kind.key]) {
        const admitted = admitFact(fact, cut);
        if (typeof admitted === 'string')
          warnings.push(
            `a ${kind.key} fact dated ${admitted}, which is not a date of the calendar, was left out`,
          );
        else kept.push(admitted);
      }
      return [kind.key, kept];
    }),
  ) as unknown as ArticleFacts;
  if (cut.sentences > 0)
    warnings.push(
      `${plural(cut.sentences, 'evidence sentence')} longer than ${MAX_EVIDENCE_CHARS} characters kept only ${cut.sentences === 1 ? 'its' : 'their'} first ${MAX_EVIDENCE_CHARS}`,
    );
  if (cut.count > 0)
    warnings.push(
      `${plural(cut.count, 'name, summary or list', 'names, summaries or lists')} in the facts were too long and were shortened`,
    );
  return { facts, warnings };
}

/** The bytes the keys of an extraction's contributions take in its article's view item. */
export function contributionKeysBytes(
  articleId: string,
  facts: ArticleFacts,
  publishedAt: string | null,
): number {
  let bytes = 2;
  for (const kind of FACT_KINDS)
    for (const [factIndex, fact] of facts[kind.key].entries())
      for (const view of kind.views) {
        const groupKey = (view.groupKey as (d: unknown, c: unknown) => string)(fact, {
          publishedAt,
        });
        bytes +=
          utf8Length(JSON.stringify({ view: view.name, groupKey, articleId, factIndex })) + 1;
      }
  return bytes;
}
