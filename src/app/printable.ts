/**
 * Object keys, file names and titles come from uploaders: printed raw, a newline in one forges a
 * log line and an ANSI escape rewrites the operator's terminal. Before such a string goes into a
 * plain-text line, every control character (C0, DEL, C1, line and paragraph separators, bidi
 * overrides) is written as a visible escape instead.
 */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const escapeOf = (ch: string): string => {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

export const printable = (s: string): string => s.replace(UNPRINTABLE, escapeOf);
