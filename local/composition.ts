/**
 * Composition for this machine: the very handlers the Lambdas run, given adapters pointed at
 * DynamoDB Local and the local S3 server. Nothing here touches process.env: endpoints and names
 * are passed in, so several stacks can run in one process (the tests do).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import path from 'node:path';
import { DynamoDbEventStore } from '../src/adapters/dynamodb-event-store';
import { DynamoDbStreamReader } from '../src/adapters/dynamodb-stream-reader';
import { DynamoDbViewVersions } from '../src/adapters/dynamodb-view-versions';
import { LiveViews } from '../src/app/live-views';
import { S3ExportStore } from '../src/adapters/s3-exports';
import { S3ObjectStore } from '../src/adapters/s3-object-store';
import { S3UploadSigner } from '../src/adapters/s3-uploads';
import type { DashboardConfig } from '../src/api/routes';
import type { AsyncFailureMessage, Extractor } from '../src/app/ports';
import { inProcessExtractor } from '../src/adapters/in-process-extractor';
import { createApiHandler } from '../src/lambdas/api';
import { createIngestHandler } from '../src/lambdas/ingest';
import { createProjectorHandler } from '../src/lambdas/projector';
import { createRebuildHandler } from '../src/lambdas/rebuild';
import { createReextractHandler } from '../src/lambdas/reextract';
import { createRedriveHandler } from '../src/lambdas/redrive';
import { FileDeadLetterQueue } from './file-dead-letter-queue';
import { AUTH_PATH, LOCAL_CLIENT_ID } from './identity';

/**
 * The one key pair of the local services: the local S3 server accepts only this access key id,
 * DynamoDB Local any made of letters and digits.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'AidLedgerLocal', secretAccessKey: 'local' };
export const REGION = 'us-east-1';

/** Where a local stack's services listen and what its tables and bucket are called. */
export interface LocalEndpoints {
  dynamoEndpoint: string;
  s3Endpoint: string;
  eventsTable: string;
  viewsTable: string;
  bucket: string;
  region: string;
  dataDir: string;
}

export const localExtractor: Extractor = inProcessExtractor;

export function localClients(e: LocalEndpoints) {
  const credentials = LOCAL_CREDENTIALS;
  return {
    dynamo: new DynamoDBClient({
      region: e.region,
      endpoint: e.dynamoEndpoint,
      credentials,
      maxAttempts: 6,
    }),
    streams: new DynamoDBStreamsClient({
      region: e.region,
      endpoint: e.dynamoEndpoint,
      credentials,
    }),
    s3: new S3Client({
      region: e.region,
      endpoint: e.s3Endpoint,
      forcePathStyle: true,
      credentials,
    }),
  };
}

/** For presigned uploads: no flexible checksum may be signed into a URL before the body exists. */
const signingClient = (e: LocalEndpoints) =>
  new S3Client({
    region: e.region,
    endpoint: e.s3Endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });

/** Lambda logs at INFO on AWS; a terminal wants only what went wrong. */
const localLogger = () =>
  new Logger({
    serviceName: 'aid-ledger',
    logLevel: (process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN') as 'WARN',
  });

export const deadLetterDirs = (dataDir: string) => ({
  ingest: path.join(dataDir, 'dlq', 'ingest'),
  projector: path.join(dataDir, 'dlq', 'projector'),
});

/**
 * What the dashboard is told locally: the local issuer's sign-in pages on the same origin, and
 * the local S3 server it sends uploads to.
 */
const localDashboard = (e: LocalEndpoints): DashboardConfig => ({
  auth: {
    authorizeUrl: `${AUTH_PATH}/oauth2/authorize`,
    tokenUrl: `${AUTH_PATH}/oauth2/token`,
    logoutUrl: `${AUTH_PATH}/logout`,
    clientId: LOCAL_CLIENT_ID,
    scopes: ['openid'],
  },
  connectSources: [e.s3Endpoint],
});

export function localHandlers(
  e: LocalEndpoints,
  extractor: Extractor = localExtractor,
  access: { publicRead: boolean } = { publicRead: true },
) {
  const { dynamo, streams, s3 } = localClients(e);
  const logger = localLogger();
  const events = new DynamoDbEventStore(dynamo, e.eventsTable);
  const versions = new DynamoDbViewVersions(dynamo, e.viewsTable);
  const objects = new S3ObjectStore(s3);
  const now = () => new Date().toISOString();
  const ingest = createIngestHandler({ events, objects, extractor, now, logger });
  const projector = createProjectorHandler({ versions, logger });
  const dirs = deadLetterDirs(e.dataDir);
  return {
    clients: { dynamo, streams, s3 },
    ingest,
    projector,
    api: createApiHandler({
      views: new LiveViews(versions),
      events,
      objects,
      exports: new S3ExportStore(s3, e.bucket),
      uploads: new S3UploadSigner(signingClient(e), e.bucket),
      publicRead: access.publicRead,
      dashboard: localDashboard(e),
      bucket: e.bucket,
      logger,
    }),
    rebuild: createRebuildHandler({ events, versions, logger, now }),
    reextract: createReextractHandler({ events, objects, extractor, now, logger }),
    redrive: createRedriveHandler({
      uploads: new FileDeadLetterQueue<AsyncFailureMessage<S3Event>>(dirs.ingest),
      records: new FileDeadLetterQueue(dirs.projector),
      stream: new DynamoDbStreamReader(streams),
      ingest,
      projector,
      logger,
    }),
  };
}

export type LocalHandlers = ReturnType<typeof localHandlers>;
