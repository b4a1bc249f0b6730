/**
 * The local S3 server on its own, through the AWS SDK: the S3 API subset the project uses, with
 * S3's answers, and the import of the previous server's (s3rver's) data.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, REGION } from '../../local/composition';
import { startS3Local, type S3Local } from '../../local/services';

const BUCKET = 'test-bucket';
const dir = mkdtempSync(path.join(os.tmpdir(), 'aid-ledger-s3-'));
let s3Local: S3Local;
let s3: S3Client;
const events: S3Event[] = [];

beforeAll(async () => {
  // What s3rver left in a data folder: the object beside its metadata.
  const legacy = path.join(dir, BUCKET, 'articles');
  mkdirSync(legacy, { recursive: true });
  writeFileSync(path.join(legacy, 'old one.txt._S3rver_object'), 'stored by s3rver');
  writeFileSync(
    path.join(legacy, 'old one.txt._S3rver_metadata.json'),
    JSON.stringify({ 'content-type': 'text/plain', 'x-amz-meta-title': 'Old' }),
  );
  s3Local = await startS3Local({ port: 0, directory: dir, buckets: [BUCKET] });
  s3Local.server.onEvent((e) => events.push(e));
  s3 = new S3Client({
    region: REGION,
    endpoint: s3Local.endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
});
afterAll(async () => {
  s3?.destroy();
  await s3Local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const text = async (out: { Body?: { transformToString(): Promise<string> } }) =>
  out.Body!.transformToString();

describe('the local S3 server', () => {
  it("imports s3rver's objects as their key's null version, with their metadata", async () => {
    const out = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'articles/old one.txt' }),
    );
    expect(await text(out)).toBe('stored by s3rver');
    expect(out.VersionId).toBe('null');
    expect(out.ContentType).toBe('text/plain');
    expect(out.Metadata).toEqual({ title: 'Old' });
    expect(existsSync(path.join(dir, BUCKET))).toBe(false);
  });

  it('stores user metadata and content type, and emits ObjectCreated:Put with the encoded key and the version id', async () => {
    const key = 'articles/a b+c ü.txt';
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: 'hello',
        ContentType: 'text/markdown',
        Metadata: { title: 'A%20title', 'source-url': 'https%3A%2F%2Fexample.org' },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head).toMatchObject({
      ContentType: 'text/markdown',
      ContentLength: 5,
      VersionId: put.VersionId,
      ETag: put.ETag,
      Metadata: { title: 'A%20title', 'source-url': 'https%3A%2F%2Fexample.org' },
    });
    const record = events.at(-1)!.Records[0]!;
    expect(record.eventName).toBe('ObjectCreated:Put');
    expect(record.s3.object).toMatchObject({
      key: 'articles/a+b%2Bc+%C3%BC.txt',
      versionId: put.VersionId,
      size: 5,
      eTag: put.ETag!.replace(/"/g, ''),
    });
  });

  it('decodes a streamed (aws-chunked) body and checks its CRC32', async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'streamed.txt',
        Body: Readable.from([Buffer.from('first part, '), Buffer.from('second part')]),
        ContentLength: 23,
      }),
    );
    const out = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.txt', ChecksumMode: 'ENABLED' }),
    );
    expect(await text(out)).toBe('first part, second part');
    expect(out.VersionId).toBe(put.VersionId);
    expect(out.ChecksumCRC32).toBeTruthy();
  });

  it('refuses a body that does not match its checksum', async () => {
    const error = await s3
      .send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'bad.txt',
          Body: 'hello',
          ChecksumCRC32: 'AAAAAA==',
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
  });

  it('keeps every version: a delete adds a marker, older versions stay readable by id', async () => {
    const key = 'versions/doc.txt';
    const v1 = (await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'one' })))
      .VersionId!;
    const v2 = (await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'two' })))
      .VersionId!;
    expect(v2 > v1).toBe(true);
    expect(await text(await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })))).toBe(
      'two',
    );
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(deleted.DeleteMarker).toBe(true);
    const gone = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })).catch((e) => e);
    expect(gone).toMatchObject({ name: 'NoSuchKey' });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'versions/' }));
    expect(listed.KeyCount).toBe(0);
    for (const [id, body] of [
      [v1, 'one'],
      [v2, 'two'],
    ] as const)
      expect(
        await text(
          await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, VersionId: id })),
        ),
      ).toBe(body);
    const unknown = await s3
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: key, VersionId: '0'.repeat(21) }))
      .catch((e) => e);
    expect(unknown).toMatchObject({ name: 'NoSuchVersion' });
  });

  it('lists with a delimiter as common prefixes', async () => {
    for (const key of ['tree/a/1', 'tree/a/2', 'tree/b/1', 'tree/c'])
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    const pages: { prefixes: string[]; keys: string[] }[] = [];
    let token: string | undefined;
    do {
      const out = await s3.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: 'tree/',
          Delimiter: '/',
          MaxKeys: 1,
          ContinuationToken: token,
        }),
      );
      pages.push({
        prefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix!),
        keys: (out.Contents ?? []).map((c) => c.Key!),
      });
      token = out.NextContinuationToken;
    } while (token);
    expect(pages).toEqual([
      { prefixes: ['tree/a/'], keys: [] },
      { prefixes: ['tree/b/'], keys: [] },
      { prefixes: [], keys: ['tree/c'] },
    ]);
  });

  it('refuses requests signed with another access key', async () => {
    const other = new S3Client({
      region: REGION,
      endpoint: s3Local.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'SOMEONEELSE', secretAccessKey: 'x' },
    });
    const error = await other
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.txt' }))
      .catch((e) => e);
    other.destroy();
    expect(error).toMatchObject({ name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } });
  });

  it('keeps no temporary file and no key-named file: one folder per key hash, one file per version', () => {
    expect(readdirSync(path.join(dir, '_tmp'))).toEqual([]);
    const buckets = path.join(dir, '_buckets', BUCKET);
    for (const keyDir of readdirSync(buckets)) {
      expect(keyDir).toMatch(/^[0-9a-f]{64}$/);
      for (const version of readdirSync(path.join(buckets, keyDir)))
        expect(version).toMatch(/^([0-9a-z]{21}|null)$/);
    }
  });
});
