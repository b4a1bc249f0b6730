import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDbEventStore } from '../../adapters/dynamodb-event-store';
import { DynamoDbViewVersions } from '../../adapters/dynamodb-view-versions';
import { S3ExportStore } from '../../adapters/s3-exports';
import { S3ObjectStore } from '../../adapters/s3-object-store';
import { S3UploadSigner } from '../../adapters/s3-uploads';
import { LiveViews } from '../../app/live-views';
import { createApiHandler } from '../api';
import { env, ENV, logger } from './env';

const dynamo = new DynamoDBClient({ maxAttempts: 3 });
const s3 = new S3Client({});
const bucket = env(ENV.bucket);
const authBase = env(ENV.authBaseUrl);

export const handler = createApiHandler({
  views: new LiveViews(new DynamoDbViewVersions(dynamo, env(ENV.viewsTable))),
  events: new DynamoDbEventStore(dynamo, env(ENV.eventsTable)),
  objects: new S3ObjectStore(s3),
  exports: new S3ExportStore(s3, bucket),
  // No flexible checksum may be signed into an upload URL before the body exists.
  uploads: new S3UploadSigner(
    new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' }),
    bucket,
  ),
  publicRead: env(ENV.publicRead) === 'true',
  // Cognito's managed login, and the bucket's virtual-hosted endpoint the upload URLs name.
  dashboard: {
    auth: {
      authorizeUrl: `${authBase}/oauth2/authorize`,
      tokenUrl: `${authBase}/oauth2/token`,
      logoutUrl: `${authBase}/logout`,
      clientId: env(ENV.authClientId),
      scopes: ['openid'],
    },
    connectSources: [authBase, `https://${bucket}.s3.${process.env.AWS_REGION}.amazonaws.com`],
  },
  bucket,
  logger,
});
