/**
 * Ingest: an uploaded object becomes an article's received, extracted (or rejected) events; a
 * removed one withdraws the article once none of its uploads is left. The object is read and
 * prepared (decoded, normalised, identified) first; facts are found only if the article's history
 * says they are needed.
 */
import type { UploadReceipt } from '../domain/article';
import { CommitTooLargeError, TooComplexError } from '../domain/errors';
import type { Correlation, NewEvent } from '../domain/events';
import type { ArticleInput, PreparedArticle, RejectedArticle } from '../domain/extractor/types';
import { articleIdOf, rejectedIdOf, sha256 } from '../domain/ids';
import { TEXT_PREFIX } from '../tables';
import { handleCommand, type Command, type CommandDeps, type Handled } from './command-handler';
import type { Extractor, ObjectStore, StoredObject } from './ports';

export interface IngestDeps extends CommandDeps {
  objects: ObjectStore;
  extractor: Extractor;
}

export interface IngestResult {
  outcome:
    | 'ingested'
    | 'rejected'
    | 'duplicate'
    | 'redelivered'
    | 'corrected'
    | 'removed'
    | 'withdrawn'
    | 'restored'
    | 'reinstated';
  articleId: string;
  key: string;
  reason?: string;
  facts: number;
}

const fileNameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/** Where an article's normalised text is kept: content-addressed, so writing it twice is harmless. */
export const textKeyOf = (articleId: string): string => `${TEXT_PREFIX}${articleId}.txt`;

/** What the extractor reads of a stored object: the one place it is built, for ingest and re-extraction alike. */
export const articleInputOf = (key: string, object: StoredObject): ArticleInput => ({
  fileName: fileNameOf(key),
  bytes: object.bytes,
  metadata: object.metadata,
  ...(object.contentType ? { contentType: object.contentType } : {}),
});

const articleIdFor = (
  article: PreparedArticle | RejectedArticle,
  key: string,
  bytes: Uint8Array,
): string => (article.kind === 'prepared' ? articleIdOf(article.text) : rejectedIdOf(key, bytes));

/** The article's text must be stored before the events that point into it become visible. */
export const storeText =
  (objects: ObjectStore, bucket: string, article: PreparedArticle | RejectedArticle) =>
  async (events: NewEvent[]): Promise<void> => {
    const extracted = events.find(
      (e): e is Extract<NewEvent, { type: 'ArticleExtracted' }> => e.type === 'ArticleExtracted',
    );
    if (article.kind === 'prepared' && extracted)
      await objects.putText(bucket, extracted.data.textKey, article.text);
  };

const factCount = (events: NewEvent[]) => events.filter((e) => 'factIndex' in e).length;

/** What became of an upload, from what was decided rather than what was prepared. */
function outcomeOf(handled: Handled): Pick<IngestResult, 'outcome' | 'reason' | 'facts'> {
  const { appended, previousVersion } = handled;
  const has = (type: NewEvent['type']) => appended.some((e) => e.type === type);
  const rejection = appended.find(
    (e): e is Extract<NewEvent, { type: 'ArticleRejected' }> => e.type === 'ArticleRejected',
  );
  const facts = factCount(appended);
  if (appended.length === 0) return { outcome: 'redelivered', facts };
  if (has('ArticleWithdrawn')) return { outcome: 'withdrawn', facts };
  if (has('UploadRemoved')) return { outcome: 'removed', facts };
  if (has('ArticleMetadataCorrected')) return { outcome: 'corrected', facts };
  if (rejection) return { outcome: 'rejected', reason: rejection.data.reason, facts };
  if (has('ArticleExtracted'))
    return { outcome: previousVersion > 0 ? 'reinstated' : 'ingested', facts };
  if (has('UploadRestored')) return { outcome: 'restored', facts };
  return { outcome: 'duplicate', facts };
}

/**
 * One upload recorded; an upload whose facts cannot be stored (too many for one commit) or
 * found (more work than the extractor's budget) is recorded as rejected, saying why.
 */
