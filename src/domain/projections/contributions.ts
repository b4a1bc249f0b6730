/**
 * What one commit means for the read models: the article as the views show it and, for an
 * extraction, each fact's contribution to the group of every view its kind feeds.
 */
import type { Commit } from '../commit';
import { type EventOf, type FactEvent, isFactEvent } from '../events';
import { kindOfEvent, VIEW_NAMES, viewNamed, type AnyView } from '../facts';
import type { ArticleView, Contribution, Source } from './model';
import { byIdentity } from './sources';

function contributionsOf(event: FactEvent, article: EventOf<'ArticleExtracted'>): Contribution[] {
  const source: Source = {
    articleId: event.articleId,
    title: article.data.title,
    url: article.data.url,
    publishedAt: article.data.publishedAt,
    evidence: event.evidence,
    confidence: event.confidence,
    attribution: event.data.attribution,
  };
  const views = (kindOfEvent(event.type)?.views ?? []) as readonly AnyView[];
  return views.map((view) => ({
    view: view.name,
    groupKey: (view.groupKey as (fact: unknown) => string)(event.data),
    articleId: event.articleId,
    factIndex: event.factIndex,
    extractionSeq: event.extraction.seq,
    source,
    fact: event.data,
  }));
}

/** Assembles a group; no contributions means no entries. */
export function assembleGroup(
  view: string,
  groupKey: string,
  contributions: Contribution[],
): unknown[] {
  if (contributions.length === 0) return [];
  const spec = viewNamed(view);
  return (spec.assemble as (k: string, c: Contribution[]) => unknown[])(
    groupKey,
    [...contributions].sort(byIdentity),
  );
}

/** A group's list position is that of its first entry. */
export function groupListSortKey(view: string, entries: unknown[]): string | null {
  const sortKey = viewNamed(view).sortKey as (entry: unknown) => string;
  return entries.map(sortKey).sort()[0] ?? null;
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
  | { kind: 'rejection'; articleId: string; article: ArticleView }
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
  const rejected = commit.events.find(
    (e): e is EventOf<'ArticleRejected'> => e.type === 'ArticleRejected',
  );
  if (rejected)
    return { kind: 'rejection', articleId: commit.articleId, article: rejectedViewOf(rejected) };
  return { kind: 'none' };
}

function articleViewOf(e: EventOf<'ArticleExtracted'>): ArticleView {
  return {
    id: e.articleId,
    status: 'extracted',
    fileName: e.data.fileName,
    title: e.data.title,
    url: e.data.url,
    publishedAt: e.data.publishedAt,
    receivedAt: e.data.receivedAt,
    source: e.correlation,
    extractorVersion: e.extractorVersion,
    extractionSeq: e.extraction.seq,
    language: e.data.language,
    textKey: e.data.textKey,
    counts: e.data.counts,
    rejection: null,
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
    source: e.correlation,
    extractorVersion: e.extractorVersion,
    extractionSeq: null,
    language: null,
    textKey: null,
    counts: Object.fromEntries(VIEW_NAMES.map((v) => [v, 0])),
    rejection: { reason: e.data.reason, detail: e.data.detail },
  };
}
