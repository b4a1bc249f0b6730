/**
 * Access control as a caller meets it locally: the local gateway (API Gateway's JWT authorizer,
 * emulated with the local issuer's keys) in front of the API, for each route × each kind of
 * caller — nobody, a forged token, an expired one, a token of another client, a signed-in user
 * in no group, a reader, an uploader, an operator — with the facts public and private. The
 * table below pins each route's access, so a new route must say who may call it.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { localGateway } from '../../local/gateway';
import { LocalIssuer } from '../../local/identity';
import { handleApiRequest } from '../../src/api/app';
import { ROUTES } from '../../src/api/routes';
import { apiOver, requestEvent } from '../support/api';
import { extracted, happening, ingestCommit, rejectedCommit } from '../support/builders';

const article = ingestCommit(
  'aaaaaaaaaaaaaaaaaaaaaaaa',
  extracted({ text: 'A text.', timeline: [happening({ date: '2021-09-23' })] }),
);
const rejected = rejectedCommit('x00000000000000000000001', 'not_english', 'French');
const ID = article.articleId;

type Needs = 'anyone' | 'facts' | 'reader' | 'uploader';
/** Each request, and who may make it. */
const REQUESTS: [request: string, needs: Needs][] = [
  ['GET /', 'anyone'],
  ['GET /health', 'anyone'],
  ['GET /assets/app.js', 'anyone'],
  ['GET /assets/config.json', 'anyone'],
  ['GET /openapi.json', 'facts'],
  ['GET /timeline', 'facts'],
  ['GET /timeline?format=csv', 'facts'],
  ['GET /aid-flows', 'facts'],
  ['GET /aid-flows?format=geojson', 'facts'],
  ['GET /aid-flows/corridors', 'facts'],
  ['GET /aid-flows/graph', 'facts'],
  ['GET /case-counts', 'facts'],
  ['HEAD /case-counts', 'facts'],
  ['GET /articles', 'reader'],
  ['GET /articles?status=rejected', 'reader'],
  [`GET /articles/${ID}`, 'reader'],
  [`GET /articles/${ID}/events`, 'reader'],
  [`GET /articles/${rejected.articleId}`, 'reader'],
  ['POST /uploads', 'uploader'],
  ['GET /uploads/outcome?key=articles/a.txt&versionId=v1', 'uploader'],
];

type Caller =
  | 'nobody'
  | 'forged'
  | 'expired'
  | 'other client'
  | 'no group'
  | 'reader'
  | 'uploader'
  | 'operator';
const CALLERS: Caller[] = [
  'nobody',
  'forged',
  'expired',
  'other client',
  'no group',
  'reader',
  'uploader',
  'operator',
];

/** The status a caller should get: 2xx when allowed; 401 without a valid token; 403 without the role. */
function expected(needs: Needs, caller: Caller, publicRead: boolean): number | 'ok' {
  const valid = ['no group', 'reader', 'uploader', 'operator'].includes(caller);
  if (needs === 'anyone' || (needs === 'facts' && publicRead)) return 'ok';
  if (!valid) return 401;
  if (needs === 'facts') return 'ok';
  const roles: Record<string, string[]> = {
    'no group': [],
    reader: ['reader'],
    uploader: ['reader', 'uploader'],
    operator: ['reader', 'uploader', 'operator'],
  };
  return roles[caller]!.includes(needs) ? 'ok' : 403;
}

let issuer: LocalIssuer;
const tokens = {} as Record<Caller, string | null>;

