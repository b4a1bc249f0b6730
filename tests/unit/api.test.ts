import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ROUTES } from '../../src/api/routes';
import {
  aidFlow,
  caseCount,
  evidence,
  extracted,
  happening,
  ingestCommit,
  rejectedCommit,
} from '../support/builders';
import { apiOver } from '../support/api';

const TEXT_A =
  'North Korea update\n\nIt has tested 40,700 people through Sept. 23. WHO started shipping medical supplies through Dalian.';
const span = (text: string, sentence: string) => ({
  sentence,
  start: text.indexOf(sentence),
  end: text.indexOf(sentence) + sentence.length,
});

const articleA = ingestCommit(
  'aaaaaaaaaaaaaaaaaaaaaaaa',
  extracted({
    title: 'North Korea update',
    publishedAt: '2021-09-24',
    text: TEXT_A,
    caseCounts: [
      caseCount({
        asOf: '2021-09-23',
        evidence: span(TEXT_A, 'It has tested 40,700 people through Sept. 23.'),
      }),
    ],
    aidFlows: [
      aidFlow({ evidence: span(TEXT_A, 'WHO started shipping medical supplies through Dalian.') }),
    ],
    timeline: [
      happening({ date: '2021-09-23' }),
      happening({
        date: '2022-03-01',
        type: 'policy',
        summary: 'China reopens the border',
        subjects: ['China', 'North Korea'],
      }),
    ],
  }),
);
const articleB = ingestCommit(
  'bbbbbbbbbbbbbbbbbbbbbbbb',
  extracted({
    title: 'Cholera in Mozambique',
    publishedAt: '2022-02-02',
    caseCounts: [
      caseCount({ location: 'Mozambique', metric: 'confirmed', value: 1200, asOf: '2022-02-01' }),
      caseCount({ location: 'Mozambique', metric: 'deaths', value: 12, asOf: '2022-02-01' }),
    ],
    aidFlows: [
      aidFlow({
        donor: 'the Red Cross',
        recipient: 'Mozambique',
        items: ['medical supplies'],
        quantity: { value: 40, unit: 'tonnes' },
        status: 'delivered',
        date: '2022-02-01',
        route: [],
      }),
      aidFlow({
        donor: 'UNICEF',
        recipient: 'Mozambique',
        items: ['vaccine doses'],
        status: 'pledged',
        route: [],
      }),
    ],
    timeline: [
      happening({
        date: '2022-02-01',
        type: 'outbreak',
        summary: 'Cholera outbreak declared in Nampula',
        subjects: ['Mozambique'],
        evidence: evidence('Officials declared a cholera outbreak in Nampula.'),
      }),
      // Same day, type and subjects as article A's first happening, a year later: one group, two entries.
      happening({ date: '2022-09-23', summary: 'North Korea reports more tests' }),
    ],
  }),
);
const rejected = rejectedCommit(
  'x00000000000000000000001',
  'not_english',
  'the text is in French (fr); only English is supported',
);

const fixture = () => apiOver([articleA, articleB, rejected], { [articleA.articleId]: TEXT_A });

