/**
 * The embedded local stack: DynamoDB Local and an S3 server on 127.0.0.1, the same tables and
 * bucket as on AWS, and the same Lambda handlers driven with the same event shapes: S3
 * ObjectCreated events (with Lambda's async retries) and DynamoDB stream batches (with the event
 * source mapping's semantics). `npm start` and the integration tests both run it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AsyncFailureMessage, Extractor } from '../src/app/ports';
import { ARTICLES_PREFIX, EVENTS_TABLE, LOCAL_BUCKET, VIEWS_TABLE } from '../src/tables';
import {
  deadLetterDirs,
  localClients,
  localHandlers,
  REGION,
  type LocalEndpoints,
  type LocalHandlers,
} from './composition';
import type { Role } from '../src/api/access';
import { FileDeadLetterQueue } from './file-dead-letter-queue';
import { localGateway } from './gateway';
import { LocalIssuer } from './identity';
import { serveHttp } from './http-server';
import { s3Bridge } from './s3-bridge';
import {
  freePort,
  startDynamoDbLocal,
  startS3Local,
  type DynamoDbLocal,
  type S3Local,
} from './services';
import { StreamPoller, type StreamHandler } from './stream-poller';
import { workerExtractor, type WorkerExtractor } from './worker-extractor';
import { ensureTable, eventsTableDefinition, viewsTableDefinition } from './tables';

export interface LocalStackOptions {
  /** Folder for data kept between runs; null keeps everything in memory or a temp folder. */
  dataDir: string | null;
  fresh?: boolean;
  apiPort?: number;
  /** The S3 server's port; a free one when absent. */
  s3Port?: number;
  log?: (line: string) => void;
  /** Lambda's async invocation retries an S3 event twice before the on-failure destination. */
  ingestRetries?: number;
  streamMaxRetries?: number;
  ingestConcurrency?: number;
  /** Test seam for fault injection: wraps the projector handler the stream poller calls. */
  decorateProjector?: (handler: StreamHandler) => StreamHandler;
  /** Test seam: wraps the extractor (worker threads) the ingest and re-extract handlers call. */
  decorateExtractor?: (extractor: Extractor) => Extractor;
  /** Whether the facts are readable without signing in, as the `publicRead` context on AWS (default true). */
  publicRead?: boolean;
}

export interface StackInfo extends LocalEndpoints {
  apiUrl: string;
  pid: number;
  publicRead: boolean;
  /** A long-lived access token per role from the local issuer, for scripts and tests. */
  tokens: Record<Role, string>;
}

export interface LocalStack extends StackInfo {
  /** Signs tokens as the local issuer (tests make expired and odd ones with it). */
  issuer: LocalIssuer;
  s3: S3Client;
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  /** The handlers the stack drives, with the clients they use (tests inject faults there). */
  handlers: LocalHandlers;
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

/** Starts both services, or neither: a failed start leaves no process behind. */
async function startServices(
  dataDir: string,
  persistent: boolean,
  s3Port: number,
  log: (line: string) => void,
) {
  const dynamoDbLocal = await startDynamoDbLocal({
    port: await freePort(),
    dbPath: persistent ? path.join(dataDir, 'dynamodb') : null,
  });
  try {
    const s3Local = await startS3Local({
      port: s3Port,
      directory: path.join(dataDir, 's3'),
      buckets: [LOCAL_BUCKET],
      log,
    });
    return { dynamoDbLocal, s3Local };
  } catch (error) {
    await dynamoDbLocal.stop();
    throw error;
  }
}

/** What a start has running so far. */
class Parts {
  server: Server | null = null;
  poller: StreamPoller | null = null;
  bridge: ReturnType<typeof s3Bridge> | null = null;
  extractor: WorkerExtractor | null = null;

  constructor(
    readonly s3Local: S3Local,
    public dynamoDbLocal: DynamoDbLocal,
  ) {}

