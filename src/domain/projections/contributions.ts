/**
 * What one commit means for the read models: the article as the views show it and, for an
 * extraction, each fact's contribution to the group of every view its kind feeds.
 */
import type { Commit } from '../commit';
import { type EventOf, type FactEvent, isFactEvent } from '../events';
import { kindOfEvent, VIEW_NAMES, viewNamed, type AnyView } from '../facts';
import type { ViewSpec } from '../facts/kind';
import { utf8Length, utf8Prefix } from '../bounds';
import { sha256 } from '../ids';
import type { ArticleView, Contribution, GroupState, IndexRow, Statement } from './model';
import { byIdentity } from './sources';

function contributionsOf(event: FactEvent, article: EventOf<'ArticleExtracted'>): Contribution[] {
  const statement: Statement = {
    articleId: event.articleId,
    title: article.data.title,
    url: article.data.url,
    publishedAt: article.data.publishedAt,
    evidence: event.evidence,
    confidence: event.confidence,
    attribution: event.data.attribution,
  };
  const views = (kindOfEvent(event.type)?.views ?? []) as readonly AnyView[];
  const context = { publishedAt: article.data.publishedAt };
  return views.map((view) => ({
    view: view.name,
    groupKey: (view.groupKey as (fact: unknown, c: typeof context) => string)(event.data, context),
    articleId: event.articleId,
    factIndex: event.factIndex,
    extractionSeq: event.extraction.seq,
    recordedAt: event.recordedAt,
    fingerprint: article.data.fingerprint,
    statement,
    fact: event.data,
  }));
}

/** Assembles a group; no contributions means no entries. */
function assembleGroup(view: string, groupKey: string, contributions: Contribution[]): unknown[] {
  if (contributions.length === 0) return [];
  const spec = viewNamed(view);
  return (spec.assemble as (k: string, c: Contribution[]) => unknown[])(
    groupKey,
    [...contributions].sort(byIdentity),
  );
}

/**
 * Sort keys and facet values are stored as keys: kept under a bound in UTF-8 bytes (DynamoDB's
 * unit), a long one keeps its start (so the order holds) and ends in a hash of the whole (so it
 * stays unique).
 */
export const MAX_KEY_BYTES = 400;
export const boundKey = (key: string, maxBytes = MAX_KEY_BYTES): string =>
  utf8Length(key) <= maxBytes
    ? key
    : `${utf8Prefix(key, maxBytes - 33)}#${sha256(key).slice(0, 32)}`;

/** A group's entries, listed in the whole view and under every facet value they have. */
function indexOf(view: string, entries: unknown[]): IndexRow[] {
  const spec = viewNamed(view) as unknown as ViewSpec<string, unknown, unknown>;
  return entries.flatMap((entry) => {
    const entryId = spec.entryId(entry);
    const listed: IndexRow = { facet: '', value: '', sk: boundKey(spec.sortKey(entry)), entryId };
    const faceted = spec.facets.flatMap((facet) =>
      [...new Set(facet.values(entry))].map((value) => ({
        facet: facet.name,
        value: boundKey(value, 200),
        sk: boundKey((facet.sortKey ?? spec.sortKey)(entry)),
        entryId,
      })),
    );
    return [listed, ...faceted];
  });
}

/** The partition an index row lists its entry in: the view's whole list, or one facet value. */
export const listPartition = (view: string, row: { facet: string; value: string }): string =>
  row.facet === '' ? view : `${view}|${row.facet}=${row.value}`;

/** A group as stored: its entries and where they are listed. */
export function groupState(
  view: string,
  groupKey: string,
  contributions: Contribution[],
  rev: number,
): GroupState {
  const entries = assembleGroup(view, groupKey, contributions);
  return { view, groupKey, rev, entries, index: indexOf(view, entries) };
}

/** What one commit means for the read models. */
export type CommitEffect =
  | {
      kind: 'extraction';
      articleId: string;
      seq: number;
      article: ArticleView;
      contributions: Contribution[];
    }
  | { kind: 'rejection'; articleId: string; seq: number; article: ArticleView }
  | { kind: 'none' };

/**
 * An extraction is always appended as one commit (ArticleExtracted followed by its facts), and a
 * rejection likewise, so a commit can be projected on its own without reading its stream.
 */
export function effectOfCommit(commit: Commit): CommitEffect {
  const extracted = commit.events.find(
    (e): e is EventOf<'ArticleExtracted'> => e.type === 'ArticleExtracted',
  );
  if (extracted) {
    return {
      kind: 'extraction',
      articleId: commit.articleId,
      seq: extracted.extraction.seq,
      article: articleViewOf(extracted),
      contributions: commit.events
        .filter(isFactEvent)
        .flatMap((f) => contributionsOf(f, extracted)),
    };
  }
  const withdrawn = commit.events.find(
    (e): e is EventOf<'ArticleWithdrawn'> => e.type === 'ArticleWithdrawn',
  );
  // A withdrawal is an outcome like an extraction, of no facts: the projector removes the ones shown.
  if (withdrawn)
    return {
      kind: 'extraction',
      articleId: commit.articleId,
      seq: withdrawn.extraction.seq,
      article: withdrawnViewOf(withdrawn),
      contributions: [],
    };
  const rejected = commit.events.find(
    (e): e is EventOf<'ArticleRejected'> => e.type === 'ArticleRejected',
  );
  if (rejected)
    return {
      kind: 'rejection',
      articleId: commit.articleId,
      seq: rejected.data.seq,
      article: rejectedViewOf(rejected),
    };
  return { kind: 'none' };
}

const noFacts = () => Object.fromEntries(VIEW_NAMES.map((v) => [v, 0]));

/** What an extraction and a withdrawal both say of an article: its names, origin and outcome. */
function outcomeOf(
  e: EventOf<'ArticleExtracted'> | EventOf<'ArticleWithdrawn'>,
  status: 'extracted' | 'withdrawn',
) {
  return {
    id: e.articleId,
    status,
    fileName: e.data.fileName,
    title: e.data.title,
    url: e.data.url,
    publishedAt: e.data.publishedAt,
    receivedAt: e.data.receivedAt,
    updatedAt: e.recordedAt,
    source: e.correlation,
    extractorVersion: e.extractorVersion,
    extractionSeq: e.extraction.seq,
  };
}

/** A withdrawn article keeps its place and names, and shows neither facts nor text. */
function withdrawnViewOf(e: EventOf<'ArticleWithdrawn'>): ArticleView {
  return {
    ...outcomeOf(e, 'withdrawn'),
    language: null,
    textKey: null,
    counts: noFacts(),
    rejection: null,
    warnings: [],
  };
}

function articleViewOf(e: EventOf<'ArticleExtracted'>): ArticleView {
  return {
    ...outcomeOf(e, 'extracted'),
    language: e.data.language,
    textKey: e.data.textKey,
    counts: e.data.counts,
    rejection: null,
    warnings: e.data.warnings,
  };
}

function rejectedViewOf(e: EventOf<'ArticleRejected'>): ArticleView {
  return {
    id: e.articleId,
    status: 'rejected',
    fileName: e.data.fileName,
    title: null,
    url: null,
    publishedAt: null,
    receivedAt: e.recordedAt,
    updatedAt: e.recordedAt,
    source: e.correlation,
    extractorVersion: e.extractorVersion,
    extractionSeq: null,
    language: null,
    textKey: null,
    counts: noFacts(),
    rejection: { reason: e.data.reason, detail: e.data.detail },
    warnings: [],
  };
}
