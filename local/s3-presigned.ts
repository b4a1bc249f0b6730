/**
 * Checks a presigned (query-string) SigV4 request the way S3 does, so the local S3 server
 * enforces what a presigned URL promises: the signature over method, path, query and the signed
 * headers (a PUT signed for `content-length: 1234` takes exactly 1,234 bytes), and its expiry.
 *
 * Why by hand: the SDK's signer only signs; re-creating the exact request it signed (hoisted
 * headers, host with port, payload marker) to sign it again proved brittle, while the canonical
 * request is a short, fully specified algorithm (AWS Signature Version 4, "Create a canonical
 * request"; S3 does not re-encode the path).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface PresignedRequest {
  method: string;
  /** The path as the client sent it, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export type PresignedCheck = { ok: true } | { ok: false; code: string; message: string };

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding, as SigV4 wants it: only unreserved characters stay as they are. */
const encode = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

function canonicalRequest(r: PresignedRequest, signedHeaders: string[]): string {
  const query = [...r.query]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = signedHeaders
    .map(
      (h) =>
        `${h}:${String(r.headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const payload = r.query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  return [r.method, r.rawPath, query, headers, signedHeaders.join(';'), payload].join('\n');
}

const dateOf = (d: string) =>
  Date.parse(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`,
  );

export function checkPresigned(
  r: PresignedRequest,
  secretAccessKey: string,
  now = Date.now(),
): PresignedCheck {
  const q = r.query;
  const [, day, region, service] = (q.get('X-Amz-Credential') ?? '').split('/');
  const amzDate = q.get('X-Amz-Date') ?? '';
  const expires = Number(q.get('X-Amz-Expires'));
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
  const signature = q.get('X-Amz-Signature') ?? '';
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !day || !region || !service)
    return {
      ok: false,
      code: 'AuthorizationQueryParametersError',
      message: 'Malformed presigned URL.',
    };
  if (!(now <= dateOf(amzDate) + expires * 1000))
    return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    sha256Hex(canonicalRequest(r, signedHeaders)),
  ].join('\n');
  const key = [day, region, service, 'aws4_request'].reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${secretAccessKey}`,
  );
  const expected = Buffer.from(hmac(key, toSign).toString('hex'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.',
    };
  return { ok: true };
}
