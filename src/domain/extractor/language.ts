/**
 * English or not, by the share of English function words. A stopword ratio is deterministic,
 * dependency-free and runs in microseconds; news prose in English scores 0.3–0.5 while French,
 * Spanish or non-Latin scripts score under 0.1, so a trigram model such as franc buys nothing here.
 */
const STOPWORDS = new Set(
  (
    'the of and to is was that for with as by from has have had it its this are were be been which said their they he she ' +
    'will would not but or at an who after about more than into over also there his her were what when where while ' +
    'could should can may them these those other some such only its been being our we you any most since because ' +
    'in on'
  ).split(' '),
);

export interface LanguageGuess {
  english: boolean;
  ratio: number;
  words: number;
}

export function detectEnglish(text: string): LanguageGuess {
  const tokens = text
    .slice(0, 20_000)
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
  let hits = 0;
  for (const t of tokens) if (STOPWORDS.has(t)) hits++;
  const ratio = tokens.length ? hits / tokens.length : 0;
  // Very short texts (a headline) carry too few function words to judge; let them through.
  const english =
    tokens.length < 12
      ? !/[^\p{Script=Latin}\p{P}\p{N}\s]/u.test(text) || ratio > 0
      : ratio >= 0.12;
  return { english, ratio, words: tokens.length };
}
