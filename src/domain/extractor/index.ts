/**
 * The extractor: an uploaded file in, an article with its facts (or a typed rejection) out.
 * Pure and deterministic: the same bytes and metadata give the same result, so a version string
 * is enough to tell whether re-extraction would change anything.
 */
import { findAidFlows } from './aid-flows';
import { analyseArticle } from './context';
import { findCaseCounts } from './case-counts';
import { decode } from './decode';
import { parseEnvelope } from './envelope';
import { htmlToText, MAX_HTML_DEPTH } from './html';
import { detectEnglish } from './language';
import { markdownToText } from './markdown';
import { checkTitle, checkUrl, type Checked } from '../bounds';
import { TooComplexError } from '../errors';
import { checkDate, findDateline } from './pubdate';
import { findHappenings } from './timeline';
import { EXTRACTOR_VERSION } from './version.generated';

export { EXTRACTOR_VERSION };
import type { RuleOptions } from './rules/rule';
import type {
  ArticleFacts,
  ArticleFormat,
  PreparedArticle,
  ArticleInput,
  ExtractionOutcome,
  RejectedArticle,
  RejectionCode,
  UploadMetadata,
} from './types';

const FORMATS: Record<string, ArticleFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  json: 'json',
};

const reject = (reason: RejectionCode, detail: string): RejectedArticle => ({
  kind: 'rejected',
  extractorVersion: EXTRACTOR_VERSION,
  reason,
  detail,
});

/** The format from the extension; a file without one is sniffed, as feeds often drop it. */
function formatOf(fileName: string, text: string, contentType?: string): ArticleFormat | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext) return FORMATS[ext] ?? null;
  if (contentType?.includes('html')) return 'html';
  if (contentType?.includes('json')) return 'json';
  if (contentType?.includes('markdown')) return 'markdown';
  const head = text.trimStart();
  if (head.startsWith('{')) return 'json';
  if (/^<(?:!doctype|html|head|body|article|p|div)\b/i.test(head)) return 'html';
  return 'text';
}