export async function ingestObject(deps: IngestDeps, ref: Correlation): Promise<IngestResult> {
  const object = await deps.objects.getObject(ref.bucket, ref.key, ref.versionId);
  const upload: UploadReceipt = {
    correlation: { ...ref, versionId: ref.versionId ?? object.versionId },
    fileName: fileNameOf(ref.key),
    contentType: object.contentType,
    size: object.bytes.byteLength,
    contentSha256: sha256(object.bytes),
    receivedAt: deps.now(),
  };
  const [article, keyState] = await Promise.all([
    deps.extractor.prepare(articleInputOf(ref.key, object)),
    deps.objects.keyState(ref.bucket, ref.key),
  ]);
  const record = (prepared: PreparedArticle | RejectedArticle) =>
    recordUpload(deps, {
      upload,
      article: prepared,
      bytes: object.bytes,
      present: keyState.present,
    });
  try {
    return await record(article);
  } catch (error) {
    const rejection = rejectionFor(error, article);
    if (!rejection) throw error;
    return record(rejection);
  }
}

/** Facts that cannot be stored atomically, or found within budget, are not stored in part. */
function rejectionFor(
  error: unknown,
  article: PreparedArticle | RejectedArticle,
): RejectedArticle | null {
  if (article.kind !== 'prepared') return null;
  const kb = (bytes: number) => Math.round(bytes / 1024);
  const base = { kind: 'rejected', extractorVersion: article.extractorVersion } as const;
  if (error instanceof CommitTooLargeError)
    return {
      ...base,
      reason: 'too_many_facts',
      detail: `the article's facts take ${kb(error.bytes)} KB compressed, more than one commit may hold (${kb(error.limit)} KB); split it into smaller articles`,
    };
  if (error instanceof TooComplexError)
    return { ...base, reason: 'too_complex', detail: error.message };
  return null;
}

async function recordUpload(
  deps: IngestDeps,
  o: {
    upload: UploadReceipt;
    article: PreparedArticle | RejectedArticle;
    bytes: Uint8Array;
    present: boolean;
  },
): Promise<IngestResult> {
  const { key, bucket } = o.upload.correlation;
  const articleId = articleIdFor(o.article, key, o.bytes);
  const command: Command = {
    type: 'RecordUpload',
    articleId,
    upload: o.upload,
    article: o.article,
    textKey: textKeyOf(articleId),
    present: o.present,
  };
  const handled = await handleCommand(
    deps,
    command,
    (a) => deps.extractor.findFacts(a),
    storeText(deps.objects, bucket, o.article),
  );
  const result = { articleId, key, ...outcomeOf(handled) };
  // The same bytes again as a rejected file are rejected for the same reason: say which.
  return o.article.kind === 'rejected' && !result.reason
    ? { ...result, reason: o.article.reason }
    : result;
}

/**
 * An object was removed from the bucket (or a removal undone): S3's events do not say which
 * article it held, so every version still stored under the key is read to find the articles,
 * and each is told whether the key still holds an object. A version deleted outright can no
 * longer be read; its article keeps that upload.
 */
export async function reconcileKey(
  deps: IngestDeps,
  ref: { bucket: string; key: string },
): Promise<IngestResult[]> {
  const state = await deps.objects.keyState(ref.bucket, ref.key);
  const seen = new Set<string>();
  const results: IngestResult[] = [];
  for (const versionId of state.versions) {
    const object = await deps.objects.getObject(ref.bucket, ref.key, versionId);
    const article = await deps.extractor.prepare(articleInputOf(ref.key, object));
    const articleId = articleIdFor(article, ref.key, object.bytes);
    if (seen.has(articleId)) continue;
    seen.add(articleId);
    const handled = await handleCommand(
      deps,
      {
        type: 'ReconcileObject',
        articleId,
        object: ref,
        present: state.present,
        at: deps.now(),
        article,
        textKey: textKeyOf(articleId),
      },
      (a) => deps.extractor.findFacts(a),
      storeText(deps.objects, ref.bucket, article),
    );
    results.push({ articleId, key: ref.key, ...outcomeOf(handled) });
  }
  return results;
}
