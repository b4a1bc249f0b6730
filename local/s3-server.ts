/**
 * The local S3 server: a thin S3-compatible layer on node:http serving exactly the subset of the
 * S3 API this project and its tools use, with the semantics the AWS bucket has
 * (infra/constructs/articles-bucket.ts makes it versioned):
 *
 * - **Versioning, always on.** Every PUT creates a new version with its own id; GET and HEAD take
 *   a `versionId` and return that version, without one the latest; DELETE without a version id
 *   adds a delete marker, with one it removes that version. ListObjectVersions lists them.
 * - **Atomic PUTs.** A body is received in full (and checked against Content-Length, Content-MD5,
 *   `x-amz-content-sha256` and `x-amz-checksum-crc32` when sent) before anything is written; it
 *   is written with its metadata to one temporary file, flushed (fdatasync) and renamed into
 *   place, and only then becomes visible. A reader never sees a torn or empty object, and a PUT
 *   that is cut off creates no version and no event.
 * - **Keys never become paths.** A version lives at `_buckets/<bucket>/<sha256(key)>/<versionId>`,
 *   so no key can leave the data folder (`../`) or exceed a file-name limit; keys over S3's
 *   1,024-byte limit are refused with S3's `KeyTooLongError`.
 * - **Event notifications.** Each PUT emits an `ObjectCreated:Put` record shaped like S3's,
 *   with the URL-encoded key and the new version id, before the PUT is answered.
 * - ListObjectsV2 with prefix, delimiter, start-after and plain (unencrypted) continuation
 *   tokens: the key to continue after, base64url-encoded.
 * - Path-style addressing only. Requests must be signed (SigV4 header or presigned query) with
 *   the local access key id. A presigned URL's signature and expiry are checked as S3 checks them
 *   (./s3-presigned), so what it signed holds: a PUT signed for a length takes exactly that many
 *   bytes. A header signature is not checked (the server listens on 127.0.0.1 only).
 * - CORS as the bucket's rule on AWS allows it: any origin may PUT, GET and HEAD, send any
 *   header, and read ETag and x-amz-version-id, so a browser can send a presigned upload.
 *
 * Anything else (multipart uploads, copies, ACLs, tagging, ranges…) is answered with S3's
 * `NotImplemented` rather than half-done.
 *
 * Why not a package: s3rver 3.7.1 (the previous server) and its fork @20minutes/s3rver (4.0.4,
 * 5.0.0; 5.x needs Node ≥ 24) make continuation tokens with DES, which Node's OpenSSL 3 refuses
 * past 1,000 keys, store keys as file paths (`../` escapes, ENAMETOOLONG crashes) and have no
 * versioning; fauxqs 2.4.1 needs Node ≥ 22.5 (node:sqlite) and has neither versioning nor
 * notifications; @push.rocks/smarts3 2.2.7 and serverless-s3-local 0.8.5 wrap s3rver; MinIO is a
 * binary outside the registries and Debian's only S3 server, radosgw, needs a Ceph cluster.
 *
 * Data from the previous server (s3rver's `<bucket>/<key>._S3rver_object` files) is imported
 * once at start as each key's `null` version, as S3 does with objects stored before versioning.
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { encodeS3Key } from '../src/adapters/s3-keys';
import { checkPresigned } from './s3-presigned';

export interface LocalS3ServerOptions {
  /** Where buckets are kept; created when missing. */
  directory: string;
  /** 0 picks a free port. */
  port: number;
  buckets: string[];
  /** The key pair requests must be signed with. */
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Bodies larger than this are refused with EntityTooLarge (they are held in memory). */
  maxObjectBytes?: number;
  log?: (line: string) => void;
}

export type S3EventListener = (event: S3Event) => void;

/** The AWS bucket's CORS rule (infra/constructs/articles-bucket.ts), answered the same way. */
const CORS_METHODS = 'GET, PUT, HEAD';
const CORS_EXPOSED = 'etag, x-amz-version-id, x-amz-request-id';

function allowCors(req: IncomingMessage, res: ServerResponse): void {
  if (!req.headers.origin) return;
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', CORS_EXPOSED);
}