/**
 * The text every offset points into: Unicode composed, line endings and spacing made uniform,
 * control characters other than line breaks dropped (a few stray ones pass the binary check and
 * must not reach the stored text or its exports). Every space character a regex's \s matches
 * becomes a space, and runs of spaces one: the date rules' look-behinds read back over a run of
 * spaces at every position in it (20 KB of U+205F took 9 s).
 */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')
    .replace(/[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ')
    .replace(/[^\P{Cc}\n]|\u200c|\u200d|\u2060|\ufeff/gu, '')
    .replace(/ {2,}/g, ' ')
    .replace(/ \n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function firstLineTitle(text: string): string | null {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 0 && line.length <= 160 && !/[.!?]["”’]?$/.test(line) ? line : null;
}

const isRejected = (x: object): x is RejectedArticle =>
  'kind' in x && (x as { kind: unknown }).kind === 'rejected';

/** The file's text and format, or why it holds no article text at all. */
function readFile(input: ArticleInput): { raw: string; format: ArticleFormat } | RejectedArticle {
  if (input.bytes.length === 0)
    return reject('empty', 'the file is 0 bytes; upload the article text');
  const decoded = decode(input.bytes);
  if (!decoded.ok) return reject(decoded.reason, decoded.detail);
  if (decoded.text.trim().length === 0)
    return reject('empty', `the file holds only whitespace (${input.bytes.length} bytes)`);
  const format = formatOf(input.fileName, decoded.text, input.contentType);
  if (!format) {
    const ext = /\.([^.]+)$/.exec(input.fileName)?.[1] ?? '';
    return reject(
      'unsupported_format',
      `".${ext}" files are not read; upload the article as .txt, .md, .html or .json`,
    );
  }
  return { raw: decoded.text, format };
}

interface Parsed {
  body: string;
  title: string | null;
  url: string | null;
  statedDate: string | null;
}

/** The body without its markup or envelope, and what they say about the article. */
function parseFormat(format: ArticleFormat, raw: string): Parsed | RejectedArticle {
  switch (format) {
    case 'json': {
      const parsed = parseEnvelope(raw);
      if (!parsed.ok) return reject('malformed_envelope', parsed.detail);
      const { body, title, url, publishedAt } = parsed.envelope;
      return { body, title: title ?? null, url: url ?? null, statedDate: publishedAt ?? null };
    }
    case 'html': {
      const doc = htmlToText(raw);
      if ('tooDeep' in doc)
        return reject(
          'too_complex',
          `the page nests elements more than ${MAX_HTML_DEPTH} deep (at character ${doc.at}); no article page does, so it is not read`,
        );
      return { body: doc.text, title: doc.title, url: null, statedDate: doc.publishedAt };
    }
    case 'markdown': {
      const doc = markdownToText(raw);
      return { body: doc.text, title: doc.title, url: null, statedDate: doc.publishedAt };
    }
    default:
      return { body: raw, title: null, url: null, statedDate: null };
  }
}

/**
 * The cheap part of extraction: decode, parse the format, normalise the text every offset points
 * into and find the publication date — enough to know which article this is. Fact finding, the
 * expensive part, runs only when the article's history says it is needed.
 */
export function prepareArticle(input: ArticleInput): PreparedArticle | RejectedArticle {
  const file = readFile(input);
  if (isRejected(file)) return file;
  const parsed = parseFormat(file.format, file.raw);
  if (isRejected(parsed)) return parsed;

  const text = normalise(parsed.body);
  if (!text)
    return reject('no_text', `the ${file.format} file has no readable text once markup is removed`);
  const language = detectEnglish(text);
  if (!language.english) {
    return reject(
      'not_english',
      `only ${Math.round(language.ratio * 100)}% of ${language.words} words are common English words; articles must be in English`,
    );
  }

  const dateline = findDateline(text);
  const { warnings, ...stated } = statedFields(input.metadata ?? {}, parsed, file.format);
  return {
    kind: 'prepared',
    extractorVersion: EXTRACTOR_VERSION,
    title: stated.title ?? firstLineTitle(text),
    url: stated.url,
    publishedAt: stated.publishedAt ?? dateline.value,
    format: file.format,
    language: 'en',
    text,
    datelines: dateline.spans,
    stated,
    warnings,
  };
}

const STATED_IN: Record<ArticleFormat, string> = {
  json: 'the JSON envelope',
  html: 'the HTML page',
  markdown: 'the front matter',
  text: 'the text',
};

/**
 * What the upload says about the article besides its text — metadata first, then the file's own
 * envelope, front matter or page head — each checked: a value that does not parse is passed
 * over with a warning for the analyst, never stored and never a reason to fail.
 */
function statedFields(metadata: UploadMetadata, parsed: Parsed, format: ArticleFormat) {
  const warnings: string[] = [];
  const first = (...checks: Checked[]): string | null => {
    for (const c of checks) {
      if (c.warning) warnings.push(c.warning);
      if (c.value) return c.value;
    }
    return null;
  };
  const META = 'the upload metadata';
  return {
    title: first(checkTitle(metadata.title, META), checkTitle(parsed.title, STATED_IN[format])),
    url: first(checkUrl(metadata.sourceUrl, META), checkUrl(parsed.url, STATED_IN[format])),
    publishedAt: first(
      checkDate(metadata.publishedAt, META),
      checkDate(parsed.statedDate, STATED_IN[format]),
    ),
    warnings,
  };
}

/** How to find facts: rules to leave out (for the rule tests), the work allowed per token. */
export interface FindOptions extends RuleOptions {
  stepsPerToken?: number;
}

/**
 * The facts a prepared article states. Throws TooComplexError when finding them takes more work
 * than the article's budget (see work.ts).
 */
export function findFacts(article: PreparedArticle, options: FindOptions = {}): ArticleFacts {
  const base = analyseArticle(
    article.text,
    article.publishedAt,
    article.datelines,
    options.stepsPerToken,
  );
  const found = findAidFlows(base, options);
  const context = found.article;
  const aidFlows = found.flows.map(({ rules: _rules, ...f }) => f);
  const caseCounts = findCaseCounts(context, options).map(({ rules: _rules, ...c }) => c);
  return { aidFlows, caseCounts, timeline: findHappenings(context, aidFlows, caseCounts) };
}

/**
 * Both steps at once, for the command line, the benchmarks and the tests; an article whose facts
 * take more work than its budget is a too_complex rejection, as ingest records it.
 */
export function extractArticle(input: ArticleInput, options: FindOptions = {}): ExtractionOutcome {
  const prepared = prepareArticle(input);
  if (prepared.kind === 'rejected') return prepared;
  const { datelines: _datelines, stated: _stated, warnings: _warnings, ...article } = prepared;
  try {
    return { ...article, ...findFacts(prepared, options), kind: 'extracted' };
  } catch (error) {
    if (error instanceof TooComplexError) return reject('too_complex', error.detail);
    throw error;
  }
}
