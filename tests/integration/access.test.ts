/**
 * Access control and browser uploads on the running local stack, over HTTP as a client meets
 * them: the dev tokens `npm start` writes, the local gateway, the API, presigned PUTs to the
 * local S3 server (CORS, exact length, expiry) and the outcome the pipeline records.
 */
import { describe, expect, inject, it } from 'vitest';
import { clientsFor, eventually } from '../support/clients';

const stack = inject('stack');
const { get, upload } = clientsFor(stack);

const ARTICLE = [
  'Oxygen reaches the highlands',
  '',
  'The Red Cross said on Tuesday that 40 tonnes of medical supplies had arrived in Cusco by air.',
  'Health officials reported 1,300 confirmed cholera cases in the region as of March 3, 2023.',
].join('\n');

interface Grant {
  uploads: { name: string; key: string; url: string; headers: Record<string, string> }[];
  maxBytes: number;
}

async function grant(
  files: { name: string; size: number; type?: string }[],
  fields: Record<string, string> = {},
  token = stack.tokens.uploader,
): Promise<{ status: number; body: Grant & { detail?: string } }> {
  const res = await fetch(`${stack.apiUrl}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files, ...fields }),
  });
  return { status: res.status, body: (await res.json()) as Grant & { detail?: string } };
}

const put = (g: Grant['uploads'][number], body: string, origin?: string) =>
  fetch(g.url, {
    method: 'PUT',
    headers: { ...g.headers, ...(origin ? { origin } : {}) },
    body,
  });

interface Outcome {
  outcome: string;
  articleId: string | null;
  counts: Record<string, number> | null;
  rejection: { reason: string } | null;
}

async function outcomeOf(key: string, versionId: string): Promise<Outcome> {
  const q = new URLSearchParams({ key, versionId });
  return eventually(
    async () => {
      const { body } = await get<Outcome>(`/uploads/outcome?${q}`, stack.tokens.uploader);
      return body.outcome === 'pending' ? undefined : body;
    },
    30_000,
    `the outcome of ${key}`,
  );
}

describe('signing in, locally', () => {
  it('an article needs the reader token: 401 without, 200 with; the timeline needs none (publicRead)', async () => {
    const fileName = `access-${Date.now()}.txt`;
    await upload(fileName, ARTICLE.replace('highlands', `highlands ${fileName}`));
    const id = await eventually(async () => {
      const { body } = await get<{ items: { id: string; fileName: string }[] }>('/articles');
      return body.items.find((a) => a.fileName === fileName)?.id;
    }, 30_000);
    const anonymous = await fetch(`${stack.apiUrl}/articles/${id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const reader = await fetch(`${stack.apiUrl}/articles/${id}`, {
      headers: { authorization: `Bearer ${stack.tokens.reader}` },
    });
    expect(reader.status).toBe(200);
    expect(((await reader.json()) as { text: string }).text.length).toBeGreaterThan(0);
    expect((await fetch(`${stack.apiUrl}/timeline`)).status).toBe(200);
  });

  it('an expired or forged token is refused like none at all', async () => {
    const [head, payload] = stack.tokens.operator.split('.');
    const tampered = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as {
      exp: number;
    };
    tampered.exp = 1;
    const forged = `${head}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${stack.tokens.operator.split('.')[2]}`;
    for (const token of [forged, 'not.a.token', `${stack.tokens.reader}x`])
      expect((await get('/articles', token)).status).toBe(401);
  });

  it('the sign-in pages give the dashboard a token through the authorization code flow with PKCE', async () => {
    const verifier = 'v'.repeat(64);
    const challenge = (await import('node:crypto'))
      .createHash('sha256')
      .update(verifier)
      .digest('base64url');
    const config = (await (await fetch(`${stack.apiUrl}/assets/config.json`)).json()) as {
      auth: { authorizeUrl: string; tokenUrl: string; clientId: string };
    };
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: config.auth.clientId,
      redirect_uri: '/',
      state: 's1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const page = await fetch(`${stack.apiUrl}${config.auth.authorizeUrl}?${query}`);
    expect(await page.text()).toContain('<form method="post"');
    const wrong = await fetch(`${stack.apiUrl}${config.auth.authorizeUrl}?${query}`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'reader', password: 'guess' }),
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    const signInCode = async () => {
      const signedIn = await fetch(`${stack.apiUrl}${config.auth.authorizeUrl}?${query}`, {
        method: 'POST',
        body: new URLSearchParams({ username: 'reader', password: 'reader' }),
        redirect: 'manual',
      });
      const back = new URL(signedIn.headers.get('location')!, stack.apiUrl);
      expect(back.pathname).toBe('/');
      expect(back.searchParams.get('state')).toBe('s1');
      return back.searchParams.get('code')!;
    };
    const exchange = (code: string, verifierSent: string) =>
      fetch(`${stack.apiUrl}${config.auth.tokenUrl}`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: config.auth.clientId,
          redirect_uri: '/',
          code,
          code_verifier: verifierSent,
        }),
      });
    const stolen = await signInCode();
    expect((await exchange(stolen, 'w'.repeat(64))).status).toBe(400);
    // A code is good once: the wrong verifier above used it up.
    expect((await exchange(stolen, verifier)).status).toBe(400);
    const answer = await exchange(await signInCode(), verifier);
    expect(answer.status).toBe(200);
    const { access_token } = (await answer.json()) as { access_token: string };
    expect((await get('/articles?limit=1', access_token)).status).toBe(200);
    expect((await get('/articles?limit=1', 'not.a.token')).status).toBe(401);
  });
});

