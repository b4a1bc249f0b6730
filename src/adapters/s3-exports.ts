/**
 * Large exports on S3: written under exports/ (a lifecycle rule expires them) and served through
 * a presigned GET, so the API answers a redirect instead of a body over its size limit.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportStore } from '../app/ports';
import { EXPORTS_PREFIX } from '../tables';

/** Long enough to download a large file on a slow line; short enough not to be a permalink. */
const LINK_SECONDS = 15 * 60;

export class S3ExportStore implements ExportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async save(name: string, body: string, contentType: string): Promise<string> {
    const key = `${EXPORTS_PREFIX}${name}`;
    const fileName = name.slice(name.lastIndexOf('/') + 1);
    const disposition = `attachment; filename="${fileName}"`;
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentDisposition: disposition,
      }),
    );
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: LINK_SECONDS,
    });
  }
}
