/**
 * A bound on how much of a sentence the rules read at once. Clause breaks, slots, lists and
 * counts look back and ahead over their sentence (the verb before an "and", a list's first
 * member, the next comma), so their work grows with the square of its length: a 100 KB
 * "sentence" of numbers took 90 s. No sentence of the dev set, the seeds or the samples is longer
 * than 69 tokens; one longer than MAX_SENTENCE_TOKENS is read in windows, each a sentence of its
 * own, cut after the last clause punctuation in its second half (else at the bound).
 */
import type { Sentence, Token } from './document';

const MAX_SENTENCE_TOKENS = 160;

const CLAUSE_PUNCTUATION = new Set([';', ',', ':', '—', '–']);

/** Where the window starting at `from` ends (exclusive). */
function windowEnd(tokens: Token[], from: number): number {
  const limit = from + MAX_SENTENCE_TOKENS;
  if (limit >= tokens.length) return tokens.length;
  for (let k = limit - 1; k >= from + MAX_SENTENCE_TOKENS / 2; k--)
    if (CLAUSE_PUNCTUATION.has(tokens[k]!.text)) return k + 1;
  return limit;
}

function windowOf(s: Sentence, text: string, from: number, to: number): Sentence {
  const tokens = s.tokens.slice(from, to).map((t, i) => ({ ...t, i }));
  const start = tokens[0]!.start;
  const end = tokens.at(-1)!.end;
  return { ...s, start, end, text: text.slice(start, end), tokens };
}

function windowsOf(s: Sentence, text: string): Sentence[] {
  if (s.tokens.length <= MAX_SENTENCE_TOKENS) return [s];
  const out: Sentence[] = [];
  for (let from = 0; from < s.tokens.length;) {
    const to = windowEnd(s.tokens, from);
    out.push(windowOf(s, text, from, to));
    from = to;
  }
  return out;
}

/**
 * The sentences as the rules read them: each no longer than MAX_SENTENCE_TOKENS. Sentences keep
 * their index unless one is cut, when every sentence and window is numbered in order.
 */
export function readWindows(sentences: Sentence[], text: string): Sentence[] {
  if (sentences.every((s) => s.tokens.length <= MAX_SENTENCE_TOKENS)) return sentences;
  return sentences.flatMap((s) => windowsOf(s, text)).map((s, index) => ({ ...s, index }));
}