describe('uploading from a browser, locally', () => {
  it('a presigned PUT with the metadata fields becomes an ingested article whose outcome the API reports', async () => {
    const name = `highlands-${Date.now()}.txt`;
    const { status, body } = await grant(
      [{ name, size: Buffer.byteLength(ARTICLE), type: 'text/plain; charset=utf-8' }],
      { title: 'Oxygen for Cusco', publishedAt: '2023-03-05', sourceUrl: 'https://example.org/o' },
    );
    expect(status).toBe(200);
    const [g] = body.uploads;
    expect(g!.key).toBe(`articles/${name}`);
    // The browser's preflight, then the PUT: both allowed from the dashboard's origin.
    const preflight = await fetch(g!.url, {
      method: 'OPTIONS',
      headers: {
        origin: stack.apiUrl,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': Object.keys(g!.headers).join(','),
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const res = await put(g!, ARTICLE, stack.apiUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-expose-headers')).toContain('x-amz-version-id');
    const outcome = await outcomeOf(g!.key, res.headers.get('x-amz-version-id')!);
    expect(outcome).toMatchObject({ outcome: 'ingested', rejection: null });
    const { articleId, counts } = outcome;
    expect(Object.values(counts!).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The outcome is the event store's; the article's view follows once the projector has run.
    const detail = await eventually(async () => {
      const res = await get<{ title: string; publishedAt: string; url: string }>(
        `/articles/${articleId}`,
      );
      return res.status === 200 ? res : undefined;
    }, 30_000);
    expect(detail.body).toMatchObject({
      title: 'Oxygen for Cusco',
      publishedAt: '2023-03-05',
      url: 'https://example.org/o',
    });
  });

  it('the same text again is a duplicate, and a file with no text is rejected with its reason', async () => {
    const stamp = Date.now();
    const { body } = await grant([
      { name: `again-${stamp}.txt`, size: Buffer.byteLength(ARTICLE) },
      { name: `empty-${stamp}.txt`, size: 0 },
    ]);
    const [again, empty] = body.uploads;
    const versions = await Promise.all([put(again!, ARTICLE), put(empty!, '')]).then((rs) =>
      rs.map((r) => r.headers.get('x-amz-version-id')!),
    );
    // The first test may not have run: this one's own first upload makes the text known.
    const first = await outcomeOf(again!.key, versions[0]!);
    expect(['ingested', 'duplicate']).toContain(first.outcome);
    const { body: second } = await grant([
      { name: `again-${stamp}-b.txt`, size: Buffer.byteLength(ARTICLE) },
    ]);
    const r2 = await put(second.uploads[0]!, ARTICLE);
    expect(
      await outcomeOf(second.uploads[0]!.key, r2.headers.get('x-amz-version-id')!),
    ).toMatchObject({
      outcome: 'duplicate',
    });
    expect(await outcomeOf(empty!.key, versions[1]!)).toMatchObject({
      outcome: 'rejected',
      rejection: { reason: 'empty' },
    });
    // The same empty file under the same name again adds only a receipt: still rejected.
    const { body: third } = await grant([{ name: `empty-${stamp}.txt`, size: 0 }]);
    const r3 = await put(third.uploads[0]!, '');
    expect(
      await outcomeOf(third.uploads[0]!.key, r3.headers.get('x-amz-version-id')!),
    ).toMatchObject({ outcome: 'rejected', rejection: { reason: 'empty' } });
  });

  it('the signed length is the limit: a longer or shorter body is refused, and nothing over 5 MB is signed', async () => {
    const { body } = await grant([{ name: `short-${Date.now()}.txt`, size: 10 }]);
    const g = body.uploads[0]!;
    expect((await put(g, 'x'.repeat(11))).status).toBe(403);
    expect((await put(g, 'x'.repeat(9))).status).toBe(403);
    const tooBig = await grant([{ name: 'big.txt', size: body.maxBytes + 1 }]);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.detail).toContain('files.0.size');
  });

  it('only an uploader may ask, and only for plain file names', async () => {
    expect((await grant([{ name: 'a.txt', size: 1 }], {}, stack.tokens.reader)).status).toBe(403);
    const bad = await grant([{ name: '../etc/passwd', size: 1 }]);
    expect(bad.status).toBe(400);
    expect((await grant([{ name: 'a.txt', size: 1 }], { publishedAt: 'soon' })).status).toBe(400);
  });
});