async function walk(
  call: Awaited<ReturnType<typeof fixture>>['call'],
  route: string,
  limit: number,
) {
  const pages: unknown[][] = [];
  for (let cursor: string | null = null; ;) {
    const sep = route.includes('?') ? '&' : '?';
    const res = await call(
      `${route}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    pages.push(res.json.items);
    if (!(cursor = res.json.next)) return pages;
  }
}

describe('list routes', () => {
  it('given happenings in 2021 and 2022, /timeline?from=2022-01-01 holds only the 2022 ones, in order', async () => {
    const { call } = await fixture();
    const res = await call('/timeline?from=2022-01-01');
    expect(res.status).toBe(200);
    const dates = res.json.items.map((e: { date: string }) => e.date);
    expect(dates.every((d: string) => d >= '2022-01-01')).toBe(true);
    expect(dates).toEqual(expect.arrayContaining(['2022-02-01', '2022-03-01']));
    expect(
      (await call('/timeline?to=2022-02-01')).json.items.map((e: { date: string }) => e.date),
    ).toEqual(['2021-09-23', '2022-02-01']);
  });

  it('/timeline filters by type, by a subject (any case) and by words in the evidence', async () => {
    const { call } = await fixture();
    expect(
      (await call('/timeline?type=policy')).json.items.map((e: { summary: string }) => e.summary),
    ).toEqual(['China reopens the border']);
    expect(
      (await call('/timeline?location=mozambique')).json.items.map((e: { date: string }) => e.date),
    ).toEqual(['2022-02-01']);
    expect((await call('/timeline?q=NAMPULA')).json.items).toHaveLength(1);
    expect(
      (await call('/timeline?to=2021-12')).json.items.map((e: { date: string }) => e.date),
    ).toEqual(['2021-09-23']);
  });

  it('/case-counts filters by location and metric, and by as-of date', async () => {
    const { call } = await fixture();
    const tested = (await call('/case-counts?location=NORTH%20KOREA&metric=tested')).json.items;
    expect(tested).toEqual([
      expect.objectContaining({
        location: 'North Korea',
        metric: 'tested',
        value: 40700,
        asOf: '2021-09-23',
      }),
    ]);
    expect(tested[0].sources[0]).toMatchObject({
      articleId: articleA.articleId,
      evidence: [
        expect.objectContaining({ sentence: 'It has tested 40,700 people through Sept. 23.' }),
      ],
    });
    expect(
      (await call('/case-counts?location=mozambique')).json.items.map(
        (e: { metric: string }) => e.metric,
      ),
    ).toEqual(['confirmed', 'deaths']);
    expect((await call('/case-counts?metric=deaths')).json.items).toHaveLength(1);
    expect(
      (await call('/case-counts?from=2022')).json.items.every((e: { asOf: string }) =>
        e.asOf.startsWith('2022'),
      ),
    ).toBe(true);
  });

  it('/aid-flows filters by donor, recipient, status and a word of an item', async () => {
    const { call } = await fixture();
    const donors = async (q: string) =>
      (await call(`/aid-flows?${q}`)).json.items.map((e: { donor: string }) => e.donor);
    expect(await donors('donor=who')).toEqual(['WHO']);
    expect(await donors('recipient=Mozambique')).toEqual(['the Red Cross', 'UNICEF']);
    expect(await donors('status=delivered')).toEqual(['the Red Cross']);
    expect(await donors('item=vaccine')).toEqual(['UNICEF']);
    expect(await donors('donor=who&recipient=mozambique')).toEqual([]);
  });

  it('/aid-flows/graph gives donors and recipients as separate nodes and one link per corridor', async () => {
    const { call } = await fixture();
    const graph = (await call('/aid-flows/graph')).json;
    expect(graph.links).toHaveLength(3);
    expect(graph.links).toContainEqual(
      expect.objectContaining({
        source: 'donor:the red cross',
        target: 'recipient:moz',
        value: 1,
        status: 'delivered',
      }),
    );
    expect(
      graph.nodes
        .filter((n: { side: string }) => n.side === 'recipient')
        .map((n: { name: string }) => n.name)
        .sort(),
    ).toEqual(['Mozambique', 'North Korea']);
    expect(graph.truncated).toBe(false);
    expect(
      (await call('/aid-flows/graph?status=pledged')).json.links.map(
        (l: { source: string }) => l.source,
      ),
    ).toEqual(['donor:unicef']);
  });

  it('a corridor’s current status is the one reported for its latest date, wherever undated reports fall', async () => {
    const report = (
      id: string,
      status: 'pledged' | 'delivered' | 'discussed',
      date: string | null,
    ) =>
      ingestCommit(
        id,
        extracted({ aidFlows: [aidFlow({ donor: 'Gavi', recipient: 'Peru', status, date })] }),
      );
    const { call } = await apiOver([
      report('e0000000000000000000000a', 'pledged', '2022-01'),
      report('e0000000000000000000000b', 'delivered', '2022-03-02'),
      report('e0000000000000000000000c', 'discussed', null),
    ]);
    expect(
      (await call('/aid-flows/graph')).json.links.map((l: { status: string }) => l.status),
    ).toEqual(['delivered']);
    const [header, , row] = (await call('/aid-flows/corridors?format=csv')).body.split('\r\n');
    const status = header!.split(',').indexOf('status');
    expect(row!.split(',')[status]).toBe('delivered');
    expect(
      (await call('/aid-flows')).json.items.map((e: { status: string; date: string }) => [
        e.status,
        e.date,
      ]),
    ).toEqual([
      ['pledged', '2022-01'],
      ['delivered', '2022-03-02'],
      ['discussed', null],
    ]);
  });

  it('/articles lists the newest first and ?status=rejected only the rejected ones, with their reason', async () => {
    const { call } = await fixture();
    expect((await call('/articles')).json.items).toHaveLength(3);
    const rejectedOnly = (await call('/articles?status=rejected')).json.items;
    expect(rejectedOnly).toEqual([
      expect.objectContaining({
        id: rejected.articleId,
        status: 'rejected',
        rejection: { reason: 'not_english', detail: expect.stringContaining('French') },
      }),
    ]);
    expect(
      (await call('/articles?status=extracted')).json.items.map((a: { id: string }) => a.id).sort(),
    ).toEqual([articleA.articleId, articleB.articleId]);
  });
});

describe('paging', () => {
  it.each([
    '/timeline',
    '/case-counts',
    '/aid-flows',
    '/articles',
    '/timeline?from=2021-06&type=cases',
    '/articles?status=extracted',
  ])(
    'walking %s one item at a time gives the same items as one page, and the last page says next: null',
    async (route) => {
      const { call } = await fixture();
      const whole = (await call(route)).json;
      expect(whole.next).toBeNull();
      const pages = await walk(call, route, 1);
      expect(pages.every((p) => p.length === 1)).toBe(true);
      expect(pages.flat()).toEqual(whole.items);
    },
  );

  it('splits a page inside a group that holds several entries', async () => {
    const { call } = await fixture();
    const cases = (await walk(call, '/timeline?type=cases', 1)).flat() as { date: string }[];
    expect(cases.map((e) => e.date)).toEqual(['2021-09-23', '2022-09-23']);
  });

  it('pages of two cover the list without gaps or repeats', async () => {
    const { call } = await fixture();
    const whole = (await call('/timeline')).json.items;
    expect((await walk(call, '/timeline', 2)).flat()).toEqual(whole);
  });
});

describe('article routes', () => {
  it('/articles/{id} gives the facts with evidence offsets into the text it includes', async () => {
    const { call } = await fixture();
    const a = (await call(`/articles/${articleA.articleId}`)).json;
    expect(a).toMatchObject({
      id: articleA.articleId,
      status: 'extracted',
      title: 'North Korea update',
      text: TEXT_A,
      rejection: null,
    });
    expect(a.facts.caseCounts).toEqual([
      expect.objectContaining({
        factIndex: expect.any(Number),
        metric: 'tested',
        value: 40700,
        confidence: 0.8,
      }),
    ]);
    expect(a.facts.timeline).toHaveLength(2);
    for (const f of [...a.facts.caseCounts, ...a.facts.aidFlows])
      expect(TEXT_A.slice(f.evidence.start, f.evidence.end)).toBe(f.evidence.sentence);
  });

  it('/articles/{id} of a rejected article gives its reason and no text', async () => {
    const { call } = await fixture();
    const r = (await call(`/articles/${rejected.articleId}`)).json;
    expect(r).toMatchObject({
      status: 'rejected',
      text: null,
      rejection: { reason: 'not_english' },
      facts: { aidFlows: [], caseCounts: [], timeline: [] },
    });
  });

  it('/articles/{id}/events gives the raw stream in order', async () => {
    const { call } = await fixture();
    const res = await call(`/articles/${rejected.articleId}/events`);
    expect(res.json.items.map((e: { type: string }) => e.type)).toEqual([
      'ArticleReceived',
      'ArticleRejected',
    ]);
    const types = (await walk(call, `/articles/${articleA.articleId}/events`, 2))
      .flat()
      .map((e) => (e as { type: string }).type);
    expect(types.slice(0, 2)).toEqual(['ArticleReceived', 'ArticleExtracted']);
    expect(types).toHaveLength(2 + 4);
  });

  it.each(['/articles/ffffffffffffffffffffffff', '/articles/ffffffffffffffffffffffff/events'])(
    '%s of an unknown article is a 404 problem',
    async (route) => {
      const { call } = await fixture();
      const res = await call(route);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
    },
  );
});

describe('errors are problem details that name the parameter', () => {
  it('/timeline?from=notadate is a 400 problem naming `from`', async () => {
    const { call } = await fixture();
    const res = await call('/timeline?from=notadate');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({
      type: expect.any(String),
      title: 'Bad Request',
      status: 400,
      detail: expect.stringContaining('`from`'),
      instance: '/timeline?from=notadate',
      errors: [{ parameter: 'from', message: expect.stringContaining('YYYY') }],
    });
  });

  it.each([
    ['/timeline?from=2021-02-30', 'from'],
    ['/timeline?from=2022&to=2021-06', 'to'],
    ['/timeline?type=rumour', 'type'],
    ['/case-counts?metric=infected', 'metric'],
    ['/aid-flows?status=lost', 'status'],
    ['/articles?status=pending', 'status'],
    ['/aid-flows?limit=501', 'limit'],
    ['/aid-flows?limit=0', 'limit'],
    ['/aid-flows?limit=ten', 'limit'],
    ['/aid-flows?limit=0x10', 'limit'],
    ['/aid-flows?limit=%205', 'limit'],
    ['/aid-flows?limit=1e2', 'limit'],
    ['/aid-flows?limit=10.0', 'limit'],
    ['/case-counts?cursor=not-a-cursor', 'cursor'],
    ['/timeline?form=2022', 'form'],
    ['/aid-flows?format=xlsx', 'format'],
    ['/articles/..%2F..%2Fetc', 'id'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const { call } = await fixture();
    const res = await call(url);
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { parameter: string }) => e.parameter)).toContain(parameter);
  });

  it.each(
    ['/timeline', '/case-counts', '/aid-flows', '/articles', '/aid-flows/corridors'].flatMap(
      (route) => [
        [route, '2021-09-23|' + '\u{1F600}'.repeat(260)],
        [route, '2021-09-23|' + '\u{1F600}'.repeat(200)],
        [route, 'a'.repeat(850)],
      ],
    ),
  )(
    '%s with a forged cursor naming a sort key longer than any stored one is a 400 naming `cursor`, not a 500',
    async (route, key) => {
      const { call, errors } = await fixture();
      // DynamoDB refuses a key-condition value over 1,024 bytes with a 500-worthy error.
      const forged = Buffer.from(JSON.stringify([key])).toString('base64url');
      const res = await call(`${route}?cursor=${forged}`);
      expect(res.status).toBe(400);
      expect(res.json.errors.map((e: { parameter: string }) => e.parameter)).toEqual(['cursor']);
      expect(errors).toEqual([]);
    },
  );

  it('an unknown route is a 404 problem', async () => {
    const { call } = await fixture();
    const res = await call('/nowhere');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/nowhere',
    });
  });

  it('an unexpected failure is a 500 problem that gives away nothing of it', async () => {
    const { deps, call } = await fixture();
    deps.views.listEntries = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.1:8000 at /var/task/index.mjs:1:2');
    };
    const res = await call('/timeline');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).not.toMatch(/ECONNREFUSED|index\.mjs|\/var\/task|at /);
  });

  it('writes are refused with 405 and Allow', async () => {
    const { call } = await fixture();
    const res = await call('/articles', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('CSV with HXL', () => {
  it('/aid-flows?format=csv starts with a BOM, names a file, has the header, the HXL row, then one row per flow and source', async () => {
    const { call } = await fixture();
    const res = await call('/aid-flows?format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="aid-flows.csv"');
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const lines = res.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual([
      'id',
      'date',
      'reported',
      'donor',
      'donor_code',
    ]);
    expect(lines[1]!.split(',')).toEqual(
      expect.arrayContaining([
        '#date+occurred',
        '#date+reported',
        '#org+funder+name',
        '#country+name',
        '#country+code',
        '#item+name',
        '#status',
        '#meta+url',
      ]),
    );
    expect(lines).toHaveLength(2 + 3);
    expect(lines.find((l) => l.includes('the Red Cross'))).toContain('delivered');
  });

  it('puts amounts of money under #value and #currency, other quantities under #output', async () => {
    const { call } = await apiOver([
      ingestCommit(
        'f0000000000000000000000a',
        extracted({
          publishedAt: '2023-05-01',
          aidFlows: [
            aidFlow({
              donor: 'World Bank',
              recipient: 'Laos',
              items: ['funding'],
              quantity: { value: 15000000, unit: 'USD' },
            }),
            aidFlow({
              donor: 'Japan',
              recipient: 'Laos',
              items: ['vaccines'],
              quantity: { value: 50000, unit: 'doses' },
            }),
          ],
        }),
      ),
    ]);
    const [header, hxl, ...rows] = (await call('/aid-flows?format=csv')).body
      .slice(1)
      .trimEnd()
      .split('\r\n');
    const col = (tag: string) => hxl!.split(',').indexOf(tag);
    expect(header!.split(',')[col('#value')]).toBe('amount');
    const bank = rows.find((r) => r.includes('World Bank'))!.split(',');
    const japan = rows.find((r) => r.includes('Japan'))!.split(',');
    expect([bank[col('#value')], bank[col('#currency')], bank[col('#output+num')]]).toEqual([
      '15000000',
      'USD',
      '',
    ]);
    expect([japan[col('#value')], japan[col('#output+num')], japan[col('#output+unit')]]).toEqual([
      '',
      '50000',
      'doses',
    ]);
  });

  it('writes a year-less date so that a spreadsheet keeps month and day and runs nothing', async () => {
    const { call } = await apiOver([
      ingestCommit(
        'f0000000000000000000000b',
        extracted({ timeline: [happening({ date: '--09-23' })] }),
      ),
    ]);
    const [header, , row] = (await call('/timeline?format=csv')).body.slice(1).split('\r\n');
    expect(row!.split(',')[header!.split(',').indexOf('date')]).toBe('XXXX-09-23');
  });

  it('/case-counts?format=csv puts each value under its metric’s hashtag', async () => {
    const { call } = await fixture();
    const [header, hxl, ...rows] = (
      await call('/case-counts?format=csv&location=north%20korea')
    ).body
      .slice(1)
      .trimEnd()
      .split('\r\n');
    const tested = hxl!.split(',').indexOf('#affected+tested');
    expect(header!.split(',')[tested]).toBe('tested');
    expect(hxl!.split(',')).toEqual(
      expect.arrayContaining([
        '#affected+infected',
        '#affected+killed',
        '#date+occurred',
        '#country+name',
        '#country+code',
        '#loc+name',
      ]),
    );
    expect(rows.map((r) => r.split(',')[tested])).toEqual(['40700']);
  });

  it('quotes separators and defuses cells a spreadsheet would run as formulas', async () => {
    const { call } = await apiOver([
      ingestCommit(
        'cccccccccccccccccccccccc',
        extracted({
          timeline: [
            happening({
              date: '2021-01-01',
              summary: '=HYPERLINK("http://x"), "quoted"',
              subjects: [],
            }),
          ],
        }),
      ),
    ]);
    const row = (await call('/timeline?format=csv')).body.split('\r\n')[2]!;
    expect(row).toContain(',2021-01-01,');
    expect(row).toContain(`"'=HYPERLINK(""http://x""), ""quoted"""`);
  });

  it('every list route answers CSV with an HXL row of hashtags only', async () => {
    const { call } = await fixture();
    for (const route of ['/timeline', '/case-counts', '/aid-flows', '/articles']) {
      const hxl = (await call(`${route}?format=csv`)).body.split('\r\n')[1]!;
      expect(
        hxl.split(',').every((tag) => /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/.test(tag)),
        route,
      ).toBe(true);
    }
  });
});

describe('HTTP caching, CORS and security headers', () => {
  it('answers an unchanged view with 304 to If-None-Match, and a changed one with a new ETag', async () => {
    const { deps, call } = await fixture();
    const first = await call('/timeline');
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const again = await call('/timeline', { headers: { 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    await deps.views.writeSnapshot(
      (await import('../../src/domain/projections/project-all')).projectState([
        ingestCommit(
          'dddddddddddddddddddddddd',
          extracted({ timeline: [happening({ date: '2023-01-01', subjects: ['Peru'] })] }),
        ),
      ]),
    );
    const changed = await call('/timeline', { headers: { 'if-none-match': first.headers.etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
  });

  it('takes If-None-Match: * as any representation, but W/* as no validator at all', async () => {
    const { call } = await fixture();
    expect((await call('/timeline', { headers: { 'if-none-match': '*' } })).status).toBe(304);
    const weak = await call('/timeline', { headers: { 'if-none-match': 'W/*' } });
    expect(weak.status).toBe(200);
    expect(weak.json.items.length).toBeGreaterThan(0);
  });

  it('allows any origin, exposes ETag and Link, and answers the preflight', async () => {
    const { call } = await fixture();
    const res = await call('/timeline?limit=1');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('etag');
    expect(res.headers.link).toMatch(/^<\/timeline\?limit=1&cursor=[\w-]+>; rel="next"$/);
    const preflight = await call('/timeline', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    expect(preflight.headers['access-control-allow-headers']).toContain('if-none-match');
  });

  it('serves the dashboard at / with a Content-Security-Policy that allows only its own bundled script', async () => {
    const { call } = await fixture();
    const res = await call('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("default-src 'none'");
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.body).not.toMatch(/https?:\/\//);
    for (const asset of res.body.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)) {
      const served = await call(`/${asset[1]}`);
      expect(served.status, asset[1]).toBe(200);
      expect(served.body.length).toBeGreaterThan(100);
    }
    expect((await call('/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
  });
});

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 and lists every route with the parameters the handlers validate', async () => {
    const { call } = await fixture();
    const doc = (await call('/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/',
        '/assets/config.json',
        '/assets/{file}',
        '/openapi.json',
        '/health',
        '/timeline',
        '/aid-flows',
        '/aid-flows/corridors',
        '/aid-flows/graph',
        '/case-counts',
        '/articles',
        '/articles/{id}',
        '/articles/{id}/events',
        '/uploads',
        '/uploads/outcome',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/uploads'])).toEqual(['post']);
    expect(doc.paths['/uploads'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/UploadRequest',
    });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/articles/{id}'].get.security).toEqual([{ bearer: ['reader'] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    const names = (path: string) =>
      doc.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(names('/timeline')).toEqual([
      'cursor',
      'format',
      'from',
      'limit',
      'location',
      'q',
      'to',
      'type',
      'updatedSince',
    ]);
    expect(names('/aid-flows')).toEqual([
      'cursor',
      'disease',
      'donor',
      'format',
      'from',
      'item',
      'limit',
      'recipient',
      'status',
      'to',
      'updatedSince',
    ]);
    expect(names('/case-counts')).toEqual([
      'cursor',
      'disease',
      'format',
      'from',
      'limit',
      'location',
      'metric',
      'period',
      'to',
      'updatedSince',
    ]);
    expect(names('/articles')).toEqual(['cursor', 'format', 'limit', 'status', 'updatedSince']);
    expect(doc.paths['/articles/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
    });
    expect(
      doc.paths['/timeline'].get.parameters.find((p: { name: string }) => p.name === 'type').schema
        .enum,
    ).toContain('outbreak');
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g)!;
    for (const ref of new Set(refs))
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    expect(Object.keys(doc.paths['/aid-flows'].get.responses[200].content)).toEqual([
      'application/json',
      'text/csv',
      'application/geo+json',
    ]);
  });

  it('describes what the routes answer: each JSON answer parses with the schema the document is generated from', async () => {
    const { call } = await fixture();
    const urls: Record<string, string> = {
      '/articles/{id}': `/articles/${articleA.articleId}`,
      '/articles/{id}/events': `/articles/${articleA.articleId}/events`,
      '/uploads/outcome': '/uploads/outcome?key=articles/a.txt&versionId=v1',
    };
    const upload = { files: [{ name: 'a.txt', size: 10 }] };
    for (const route of ROUTES.filter((r) => r.response instanceof z.ZodType)) {
      const res = await call(urls[route.path] ?? route.path, {
        as: 'operator',
        ...(route.method === 'POST' ? { body: upload } : {}),
      });
      expect(res.status, route.path).toBe(200);
      expect(() => (route.response as z.ZodType).parse(res.json), route.path).not.toThrow();
    }
  });
});
