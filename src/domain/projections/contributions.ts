import type { Commit } from '../commit';
import type { EventOf, FactEvent } from '../events';
import { dateKeyOf } from './dates';
import type { ArticleView, Contribution, Source } from './model';

const norm = (s: string | null): string => (s ?? '-').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Which group a fact belongs to: the key two articles share when they report the same thing.
 * Years are left out so an undated article's "Sept. 23" meets a dated one's 2021-09-23; the
 * assembly step separates real differences in year again.
 */
export function groupKeyOf(event: FactEvent): string {
  switch (event.type) {
    case 'CaseCountReported': {
      const d = event.data;
      return [norm(d.location), d.metric, String(d.value), dateKeyOf(d.asOf)].join('|');
    }
    case 'AidFlowReported':
      return [norm(event.data.donor), norm(event.data.recipient)].join('|');
    case 'HappeningReported': {
      const d = event.data;
      return [dateKeyOf(d.date), d.type, [...new Set(d.subjects.map(norm))].sort().join('+')].join(
        '|',
      );
    }
  }
}

export const viewOf = (event: FactEvent): Contribution['view'] =>
  event.type === 'AidFlowReported'
    ? 'aidFlows'
    : event.type === 'CaseCountReported'
      ? 'caseCounts'
      : 'timeline';

export function contributionOf(
  event: FactEvent,
  article: EventOf<'ArticleExtracted'>,
): Contribution {
  const source: Source = {
    articleId: event.articleId,
    title: article.data.title,
    url: article.data.url,
    publishedAt: article.data.publishedAt,
    evidence: event.evidence,
    confidence: event.confidence,
  };
  const base = {
    groupKey: groupKeyOf(event),
    articleId: event.articleId,
    factIndex: event.factIndex,
    extractionSeq: event.extraction.seq,
    source,
  };
  switch (event.type) {
    case 'AidFlowReported':
      return { ...base, view: 'aidFlows', fact: event.data };
    case 'CaseCountReported':
      return { ...base, view: 'caseCounts', fact: event.data };
    case 'HappeningReported':
      return { ...base, view: 'timeline', fact: event.data };
  }
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
    const facts = commit.events.filter(
      (e): e is FactEvent =>
        e.type === 'AidFlowReported' ||
        e.type === 'CaseCountReported' ||
        e.type === 'HappeningReported',
    );
    return {
      kind: 'extraction',
      articleId: commit.articleId,
      seq: extracted.extraction.seq,
      article: articleViewOf(extracted),
      contributions: facts.map((f) => contributionOf(f, extracted)),
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
    counts: { aidFlows: 0, caseCounts: 0, timeline: 0 },
    rejection: { reason: e.data.reason, detail: e.data.detail },
  };
}
