/**
 * The views as a pure function of the whole event history: the specification the incremental
 * projector must agree with, and what the property tests check for order independence.
 */
import type { Commit } from '../commit';
import { assembleGroup, groupListSortKey } from './assemble';
import { effectOfCommit, type CommitEffect } from './contributions';
import { VIEW_NAMES, type ArticleView, type Contribution, type Entry, type ViewName } from './model';

export interface AllViews {
  articles: ArticleView[];
  timeline: Entry[];
  aidFlows: Entry[];
  caseCounts: Entry[];
}

export function projectAll(commits: Commit[]): AllViews {
  const unique = new Map(commits.map((c) => [`${c.streamId}@${c.version}`, c]));
  const latest = new Map<string, Exclude<CommitEffect, { kind: 'none' }>>();
  for (const commit of unique.values()) {
    const effect = effectOfCommit(commit);
    if (effect.kind === 'none') continue;
    const seen = latest.get(effect.articleId);
    const seqOf = (e: Exclude<CommitEffect, { kind: 'none' }>) => (e.kind === 'extraction' ? e.seq : 0);
    if (!seen || seqOf(effect) > seqOf(seen)) latest.set(effect.articleId, effect);
  }

  const groups = new Map<string, { view: ViewName; groupKey: string; contributions: Contribution[] }>();
  for (const effect of latest.values()) {
    if (effect.kind !== 'extraction') continue;
    for (const c of effect.contributions) {
      const id = `${c.view}\u001f${c.groupKey}`;
      const g = groups.get(id) ?? { view: c.view, groupKey: c.groupKey, contributions: [] };
      g.contributions.push(c);
      groups.set(id, g);
    }
  }

  const views = Object.fromEntries(VIEW_NAMES.map((v) => [v, [] as { sk: string; entries: Entry[] }[]])) as Record<
    ViewName,
    { sk: string; entries: Entry[] }[]
  >;
  for (const g of groups.values()) {
    const entries = assembleGroup(g.view, g.groupKey, g.contributions);
    const sk = groupListSortKey(g.view, entries);
    if (sk !== null) views[g.view].push({ sk, entries });
  }
  const flatten = (v: ViewName) => views[v].sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0)).flatMap((g) => g.entries);

  return {
    articles: [...latest.values()].map((e) => e.article).sort(compareArticles),
    timeline: flatten('timeline'),
    aidFlows: flatten('aidFlows'),
    caseCounts: flatten('caseCounts'),
  };
}

export const articleListSortKey = (a: ArticleView): string => `${a.receivedAt}|${a.id}`;

/** Newest first: the order of the articles route. */
export function compareArticles(a: ArticleView, b: ArticleView): number {
  const ka = articleListSortKey(a), kb = articleListSortKey(b);
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}
