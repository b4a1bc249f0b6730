/**
 * Markdown to plain text: keeps the words, drops the markup; front matter supplies title and date.
 *
 * Every step reads the text in one pass. Written as plain regexes, four of them were quadratic on
 * text built for it: a regex tried at every position rescans what the last try read, so an image
 * or a link with no closing bracket after it ("![a" 10,000 times), emphasis with no closing mark
 * (" _a" 10,000 times) and a line-start pattern inside a long run of blank lines each read to the
 * end again (40 KB took 2 s, 160 KB 30 s). The helpers below give the same result as those
 * regexes, finding what each try needs once for all tries.
 */

export interface MarkdownDocument {
  text: string;
  title: string | null;
  publishedAt: string | null;
}

/**
 * `key: value` with the value unquoted and trimmed. The spaces after the colon are taken at once
 * (a lookahead and its backreference) and the value ends on a non-space or before a quote, so a
 * value with a long run of spaces inside is not re-read from every space in it.
 */
const FRONT_FIELD = /^(\w+):(?=(\s*))\2["']?((?:.*?(?:(?=["'])|\S))??)["']?\s*$/;

/** An ATX heading; its text ends on a non-space, for the same reason. */
const HEADING = /^\s{0,3}#{1,6}\s+((?:.*?\S)??)\s*#*$/gm;

const LINE_BREAK = /[\n\r\u2028\u2029]/g;
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isBreak = (c: string | undefined): boolean => c !== undefined && /[\n\r\u2028\u2029]/.test(c);
const isWordOrStar = (c: string | undefined): boolean => c !== undefined && /[\w*]/.test(c);

/** The first index at or after `from` where `test` holds, read once for ever-later `from`. */
function forwardSearch(text: string, test: (i: number) => boolean): (from: number) => number {
  let found = -1;
  return (from) => {
    if (found >= from || found === text.length) return found;
    found = Math.max(from, found);
    while (found < text.length && !test(found)) found++;
    return found;
  };
}

/**
 * `opener[^\]]*\]\([^)]*\)` (an image) or `\[([^\]]+)\]\([^)]*\)` (a link), each match replaced by
 * nothing or by its bracketed text: the first "]" and ")" after an opener are the only ones its
 * match can end on, and they are found once for all openers.
 */
function replaceBracketed(text: string, opener: '![' | '[', keepText: boolean): string {
  const minText = keepText ? 1 : 0;
  const nextClose = forwardSearch(text, (i) => text[i] === ']');
  const nextParen = forwardSearch(text, (i) => text[i] === ')');
  let out = '';
  let last = 0;
  for (let i = text.indexOf(opener); i >= 0; i = text.indexOf(opener, i + 1)) {
    const inner = i + opener.length;
    const close = nextClose(inner);
    if (close === text.length) break;
    if (close - inner < minText || text[close + 1] !== '(') continue;
    const paren = nextParen(close + 2);
    if (paren === text.length) break;
    out += text.slice(last, i) + (keepText ? text.slice(inner, close) : '');
    last = paren + 1;
    i = paren;
  }
  return out + text.slice(last);
}

/**
 * `(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])` replaced by its inner text: emphasis, the first
 * closing mark on the same line ending it.
 */
function replaceEmphasis(text: string): string {
  const closes = (i: number) =>
    (text[i] === '*' || text[i] === '_') && !isSpace(text[i - 1]) && !isWordOrStar(text[i + 1]);
  const nextCloser = forwardSearch(text, closes);
  const nextBreak = forwardSearch(text, (i) => isBreak(text[i]));
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c !== '*' && c !== '_') || isWordOrStar(text[i - 1]) || isSpace(text[i + 1])) continue;
    const close = nextCloser(i + 2);
    if (close >= nextBreak(i + 1)) continue;
    out += text.slice(last, i) + text.slice(i + 1, close);
    last = close + 1;
    i = close;
  }
  return out + text.slice(last);
}

/**
 * `^\s*` followed by `rest` (a sticky regex), at every line start, replaced by nothing. Every line
 * start in a run of blank lines reaches the same first non-space, so the run is read once: if
 * `rest` does not match there, no line start before it matches.
 */
function stripAtLineStarts(text: string, rest: RegExp): string {
  const afterSpace = forwardSearch(text, (i) => !isSpace(text[i]));
  const lineStartFrom = (from: number): number => {
    if (from === 0 || isBreak(text[from - 1])) return from;
    LINE_BREAK.lastIndex = from;
    const next = LINE_BREAK.exec(text);
    return next ? next.index + 1 : -1;
  };
  let out = '';
  let last = 0;
  for (let at = 0; at >= 0 && at <= text.length;) {
    const end = afterSpace(at);
    rest.lastIndex = end;
    const m = rest.exec(text);
    if (m) {
      out += text.slice(last, at);
      last = end + m[0].length;
    }
    at = lineStartFrom(m ? last : end + 1);
  }
  return out + text.slice(last);
}

function frontMatter(md: string): { body: string; title: string | null; date: string | null } {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (!front) return { body: md, title: null, date: null };
  let title: string | null = null;
  let date: string | null = null;
  for (const line of front[1]!.split('\n')) {
    const kv = FRONT_FIELD.exec(line);
    if (!kv) continue;
    if (kv[1] === 'title') title = kv[3] || null;
    if (kv[1] === 'date' || kv[1] === 'published' || kv[1] === 'publishedAt') date = kv[3] || null;
  }
  return { body: md.slice(front[0].length), title, date };
}

export function markdownToText(md: string): MarkdownDocument {
  const { body, title: stated, date } = frontMatter(md);
  let title = stated;
  const withoutCode = body.replace(/^```[\s\S]*?^```/gm, '');
  const withoutLinks = replaceBracketed(replaceBracketed(withoutCode, '![', false), '[', true);
  const headed = withoutLinks.replace(HEADING, (_, h: string) => {
    title ??= h;
    return h;
  });
  const unlisted = stripAtLineStarts(headed.replace(/^\s{0,3}>\s?/gm, ''), /[-*+]\s+/y);
  const plain = replaceEmphasis(unlisted.replace(/(\*\*|__)(.+?)\1/g, '$2')).replace(
    /`([^`]+)`/g,
    '$1',
  );
  const text = stripAtLineStarts(plain, /(?:-{3,}|\*{3,})\s*$/my)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title, publishedAt: date };
}