function preflight(req: IncomingMessage, res: ServerResponse): void {
  const method = String(req.headers['access-control-request-method'] ?? '');
  if (!req.headers.origin || !CORS_METHODS.split(', ').includes(method)) {
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${tag('Code', 'AccessForbidden')}${tag('Message', 'CORSResponse: This CORS request is not allowed.')}</Error>`,
    );
    return;
  }
  res.writeHead(200, {
    'access-control-allow-methods': CORS_METHODS,
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
    'access-control-max-age': '3000',
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  });
  res.end();
}

/** S3's key limit: 1,024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;
const BUCKETS_DIR = '_buckets';
const TMP_DIR = '_tmp';
const NULL_VERSION = 'null';
const VERSION_ID = /^[0-9a-z]{21}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LEGACY_SUFFIX = '._S3rver_object';
/** Headers S3 stores with an object and returns on GET. */
const STORED_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
] as const;

/** What is stored in front of a version's body, and kept in memory for every version. */
interface VersionHeader {
  key: string;
  versionId: string;
  lastModified: string;
  deleteMarker: boolean;
  size: number;
  /** Quoted MD5 of the body, as S3 gives it. */
  etag: string;
  contentType: string;
  /** User metadata, without the x-amz-meta- prefix. */
  metadata: Record<string, string>;
  headers: Record<string, string>;
  crc32?: string;
}

interface Version extends VersionHeader {
  file: string;
  bodyOffset: number;
}

class S3Error extends Error {
  /** More elements of the error document, e.g. the bucket name. */
  readonly extra: Record<string, string>;
  /** Response headers beside the error document. */
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    more: { extra?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.extra = more.extra ?? {};
    this.headers = more.headers ?? {};
  }
}

const notImplemented = () =>
  new S3Error(
    501,
    'NotImplemented',
    'A header or query you provided implies functionality that is not implemented.',
  );

/** Version ids sort in the order they were issued, across restarts: time, then a counter. */
class VersionClock {
  private ms = 0;
  private seq = 0;

  observe(versionId: string): void {
    if (!VERSION_ID.test(versionId)) return;
    const ms = parseInt(versionId.slice(0, 9), 36);
    const seq = parseInt(versionId.slice(9, 13), 36);
    if (ms > this.ms || (ms === this.ms && seq > this.seq)) [this.ms, this.seq] = [ms, seq];
  }

  next(): string {
    const now = Date.now();
    if (now > this.ms) [this.ms, this.seq] = [now, 0];
    else if (++this.seq >= 36 ** 4) [this.ms, this.seq] = [this.ms + 1, 0];
    const random = randomUUID().replace(/-/g, '').slice(0, 8);
    return `${this.ms.toString(36).padStart(9, '0')}${this.seq.toString(36).padStart(4, '0')}${parseInt(random, 16).toString(36).padStart(8, '0').slice(-8)}`;
  }
}

/** The null version (stored before versioning) is older than any other. */
const versionOrder = (a: Version, b: Version): number =>
  a.versionId === b.versionId
    ? 0
    : a.versionId === NULL_VERSION
      ? -1
      : b.versionId === NULL_VERSION
        ? 1
        : a.versionId < b.versionId
          ? -1
          : 1;

/** S3 lists keys in UTF-8 byte order. */
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

class Bucket {
  /** Every version of every key, oldest first. */
  readonly versions = new Map<string, Version[]>();
  readonly created: string;
  private sorted: string[] | null = null;

  constructor(
    readonly name: string,
    readonly dir: string,
    created: Date,
  ) {
    this.created = created.toISOString();
  }

  add(v: Version): void {
    const list = this.versions.get(v.key);
    if (!list) {
      this.versions.set(v.key, [v]);
      this.sorted = null;
      return;
    }
    const i = list.findIndex((x) => x.versionId === v.versionId);
    if (i >= 0) list[i] = v;
    else list.push(v);
    list.sort(versionOrder);
  }

  remove(key: string, versionId: string): Version | undefined {
    const list = this.versions.get(key);
    const i = list?.findIndex((x) => x.versionId === versionId) ?? -1;
    if (!list || i < 0) return undefined;
    const [removed] = list.splice(i, 1);
    if (list.length === 0) {
      this.versions.delete(key);
      this.sorted = null;
    }
    return removed;
  }

  latest(key: string): Version | undefined {
    return this.versions.get(key)?.at(-1);
  }

  /** Keys in S3's order, with the first index whose key sorts after `after`. */
  keysAfter(after: string): { keys: string[]; from: number } {
    const keys = (this.sorted ??= [...this.versions.keys()].sort(byteOrder));
    const target = Buffer.from(after);
    let lo = 0,
      hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Buffer.compare(Buffer.from(keys[mid]!), target) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return { keys, from: lo };
  }
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** XML text cannot hold markup characters, nor C0 controls other than tab, LF and CR, as they are. */
const xmlEscape = (s: string): string =>
  s.replace(/[&<>"'\p{Cc}]/gu, (c) => {
    const code = c.charCodeAt(0);
    if (XML_ENTITIES[c]) return XML_ENTITIES[c];
    return code < 0x20 && !'\t\n\r'.includes(c) ? `&#x${code.toString(16)};` : c;
  });

