/**
 * The prepare stage against hostile uploads (issue 14): whatever arrives ends, quickly, as an
 * article with text an analyst can trust, or as a rejection that says why — binary data hidden
 * after the first kilobytes, word-processor files under a text name, metadata that does not parse.
 */
import { describe, expect, it } from 'vitest';
import { prepareArticle } from '../../src/domain/extractor';
import type {
  ArticleInput,
  PreparedArticle,
  RejectedArticle,
  UploadMetadata,
} from '../../src/domain/extractor/types';

const bytes = (s: string) => new TextEncoder().encode(s);

const NEWS =
  'Health officials said the outbreak has spread to three provinces. The government has asked donors for help, and aid agencies have started to respond with supplies for clinics.\n\n';

const prepare = (
  content: string | Uint8Array,
  over: Partial<ArticleInput> & { metadata?: UploadMetadata } = {},
): PreparedArticle | RejectedArticle =>
  prepareArticle({
    fileName: 'article.txt',
    bytes: typeof content === 'string' ? bytes(content) : content,
    ...over,
  });

function rejected(outcome: PreparedArticle | RejectedArticle): RejectedArticle {
  if (outcome.kind !== 'rejected') throw new Error('expected a rejection');
  return outcome;
}

describe('binary data and documents under a text name (item 9)', () => {
  it('given a NUL byte 12 KB into an English text, then the file is rejected as binary, naming where', () => {
    const text = NEWS.repeat(100);
    const body = new Uint8Array([...bytes(text.slice(0, 12_000)), 0, ...bytes(text.slice(12_000))]);
    const outcome = rejected(prepare(body));
    expect(outcome.reason).toBe('binary');
    expect(outcome.detail).toContain('byte 12000');
  });

  it('given a text with a tail of control bytes after its first 8 KB, then it is rejected as binary', () => {
    const tail = new Uint8Array(2000).map((_, i) => 1 + (i % 7));
    const outcome = rejected(prepare(new Uint8Array([...bytes(NEWS.repeat(50)), ...tail])));
    expect(outcome.reason).toBe('binary');
  });

  it('given UTF-16 text holding a NUL character, then it is rejected as binary', () => {
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Buffer.from(`${NEWS}\u0000x`, 'utf16le')),
    ]);
    expect(rejected(prepare(utf16)).reason).toBe('binary');
  });

  it('given an RTF document saved as .txt, then it is rejected as a format we do not read, saying what to do', () => {
    const rtf = `{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\\f0\\fs24 ${NEWS}\\par }`;
    const outcome = rejected(prepare(rtf));
    expect(outcome.reason).toBe('unsupported_format');
    expect(outcome.detail).toMatch(/RTF.*plain text/);
  });

  it('given a long text with a few stray control characters, then it is prepared and they are not in its text', () => {
    const outcome = prepare(`${NEWS.repeat(20)}\u0007\u001b[31m${NEWS}\u0085\f\t${NEWS}`);
    if (outcome.kind !== 'prepared') throw new Error(outcome.detail);
    expect(outcome.text).not.toMatch(/[^\P{Cc}\n]/u);
    expect(outcome.text).toContain('[31m');
  });
});

function preparedOf(outcome: PreparedArticle | RejectedArticle): PreparedArticle {
  if (outcome.kind !== 'prepared') throw new Error(`${outcome.reason}: ${outcome.detail}`);
  return outcome;
}

