/**
 * Applies one commit to the read models through the ProjectionStore port. Safe under at-least-once,
 * out-of-order delivery: an extraction older than the one shown is ignored, a repeated one is a
 * no-op, and a crash half-way is finished by the retry (the article keeps the keys it was
 * touching until it is done). While a rebuild catches up, each commit goes to the version it
 * builds as well as to the live one.
 */
import type { Commit } from '../domain/commit';
import { effectOfCommit, groupState, type CommitEffect } from '../domain/projections/contributions';
import type { ArticleRecord, Contribution, GroupRef } from '../domain/projections/model';
import type { ProjectionStore, ViewVersions } from './ports';
import { RACE_RETRIES, retrying } from './retry';
import { failBuild } from './view-pointer';

/** A group recomputation races only other recomputations of that group: seconds, not the batch's minute. */
const GROUP_RETRIES = { ...RACE_RETRIES, budgetMs: 10_000 };

const contributionRef = (c: Contribution): GroupRef => ({
  view: c.view,
  groupKey: c.groupKey,
  articleId: c.articleId,
  factIndex: c.factIndex,
});

const refId = (r: GroupRef): string =>
  `${r.view}\u001f${r.groupKey}\u001f${r.articleId ?? ''}\u001f${r.factIndex ?? ''}`;
const groupId = (r: GroupRef): string => `${r.view}\u001f${r.groupKey}`;

function uniqueRefs(refs: GroupRef[]): GroupRef[] {
  return [...new Map(refs.map((r) => [refId(r), r])).values()];
}

type Extraction = Extract<CommitEffect, { kind: 'extraction' }>;
type Rejection = Extract<CommitEffect, { kind: 'rejection' }>;

/**
 * One commit into the live views and, while a rebuild catches up, into the version it builds. A
 * failure there must not hold back the live views (nor send the record to the dead-letter queue):
 * it fails the build instead, which then never goes live — unless it already has, in which case
 * the commit is the live views' and the failure is thrown for the batch to be tried again.
 */
export async function projectToViews(versions: ViewVersions, commit: Commit): Promise<void> {
  const { live, build } = await versions.readPointer();
  await projectCommit(versions.at(live), commit);
  if (!build || build.phase !== 'catching-up' || build.failed) return;
  try {
    await retrying(() => projectCommit(versions.at(build.version), commit), GROUP_RETRIES);
  } catch (error) {
    const reason = `commit ${commit.streamId}@${commit.version} could not be projected into it (${error instanceof Error ? error.message : String(error)})`;
    if (await failBuild(versions, build.version, reason)) return;
    if ((await versions.readPointer()).live === build.version) throw error;
  }
}

export async function projectCommit(views: ProjectionStore, commit: Commit): Promise<void> {
  const effect = effectOfCommit(commit);
  if (effect.kind === 'none') return;
  const current = await views.getArticle(effect.articleId);
  if (effect.kind === 'rejection') await projectRejection(views, effect, current);
  else if (!isShownOrOlder(effect, current)) await projectExtraction(views, effect, current);
}

/**
 * A rejection shows no facts. It replaces only an older outcome of the article (a withdrawal it
 * is reinstated after); an outcome already shown, or a newer one, is left as it is.
 */
async function projectRejection(
  views: ProjectionStore,
  effect: Rejection,
  current: ArticleRecord | null,
): Promise<void> {
  if (current && current.extractionSeq >= effect.seq) return;
  const record: ArticleRecord = {
    articleId: effect.articleId,
    rev: (current?.rev ?? 0) + 1,
    extractionSeq: effect.seq,
    contributionKeys: [],
    pendingKeys: null,
    view: effect.article,
  };
  await views.putArticle(record, current?.rev ?? null);
}

/** An older extraction than the one shown, or the one shown already applied in full. */
const isShownOrOlder = (effect: Extraction, current: ArticleRecord | null): boolean =>
  current !== null &&
  (current.extractionSeq > effect.seq ||
    (current.extractionSeq === effect.seq && current.pendingKeys === null));

async function projectExtraction(
  views: ProjectionStore,
  effect: Extraction,
  current: ArticleRecord | null,
): Promise<void> {
  const newKeys = effect.contributions.map(contributionRef);
  const previous = current && current.extractionSeq !== effect.seq ? current.contributionKeys : [];
  const pendingKeys = uniqueRefs([...previous, ...(current?.pendingKeys ?? []), ...newKeys]);
  // While pending, pendingKeys holds every key the article may have a contribution under, the
  // shown ones included, so the record holds them once (its item stays within DynamoDB's limit).
  const started: ArticleRecord = {
    articleId: effect.articleId,
    rev: (current?.rev ?? 0) + 1,
    extractionSeq: effect.seq,
    contributionKeys: [],
    pendingKeys,
    view: current?.view ?? effect.article,
  };
  await views.putArticle(started, current?.rev ?? null);

  await views.putContributions(effect.contributions);
  const keep = new Set(newKeys.map(refId));
  await views.deleteContributions(pendingKeys.filter((k) => !keep.has(refId(k))));

  const groups = [
    ...new Map(
      pendingKeys.map((k) => [groupId(k), { view: k.view, groupKey: k.groupKey }]),
    ).values(),
  ];
  await views.touchGroups(groups);
  for (const group of groups) await recomputeGroup(views, group);

  await views.putArticle(
    {
      ...started,
      rev: started.rev + 1,
      contributionKeys: newKeys,
      pendingKeys: null,
      view: effect.article,
    },
    started.rev,
  );
}

/**
 * Reads the group's revision before its contributions and writes only if the revision is
 * unchanged, so a recomputation that raced with a newer contribution can never win.
 */
async function recomputeGroup(views: ProjectionStore, group: GroupRef): Promise<void> {
  await retrying(async () => {
    const { state, contributions } = await views.readGroup(group);
    await views.writeGroup(groupState(group.view, group.groupKey, contributions, state?.rev ?? 0));
  }, GROUP_RETRIES);
}
