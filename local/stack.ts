/**
 * The embedded local stack: DynamoDB Local and s3rver on 127.0.0.1, the same tables and bucket
 * as on AWS, and the same Lambda handlers driven with the same event shapes: S3 ObjectCreated
 * events from s3rver (with Lambda's async retries) and DynamoDB stream batches from DynamoDB
 * Local's stream API. `npm start` and the integration tests both run it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ARTICLES_PREFIX, ENV, EVENTS_TABLE, LOCAL_BUCKET, VIEWS_TABLE } from '../src/tables';
import type { AsyncFailureMessage } from '../src/app/redrive';
import type { IngestResult } from '../src/app/use-cases';
import { decodeS3Key, encodeS3Key } from '../src/adapters/s3-keys';
import { FileDeadLetterQueue } from './file-dead-letter-queue';
import { serveHttp } from './http-server';
import {
  freePort,
  startDynamoDbLocal,
  startS3Local,
  type DynamoDbLocal,
  type S3Local,
} from './services';
import { StreamPoller, type StreamHandler } from './stream-poller';
import { ensureTable, eventsTableDefinition, viewsTableDefinition } from './tables';

export interface LocalStackOptions {
  /** Folder for data kept between runs; null keeps everything in memory or a temp folder. */
  dataDir: string | null;
  fresh?: boolean;
  apiPort?: number;
  log?: (line: string) => void;
  /** Lambda's async invocation retries an S3 event twice before the on-failure destination. */
  ingestRetries?: number;
  streamMaxRetries?: number;
  ingestConcurrency?: number;
  /** Test seam for fault injection: wraps the projector handler the stream poller calls. */
  decorateProjector?: (handler: StreamHandler) => StreamHandler;
}

export interface StackInfo {
  apiUrl: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  eventsTable: string;
  viewsTable: string;
  region: string;
  pid: number;
  dataDir: string;
}

