/**
 * The application's use cases, written against ports only: ingest an uploaded object, extract
 * every stored article again with the current extractor, and rebuild the read models.
 */
import { buildCommit } from '../domain/commit';
import { decideIngest, decideReextraction, firstReceipt } from '../domain/decider';
import { CommitTooLargeError, ConcurrencyError } from '../domain/errors';
import type { Correlation } from '../domain/events';
import type { ArticleInput, ExtractionOutcome } from '../domain/extractor/types';
import { articleIdOf, rejectedIdOf, sha256, streamIdOf } from '../domain/ids';
import type { EventStore, ObjectStore, StoredObject, ViewStore } from './ports';
import { LatestEffects } from '../domain/projections/project-all';
import { TEXT_PREFIX } from '../tables';

export type Extract = (input: ArticleInput) => ExtractionOutcome;

export interface IngestDeps {
  events: EventStore;
  objects: ObjectStore;
  extract: Extract;
  now: () => string;
}

export interface IngestResult {
  outcome: 'ingested' | 'rejected' | 'duplicate' | 'redelivered';
  articleId: string;
  key: string;
  reason?: string;
  facts: number;
}

const MAX_APPEND_ATTEMPTS = 5;
const fileNameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
export const textKeyOf = (articleId: string): string => `${TEXT_PREFIX}${articleId}.txt`;

export async function ingestObject(deps: IngestDeps, ref: Correlation): Promise<IngestResult> {
  const object = await deps.objects.getObject(ref.bucket, ref.key, ref.versionId);
  const outcome = deps.extract({
    fileName: fileNameOf(ref.key),
    bytes: object.bytes,
    metadata: object.metadata,
    ...(object.contentType ? { contentType: object.contentType } : {}),
  });
  try {
    return await recordOutcome(deps, ref, object, outcome);
  } catch (error) {
    if (!(error instanceof CommitTooLargeError) || outcome.kind !== 'extracted') throw error;
    // Facts that cannot be stored atomically are not stored in part: the upload is recorded as rejected, with why.
    return recordOutcome(deps, ref, object, {
      kind: 'rejected',
      extractorVersion: outcome.extractorVersion,
      reason: 'too_many_facts',
      detail: `the article yields ${factCount(outcome)} facts, ${Math.round(error.bytes / 1024)} KB compressed, more than one commit may hold (${Math.round(error.limit / 1024)} KB); split it into smaller articles`,
    });
  }
}

const factCount = (outcome: ExtractionOutcome): number =>
  outcome.kind === 'extracted'
    ? outcome.aidFlows.length + outcome.caseCounts.length + outcome.timeline.length
    : 0;

async function recordOutcome(
  deps: IngestDeps,
  ref: Correlation,
  object: StoredObject,
  outcome: ExtractionOutcome,
): Promise<IngestResult> {
  const correlation = { ...ref, versionId: ref.versionId ?? object.versionId };
  const articleId =
    outcome.kind === 'extracted' ? articleIdOf(outcome.text) : rejectedIdOf(ref.key, object.bytes);
  const textKey = outcome.kind === 'extracted' ? textKeyOf(articleId) : null;
  if (outcome.kind === 'extracted' && textKey)
    await deps.objects.putText(ref.bucket, textKey, outcome.text);
  const result = (status: IngestResult['outcome']): IngestResult => ({
    outcome: status,
    articleId,
    key: ref.key,
    facts: factCount(outcome),
    ...(outcome.kind === 'rejected' ? { reason: outcome.reason } : {}),
  });

  const streamId = streamIdOf(articleId);
  for (let attempt = 1; ; attempt++) {
    const stream = await deps.events.readStream(streamId);
    const history = stream.commits.flatMap((c) => c.events);
    const decided = decideIngest(history, {
      articleId,
      correlation,
      fileName: fileNameOf(ref.key),
      contentType: object.contentType,
      size: object.bytes.byteLength,
      contentSha256: sha256(object.bytes),
      textKey,
      receivedAt: deps.now(),
      outcome,
    });
    if (decided.length === 0) return result('redelivered');
    try {
      await deps.events.appendToStream(
        buildCommit({
          streamId,
          articleId,
          expectedVersion: stream.version,
          events: decided,
          recordedAt: deps.now(),
        }),
      );
      return result(
        stream.version > 0 ? 'duplicate' : outcome.kind === 'rejected' ? 'rejected' : 'ingested',
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
    }
  }
}

export interface ReextractSummary {
  articles: number;
  superseded: number;
  unchanged: number;
  failed: { articleId: string; error: string }[];
}

/** Runs the current extractor over every stored article and appends superseding extractions. */
export async function reextractAll(deps: IngestDeps): Promise<ReextractSummary> {
  const summary: ReextractSummary = { articles: 0, superseded: 0, unchanged: 0, failed: [] };
  const streams = new Set<string>();
  for (let cursor: string | null = null; ;) {
    const page = await deps.events.readAll(cursor, 500);
    for (const c of page.items) if (c.version === 1) streams.add(c.streamId);
    if (!(cursor = page.next)) break;
  }
  for (const streamId of [...streams].sort()) {
    try {
      const stream = await deps.events.readStream(streamId);
      const history = stream.commits.flatMap((c) => c.events);
      const receipt = firstReceipt(history);
      if (!receipt || !history.some((e) => e.type === 'ArticleExtracted')) continue;
      summary.articles++;
      const object = await deps.objects.getObject(
        receipt.correlation.bucket,
        receipt.correlation.key,
        receipt.correlation.versionId,
      );
      const outcome = deps.extract({
        fileName: receipt.data.fileName,
        bytes: object.bytes,
        metadata: object.metadata,
      });
      const articleId = stream.commits[0]!.articleId;
      const textKey = textKeyOf(articleId);
      const decided = decideReextraction(history, outcome, textKey);
      if (decided.length === 0) {
        summary.unchanged++;
        continue;
      }
      if (outcome.kind === 'extracted')
        await deps.objects.putText(receipt.correlation.bucket, textKey, outcome.text);
      await deps.events.appendToStream(
        buildCommit({
          streamId,
          articleId,
          expectedVersion: stream.version,
          events: decided,
          recordedAt: deps.now(),
        }),
      );
      summary.superseded++;
    } catch (error) {
      summary.failed.push({
        articleId: streamId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return summary;
}

/**
 * Recomputes every read model from the event store: the pure projection of all commits, written
 * in bulk. It yields the same views as the incremental projector (the property tests hold the
 * two to each other) at a fraction of the writes, since nothing is guarded or written twice.
 */
export async function rebuildViews(
  events: EventStore,
  views: ViewStore,
): Promise<{ commits: number; events: number }> {
  const effects = new LatestEffects();
  let commits = 0,
    count = 0;
  for (let cursor: string | null = null; ;) {
    const page = await events.readAll(cursor, 1000);
    for (const commit of page.items) {
      effects.add(commit);
      commits++;
      count += commit.events.length;
    }
    if (!(cursor = page.next)) break;
  }
  await views.clear();
  await views.writeSnapshot(effects.state());
  return { commits, events: count };
}
