/** Where articles are uploaded (articles/), texts kept (text/) and exports written (exports/). */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { EXPORTS_PREFIX } from '../../src/tables';
import { acknowledge, type Scope } from './shared';

export class ArticlesBucket {
  readonly bucket: Bucket;

  constructor(scope: Scope) {
    const accessLogs = new Bucket(scope, 'AccessLogsBucket', {
      // Server access logs can only be delivered to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'This is the access-log bucket itself; logging it into another bucket would only move the problem.',
    );
    this.bucket = new Bucket(scope, 'ArticlesBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // Commits reference the uploaded object's version id; re-extraction reads that exact version,
      // so noncurrent versions are kept.
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'articles-bucket/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // Exports are served by presigned links that expire in minutes; the files need not outlive a day.
        { prefix: EXPORTS_PREFIX, expiration: Duration.days(1) },
      ],
      // A browser PUTs a presigned upload (read-api.ts signs it) and reads the version it created.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          // Any origin: the presigned URL is the authorisation, and naming the API's origin here
          // would make the bucket depend on the API that depends on the bucket.
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'x-amz-version-id'],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
