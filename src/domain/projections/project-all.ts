/**
 * The views as a pure function of the whole event history: the specification the incremental
 * projector must agree with, what the property tests check for order independence, and what a
 * rebuild writes in bulk.
 */
import type { Commit } from '../commit';
import { VIEW_NAMES, viewNamed, type ViewName } from '../facts';
import { effectOfCommit, groupState, type CommitEffect } from './contributions';
import type { ArticleRecord, ArticleView, Contribution, GroupState } from './model';

/** The articles, and each view's entries in list order under the view's name. */
export type AllViews = { articles: ArticleView[] } & Record<ViewName, unknown[]>;

export interface ProjectedState {
  articles: ArticleRecord[];
  contributions: Contribution[];
  groups: GroupState[];
}

/** The same state with its groups assembled as they are taken: what a bulk write consumes. */
export type Snapshot = Omit<ProjectedState, 'groups'> & { groups: Iterable<GroupState> };

type Effect = Exclude<CommitEffect, { kind: 'none' }>;
const seqOf = (e: Effect) => e.seq;

/**
 * Folds commits, in any order and with repeats, into the latest effect per article; keeps only
 * that, so a rebuild holds one extraction per article rather than the whole history.
 */
export class LatestEffects {
  private readonly latest = new Map<string, Effect>();

  add(commit: Commit): void {
    const effect = effectOfCommit(commit);
    if (effect.kind === 'none') return;
    const current = this.latest.get(effect.articleId);
    if (!current || seqOf(effect) > seqOf(current)) this.latest.set(effect.articleId, effect);
  }

  state(): ProjectedState {
    const { groups, ...rest } = this.snapshot();
    return { ...rest, groups: [...groups] };
  }

  /**
   * Articles and contributions at once, each group assembled only when it is taken, so a writer
   * can send the first while the rest is still being assembled.
   */
  snapshot(): Snapshot {
    return snapshotOf(this.latest);
  }
}

/** The stored state of every read model: latest extraction per article, grouped and assembled. */
export function projectState(commits: Iterable<Commit>): ProjectedState {
  const effects = new LatestEffects();
  for (const commit of commits) effects.add(commit);
  return effects.state();
}

function snapshotOf(latest: Map<string, Effect>): Snapshot {
  const articles: ArticleRecord[] = [];
  const contributions: Contribution[] = [];
  const byGroup = new Map<
    string,
    { view: string; groupKey: string; contributions: Contribution[] }
  >();
  for (const effect of latest.values()) {
    const own = effect.kind === 'extraction' ? effect.contributions : [];
    articles.push({
      articleId: effect.articleId,
      rev: 1,
      extractionSeq: seqOf(effect),
      contributionKeys: own.map((c) => ({
        view: c.view,
        groupKey: c.groupKey,
        articleId: c.articleId,
        factIndex: c.factIndex,
      })),
      pendingKeys: null,
      view: effect.article,
    });
    for (const c of own) {
      contributions.push(c);
      const id = `${c.view}\u001f${c.groupKey}`;
      const g = byGroup.get(id) ?? { view: c.view, groupKey: c.groupKey, contributions: [] };
      g.contributions.push(c);
      byGroup.set(id, g);
    }
  }
  function* groups(): Iterable<GroupState> {
    for (const g of byGroup.values()) yield groupState(g.view, g.groupKey, g.contributions, 1);
  }
  return { articles, contributions, groups: groups() };
}

/** Each view's entries as its whole list gives them, in order. */
export function listed(groups: GroupState[], view: string): unknown[] {
  const rows = groups
    .filter((g) => g.view === view)
    .flatMap((g) => {
      const byId = new Map(g.entries.map((e) => [entryIdOf(view, e), e]));
      return g.index
        .filter((r) => r.facet === '')
        .map((r) => ({ sk: r.sk, entry: byId.get(r.entryId) }));
    });
  return rows.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0)).map((r) => r.entry);
}

const entryIdOf = (view: string, entry: unknown): string =>
  (viewNamed(view).entryId as (e: unknown) => string)(entry);

export function projectAll(commits: Iterable<Commit>): AllViews {
  const state = projectState(commits);
  return {
    articles: state.articles.map((a) => a.view).sort(compareArticles),
    ...(Object.fromEntries(VIEW_NAMES.map((v) => [v, listed(state.groups, v)])) as Record<
      ViewName,
      unknown[]
    >),
  };
}

export const articleListSortKey = (a: ArticleView): string => `${a.receivedAt}|${a.id}`;

/** Newest first: the order of the articles route. */
export function compareArticles(a: ArticleView, b: ArticleView): number {
  const ka = articleListSortKey(a),
    kb = articleListSortKey(b);
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}