export interface LocalStack extends StackInfo {
  s3: S3Client;
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  dynamoDbLocal: DynamoDbLocal;
  /** Stops DynamoDB Local and starts it again on the same port and data, as an outage would. */
  restartDynamoDbLocal(downMs?: number): Promise<void>;
  poller: StreamPoller;
  deadLetters: FileDeadLetterQueue;
  ingestDeadLetters: FileDeadLetterQueue<AsyncFailureMessage<S3Event>>;
  /** Resolves when every upload seen so far is ingested and every stream record projected. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const STACK_FILE = 'stack.json';
/** One JSON line per ingest outcome, which `npm run ingest` reads to summarise its uploads. */
export const INGEST_LOG = 'ingest-log.jsonl';
/** s3rver accepts only its own fixed key pair; DynamoDB Local accepts any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const REGION = 'us-east-1';

const lambdaContext = (name: string): Context =>
  ({
    functionName: name,
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => 60_000,
  }) as Context;

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const dataDir =
    options.dataDir ?? path.join(os.tmpdir(), `aid-ledger-${process.pid}-${Date.now()}`);
  if (options.fresh || options.dataDir === null) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const [dynamoPort, s3Port] = [await freePort(), await freePort()];
  let dynamoDbLocal = await startDynamoDbLocal({
    port: dynamoPort,
    dbPath: options.dataDir ? path.join(dataDir, 'dynamodb') : null,
  });
  let s3Local: S3Local;
  try {
    s3Local = await startS3Local({
      port: s3Port,
      directory: path.join(dataDir, 's3'),
      buckets: [LOCAL_BUCKET],
    });
  } catch (error) {
    await dynamoDbLocal.stop();
    throw error;
  }

  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbLocal.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamoDbLocal.endpoint,
    AWS_ENDPOINT_URL_S3: s3Local.endpoint,
    [ENV.eventsTable]: EVENTS_TABLE.localName,
    [ENV.viewsTable]: VIEWS_TABLE.localName,
    [ENV.bucket]: LOCAL_BUCKET,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;

  const credentials = LOCAL_CREDENTIALS;
  const dynamo = new DynamoDBClient({
    region: REGION,
    endpoint: dynamoDbLocal.endpoint,
    credentials,
  });
  const streams = new DynamoDBStreamsClient({
    region: REGION,
    endpoint: dynamoDbLocal.endpoint,
    credentials,
  });
  const s3 = new S3Client({
    region: REGION,
    endpoint: s3Local.endpoint,
    forcePathStyle: true,
    credentials,
  });
  await ensureTable(dynamo, eventsTableDefinition(EVENTS_TABLE.localName));
  await ensureTable(dynamo, viewsTableDefinition(VIEWS_TABLE.localName));

  const ingest = await import('../src/lambdas/ingest');
  const projector = await import('../src/lambdas/projector');
  const api = await import('../src/lambdas/api');

  const ingestDeadLetters = new FileDeadLetterQueue<AsyncFailureMessage<S3Event>>(
    path.join(dataDir, 'dlq', 'ingest'),
  );
  const resultsLog = path.join(dataDir, INGEST_LOG);
  const queue = new IngestQueue(
    async (record, quiet) => {
      const results = await ingest.handler({ Records: [record] } as S3Event);
      for (const r of results) {
        if (!quiet || r.outcome !== 'redelivered') log(describeIngest(r));
        appendFileSync(resultsLog, `${JSON.stringify({ ...r, at: new Date().toISOString() })}\n`);
      }
    },
    options.ingestRetries ?? 2,
    options.ingestConcurrency ?? 4,
    async (record, error) => {
      await ingestDeadLetters.send({
        requestContext: {
          condition: 'RetriesExhausted',
          approximateInvokeCount: (options.ingestRetries ?? 2) + 1,
        },
        requestPayload: { Records: [record] },
        responsePayload: { errorMessage: error instanceof Error ? error.message : String(error) },
        timestamp: new Date().toISOString(),
      });
      log(
        `ingest failed for ${record.s3.object.key}: ${error instanceof Error ? error.message : String(error)} (kept for npm run redrive)`,
      );
      appendFileSync(
        resultsLog,
        `${JSON.stringify({ outcome: 'failed', key: decodeS3Key(record.s3.object.key), reason: String(error), at: new Date().toISOString() })}\n`,
      );
    },
  );
  (s3Local.server as unknown as NodeJS.EventEmitter).on('event', (event: S3Event) => {
    for (const record of event.Records) {
      if (
        !record.eventName.startsWith('ObjectCreated') ||
        !record.s3.object.key.startsWith(ARTICLES_PREFIX)
      )
        continue;
      // s3rver puts raw keys in its events; S3 encodes them, so the bridge does too.
      queue.push({
        ...record,
        s3: {
          ...record.s3,
          object: { ...record.s3.object, key: encodeS3Key(record.s3.object.key) },
        },
      });
    }
  });

  const deadLetters = new FileDeadLetterQueue(path.join(dataDir, 'dlq', 'projector'));
  const poller = new StreamPoller({
    dynamo,
    streams,
    tableName: EVENTS_TABLE.localName,
    handler: options.decorateProjector
      ? options.decorateProjector(projector.handler)
      : projector.handler,
    deadLetters,
    checkpointFile: path.join(dataDir, 'stream-checkpoints.json'),
    maxRetries: options.streamMaxRetries ?? 3,
    onError: (error) => log(`projector: ${describeError(error)}`),
  });
  poller.start();

  // Uploads that arrived while the stack was down never produced an event: deliver one for
  // every stored article again (ingestion is idempotent, so the ones already done append nothing).
  const stored = await listKeys(s3, LOCAL_BUCKET, ARTICLES_PREFIX);
  for (const key of stored) queue.push(objectCreatedRecord(LOCAL_BUCKET, key), true);
  if (stored.length)
    log(`checking ${stored.length} stored uploads for any missed while the stack was down`);

  let server: Server;
  try {
    server = await serveHttp((event) => api.handler(event), options.apiPort ?? 3000);
  } catch (error) {
    await poller.stop();
    await s3Local.stop();
    await dynamoDbLocal.stop();
    throw error;
  }
  const info: StackInfo = {
    apiUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    s3Endpoint: s3Local.endpoint,
    dynamoEndpoint: dynamoDbLocal.endpoint,
    bucket: LOCAL_BUCKET,
    eventsTable: EVENTS_TABLE.localName,
    viewsTable: VIEWS_TABLE.localName,
    region: REGION,
    pid: process.pid,
    dataDir,
  };
  writeFileSync(path.join(dataDir, STACK_FILE), JSON.stringify(info, null, 2));

  let stopping: Promise<void> | null = null;
  return {
    ...info,
    s3,
    dynamo,
    streams,
    get dynamoDbLocal() {
      return dynamoDbLocal;
    },
    async restartDynamoDbLocal(downMs = 0) {
      await dynamoDbLocal.stop();
      await new Promise((r) => setTimeout(r, downMs));
      dynamoDbLocal = await startDynamoDbLocal({
        port: dynamoDbLocal.port,
        dbPath: dynamoDbLocal.dbPath,
      });
    },
    poller,
    deadLetters,
    ingestDeadLetters,
    async settled() {
      await queue.idle();
      await poller.drained();
    },
    stop() {
      stopping ??= (async () => {
        rmSync(path.join(dataDir, STACK_FILE), { force: true });
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await queue.idle();
        await poller.stop();
        await s3Local.stop();
        await dynamoDbLocal.stop();
        if (options.dataDir === null) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

function describeIngest(r: IngestResult): string {
  const name = r.key.slice(ARTICLES_PREFIX.length);
  switch (r.outcome) {
    case 'ingested':
      return `ingested ${name} → article ${r.articleId} (${r.facts} facts)`;
    case 'rejected':
      return `rejected ${name}: ${r.reason}`;
    case 'duplicate':
      return `duplicate ${name}: same text as article ${r.articleId}`;
    case 'redelivered':
      return `unchanged ${name}: already recorded as article ${r.articleId}`;
  }
}

export function objectCreatedRecord(bucket: string, key: string): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: REGION,
    eventTime: new Date().toISOString(),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'local' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'local',
      bucket: {
        name: bucket,
        ownerIdentity: { principalId: 'local' },
        arn: `arn:aws:s3:::${bucket}`,
      },
      object: { key: encodeS3Key(key), size: 0, eTag: '', sequencer: '0' },
    },
  };
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(out.Contents ?? []).map((o) => o.Key!));
    token = out.NextContinuationToken;
  } while (token);
  return keys;
}

/** Uploads every article file of a folder (not its subfolders) under articles/. */
export async function uploadFolder(s3: S3Client, bucket: string, dir: string): Promise<number> {
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.') && statSync(path.join(dir, f)).isFile())
    .sort();
  for (const file of files) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${ARTICLES_PREFIX}${file}`,
        Body: readFileSync(path.join(dir, file)),
      }),
    );
  }
  return files.length;
}

/**
 * Lambda's asynchronous invocation for S3 events: each event is tried, retried twice with a
 * back-off, then handed to the on-failure destination.
 */
class IngestQueue {
  private readonly pending: { record: S3EventRecord; quiet: boolean }[] = [];
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly work: (record: S3EventRecord, quiet: boolean) => Promise<void>,
    private readonly retries: number,
    private readonly concurrency: number,
    private readonly onFailure: (record: S3EventRecord, error: unknown) => Promise<void>,
  ) {}

  /** Quiet deliveries log only what changed anything. */
  push(record: S3EventRecord, quiet = false): void {
    this.pending.push({ record, quiet });
    this.pump();
  }

  idle(): Promise<void> {
    if (this.running === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.pending.length > 0) {
      const { record, quiet } = this.pending.shift()!;
      this.running++;
      void this.attempt(record, quiet).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.pending.length === 0)
          for (const resolve of this.waiters.splice(0)) resolve();
      });
    }
  }

  private async attempt(record: S3EventRecord, quiet: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.work(record, quiet);
        return;
      } catch (error) {
        if (attempt >= this.retries) return this.onFailure(record, error);
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }
}

/** Powertools reports a batch where every record failed as one error holding the records' errors. */
function describeError(error: unknown): string {
  const inner = (error as { recordErrors?: unknown[] }).recordErrors?.[0];
  const message = error instanceof Error ? error.message : String(error);
  return inner instanceof Error ? `${message} (first: ${inner.message})` : message;
}
