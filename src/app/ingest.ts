/**
 * Ingest: an uploaded object becomes an article's received, extracted (or rejected) events.
 * The object is read and prepared (decoded, normalised, identified) first; facts are found only
 * if the article's history says this upload is its first.
 */
import type { RecordUpload, UploadReceipt } from '../domain/article';
import { CommitTooLargeError } from '../domain/errors';
import type { Correlation, NewEvent } from '../domain/events';
import type {
  ArticleFacts,
  ArticleInput,
  PreparedArticle,
  RejectedArticle,
} from '../domain/extractor/types';
import { articleIdOf, rejectedIdOf, sha256 } from '../domain/ids';
import { TEXT_PREFIX } from '../tables';
import { handleCommand, type CommandDeps } from './command-handler';
import type { Extractor, ObjectStore, StoredObject } from './ports';

export interface IngestDeps extends CommandDeps {
  objects: ObjectStore;
  extractor: Extractor;
}

export interface IngestResult {
  outcome: 'ingested' | 'rejected' | 'duplicate' | 'redelivered';
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

/** Finds an article's facts at most once, however often the decider asks. */
export function factFinder(extractor: Extractor, article: PreparedArticle | RejectedArticle) {
  let facts: ArticleFacts | undefined;
  const empty: ArticleFacts = { aidFlows: [], caseCounts: [], timeline: [] };
  return {
    find: (): ArticleFacts =>
      (facts ??= article.kind === 'prepared' ? extractor.findFacts(article) : empty),
    count: (): number =>
      facts ? facts.aidFlows.length + facts.caseCounts.length + facts.timeline.length : 0,
  };
}

/** The article's text must be stored before the events that point into it become visible. */
const storeText =
  (
    objects: ObjectStore,
    bucket: string,
    article: PreparedArticle | RejectedArticle,
    textKey: string,
  ) =>
  async (events: NewEvent[]): Promise<void> => {
    if (article.kind === 'prepared' && events.some((e) => e.type === 'ArticleExtracted'))
      await objects.putText(bucket, textKey, article.text);
  };

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
  const article = deps.extractor.prepare(articleInputOf(ref.key, object));
  try {
    return await record(deps, upload, article, object.bytes);
  } catch (error) {
    if (!(error instanceof CommitTooLargeError) || article.kind !== 'prepared') throw error;
    // Facts that cannot be stored atomically are not stored in part: the upload is recorded as rejected, with why.
    const kb = (bytes: number) => Math.round(bytes / 1024);
    const facts = factFinder(deps.extractor, article);
    facts.find();
    return record(
      deps,
      upload,
      {
        kind: 'rejected',
        extractorVersion: article.extractorVersion,
        reason: 'too_many_facts',
        detail: `the article yields ${facts.count()} facts, ${kb(error.bytes)} KB compressed, more than one commit may hold (${kb(error.limit)} KB); split it into smaller articles`,
      },
      object.bytes,
    );
  }
}

async function record(
  deps: IngestDeps,
  upload: UploadReceipt,
  article: PreparedArticle | RejectedArticle,
  bytes: Uint8Array,
): Promise<IngestResult> {
  const { key, bucket } = upload.correlation;
  const articleId =
    article.kind === 'prepared' ? articleIdOf(article.text) : rejectedIdOf(key, bytes);
  const textKey = textKeyOf(articleId);
  const facts = factFinder(deps.extractor, article);
  const command: RecordUpload = {
    type: 'RecordUpload',
    articleId,
    upload,
    article,
    textKey,
    findFacts: facts.find,
  };
  const handled = await handleCommand(
    deps,
    command,
    storeText(deps.objects, bucket, article, textKey),
  );
  // What was decided, not what was prepared: the decider may reject what the extractor found.
  const rejection = handled.appended.find(
    (e): e is Extract<NewEvent, { type: 'ArticleRejected' }> => e.type === 'ArticleRejected',
  );
  const outcome: IngestResult['outcome'] =
    handled.appended.length === 0
      ? 'redelivered'
      : handled.previousVersion > 0
        ? 'duplicate'
        : rejection
          ? 'rejected'
          : 'ingested';
  return {
    outcome,
    articleId,
    key,
    facts: rejection ? 0 : facts.count(),
    ...(rejection ? { reason: rejection.data.reason } : {}),
  };
}