describe('stated metadata that does not parse (item 1)', () => {
  const DATED = `Posted on: 2022-05-17\n\n${NEWS}`;

  it.each(['9999-99-99', '0000-00-00', '2021-02-30', '2021-13-45', '1850-01-01', 'next Tuesday'])(
    'given published-at metadata %s, then it is passed over with a warning and the text’s own date is used',
    (publishedAt) => {
      const article = preparedOf(prepare(DATED, { metadata: { publishedAt } }));
      expect(article.publishedAt).toBe('2022-05-17');
      expect(article.stated.publishedAt).toBeNull();
      expect(article.warnings).toEqual([
        expect.stringMatching(/publication date in the upload metadata .* ignored/),
      ]);
    },
  );

  it('given an envelope dated 2021-02-30 and front matter dated 2021-13-45, then neither is taken', () => {
    const json = JSON.stringify({ title: 'T', publishedAt: '2021-02-30', body: NEWS });
    const fromJson = preparedOf(prepare(json, { fileName: 'a.json' }));
    expect(fromJson.publishedAt).toBeNull();
    expect(fromJson.warnings[0]).toMatch(/JSON envelope \('2021-02-30'\)/);
    const md = `---\ntitle: T\ndate: 2021-13-45\n---\n${NEWS}`;
    const fromMd = preparedOf(prepare(md, { fileName: 'a.md' }));
    expect(fromMd.publishedAt).toBeNull();
    expect(fromMd.warnings[0]).toMatch(/front matter/);
  });

  it('given a dateline on 30 February, then the article is undated rather than dated off the calendar', () => {
    expect(preparedOf(prepare(`date 2021-02-30\n\n${NEWS}`)).publishedAt).toBeNull();
  });

  it('given a valid date in metadata, then it wins over the text and nothing is said', () => {
    const article = preparedOf(prepare(DATED, { metadata: { publishedAt: '2021-10-07T09:00Z' } }));
    expect(article.publishedAt).toBe('2021-10-07');
    expect(article.warnings).toEqual([]);
  });

  it('given a 213 KB title in an envelope, then the title keeps its first 300 characters and says so', () => {
    const title = `Brazil delivered vaccines to Madagascar ${'and more '.repeat(24_000)}`;
    const article = preparedOf(
      prepare(JSON.stringify({ title, body: NEWS }), { fileName: 'a.json' }),
    );
    expect(article.title!.length).toBe(300);
    expect(article.title!.startsWith('Brazil delivered vaccines to Madagascar')).toBe(true);
    expect(article.warnings).toEqual([expect.stringMatching(/title .* only its first 300/)]);
  });

  it('given a title with line breaks and escapes, then it is one line without control characters', () => {
    const article = preparedOf(
      prepare(NEWS, { metadata: { title: 'Aid\n\u001b[31marrives\r\t now' } }),
    );
    expect(article.title).toBe('Aid [31marrives now');
  });

  it.each([
    'javascript:alert(1)',
    'ftp://example.org/a',
    'not a url',
    `https://e.org/${'a'.repeat(3000)}`,
  ])('given the source URL %s, then it is passed over with a warning', (sourceUrl) => {
    const article = preparedOf(prepare(NEWS, { metadata: { sourceUrl } }));
    expect(article.url).toBeNull();
    expect(article.warnings[0]).toMatch(/source URL in the upload metadata .* ignored/);
  });
});

/**
 * Pathological inputs (item 2). Work is compared across sizes rather than timed against a clock:
 * linear work grows 100-fold from 10 KB to 1 MB, quadratic work 10,000-fold. The bound between
 * the two leaves a loaded machine a factor of ten either way.
 */
describe('inputs built to be slow (item 2)', () => {
  const cpuMs = (run: () => unknown): number => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = process.cpuUsage();
      run();
      const used = process.cpuUsage(t);
      times.push((used.user + used.system) / 1000);
    }
    return Math.max(Math.min(...times), 0.05);
  };
  const growth = (make: (kb: number) => string, fileName: string): number => {
    const small = make(10),
      large = make(1000);
    return cpuMs(() => prepare(large, { fileName })) / cpuMs(() => prepare(small, { fileName }));
  };

  it('given 300,000 unclosed <b> tags (0.9 MB), then the page is rejected as too complex, naming the depth', () => {
    const outcome = rejected(
      prepare(`<p>${NEWS}</p>${'<b>'.repeat(300_000)}${NEWS}`, { fileName: 'a.html' }),
    );
    expect(outcome.reason).toBe('too_complex');
    expect(outcome.detail).toMatch(/more than 512 deep/);
  });

  it('given a page nested 500 deep, then it is read as usual', () => {
    const page = `${'<div>'.repeat(500)}<p>${NEWS}</p>${'</div>'.repeat(500)}`;
    expect(prepare(page, { fileName: 'a.html' }).kind).toBe('prepared');
  });

  it('given unclosed tags, then preparing 1 MB takes at most 1,000 times the work of 10 KB', () => {
    const page = (kb: number) => `<p>${NEWS}</p>${'<b>x'.repeat((kb * 1024) / 4)}`;
    expect(growth(page, 'a.html')).toBeLessThan(1000);
  });

  it('given runs of thousands of spaces, then the text holds single spaces and 1 MB takes at most 1,000 times the work of 10 KB', () => {
    const spaced = (kb: number) => `${NEWS}${' '.repeat(kb * 1024)}on Monday.\n${NEWS}`;
    const outcome = prepare(spaced(40));
    expect(outcome.kind === 'prepared' && outcome.text).not.toMatch(/ {2}/);
    expect(growth(spaced, 'a.txt')).toBeLessThan(1000);
  });
});
