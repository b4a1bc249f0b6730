/**
 * More than 1,000 objects in the bucket: the S3 server lists them all through ListObjectsV2's
 * and ListObjectVersions' continuation, after a restart on the same data folder too, and the
 * stack starts on them, re-delivering an event for every stored upload.
 */
import {
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, REGION } from '../../local/composition';
import { freePort, startS3Local, type S3Local } from '../../local/services';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { ARTICLES_PREFIX, LOCAL_BUCKET } from '../../src/tables';
import { eventually } from '../support/clients';
import { ingestLog } from '../support/local-s3';

const N = 1_500;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aid-ledger-many-'));
let s3Only: S3Local | undefined;
let stack: LocalStack | undefined;

/** The S3 server alone on the stack's data folder, as when uploads arrive while it is down. */
async function startS3Only(): Promise<S3Client> {
  s3Only = await startS3Local({
    port: await freePort(),
    directory: path.join(dataDir, 's3'),
    buckets: [LOCAL_BUCKET],
  });
  return new S3Client({
    region: REGION,
    endpoint: s3Only.endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
}

async function stopS3Only(client: S3Client): Promise<void> {
  client.destroy();
  await s3Only?.stop();
  s3Only = undefined;
}

const keyOf = (i: number) => `${ARTICLES_PREFIX}district-${String(i).padStart(4, '0')}.txt`;

beforeAll(async () => {
  const client = await startS3Only();
  try {
    for (let i = 0; i < N; i += 25)
      await Promise.all(
        Array.from({ length: Math.min(25, N - i) }, (_, j) =>
          client.send(
            new PutObjectCommand({
              Bucket: LOCAL_BUCKET,
              Key: keyOf(i + j),
              Body: `Supplies reach district ${i + j}\n\nThe Red Cross said on Tuesday that ${i + j + 10} tonnes of medical supplies had arrived.`,
            }),
          ),
        ),
      );
  } finally {
    await stopS3Only(client);
  }
});

afterAll(async () => {
  await stack?.stop();
  await s3Only?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function listV2(s3: S3Client): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const out = await s3.send(
      new ListObjectsV2Command({
        Bucket: LOCAL_BUCKET,
        Prefix: ARTICLES_PREFIX,
        ContinuationToken: token,
      }),
    );
    pages++;
    keys.push(...(out.Contents ?? []).map((c) => c.Key!));
    token = out.NextContinuationToken;
  } while (token);
  return { keys, pages };
}

async function listVersions(s3: S3Client): Promise<{ versions: string[]; pages: number }> {
  const versions: string[] = [];
  let pages = 0;
  let keyMarker: string | undefined, versionIdMarker: string | undefined;
  for (;;) {
    const out = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: LOCAL_BUCKET,
        Prefix: ARTICLES_PREFIX,
        KeyMarker: keyMarker,
        VersionIdMarker: versionIdMarker,
      }),
    );
    pages++;
    versions.push(...(out.Versions ?? []).map((v) => `${v.Key}@${v.VersionId}`));
    if (!out.IsTruncated) return { versions, pages };
    keyMarker = out.NextKeyMarker;
    versionIdMarker = out.NextVersionIdMarker;
  }
}

describe(`a bucket with ${N} objects`, () => {
  it('given a restart of the S3 server on the same data folder, then every key and version is listed, page after page', async () => {
    const client = await startS3Only();
    try {
      const v2 = await listV2(client);
      expect(v2.pages).toBe(2);
      expect(v2.keys).toEqual(Array.from({ length: N }, (_, i) => keyOf(i)));
      const versions = await listVersions(client);
      expect(versions.pages).toBe(2);
      expect(new Set(versions.versions).size).toBe(N);
    } finally {
      await stopS3Only(client);
    }
  });

  it('given the uploads were made while the stack was down, then the stack starts, re-delivers every one and ingests them', async () => {
    const lines: string[] = [];
    stack = await startLocalStack({ dataDir, apiPort: 0, log: (l) => lines.push(l) });
    expect(lines).toContain(`checking ${N} stored uploads for any missed while the stack was down`);
    expect((await listV2(stack.s3)).keys).toHaveLength(N);
    // The re-delivered events are being ingested (all of them would take a minute on two cores).
    await eventually(
      async () => (ingestLog(dataDir).length >= 40 ? true : undefined),
      60_000,
      'the first re-delivered uploads to be ingested',
    );
    expect(
      ingestLog(dataDir).every(
        (r) => r.outcome === 'ingested' && r.key.startsWith(ARTICLES_PREFIX),
      ),
    ).toBe(true);
    await stack.stop();
    stack = undefined;
  });
});
