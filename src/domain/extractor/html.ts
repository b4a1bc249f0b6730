/** Main text of an HTML page through a real parser, so markup in attributes or comments never leaks into facts. */
import { Parser } from 'htmlparser2';

const DROPPED = new Set([
  'script',
  'style',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'noscript',
  'template',
  'svg',
  'iframe',
  'button',
  'select',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'article',
  'section',
  'main',
  'blockquote',
  'tr',
  'table',
  'figure',
  'figcaption',
  'pre',
  'hr',
  'dd',
  'dt',
  'title',
  'body',
]);

export interface HtmlDocument {
  text: string;
  title: string | null;
  publishedAt: string | null;
}

/**
 * How deep elements may nest. htmlparser2 keeps open elements in an array it unshifts and
 * searches, so every tag costs the depth: 300,000 unclosed `<b>` took 23 s. Browsers stop
 * nesting at 512 (Blink's parser reparents deeper elements); news pages stay under 100.
 */
export const MAX_HTML_DEPTH = 512;

/** A page nested deeper than any article page is: parsing stops there. */
export interface TooDeep {
  tooDeep: true;
  /** Where in the markup the limit was reached. */
  at: number;
}

/** The publication date a `<meta>` or `<time>` tag states, if it is one that does. */
function publishedDateIn(name: string, attrs: Record<string, string>): string | null {
  if (name === 'meta') {
    const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? '').toLowerCase();
    return /published_time|datepublished|pubdate|publish-date|^date$/.test(key) && attrs.content
      ? attrs.content
      : null;
  }
  if (name !== 'time' || !attrs.datetime) return null;
  const marks = `${attrs.class ?? ''} ${attrs.itemprop ?? ''} ${'pubdate' in attrs ? 'pubdate' : ''}`;
  return /pubdate|published/i.test(marks) ? attrs.datetime : null;
}

export function htmlToText(html: string): HtmlDocument | TooDeep {
  const parts: string[] = [];
  let depth = 0;
  let tooDeepAt: number | null = null;
  let skip = 0;
  let inTitle = false;
  let title = '';
  let h1: string | null = null;
  let inH1 = false;
  let h1Text = '';
  let publishedAt: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (++depth > MAX_HTML_DEPTH && tooDeepAt === null) {
          tooDeepAt = parser.startIndex;
          parser.pause();
        }
        if (DROPPED.has(name)) skip++;
        if (name === 'title') inTitle = true;
        if (name === 'h1' && skip === 0) inH1 = true;
        publishedAt ??= publishedDateIn(name, attrs);
        if (BLOCK.has(name)) parts.push('\n\n');
      },
      ontext(data) {
        if (inTitle) title += data;
        else if (skip === 0) {
          parts.push(data);
          if (inH1) h1Text += data;
        }
      },
      onclosetag(name) {
        depth--;
        if (DROPPED.has(name) && skip > 0) skip--;
        if (name === 'title') inTitle = false;
        if (name === 'h1' && inH1) {
          inH1 = false;
          h1 ??= h1Text.trim() || null;
        }
        if (BLOCK.has(name)) parts.push('\n\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  if (tooDeepAt !== null) return { tooDeep: true, at: tooDeepAt };
  parser.end();
  const text = parts
    .join('')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title: h1 ?? (title.trim() || null), publishedAt };
}