beforeAll(async () => {
  issuer = await LocalIssuer.create();
  const forger = await generateKeyPair('ES256');
  const genuine = await issuer.accessToken('reader');
  const [, payload] = genuine.split('.');
  tokens.nobody = null;
  // The same claims, signed with a key that is not the issuer's.
  tokens.forged = await new SignJWT(JSON.parse(Buffer.from(payload!, 'base64url').toString()))
    .setProtectedHeader({
      alg: 'ES256',
      kid: JSON.parse(Buffer.from(genuine.split('.')[0]!, 'base64url').toString()).kid,
    })
    .sign(forger.privateKey);
  tokens.expired = await issuer.accessToken('operator', { expiresIn: -60 });
  tokens['no group'] = await issuer.accessToken('visitor', { groups: [] });
  tokens.reader = await issuer.accessToken('reader');
  tokens.uploader = await issuer.accessToken('uploader');
  tokens.operator = await issuer.accessToken('operator');
  // A genuine signature on a token for another app client.
  tokens['other client'] = await new SignJWT({
    client_id: 'someone-else',
    token_use: 'access',
    'cognito:groups': ['operator'],
  })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer('https://local-issuer.aid-ledger.invalid')
    .setSubject('x')
    .setExpirationTime('1h')
    .sign((issuer as unknown as { privateKey: CryptoKey }).privateKey);
});

async function gatewayFor(publicRead: boolean) {
  const { deps } = await apiOver([article, rejected], { [ID]: 'A text.' }, { publicRead });
  return localGateway({
    api: (event) => handleApiRequest(deps, event),
    issuer,
    publicRead,
  });
}

async function send(
  gateway: Awaited<ReturnType<typeof gatewayFor>>,
  request: string,
  caller: Caller,
): Promise<APIGatewayProxyStructuredResultV2 & { statusCode: number }> {
  const [method, url] = request.split(' ') as [string, string];
  const token = tokens[caller];
  const event = requestEvent(url, {
    method,
    as: null,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(method === 'POST' ? { body: { files: [{ name: 'a.txt', size: 10 }] } } : {}),
  });
  return (await gateway(event)) as APIGatewayProxyStructuredResultV2 & { statusCode: number };
}

describe('the route table', () => {
  it('says who may call every route the API serves', () => {
    const covered = new Set(
      REQUESTS.map(([r]) => {
        const [method, url] = r.split(' ') as [string, string];
        const path = url.split('?')[0]!;
        const route = ROUTES.find(
          (x) =>
            new RegExp(`^${x.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path) &&
            (x.method ?? 'GET') === (method === 'HEAD' ? 'GET' : method),
        );
        return route && `${route.method ?? 'GET'} ${route.path}`;
      }),
    );
    for (const r of ROUTES) expect(covered, r.path).toContain(`${r.method ?? 'GET'} ${r.path}`);
  });
});

describe.each([true, false])('with publicRead %s', (publicRead) => {
  it.each(CALLERS)(
    'a caller with %s token gets what its role allows on every route',
    async (caller) => {
      const gateway = await gatewayFor(publicRead);
      for (const [request, needs] of REQUESTS) {
        const res = await send(gateway, request, caller);
        const want = expected(needs, caller, publicRead);
        if (want === 'ok') expect(res.statusCode, `${request} as ${caller}`).toBeLessThan(300);
        else expect(res.statusCode, `${request} as ${caller}`).toBe(want);
        if (want === 401) expect(res.headers?.['www-authenticate'], request).toMatch(/^Bearer/);
      }
    },
  );
});

describe('what a refusal says', () => {
  it('a signed-in user without the role learns which role is needed, and nothing else', async () => {
    const res = await send(await gatewayFor(true), `GET /articles/${ID}`, 'no group');
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(String(res.body))).toMatchObject({
      status: 403,
      detail: expect.stringContaining('reader role'),
    });
    expect(String(res.body)).not.toContain('A text.');
  });

  it('an article text is not served to anybody without a token, whatever publicRead says', async () => {
    for (const publicRead of [true, false]) {
      const res = await send(await gatewayFor(publicRead), `GET /articles/${ID}`, 'nobody');
      expect(res.statusCode).toBe(401);
      expect(String(res.body)).not.toContain('A text.');
    }
  });
});

describe('the API behind any gateway', () => {
  it('refuses a protected route that reached it without verified claims (a path sent to $default)', async () => {
    const { call } = await apiOver([article], { [ID]: 'A text.' }, { publicRead: true });
    expect((await call(`/articles/${ID}`, { as: null })).status).toBe(401);
    expect((await call('/uploads', { as: 'reader', body: { files: [] } })).status).toBe(403);
    expect((await call('/timeline', { as: null })).status).toBe(200);
  });
});
