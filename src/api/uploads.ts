/**
 * Uploads from a browser: the API signs, for each file, a PUT of exactly its size to articles/
 * (the bucket then refuses any other body), the browser sends the bytes straight to S3, and the
 * pipeline takes it from there like any upload. What became of an upload is read back from the
 * event store: the commit that recorded its receipt says ingested, duplicate or rejected.
 */
import * as z from 'zod';
import { lazy } from '../domain/lazy';
import type { EventStore, UploadSigner } from '../app/ports';
import type { Commit } from '../domain/commit';
import type { EventOf } from '../domain/events';
import { REJECTION_CODES } from '../domain/rejections';
import { ARTICLES_PREFIX } from '../tables';
import { publishedAtField, sourceUrlField, titleField } from './upload-fields';

/**
 * Larger than any article the extractor takes (it rejects over 2 MB as `too_large`, an outcome
 * worth recording), small enough that a presigned URL cannot be used to park big files.
 */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 50;
/** Long enough to send 50 files on a slow line, short enough that a leaked URL soon expires. */
const UPLOAD_URL_SECONDS = 15 * 60;

/** A file's name becomes the last part of its key: no folders, no control characters. */
const fileName = lazy(() =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'at most 200 characters')
    .refine(
      (s) => [...s].every((c) => c >= ' ' && c !== '\u007f' && c !== '/' && c !== '\\'),
      'no slashes or control characters',
    )
    .refine((s) => s !== '.' && s !== '..', 'not a file name'),
);

const mediaType = lazy(() =>
  z
    .string()
    .max(100)
    .regex(/^[\w.+-]+\/[\w.+-]+(; ?charset=[\w-]+)?$/i, 'a media type such as text/plain'),
);

export const uploadRequestSchema = lazy(() =>
  z
    .strictObject({
      files: z
        .array(
          z.strictObject({
            name: fileName(),
            size: z
              .number()
              .int('a whole number of bytes')
              .min(0)
              .max(MAX_UPLOAD_BYTES, `at most ${MAX_UPLOAD_BYTES} bytes (5 MB)`),
            type: mediaType().optional(),
          }),
        )
        .min(1, 'at least one file')
        .max(MAX_FILES, `at most ${MAX_FILES} files at once`),
      publishedAt: publishedAtField().optional(),
      sourceUrl: sourceUrlField().optional(),
      title: titleField().optional(),
    })
    .meta({ id: 'UploadRequest' }),
);

export const uploadGrantSchema = lazy(() =>
  z
    .object({
      uploads: z.array(
        z.object({
          name: z.string(),
          key: z.string(),
          method: z.literal('PUT'),
          url: z.string(),
          headers: z
            .record(z.string(), z.string())
            .meta({ description: 'send exactly these headers with the PUT; they are signed' }),
        }),
      ),
      expiresInSeconds: z.number().int(),
      maxBytes: z.number().int(),
    })
    .meta({ id: 'UploadGrant' }),
);

export const uploadOutcomeQuery = lazy(() =>
  z.strictObject({
    key: z
      .string()
      .max(1024)
      .refine((k) => k.startsWith(ARTICLES_PREFIX), `a key under ${ARTICLES_PREFIX}`)
      .meta({ description: 'the key the upload was PUT to' }),
    versionId: z
      .string()
      .min(1)
      .max(1024)
      .meta({ description: 'the x-amz-version-id the PUT answered' }),
  }),
);

export const uploadOutcomeSchema = lazy(() =>
  z
    .object({
      outcome: z.enum(['pending', 'ingested', 'corrected', 'duplicate', 'rejected']).meta({
        description:
          'pending until ingest records the upload; corrected: the text of an article already held, stating another title, source or publication date, recorded as a correction and extracted again with it; a duplicate has the text of an article already held and changes nothing',
      }),
      articleId: z.string().nullable(),
      counts: z
        .record(z.string(), z.number().int())
        .nullable()
        .meta({ description: 'facts of each kind, for an ingested or corrected article' }),
      rejection: z.object({ reason: z.enum(REJECTION_CODES), detail: z.string() }).nullable(),
    })
    .meta({ id: 'UploadOutcome' }),
);
export type UploadOutcome = z.infer<ReturnType<typeof uploadOutcomeSchema>>;

const PLAIN_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  json: 'application/json',
};

const typeOf = (name: string, given: string | undefined): string =>
  given ??
  PLAIN_TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ??
  'application/octet-stream';

/** A signed PUT per file, each to articles/<its name>. */
export async function grantUploads(
  signer: UploadSigner,
  request: z.output<ReturnType<typeof uploadRequestSchema>>,
): Promise<z.infer<ReturnType<typeof uploadGrantSchema>>> {
  const { files, ...fields } = request;
  const uploads = await Promise.all(
    files.map(async (f) => {
      const key = `${ARTICLES_PREFIX}${f.name}`;
      const signed = await signer.presignPut(key, {
        size: f.size,
        contentType: typeOf(f.name, f.type),
        fields,
        expiresInSeconds: UPLOAD_URL_SECONDS,
      });
      return { name: f.name, key, method: 'PUT' as const, ...signed };
    }),
  );
  return { uploads, expiresInSeconds: UPLOAD_URL_SECONDS, maxBytes: MAX_UPLOAD_BYTES };
}

const rejectionIn = (commits: Commit[]) =>
  commits.flatMap((c) => c.events).find((e) => e.type === 'ArticleRejected') as
    EventOf<'ArticleRejected'> | undefined;

/**
 * What the commit that received an upload says became of it. An upload of a known text stating
 * other metadata holds the correction and the extraction that carries it, in that commit. An
 * upload with the bytes of one rejected before only adds a receipt to that rejected article: it
 * is rejected, for that reason.
 */
async function outcomeOf(events: EventStore, commit: Commit | null): Promise<UploadOutcome> {
  if (!commit) return { outcome: 'pending', articleId: null, counts: null, rejection: null };
  const articleId = commit.articleId;
  const extracted = commit.events.find((e) => e.type === 'ArticleExtracted') as
    EventOf<'ArticleExtracted'> | undefined;
  if (extracted) {
    const corrected = commit.events.some((e) => e.type === 'ArticleMetadataCorrected');
    const outcome = corrected ? 'corrected' : 'ingested';
    return { outcome, articleId, counts: extracted.data.counts, rejection: null };
  }
  const rejected =
    rejectionIn([commit]) ?? rejectionIn((await events.readStream(commit.streamId)).commits);
  if (rejected) {
    const { reason, detail } = rejected.data;
    return { outcome: 'rejected', articleId, counts: null, rejection: { reason, detail } };
  }
  return { outcome: 'duplicate', articleId, counts: null, rejection: null };
}

export async function uploadOutcome(
  deps: { events: EventStore; bucket: string },
  q: z.output<ReturnType<typeof uploadOutcomeQuery>>,
): Promise<UploadOutcome> {
  const { bucket, events } = deps;
  return outcomeOf(events, await events.findUpload({ bucket, key: q.key, versionId: q.versionId }));
}
