import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ObjectNotFoundError } from '../domain/errors';
import type { ObjectStore, StoredObject } from '../app/ports';

/** S3 user metadata keys the ingest CLI and `aws s3 cp --metadata` set. */
export const METADATA_KEYS = {
  title: 'title',
  sourceUrl: 'source-url',
  publishedAt: 'published-at',
} as const;

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly s3: S3Client) {}

  async getObject(bucket: string, key: string, versionId?: string | null): Promise<StoredObject> {
    try {
      const out = await this.s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId ?? undefined }),
      );
      const meta = out.Metadata ?? {};
      const pick = (k: string) => (meta[k] ? decodeURIComponent(meta[k]) : undefined);
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