  /** Stops everything started, each step whatever the others did: DynamoDB Local always stops. */
  async stopAll(): Promise<void> {
    const errors: unknown[] = [];
    const step = async (stop: () => Promise<void> | undefined) => {
      try {
        await stop();
      } catch (error) {
        errors.push(error);
      }
    };
    await step(async () => {
      const server = this.server;
      if (!server) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    });
    await step(() => this.poller?.stop());
    await step(() => this.extractor?.close());
    await step(() => this.s3Local.stop());
    await step(() => this.dynamoDbLocal.stop());
    if (errors.length) throw errors[0];
  }
}

/** What the stack is made of, before it runs. */
interface Assembly {
  options: LocalStackOptions;
  log: (line: string) => void;
  dataDir: string;
  endpoints: LocalEndpoints;
  handlers: LocalHandlers;
  /** The stack's own clients, apart from the ones the handlers use (tests inject faults into those). */
  clients: ReturnType<typeof localClients>;
  deadLetters: FileDeadLetterQueue;
  ingestDeadLetters: FileDeadLetterQueue<AsyncFailureMessage<S3Event>>;
  issuer: LocalIssuer;
  publicRead: boolean;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const dataDir =
    options.dataDir ?? path.join(os.tmpdir(), `aid-ledger-${process.pid}-${Date.now()}`);
  if (options.fresh || options.dataDir === null) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const services = await startServices(dataDir, options.dataDir !== null, options.s3Port ?? 0, log);
  const parts = new Parts(services.s3Local, services.dynamoDbLocal);
  const endpoints: LocalEndpoints = {
    dynamoEndpoint: parts.dynamoDbLocal.endpoint,
    s3Endpoint: parts.s3Local.endpoint,
    eventsTable: EVENTS_TABLE.localName,
    viewsTable: VIEWS_TABLE.localName,
    bucket: LOCAL_BUCKET,
    region: REGION,
    dataDir,
  };
  const dirs = deadLetterDirs(dataDir);
  const publicRead = options.publicRead ?? true;
  const extractor = workerExtractor();
  parts.extractor = extractor;
  const assembly: Assembly = {
    options,
    log,
    dataDir,
    endpoints,
    handlers: localHandlers(endpoints, options.decorateExtractor?.(extractor) ?? extractor, {
      publicRead,
    }),
    issuer: await LocalIssuer.create(),
    publicRead,
    clients: localClients(endpoints),
    ingestDeadLetters: new FileDeadLetterQueue<AsyncFailureMessage<S3Event>>(dirs.ingest),
    deadLetters: new FileDeadLetterQueue(dirs.projector),
  };
  try {
    return await run(assembly, parts);
  } catch (error) {
    // Deliveries queued by the re-delivery are dropped: the next start delivers them again.
    await parts.bridge?.abandon();
    await parts.stopAll().catch(() => undefined);
    throw error;
  }
}

/** Creates the tables, starts delivering S3 events and stream records, and serves the API. */
async function run(a: Assembly, parts: Parts): Promise<LocalStack> {
  const { options, log, dataDir, handlers } = a;
  const { dynamo, streams, s3 } = a.clients;
  await ensureTable(dynamo, eventsTableDefinition(EVENTS_TABLE.localName));
  await ensureTable(dynamo, viewsTableDefinition(VIEWS_TABLE.localName));
  const bridge = s3Bridge({
    ingest: handlers.ingest,
    deadLetters: a.ingestDeadLetters,
    resultsLog: path.join(dataDir, INGEST_LOG),
    log,
    retries: options.ingestRetries ?? 2,
    concurrency: options.ingestConcurrency ?? 4,
  });
  parts.bridge = bridge;
  parts.s3Local.server.onEvent((e) => bridge.onS3Event(e));
  const poller = new StreamPoller({
    dynamo,
    streams,
    tableName: EVENTS_TABLE.localName,
    handler: options.decorateProjector
      ? options.decorateProjector(handlers.projector)
      : handlers.projector,
    deadLetters: a.deadLetters,
    checkpointFile: path.join(dataDir, 'stream-checkpoints.json'),
    maxRetries: options.streamMaxRetries ?? 3,
    onError: (error) => log(`projector: ${describeError(error)}`),
  });
  parts.poller = poller;
  poller.start();
  const stored = await bridge.redeliverStored(s3, LOCAL_BUCKET);
  if (stored) log(`checking ${stored} stored uploads for any missed while the stack was down`);
  const gateway = localGateway({
    api: (event) => handlers.api(event),
    issuer: a.issuer,
    publicRead: a.publicRead,
  });
  const server = await serveHttp(gateway, options.apiPort ?? 3000);
  parts.server = server;

  const info: StackInfo = {
    ...a.endpoints,
    apiUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    pid: process.pid,
    publicRead: a.publicRead,
    tokens: await a.issuer.devTokens(),
  };
  // It holds the dev tokens: readable by this user only.
  writeFileSync(path.join(dataDir, STACK_FILE), JSON.stringify(info, null, 2), { mode: 0o600 });
  return handle(a, parts, info);
}

/** The running stack as its callers hold it. */
function handle(a: Assembly, parts: Parts, info: StackInfo): LocalStack {
  const bridge = parts.bridge!;
  const poller = parts.poller!;
  let stopping: Promise<void> | null = null;
  return {
    ...info,
    ...a.clients,
    handlers: a.handlers,
    issuer: a.issuer,
    get dynamoDbLocal() {
      return parts.dynamoDbLocal;
    },
    async restartDynamoDbLocal(downMs = 0) {
      const { port, dbPath } = parts.dynamoDbLocal;
      await parts.dynamoDbLocal.stop();
      await new Promise((r) => setTimeout(r, downMs));
      parts.dynamoDbLocal = await startDynamoDbLocal({ port, dbPath });
    },
    poller,
    deadLetters: a.deadLetters,
    ingestDeadLetters: a.ingestDeadLetters,
    async settled() {
      await bridge.idle();
      await poller.drained();
    },
    stop() {
      stopping ??= (async () => {
        rmSync(path.join(a.dataDir, STACK_FILE), { force: true });
        // Deliveries not yet started are dropped, not waited for: the next start re-delivers
        // every stored upload, so Ctrl-C does not wait for a long backlog.
        await bridge.abandon();
        await parts.stopAll();
        if (a.options.dataDir === null) rmSync(a.dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
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

/** Powertools reports a batch where every record failed as one error holding the records' errors. */
function describeError(error: unknown): string {
  const inner = (error as { recordErrors?: unknown[] }).recordErrors?.[0];
  const message = error instanceof Error ? error.message : String(error);
  return inner instanceof Error ? `${message} (first: ${inner.message})` : message;
}
