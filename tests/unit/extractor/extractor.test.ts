/**
 * The extractor, specified by example: given an article (our own sentences, never the seeds'),
 * then these facts, dates, entities or this rejection.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle, EXTRACTOR_VERSION } from '../../../src/domain/extractor';
import type {
  ExtractedArticle,
  ExtractionOutcome,
  UploadMetadata,
} from '../../../src/domain/extractor/types';

const bytes = (s: string) => new TextEncoder().encode(s);

function extract(
  text: string,
  options: { fileName?: string; metadata?: UploadMetadata } = {},
): ExtractionOutcome {
  return extractArticle({
    fileName: options.fileName ?? 'article.txt',
    bytes: bytes(text),
    metadata: options.metadata,
  });
}

function extracted(text: string, publishedAt?: string, fileName?: string): ExtractedArticle {
  const out = extract(text, { fileName, metadata: publishedAt ? { publishedAt } : undefined });
  if (out.kind !== 'extracted')
    throw new Error(`expected an extraction, got ${out.reason}: ${out.detail}`);
  return out;
}

const NEWS =
  'Health officials said the outbreak has spread to three provinces. The government has asked donors for help, and aid agencies have started to respond with supplies for clinics.';

describe('rejections: bad input gets a typed reason, never an exception', () => {
  it.each([
    { what: 'an empty file', input: new Uint8Array(), reason: 'empty' },
    { what: 'whitespace only', input: bytes('  \n\t \n'), reason: 'empty' },
    { what: 'a PDF', input: bytes('%PDF-1.7\n1 0 obj << >> endobj'), reason: 'binary' },
    {
      what: 'PNG bytes',
      input: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      reason: 'binary',
    },
    {
      what: 'random bytes with NULs',
      input: new Uint8Array([65, 0, 66, 0, 1, 2, 3, 250]),
      reason: 'binary',
    },
    {
      what: 'Latin-1 text',
      input: new Uint8Array([
        ...bytes('Caf'),
        0xe9,
        ...bytes(' au lait and other news from the region'),
      ]),
      reason: 'invalid_utf8',
    },
    {
      what: 'text over 2 MB',
      input: bytes(`${NEWS}\n`.repeat(Math.ceil((2 * 1024 * 1024) / NEWS.length) + 10)),
      reason: 'too_large',
    },
  ])('$what is rejected as $reason', ({ input, reason }) => {
    const out = extractArticle({ fileName: 'upload.txt', bytes: input });
    expect(out).toMatchObject({ kind: 'rejected', reason, extractorVersion: EXTRACTOR_VERSION });
    if (out.kind === 'rejected') expect(out.detail.length).toBeGreaterThan(10);
  });

  it('rejects an article that is not in English', () => {
    const french =
      'Le ministère de la santé a annoncé que les vaccins sont arrivés dans la capitale et que la campagne commencera la semaine prochaine dans les écoles.';
    expect(extract(french)).toMatchObject({ kind: 'rejected', reason: 'not_english' });
  });

  it('rejects a JSON envelope with the wrong types, naming the field', () => {
    const out = extract(JSON.stringify({ title: 'Aid', body: 42 }), { fileName: 'feed.json' });
    expect(out).toMatchObject({ kind: 'rejected', reason: 'malformed_envelope' });
    if (out.kind === 'rejected') expect(out.detail).toContain('body');
  });

  it('rejects a file type it cannot read, and an HTML page with no text', () => {
    expect(extract(NEWS, { fileName: 'notes.docx' })).toMatchObject({
      kind: 'rejected',
      reason: 'unsupported_format',
    });
    expect(
      extract('<html><script>var a = 1;</script><nav>Home</nav></html>', { fileName: 'page.html' }),
    ).toMatchObject({ kind: 'rejected', reason: 'no_text' });
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(NEWS, 'utf16le')]);
    expect(extractArticle({ fileName: 'wide.txt', bytes: utf16 })).toMatchObject({
      kind: 'extracted',
      text: NEWS,
    });
  });
});

describe('formats and metadata', () => {
  it('takes the main text of HTML through a parser, dropping scripts, styles and navigation', () => {
    const html = `<html><head><title>Site</title><meta property="article:published_time" content="2023-03-02T08:00:00Z"><style>p{}</style></head>
      <body><nav>Home | World</nav><article><h1>Clinics reopen</h1><p>${NEWS}</p><img src=x onerror="alert(1)"><script>alert('x')</script></article><footer>© Site</footer></body></html>`;
    const out = extracted(html, undefined, 'page.html');
    expect(out.format).toBe('html');
    expect(out.title).toBe('Clinics reopen');
    expect(out.publishedAt).toBe('2023-03-02');
    expect(out.text).toContain('aid agencies have started');
    expect(out.text).not.toMatch(/alert|Home \| World|©|onerror/);
  });

  it('lets upload metadata win over the envelope, and the envelope over the text', () => {
    const envelope = JSON.stringify({
      title: 'From the feed',
      url: 'https://example.org/a',
      publishedAt: '2022-04-01',
      source: 'Feed',
      body: `Posted on : 2020-01-01\n${NEWS}`,
    });
    const fromEnvelope = extracted(envelope, undefined, 'item.json');
    expect(fromEnvelope).toMatchObject({
      title: 'From the feed',
      url: 'https://example.org/a',
      publishedAt: '2022-04-01',
      format: 'json',
    });
    const out = extractArticle({
      fileName: 'item.json',
      bytes: bytes(envelope),
      metadata: { title: 'Given', publishedAt: '2022-05-09', sourceUrl: 'https://example.org/b' },
    });
    expect(out).toMatchObject({
      title: 'Given',
      publishedAt: '2022-05-09',
      url: 'https://example.org/b',
    });
  });

  it('reads Markdown front matter and drops the markup', () => {
    const out = extracted(
      `---\ntitle: Floods\ndate: 2021-08-03\n---\n\n# Floods\n\n**Aid** arrives in [the valley](https://x.example).\n\n${NEWS}`,
      undefined,
      'a.md',
    );
    expect(out).toMatchObject({ title: 'Floods', publishedAt: '2021-08-03', format: 'markdown' });
    expect(out.text).not.toMatch(/\*\*|\]\(|^#/m);
  });

  it.each([
    ['date 2021-10-07 Officials said', '2021-10-07'],
    [
      'Posted on : 2022-05-17 17:36 KST Modified on : 2022-05-17 17:36 KST\nOfficials said',
      '2022-05-17',
    ],
    ['GENEVA, Oct. 7, 2021 -- Officials said', '2021-10-07'],
    ['Published: March 3, 2020\nOfficials said', '2020-03-03'],
  ])('finds the publication date in the dateline %j', (head, date) => {
    expect(extracted(`${head} ${NEWS}`).publishedAt).toBe(date);
  });

  it('leaves the publication date unknown when neither metadata nor text gives it', () => {
    expect(extracted(NEWS).publishedAt).toBeNull();
  });
});

describe('dates resolved against the publication date, at the precision the text supports', () => {
  const dateOf = (sentence: string, publishedAt?: string) =>
    extracted(`${sentence} Officials described the outbreak as serious.`, publishedAt).timeline.map(
      (t) => t.date,
    );

  it.each([
    ['The ministry said on Friday that the clinics had reopened.', '2022-05-17', '2022-05-13'],
    ['The first cases were found last month in the north.', '2022-05-17', '2022-04'],
    ['In July of this year the borders were closed.', '2021-10-07', '2021-07'],
    ['The vaccine drive stalled last year.', '2022-05-17', '2021'],
    ['It reported 300 tests through Sept. 23 to the agency.', '2021-10-07', '2021-09-23'],
    ['Emergency rules have applied from February, 2020 onwards.', '2022-05-17', '2020-02'],
    ['The virus spread among soldiers in late April.', '2022-05-17', '2022-04'],
    ['In January last year the borders were shut.', '2021-10-07', '2020-01'],
    ['The team will arrive on Friday with equipment.', '2022-05-17', '2022-05-20'],
  ])('%s (published %s) → %s', (sentence, publishedAt, date) => {
    expect(dateOf(sentence, publishedAt)).toContain(date);
  });

  it('keeps the month and day but not a year when the article is undated', () => {
    expect(dateOf('The agency said 300 people were tested until September 23.')).toEqual([
      '--09-23',
    ]);
    expect(dateOf('Investigators in August asked for access.')).toEqual(['--08']);
  });

  it('drops what it cannot pin down: weekdays and "last year" in an undated article', () => {
    expect(dateOf('The ministry said on Friday that the clinics had reopened.')).toEqual([]);
  });

  it('does not date the article by its own dateline', () => {
    expect(extracted(`date 2021-10-07 ${NEWS}`).timeline).toEqual([]);
  });
});

describe('entities under their canonical names', () => {
  const flowOf = (text: string) => extracted(text, '2022-06-01').aidFlows[0];

  it.each([
    ['The DPRK refused vaccines from China last year.', 'China', 'North Korea'],
    ['Pyongyang rejected the shipment of vaccines from Russia.', 'Russia', 'North Korea'],
    ['The World Health Organization delivered test kits to Yemen.', 'WHO', 'Yemen'],
    ["The United Nations Children's Fund shipped 200,000 doses to Malawi.", 'UNICEF', 'Malawi'],
    ['Britain pledged £2 million in aid to Sudan.', 'United Kingdom', 'Sudan'],
  ])('%s → %s to %s', (text, donor, recipient) => {
    expect(flowOf(text)).toMatchObject({ donor, recipient });
  });
});

describe('aid flows: who sent what to whom, at which stage', () => {
  const flows = (text: string, publishedAt = '2023-03-01') => extracted(text, publishedAt).aidFlows;

  it.each([
    ['Japan offered 500 oxygen concentrators to Peru.', 'offered'],
    ['Germany pledged 10 million euros to help Malawi fight cholera.', 'pledged'],
    ['Nepal requested vaccines from India in January.', 'requested'],
    ['Ministers from Kenya and Uganda discussed joint purchases of test kits.', 'discussed'],
    ['UNICEF shipped 1.2 million doses to Haiti via Panama.', 'shipped'],
    ['Medical supplies from the World Food Programme arrived in Yemen on Monday.', 'delivered'],
    ['Eritrea turned down vaccines offered by China.', 'rejected'],
    [
      'Burundi asked that its 200,000 doses from COVAX be given to other countries instead.',
      'redirected',
    ],
  ])('%s → %s', (text, status) => {
    expect(flows(text).map((f) => f.status)).toEqual([status]);
  });

  it('reads a relative clause with no relative word as an act of its own, in its own tense', () => {
    const found = flows(
      'Cholera is spreading in Chad. Japan said it would send more tents, on top of the 300 tents it delivered in May.',
    );
    expect(found.map((f) => `${f.donor} → ${f.recipient} ${f.status}`).sort()).toEqual([
      'Japan → Chad delivered',
      'Japan → Chad pledged',
    ]);
  });

  it('reads items, quantity, route and date', () => {
    const [flow] = flows(
      'UNICEF shipped 1.2 million doses of cholera vaccine to Haiti via Panama on Monday.',
    );
    expect(flow).toMatchObject({
      donor: 'UNICEF',
      recipient: 'Haiti',
      items: ['vaccines'],
      quantity: { value: 1_200_000, unit: 'doses' },
      route: ['Panama'],
      date: '2023-02-27',
    });
  });

  it('splits a sentence that reports two acts, and carries the donor into a clause without one', () => {
    const found = flows(
      'France sent 40 tonnes of medical supplies to Syria, while Italy has provided tents and promised a further 5 million euros.',
    );
    expect(found.map((f) => [f.donor, f.status])).toEqual([
      ['France', 'shipped'],
      ['Italy', 'delivered'],
      ['Italy', 'pledged'],
    ]);
  });

  it('folds an offer that was refused into one refusal', () => {
    const found = flows(
      'Vaccines were offered to Eritrea under COVAX, but the country declined the shipment.',
    );
    expect(found.map((f) => [f.donor, f.status])).toEqual([['COVAX', 'rejected']]);
  });

  it('reports no flow for speculation or for giving without a giver', () => {
    expect(flows('Analysts say Nepal could receive vaccines from India if talks go well.')).toEqual(
      [],
    );
    expect(flows('Aid arrived in the capital last week, residents said.')).toEqual([]);
  });
});

describe('case counts with qualifiers and as-of dates', () => {
  it('gives a count the disease it is of, not one its symptoms are likened to', () => {
    const [count] = extracted(
      'Laos said 9,100 people with flu-like symptoms had been tested for COVID-19 by Monday.',
    ).caseCounts;
    expect(count).toMatchObject({ metric: 'tested', value: 9100, disease: 'covid-19' });
  });

  const counts = (text: string, publishedAt = '2022-08-10') =>
    extracted(text, publishedAt).caseCounts.map(({ location, metric, value, qualifier, asOf }) => ({
      location,
      metric,
      value,
      qualifier,
      asOf,
    }));

  it('reads each metric and how sure the text is of it', () => {
    const text =
      'Yemen has recorded more than 2,000 suspected cases of cholera and about 35 deaths as of Aug. 1. Around 1,500 patients have recovered, while nearly 400 are still under treatment. Officials said 12,000 people had been tested and 310 cases confirmed.';
    expect(counts(text)).toEqual([
      {
        location: 'Yemen',
        metric: 'suspected',
        value: 2000,
        qualifier: 'at_least',
        asOf: '2022-08-01',
      },
      { location: 'Yemen', metric: 'deaths', value: 35, qualifier: 'approx', asOf: '2022-08-01' },
      { location: 'Yemen', metric: 'recovered', value: 1500, qualifier: 'approx', asOf: null },
      {
        location: 'Yemen',
        metric: 'under_treatment',
        value: 400,
        qualifier: 'at_most',
        asOf: null,
      },
      { location: 'Yemen', metric: 'tested', value: 12000, qualifier: 'exact', asOf: null },
      { location: 'Yemen', metric: 'confirmed', value: 310, qualifier: 'exact', asOf: null },
    ]);
  });

  it('reads a statement of no cases as a count of zero', () => {
    expect(counts('Turkmenistan has yet to report a single case of the disease.')).toEqual([
      { location: 'Turkmenistan', metric: 'confirmed', value: 0, qualifier: 'exact', asOf: null },
    ]);
  });

  it('does not count aid, durations or names', () => {
    expect(
      counts(
        'China sent 3 million doses to Laos after two years of talks about COVID-19 and 38 North reported it.',
      ),
    ).toEqual([]);
  });
});

describe('provenance', () => {
  it('points every fact at its evidence in the text, and is deterministic', () => {
    const text =
      'Sudan, Jan. 5, 2023 -- The WHO delivered 20 emergency health kits to Khartoum on Tuesday. The ministry said 4,100 people had been infected and 60 had died since December.';
    const first = extracted(text);
    for (const fact of [...first.aidFlows, ...first.caseCounts, ...first.timeline]) {
      expect(first.text.slice(fact.evidence.start, fact.evidence.end)).toBe(fact.evidence.sentence);
      expect(fact.confidence).toBeGreaterThan(0);
      expect(fact.confidence).toBeLessThanOrEqual(1);
    }
    expect(first.aidFlows.length + first.caseCounts.length + first.timeline.length).toBeGreaterThan(
      3,
    );
    expect(extracted(text)).toEqual(first);
  });
});
