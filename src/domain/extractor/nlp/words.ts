/**
 * A bound on the length of a word as the language model reads it. wink's English model tests
 * every new token against /[a-z].*\.$/i, which is quadratic in the token's length: one 40 KB
 * "word" took 1 s and one of 160 KB 20 s. The longest word of the dev set, the seeds and the
 * samples is a 143-character URL; a word longer than MAX_WORD characters is cut by a space every
 * MAX_WORD characters in the text the model reads, which keeps every offset, so each token's
 * text is still the article's text at its offsets.
 */
const MAX_WORD = 256;

const LONG_WORD = new RegExp(String.raw`\S{${MAX_WORD + 1},}`, 'gu');
const CUT = new RegExp(String.raw`(\S{${MAX_WORD}})(\S)`, 'gu');

/** The text with every word longer than MAX_WORD cut: as long, each cut character a space. */
export function withShortWords(text: string): string {
  return text.replace(LONG_WORD, (word) =>
    word.replace(CUT, (_, run: string, cut: string) => run + ' '.repeat(cut.length)),
  );
}
