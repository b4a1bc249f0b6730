/**
 * Presigned uploads on S3: a PUT to one key, of exactly the size declared, with the metadata
 * fields as signed headers. S3 checks a presigned request's signed headers, so a body of any
 * other length (or other metadata) is refused with SignatureDoesNotMatch: the size limit the API
 * checked before signing is the one S3 enforces.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UploadSigner } from '../app/ports';
import type { UploadMetadata } from '../domain/extractor/types';
import { METADATA_KEYS } from './s3-object-store';

/** The metadata as S3 user metadata: ASCII only, so each value is URL-encoded (ingest decodes it). */
export function s3Metadata(fields: UploadMetadata): Record<string, string> {
  const out: Record<string, string> = {};
  if (fields.publishedAt) out[METADATA_KEYS.publishedAt] = encodeURIComponent(fields.publishedAt);
  if (fields.sourceUrl) out[METADATA_KEYS.sourceUrl] = encodeURIComponent(fields.sourceUrl);
  if (fields.title) out[METADATA_KEYS.title] = encodeURIComponent(fields.title);
  return out;
}

export class S3UploadSigner implements UploadSigner {
  /** `s3` must not add flexible checksums (requestChecksumCalculation WHEN_REQUIRED): a checksum
   * signed into the URL would be the empty body's. */
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async presignPut(
    key: string,
    o: { size: number; contentType: string; fields: UploadMetadata; expiresInSeconds: number },
  ): Promise<{ url: string; headers: Record<string, string> }> {
    const metadata = s3Metadata(o.fields);
    const metaHeaders = Object.fromEntries(
      Object.entries(metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]),
    );
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentLength: o.size,
        ContentType: o.contentType,
        Metadata: metadata,
      }),
      {
        expiresIn: o.expiresInSeconds,
        signableHeaders: new Set(['content-length', 'content-type']),
        unhoistableHeaders: new Set(Object.keys(metaHeaders)),
      },
    );
    return { url, headers: { 'content-type': o.contentType, ...metaHeaders } };
  }
}
