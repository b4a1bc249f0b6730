import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ObjectNotFoundError } from '../domain/errors';
import type { KeyState, ObjectStore, StoredObject } from '../app/ports';

/** S3 user metadata keys the ingest CLI and `aws s3 cp --metadata` set. */
export const METADATA_KEYS = {
  title: 'title',
  sourceUrl: 'source-url',
  publishedAt: 'published-at',
} as const;

/** One RFC 2047 encoded word, as S3 hands back a non-ASCII metadata value. */
const ENCODED_WORD = /=\?([\w-]+)\?([BbQq])\?([^?]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string | null {
  try {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          );
    return new TextDecoder(charset.toLowerCase(), { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * S3 user metadata travels in HTTP headers, so a value arrives as ASCII in one of three ways: the
 * ingest CLI percent-encodes it, S3 hands back a non-ASCII value as RFC 2047 encoded words, and
 * `aws s3 cp --metadata` sends it as typed ("Cholera up 100% in Yemen"). Whatever can be decoded
 * is; whatever cannot is kept as sent. A metadata value is never a reason for ingest to fail.
 */
export function decodeMetadataValue(raw: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const words = raw.replace(/\?=\s+=\?/g, '?==?');
  if (words.search(ENCODED_WORD) >= 0) {
    return words.replace(
      ENCODED_WORD,
      (word, charset: string, encoding: string, text: string) =>
        decodeWord(charset, encoding, text) ?? word,
    );
  }
  return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly s3: S3Client) {}

  async getObject(bucket: string, key: string, versionId?: string | null): Promise<StoredObject> {
    try {
      const out = await this.s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId ?? undefined }),
      );
      const meta = out.Metadata ?? {};
      const pick = (k: string) => (meta[k] ? decodeMetadataValue(meta[k]) : undefined);
      const title = pick(METADATA_KEYS.title),
        sourceUrl = pick(METADATA_KEYS.sourceUrl),
        publishedAt = pick(METADATA_KEYS.publishedAt);
      return {
        bytes: await out.Body!.transformToByteArray(),
        contentType: out.ContentType ?? null,
        versionId: out.VersionId && out.VersionId !== 'null' ? out.VersionId : null,
        metadata: {
          ...(title ? { title } : {}),
          ...(sourceUrl ? { sourceUrl } : {}),
          ...(publishedAt ? { publishedAt } : {}),
        },
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        throw new ObjectNotFoundError(bucket, key);
      throw error;
    }
  }

  async keyState(bucket: string, key: string): Promise<KeyState> {
    const versions: (string | null)[] = [];
    let present = false;
    let keyMarker: string | undefined, versionIdMarker: string | undefined;
    for (;;) {
      const page = await this.s3.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          Prefix: key,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      for (const v of page.Versions ?? []) {
        if (v.Key !== key) continue;
        versions.push(v.VersionId && v.VersionId !== 'null' ? v.VersionId : null);
        if (v.IsLatest) present = true;
      }
      if (!page.IsTruncated) return { present, versions };
      keyMarker = page.NextKeyMarker;
      versionIdMarker = page.NextVersionIdMarker;
    }
  }

  async putText(bucket: string, key: string, text: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: text,
        ContentType: 'text/plain; charset=utf-8',
      }),
    );
  }

  async getText(bucket: string, key: string): Promise<string | null> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToString('utf-8')) ?? null;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        return null;
      throw error;
    }
  }
}