const xml = (root: string, body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${body}</${root}>`;

const tag = (name: string, value: string | number | boolean | undefined | null): string =>
  value === undefined || value === null || value === ''
    ? ''
    : `<${name}>${xmlEscape(String(value))}</${name}>`;

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest();
const crc32Base64 = (b: Uint8Array): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(b));
  return out.toString('base64');
};

/** Decodes an `aws-chunked` body (with or without chunk signatures and trailers). */
function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) throw new S3Error(400, 'IncompleteBody', 'The request body ended too early.');
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size) || size < 0)
      throw new S3Error(400, 'InvalidRequest', 'Malformed aws-chunked body.');
    at = eol + 2;
    if (size === 0) break;
    if (at + size + 2 > raw.length)
      throw new S3Error(400, 'IncompleteBody', 'The request body ended too early.');
    parts.push(raw.subarray(at, at + size));
    at += size + 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.subarray(at).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
}

/** A request as routing sees it: path-style, so the bucket and key come from the path. */
interface S3Request {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  bucketName: string;
  key: string;
  query: URLSearchParams;
}

/** A request on one object of an existing bucket. */
interface ObjectTarget {
  req: IncomingMessage;
  res: ServerResponse;
  bucket: Bucket;
  key: string;
  versionId: string | null;
}

/** Path-style: /bucket/key. The key is taken literally ('..' is a key segment like any other). */
function parsePath(rawPath: string): { bucketName: string; key: string } {
  try {
    const slash = rawPath.indexOf('/', 1);
    return {
      bucketName: decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash)),
      key: slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1)),
    };
  } catch {
    throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
}

function checkKeyLength(key: string): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES)
    throw new S3Error(400, 'KeyTooLongError', 'Your key is too long', {
      extra: { MaxSizeAllowed: String(MAX_KEY_BYTES), Size: String(Buffer.byteLength(key)) },
    });
}

function versionIdOf(query: URLSearchParams): string | null {
  const versionId = query.get('versionId');
  if (versionId !== null && versionId !== NULL_VERSION && !VERSION_ID.test(versionId))
    throw new S3Error(400, 'InvalidArgument', 'Invalid version id specified', {
      extra: { ArgumentName: 'versionId', ArgumentValue: versionId },
    });
  return versionId;
}

const maxKeysOf = (query: URLSearchParams): number =>
  Math.min(1000, Math.max(0, Number(query.get('max-keys') ?? 1000) || 0));

/**
 * The body as sent: an `aws-chunked` body decoded (and checked against its declared length),
 * a plain one checked against its `x-amz-content-sha256`.
 */
function decodeBody(
  raw: Buffer,
  h: IncomingMessage['headers'],
): { body: Buffer; trailers: Record<string, string> } {
  const contentSha = String(h['x-amz-content-sha256'] ?? '');
  const chunked =
    contentSha.startsWith('STREAMING-') || /aws-chunked/.test(String(h['content-encoding'] ?? ''));
  if (chunked) {
    const decoded = decodeAwsChunked(raw);
    const declared = h['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== decoded.body.length)
      throw new S3Error(
        400,
        'IncompleteBody',
        'The decoded body does not match x-amz-decoded-content-length.',
      );
    return decoded;
  }
  if (
    /^[0-9a-f]{64}$/.test(contentSha) &&
    createHash('sha256').update(raw).digest('hex') !== contentSha
  )
    throw new S3Error(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  return { body: raw, trailers: {} };
}

/** The body's MD5 and CRC32, checked against the Content-MD5 and CRC32 the client sent. */
function checkDigests(
  body: Buffer,
  h: IncomingMessage['headers'],
  trailers: Record<string, string>,
): { digest: Buffer; crc: string; sentCrc: string } {
  const digest = md5(body);
  const contentMd5 = h['content-md5'];
  if (contentMd5 && contentMd5 !== digest.toString('base64'))
    throw new S3Error(
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
    );
  const sentCrc = String(h['x-amz-checksum-crc32'] ?? trailers['x-amz-checksum-crc32'] ?? '');
  const crc = crc32Base64(body);
  if (sentCrc && sentCrc !== crc)
    throw new S3Error(
      400,
      'BadDigest',
      'The CRC32 you specified did not match the calculated checksum.',
    );
  return { digest, crc, sentCrc };
}

function userMetadataOf(h: IncomingMessage['headers']): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(h))
    if (name.startsWith('x-amz-meta-') && value !== undefined)
      metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  return metadata;
}

/** The headers S3 keeps with an object; `aws-chunked` is how it was sent, not how it is stored. */
function storedHeadersOf(h: IncomingMessage['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let value = h[name];
    if (name === 'content-encoding' && typeof value === 'string')
      value = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s && s !== 'aws-chunked')
        .join(',');
    if (typeof value === 'string' && value) headers[name] = value;
  }
  return headers;
}

/** The version a GET or HEAD reads, or S3's error for a missing key, version or a delete marker. */
function findReadable({ req, bucket, key, versionId }: ObjectTarget): Version {
  const version = versionId
    ? bucket.versions.get(key)?.find((v) => v.versionId === versionId)
    : bucket.latest(key);
  if (!version) {
    if (versionId && bucket.versions.has(key))
      throw new S3Error(404, 'NoSuchVersion', 'The specified version does not exist.', {
        extra: { Key: key, VersionId: versionId },
      });
    throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', {
      extra: { Key: key },
    });
  }
  if (!version.deleteMarker) return version;
  const markerHeaders = {
    'x-amz-delete-marker': 'true',
    'x-amz-version-id': version.versionId,
    'last-modified': new Date(version.lastModified).toUTCString(),
  };
  if (versionId)
    throw new S3Error(
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      {
        extra: { Method: req.method ?? 'GET', ResourceType: 'DeleteMarker' },
        headers: { ...markerHeaders, allow: 'DELETE' },
      },
    );
  throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', {
    extra: { Key: key },
    headers: markerHeaders,
  });
}

/** Keys from index `from` on that start with `prefix`, in S3's order; stops past the prefix. */
function* keysUnder(keys: string[], from: number, prefix: string): Generator<string> {
  for (let i = from; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.startsWith(prefix)) yield key;
    else if (byteOrder(key, prefix) > 0) return;
  }
}

/** The key a ListObjectsV2 page starts after: the continuation token's, else start-after. */
function listStart(token: string | null, startAfter: string, prefix: string): string {
  let after = startAfter;
  if (token !== null) {
    after = Buffer.from(token, 'base64url').toString('utf8');
    if (!token || Buffer.from(after, 'utf8').toString('base64url') !== token)
      throw new S3Error(400, 'InvalidArgument', 'The continuation token provided is incorrect', {
        extra: { ArgumentName: 'continuation-token' },
      });
  }
  // Keys sorting before the prefix are skipped by the scan; start just below the prefix.
  return byteOrder(after, prefix) < 0 ? prefix.slice(0, -1) : after;
}

/** One page of ListObjectsV2: the latest live versions and the common prefixes, up to maxKeys. */
function listPage(
  bucket: Bucket,
  p: { after: string; prefix: string; delimiter: string; maxKeys: number },
): { contents: Version[]; prefixes: string[]; truncated: boolean; continueAfter: string } {
  const contents: Version[] = [];
  const prefixes: string[] = [];
  let last = '';
  let truncated = false;
  const { keys, from } = bucket.keysAfter(p.after);
  for (const key of keysUnder(keys, from, p.prefix)) {
    const latest = bucket.latest(key);
    if (!latest || latest.deleteMarker) continue;
    const at = p.delimiter ? key.indexOf(p.delimiter, p.prefix.length) : -1;
    const common = at >= 0 ? key.slice(0, at + p.delimiter.length) : null;
    if (common !== null && common === prefixes.at(-1)) {
      last = key;
      continue;
    }
    if (contents.length + prefixes.length >= p.maxKeys) {
      truncated = true;
      break;
    }
    if (common !== null) prefixes.push(common);
    else contents.push(latest);
    last = key;
  }
  // Continuing after a common prefix skips every key under it.
  const continueAfter =
    prefixes.length && last.startsWith(prefixes.at(-1)!) ? `${prefixes.at(-1)!}\u{10ffff}` : last;
  return { contents, prefixes, truncated, continueAfter };
}

/**
 * One page of ListObjectVersions, newest version of each key first; continuing inside the
 * marker's key resumes after the marker's version, and a marker version that is gone skips that
 * key.
 */
function versionsPage(
  bucket: Bucket,
  p: { prefix: string; maxKeys: number; keyMarker: string; versionIdMarker: string },
): { listed: { version: Version; isLatest: boolean }[]; truncated: boolean } {
  // Start at the marker's key when continuing inside its versions, after it otherwise.
  const { keys, from } = bucket.keysAfter(p.keyMarker);
  const start = p.versionIdMarker && keys[from - 1] === p.keyMarker ? from - 1 : from;
  const listed: { version: Version; isLatest: boolean }[] = [];
  for (const key of keysUnder(keys, start, p.prefix)) {
    const versions = [...bucket.versions.get(key)!].reverse();
    const resumed = key === p.keyMarker && p.versionIdMarker;
    const first = resumed ? versions.findIndex((v) => v.versionId === p.versionIdMarker) + 1 : 0;
    if (resumed && first === 0) continue;
    for (let j = first; j < versions.length; j++) {
      if (listed.length >= p.maxKeys) return { listed, truncated: true };
      listed.push({ version: versions[j]!, isLatest: j === 0 });
    }
  }
  return { listed, truncated: false };
}

/** The local S3 server; `start()` it, then `close()` it. */
export class LocalS3Server {
  private readonly buckets = new Map<string, Bucket>();
  private readonly listeners: S3EventListener[] = [];
  private readonly clock = new VersionClock();
  private readonly root: string;
  private readonly tmp: string;
  private server: Server | null = null;
  private sequencer = 0;

  constructor(private readonly options: LocalS3ServerOptions) {
    this.root = path.resolve(options.directory);
    this.tmp = path.join(this.root, TMP_DIR);
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listeners get every event; one that throws is logged and does not affect the others. */
  onEvent(listener: S3EventListener): void {
    this.listeners.push(listener);
  }

  /** Loads what is stored, imports s3rver data, creates the configured buckets and listens. */
  async start(): Promise<void> {
    await mkdir(path.join(this.root, BUCKETS_DIR), { recursive: true });
    await rm(this.tmp, { recursive: true, force: true });
    await mkdir(this.tmp, { recursive: true });
    for (const entry of await readdir(path.join(this.root, BUCKETS_DIR), { withFileTypes: true }))
      if (entry.isDirectory()) await this.loadBucket(entry.name);
    for (const name of this.options.buckets) await this.createBucket(name);
    for (const name of this.options.buckets) await this.importS3rver(name);

    const server = createServer((req, res) => void this.handle(req, res));
    server.on('clientError', (_error, socket) => socket.destroy());
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.options.log?.(`s3: ${error.message}`));
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  // ---- storage ----

  private bucketDir(name: string): string {
    return path.join(this.root, BUCKETS_DIR, name);
  }

  private async loadBucket(name: string): Promise<void> {
    const dir = this.bucketDir(name);
    const bucket = new Bucket(name, dir, (await stat(dir)).birthtime);
    this.buckets.set(name, bucket);
    for (const shard of await readdir(dir, { withFileTypes: true })) {
      if (!shard.isDirectory()) continue;
      const keyDir = path.join(dir, shard.name);
      for (const file of await readdir(keyDir)) {
        const version = await this.readHeader(path.join(keyDir, file)).catch((error: Error) => {
          this.options.log?.(`s3: skipping unreadable ${keyDir}/${file}: ${error.message}`);
          return null;
        });
        if (!version) continue;
        this.clock.observe(version.versionId);
        bucket.add(version);
      }
    }
  }

  private async readHeader(file: string): Promise<Version> {
    const fh = await open(file, 'r');
    try {
      const len = Buffer.alloc(4);
      await fh.read(len, 0, 4, 0);
      const headerBytes = Buffer.alloc(len.readUInt32BE(0));
      const { bytesRead } = await fh.read(headerBytes, 0, headerBytes.length, 4);
      if (bytesRead !== headerBytes.length) throw new Error('truncated header');
      const header = JSON.parse(headerBytes.toString('utf8')) as VersionHeader;
      return { ...header, file, bodyOffset: 4 + headerBytes.length };
    } finally {
      await fh.close();
    }
  }

  private async createBucket(name: string): Promise<Bucket> {
    const existing = this.buckets.get(name);
    if (existing) return existing;
    if (!BUCKET_NAME.test(name))
      throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', {
        extra: { BucketName: name },
      });
    const dir = this.bucketDir(name);
    await mkdir(dir, { recursive: true });
    const bucket = new Bucket(name, dir, new Date());
    this.buckets.set(name, bucket);
    return bucket;
  }

  /** Writes a version to a temporary file, flushes it and renames it into place: all or nothing. */
  private async commit(bucket: Bucket, header: VersionHeader, body: Uint8Array): Promise<Version> {
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(headerBytes.length);
    const tmp = path.join(this.tmp, randomUUID());
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(Buffer.concat([len, headerBytes, body]));
      await fh.datasync();
    } finally {
      await fh.close();
    }
    const keyDir = path.join(bucket.dir, createHash('sha256').update(header.key).digest('hex'));
    const file = path.join(keyDir, header.versionId);
    try {
      await mkdir(keyDir, { recursive: true });
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const version: Version = { ...header, file, bodyOffset: 4 + headerBytes.length };
    bucket.add(version);
    return version;
  }

  /** s3rver kept `<bucket>/<key>._S3rver_object` beside `._S3rver_metadata.json`. */
  private async importS3rver(name: string): Promise<void> {
    const legacy = path.join(this.root, name);
    const found = await stat(legacy).catch(() => null);
    if (!found?.isDirectory()) return;
    const bucket = this.buckets.get(name)!;
    let imported = 0;
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith(LEGACY_SUFFIX)) {
          const key = path
            .relative(legacy, full)
            .slice(0, -LEGACY_SUFFIX.length)
            .split(path.sep)
            .join('/');
          if (bucket.versions.has(key)) continue;
          const body = await readFile(full);
          const meta = (await readFile(`${full.slice(0, -'object'.length)}metadata.json`, 'utf8')
            .then((t) => JSON.parse(t) as Record<string, string>)
            .catch(() => ({}))) as Record<string, string>;
          await this.commit(
            bucket,
            {
              key,
              versionId: NULL_VERSION,
              lastModified: (await stat(full)).mtime.toISOString(),
              deleteMarker: false,
              size: body.length,
              etag: `"${md5(body).toString('hex')}"`,
              contentType: meta['content-type'] ?? 'binary/octet-stream',
              metadata: Object.fromEntries(
                Object.entries(meta)
                  .filter(([k]) => k.startsWith('x-amz-meta-'))
                  .map(([k, v]) => [k.slice('x-amz-meta-'.length), v]),
              ),
              headers: Object.fromEntries(
                STORED_HEADERS.filter((h) => meta[h]).map((h) => [h, meta[h]!]),
              ),
            },
            body,
          );
          imported++;
        }
      }
    };
    await walk(legacy);
    await rm(legacy, { recursive: true, force: true });
    this.options.log?.(`s3: imported ${imported} objects of bucket ${name} from s3rver's folder`);
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
    res.setHeader('x-amz-request-id', requestId);
    res.setHeader('x-amz-id-2', requestId);
    res.setHeader('server', 'AidLedgerLocalS3');
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const resource = q < 0 ? raw : raw.slice(0, q);
    try {
      const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
      allowCors(req, res);
      if (req.method === 'OPTIONS') return preflight(req, res);
      const { bucketName, key } = parsePath(resource);
      this.authenticate(req, query, resource);
      await this.route({ req, res, method: req.method ?? 'GET', bucketName, key, query });
    } catch (error) {
      this.fail(req, res, error, { resource, requestId });
    }
  }

  /** Answers with S3's error document; an unexpected error is logged and answered as S3's 500. */
  private fail(
    req: IncomingMessage,
    res: ServerResponse,
    error: unknown,
    where: { resource: string; requestId: string },
  ): void {
    if (!(error instanceof S3Error))
      this.options.log?.(`s3: ${req.method} ${where.resource}: ${(error as Error).stack ?? error}`);
    const e =
      error instanceof S3Error
        ? error
        : new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // A request whose body was not read must not leave it on a kept-alive connection.
    if (!req.complete) res.setHeader('connection', 'close');
    res.writeHead(e.status, { 'content-type': 'application/xml', ...e.headers });
    if (req.method === 'HEAD') res.end();
    else
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${tag('Code', e.code)}${tag('Message', e.message)}${Object.entries(
          e.extra,
        )
          .map(([k, v]) => tag(k, v))
          .join('')}${tag('Resource', where.resource)}${tag('RequestId', where.requestId)}</Error>`,
      );
  }

  private authenticate(req: IncomingMessage, query: URLSearchParams, rawPath: string): void {
    const credential =
      /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1] ??
      query.get('X-Amz-Credential')?.split('/')[0] ??
      /^AWS ([^:]+):/.exec(req.headers.authorization ?? '')?.[1];
    if (!credential) throw new S3Error(403, 'AccessDenied', 'Access Denied');
    if (credential !== this.options.accessKeyId)
      throw new S3Error(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        { extra: { AWSAccessKeyId: credential } },
      );
    if (!query.has('X-Amz-Signature')) return;
    const method = req.method ?? 'GET';
    const check = checkPresigned(
      { method, rawPath, query, headers: req.headers },
      this.options.secretAccessKey,
    );
    if (!check.ok) throw new S3Error(403, check.code, check.message);
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket)
      throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', {
        extra: { BucketName: name },
      });
    return bucket;
  }

  private async route(r: S3Request): Promise<void> {
    if (!r.bucketName) return this.listBuckets(r);
    checkKeyLength(r.key);
    const versionId = versionIdOf(r.query);
    if (!r.key) return this.bucketRequest(r);
    return this.objectRequest(r, versionId);
  }

  private listBuckets({ res, method }: S3Request): void {
    if (method !== 'GET') throw notImplemented();
    this.send(
      res,
      200,
      xml(
        'ListAllMyBucketsResult',
        `<Owner><ID>local</ID><DisplayName>local</DisplayName></Owner><Buckets>${[
          ...this.buckets.values(),
        ]
          .map((b) => `<Bucket>${tag('Name', b.name)}${tag('CreationDate', b.created)}</Bucket>`)
          .join('')}</Buckets>`,
      ),
    );
  }

  private async bucketRequest(r: S3Request): Promise<void> {
    const { req, res, method, bucketName, query } = r;
    const subresources = [...query.keys()].filter((k) => k !== 'x-id');
    if (method === 'PUT' && query.has('versioning')) {
      this.bucket(bucketName);
      const body = (await this.readBody(req)).toString('utf8');
      if (!/<Status>\s*Enabled\s*<\/Status>/.test(body)) throw notImplemented();
      return this.send(res, 200);
    }
    if (method === 'PUT' && subresources.length === 0) {
      await this.readBody(req);
      await this.createBucket(bucketName);
      res.setHeader('location', `/${bucketName}`);
      return this.send(res, 200);
    }
    if (method === 'HEAD' && subresources.length === 0) {
      this.bucket(bucketName);
      res.setHeader('x-amz-bucket-region', this.options.region);
      return this.send(res, 200);
    }
    if (method === 'GET') return this.bucketGet(res, this.bucket(bucketName), query);
    throw notImplemented();
  }

  private bucketGet(res: ServerResponse, bucket: Bucket, query: URLSearchParams): void {
    if (query.has('versioning'))
      return this.send(res, 200, xml('VersioningConfiguration', tag('Status', 'Enabled')));
    if (query.has('location')) return this.send(res, 200, xml('LocationConstraint', ''));
    if (query.has('versions')) return this.listVersions(res, bucket, query);
    if (query.get('list-type') === '2') return this.listV2(res, bucket, query);
    throw notImplemented();
  }

  private async objectRequest(r: S3Request, versionId: string | null): Promise<void> {
    const { req, res, method, key, query } = r;
    if (query.has('uploads') || query.has('uploadId') || query.has('tagging') || query.has('acl'))
      throw notImplemented();
    const target: ObjectTarget = { req, res, bucket: this.bucket(r.bucketName), key, versionId };
    switch (method) {
      case 'PUT':
        if (req.headers['x-amz-copy-source']) throw notImplemented();
        return this.putObject(target);
      case 'GET':
      case 'HEAD':
        return this.getObject(target, method === 'HEAD');
      case 'DELETE':
        return this.deleteObject(target);
      default:
        throw notImplemented();
    }
  }

  private send(res: ServerResponse, status: number, body?: string): void {
    if (body === undefined) {
      res.writeHead(status, { 'content-length': 0 });
      res.end();
      return;
    }
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': bytes.length });
    res.end(bytes);
  }

  /** The whole body, or an error if the client stopped sending before Content-Length. */
  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const max = this.options.maxObjectBytes ?? 512 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > max)
          throw new S3Error(
            400,
            'EntityTooLarge',
            'Your proposed upload exceeds the maximum allowed size',
          );
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof S3Error) throw error;
      throw new S3Error(400, 'IncompleteBody', 'The request body ended too early.');
    }
    const body = Buffer.concat(chunks);
    const declared = req.headers['content-length'];
    if (!req.complete || (declared !== undefined && Number(declared) !== body.length))
      throw new S3Error(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      );
    return body;
  }

  private async putObject({ req, res, bucket, key }: ObjectTarget): Promise<void> {
    const h = req.headers;
    const { body, trailers } = decodeBody(await this.readBody(req), h);
    const { digest, crc, sentCrc } = checkDigests(body, h, trailers);
    const version = await this.commit(
      bucket,
      {
        key,
        versionId: this.clock.next(),
        lastModified: new Date().toISOString(),
        deleteMarker: false,
        size: body.length,
        etag: `"${digest.toString('hex')}"`,
        contentType: String(h['content-type'] ?? 'binary/octet-stream'),
        metadata: userMetadataOf(h),
        headers: storedHeadersOf(h),
        ...(sentCrc ? { crc32: crc } : {}),
      },
      body,
    );
    // Emitted before the PUT is answered, so a caller that waits for the bridge after its PUT
    // returned always finds the event queued.
    this.emit('ObjectCreated:Put', bucket, version);
    res.setHeader('etag', version.etag);
    res.setHeader('x-amz-version-id', version.versionId);
    if (version.crc32) res.setHeader('x-amz-checksum-crc32', version.crc32);
    this.send(res, 200);
  }

  private async getObject(target: ObjectTarget, head: boolean): Promise<void> {
    const { req, res } = target;
    const version = findReadable(target);
    // Opened before answering: the file cannot vanish under a reader once it is open.
    const fh = head ? null : await open(version.file, 'r');
    const headers: Record<string, string | number> = {
      'content-type': version.contentType,
      'content-length': version.size,
      etag: version.etag,
      'last-modified': new Date(version.lastModified).toUTCString(),
      'accept-ranges': 'bytes',
      'x-amz-version-id': version.versionId,
      ...version.headers,
    };
    for (const [k, v] of Object.entries(version.metadata)) headers[`x-amz-meta-${k}`] = v;
    if (version.crc32 && req.headers['x-amz-checksum-mode'] === 'ENABLED')
      headers['x-amz-checksum-crc32'] = version.crc32;
    if (!fh) {
      res.writeHead(200, headers);
      res.end();
      return;
    }
    res.writeHead(200, headers);
    // A client that goes away mid-body ends the copy; the file handle is closed either way.
    await pipeline(fh.createReadStream({ start: version.bodyOffset }), res).catch(() => undefined);
  }

  private async deleteObject({ res, bucket, key, versionId }: ObjectTarget): Promise<void> {
    if (versionId) {
      const removed = bucket.remove(key, versionId);
      if (removed) {
        await unlink(removed.file).catch(() => undefined);
        await rmdir(path.dirname(removed.file)).catch(() => undefined);
        this.emit('ObjectRemoved:Delete', bucket, removed);
        if (removed.deleteMarker) res.setHeader('x-amz-delete-marker', 'true');
      }
      res.setHeader('x-amz-version-id', versionId);
      return this.send(res, 204);
    }
    const marker = await this.commit(
      bucket,
      {
        key,
        versionId: this.clock.next(),
        lastModified: new Date().toISOString(),
        deleteMarker: true,
        size: 0,
        etag: '',
        contentType: '',
        metadata: {},
        headers: {},
      },
      Buffer.alloc(0),
    );
    this.emit('ObjectRemoved:DeleteMarkerCreated', bucket, marker);
    res.setHeader('x-amz-delete-marker', 'true');
    res.setHeader('x-amz-version-id', marker.versionId);
    this.send(res, 204);
  }

  private listV2(res: ServerResponse, bucket: Bucket, query: URLSearchParams): void {
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const maxKeys = maxKeysOf(query);
    const startAfter = query.get('start-after') ?? '';
    const token = query.get('continuation-token');
    const urlEncoded = query.get('encoding-type') === 'url';
    const enc = (s: string) => (urlEncoded ? encodeS3Key(s) : s);
    const page = listPage(bucket, {
      after: listStart(token, startAfter, prefix),
      prefix,
      delimiter,
      maxKeys,
    });
    const { contents, prefixes, truncated } = page;
    this.send(
      res,
      200,
      xml(
        'ListBucketResult',
        [
          tag('Name', bucket.name),
          `<Prefix>${xmlEscape(enc(prefix))}</Prefix>`,
          tag('Delimiter', delimiter && enc(delimiter)),
          tag('StartAfter', startAfter && enc(startAfter)),
          tag('ContinuationToken', token),
          tag('KeyCount', contents.length + prefixes.length),
          tag('MaxKeys', maxKeys),
          tag('EncodingType', urlEncoded ? 'url' : ''),
          tag('IsTruncated', truncated),
          truncated
            ? tag(
                'NextContinuationToken',
                Buffer.from(page.continueAfter, 'utf8').toString('base64url'),
              )
            : '',
          ...contents.map(
            (v) =>
              `<Contents>${tag('Key', enc(v.key))}${tag('LastModified', v.lastModified)}${tag('ETag', v.etag)}${tag('Size', v.size)}${tag('StorageClass', 'STANDARD')}</Contents>`,
          ),
          ...prefixes.map((p) => `<CommonPrefixes>${tag('Prefix', enc(p))}</CommonPrefixes>`),
        ].join(''),
      ),
    );
  }

  private listVersions(res: ServerResponse, bucket: Bucket, query: URLSearchParams): void {
    if (query.get('delimiter')) throw notImplemented();
    const prefix = query.get('prefix') ?? '';
    const maxKeys = maxKeysOf(query);
    const keyMarker = query.get('key-marker') ?? '';
    const versionIdMarker = query.get('version-id-marker') ?? '';
    const urlEncoded = query.get('encoding-type') === 'url';
    const enc = (s: string) => (urlEncoded ? encodeS3Key(s) : s);
    const { listed, truncated } = versionsPage(bucket, {
      prefix,
      maxKeys,
      keyMarker,
      versionIdMarker,
    });
    const next = truncated ? listed.at(-1)?.version : undefined;
    const out = listed.map(({ version: v, isLatest }) => {
      const common = `${tag('Key', enc(v.key))}${tag('VersionId', v.versionId)}${tag('IsLatest', isLatest)}${tag('LastModified', v.lastModified)}`;
      return v.deleteMarker
        ? `<DeleteMarker>${common}<Owner><ID>local</ID></Owner></DeleteMarker>`
        : `<Version>${common}${tag('ETag', v.etag)}${tag('Size', v.size)}${tag('StorageClass', 'STANDARD')}</Version>`;
    });
    this.send(
      res,
      200,
      xml(
        'ListVersionsResult',
        [
          tag('Name', bucket.name),
          `<Prefix>${xmlEscape(enc(prefix))}</Prefix>`,
          `<KeyMarker>${xmlEscape(enc(keyMarker))}</KeyMarker>`,
          `<VersionIdMarker>${xmlEscape(versionIdMarker)}</VersionIdMarker>`,
          next ? tag('NextKeyMarker', enc(next.key)) : '',
          next ? tag('NextVersionIdMarker', next.versionId) : '',
          tag('MaxKeys', maxKeys),
          tag('EncodingType', urlEncoded ? 'url' : ''),
          tag('IsTruncated', truncated),
          ...out,
        ].join(''),
      ),
    );
  }

  private emit(eventName: string, bucket: Bucket, version: Version): void {
    if (this.listeners.length === 0) return;
    const record: S3EventRecord = {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: this.options.region,
      eventTime: new Date().toISOString(),
      eventName,
      userIdentity: { principalId: 'local' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'local',
        bucket: {
          name: bucket.name,
          ownerIdentity: { principalId: 'local' },
          arn: `arn:aws:s3:::${bucket.name}`,
        },
        object: {
          key: encodeS3Key(version.key),
          size: version.size,
          eTag: version.etag.replace(/"/g, ''),
          versionId: version.versionId,
          sequencer: (++this.sequencer).toString(16).toUpperCase().padStart(16, '0'),
        },
      },
    };
    for (const listener of this.listeners) {
      try {
        listener({ Records: [record] });
      } catch (error) {
        this.options.log?.(`s3: an event listener failed: ${(error as Error).message}`);
      }
    }
  }
}
