/**
 * How large a stored string may be. Every key and every view item is stored in DynamoDB, whose
 * limits are in UTF-8 bytes (a partition key 2,048, a sort key and any key-condition value 1,024,
 * an item 400 KB), so bounds are measured the way DynamoDB measures them.
 */

const encoder = new TextEncoder();

export const utf8Length = (s: string): number => encoder.encode(s).length;

/** The longest prefix of `s` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function utf8Prefix(s: string, maxBytes: number): string {
  if (s.length * 3 <= maxBytes || utf8Length(s) <= maxBytes) return s;
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const size = utf8Length(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return s.slice(0, end);
}

/** What a stated value became: kept (perhaps shortened) or dropped, and what to tell the analyst. */
export interface Checked {
  value: string | null;
  warning: string | null;
}

/** A title is one line of a list; anything longer is a mistake, or an attack on the views. */
const MAX_TITLE_CHARS = 300;
/** Browsers and servers agree on addresses up to about this length. */
const MAX_URL_CHARS = 2048;
const ELLIPSIS = '…';

export const quoted = (raw: string): string =>
  raw.length <= 40 ? `'${raw}'` : `'${raw.slice(0, 40)}${ELLIPSIS}'`;

/** Words of one line: control characters dropped, runs of spacing made one space. */
const oneLine = (raw: string): string =>
  raw
    .replace(/\p{Cc}|[\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A stated title on one line, at most MAX_TITLE_CHARS long. */
export function checkTitle(raw: string | null | undefined, where: string): Checked {
  if (!raw) return { value: null, warning: null };
  const line = oneLine(raw);
  if (!line) return { value: null, warning: `the title in ${where} is blank; ignored` };
  if (line.length <= MAX_TITLE_CHARS) return { value: line, warning: null };
  return {
    value: `${line.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}${ELLIPSIS}`,
    warning: `the title in ${where} is ${line.length.toLocaleString('en-US')} characters long; only its first ${MAX_TITLE_CHARS} are kept`,
  };
}

/** A stated source address: an absolute http(s) URL, or nothing. */
export function checkUrl(raw: string | null | undefined, where: string): Checked {
  if (!raw) return { value: null, warning: null };
  const trimmed = raw.trim();
  const url = trimmed.length <= MAX_URL_CHARS && URL.canParse(trimmed) ? new URL(trimmed) : null;
  if (
    url &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.href.length <= MAX_URL_CHARS
  )
    return { value: url.href, warning: null };
  return {
    value: null,
    warning: `the source URL in ${where} (${quoted(oneLine(trimmed))}) is not an http(s) address of at most ${MAX_URL_CHARS} characters; ignored`,
  };
}
