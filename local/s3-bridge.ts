/**
 * S3 event notifications, locally: the S3 server's ObjectCreated and ObjectRemoved events under
 * articles/ become asynchronous invocations of the ingest handler, with Lambda's retries and a
 * file-backed on-failure destination; every outcome is appended to the ingest log `npm run
 * ingest` reads. Each ObjectCreated event names the object version its PUT created, so ingest
 * reads exactly that version.
 */
import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { appendFileSync } from 'node:fs';
import { decodeS3Key, encodeS3Key } from '../src/adapters/s3-keys';
import type { AsyncFailureMessage, DeadLetterQueue } from '../src/app/ports';
import type { IngestResult } from '../src/app/ingest';
import { printable } from '../src/app/printable';
import type { IngestHandler } from '../src/lambdas/ingest';
import { ARTICLES_PREFIX } from '../src/tables';
import { AsyncInvoker } from './async-invoker';
import { REGION } from './composition';

export interface S3BridgeOptions {
  ingest: IngestHandler;
  deadLetters: DeadLetterQueue<AsyncFailureMessage<S3Event>>;
  /** One JSON line per outcome. */
  resultsLog: string;
  log: (line: string) => void;
  retries: number;
  concurrency: number;
}

export function s3Bridge(o: S3BridgeOptions) {
  const record = (line: Record<string, unknown>) =>
    appendFileSync(o.resultsLog, `${JSON.stringify({ ...line, at: new Date().toISOString() })}\n`);
  const invoker = new AsyncInvoker<S3EventRecord>({
    invoke: async (event, quiet) => {
      for (const r of await o.ingest({ Records: [event] })) {
        if (!quiet || r.outcome !== 'redelivered') o.log(printable(describeIngest(r)));
        record({ ...r });
      }
    },
    retries: o.retries,
    concurrency: o.concurrency,
    onFailure: async (event, error) => {
      const message = error instanceof Error ? error.message : String(error);
      await o.deadLetters.send({
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: o.retries + 1 },
        requestPayload: { Records: [event] },
        responsePayload: { errorMessage: message },
        timestamp: new Date().toISOString(),
      });
      o.log(
        printable(
          `ingest failed for ${decodeS3Key(event.s3.object.key)}: ${message} (kept for npm run redrive)`,
        ),
      );
      record({ outcome: 'failed', key: decodeS3Key(event.s3.object.key), reason: String(error) });
    },
  });
  return {
    /** Takes the events the S3 server emits, shaped like S3's (URL-encoded key, version id). */
    onS3Event(event: S3Event): void {
      for (const r of event.Records)
        if (
          /^Object(Created|Removed)/.test(r.eventName) &&
          decodeS3Key(r.s3.object.key).startsWith(ARTICLES_PREFIX)
        )
          invoker.push(r);
    },
    /**
     * Uploads that arrived while the stack was down never produced an event: deliver one for
     * every stored version of every article again, oldest first, each naming its version
     * (ingestion is idempotent, so the ones already done append nothing).
     */
    async redeliverStored(s3: S3Client, bucket: string): Promise<number> {
      const { versions, removedKeys } = await listVersions(s3, bucket, ARTICLES_PREFIX);
      for (const v of versions) invoker.push(objectCreatedRecord(bucket, v.key, v), true);
      // A delete made while the stack was down produced no event either.
      for (const key of removedKeys) invoker.push(objectRemovedRecord(bucket, key), true);
      return versions.length;
    },
    idle: () => invoker.idle(),
    /** Drops the deliveries not yet started (a failed start) and waits for the running ones. */
    abandon: () => invoker.abandon(),
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
    case 'corrected':
      return `corrected ${name}: new metadata for article ${r.articleId} (${r.facts} facts)`;
    case 'removed':
      return `removed ${name}: no longer counts for article ${r.articleId}`;
    case 'withdrawn':
      return `withdrawn ${name}: article ${r.articleId} has no upload left; its facts leave the views`;
    case 'restored':
      return `restored ${name}: counts again for article ${r.articleId}`;
    case 'reinstated':
      return `reinstated ${name}: article ${r.articleId} is shown again (${r.facts} facts)`;
  }
}

/** The event S3 sends when a DELETE puts a delete marker on a key. */
function objectRemovedRecord(bucket: string, key: string): S3EventRecord {
  return { ...objectCreatedRecord(bucket, key), eventName: 'ObjectRemoved:DeleteMarkerCreated' };
}

/** The event S3 sends for a PUT; without a version id, ingest reads the latest version. */
export function objectCreatedRecord(
  bucket: string,
  key: string,
  object: { versionId?: string | null; size?: number; eTag?: string } = {},
): S3EventRecord {
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
      object: {
        key: encodeS3Key(key),
        size: object.size ?? 0,
        eTag: object.eTag ?? '',
        // The null version (stored before versioning) is read as the key's latest.
        ...(object.versionId && object.versionId !== 'null' ? { versionId: object.versionId } : {}),
        sequencer: '0',
      },
    },
  };
}

interface StoredVersion {
  key: string;
  versionId: string | null;
  size: number;
  eTag: string;
}

/**
 * Every stored version (not delete markers) under a prefix, keys in order, each oldest first;
 * and the keys whose latest version is a delete marker.
 */
async function listVersions(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<{ versions: StoredVersion[]; removedKeys: string[] }> {
  const out: StoredVersion[] = [];
  const removedKeys: string[] = [];
  let keyMarker: string | undefined, versionIdMarker: string | undefined;
  for (;;) {
    const page = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        Prefix: prefix,
        KeyMarker: keyMarker,
        VersionIdMarker: versionIdMarker,
      }),
    );
    const byKey = new Map<string, StoredVersion[]>();
    for (const v of page.Versions ?? []) {
      const list = byKey.get(v.Key!) ?? [];
      list.unshift({
        key: v.Key!,
        versionId: v.VersionId ?? null,
        size: v.Size ?? 0,
        eTag: (v.ETag ?? '').replace(/"/g, ''),
      });
      byKey.set(v.Key!, list);
    }
    for (const list of byKey.values()) out.push(...list);
    for (const marker of page.DeleteMarkers ?? [])
      if (marker.IsLatest) removedKeys.push(marker.Key!);
    if (!page.IsTruncated) return { versions: out, removedKeys };
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
}
