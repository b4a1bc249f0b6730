/**
 * One pass over an article that every fact finder shares: its sentences with their tokens,
 * clauses, mentions, numbers and dates; the diseases each names; who each attributes its facts
 * to; and what the article as a whole is about (the place it covers, its one disease).
 */
import type { Attribution } from '../facts/attribution';
import { findAttribution } from './attribution';
import { findDates, mostSpecific, parseYmd, type DateMention, type Ymd } from './dates';
import { diseaseOf, MAX_DISEASE_WORDS, startsDisease } from './lexicon/diseases';
import { clausesOf, type Clause } from './nlp/clauses';
import { readSentences, type Sentence } from './nlp/document';
import { Antecedents, resolveDescriptions } from './nlp/anaphora';
import { readWindows } from './nlp/windows';
import { withShortWords } from './nlp/words';
import { findMentions, type Mention } from './nlp/mentions';
import { findNumbers, type NumberSpan } from './nlp/numbers';
import type { PartialDate } from './types';
import { WorkBudget } from './work';

export interface SentenceContext {
  sentence: Sentence;
  clauses: Clause[];
  mentions: Mention[];
  numbers: NumberSpan[];
  /** Dates, with offsets relative to the sentence text; a dateline's date is not among them. */
  dates: DateMention[];
  diseases: string[];
  /** Indices of the tokens that name a disease ("yellow fever"): none of them is a metric. */
  diseaseTokens: Set<number>;
  attribution: Attribution | null;
  /** Speculation ("could", "might", "whether") reports no fact. */
  hedged: boolean;
}

export interface Focus {
  name: string;
  country: string | null;
}

export interface ArticleContext {
  text: string;
  publishedAt: PartialDate | null;
  pub: Ymd | null;
  sentences: SentenceContext[];
  /** The country the article is about: where its unplaced facts happen. */
  focus: Focus | null;
  /** The article's one disease, when it is about one. */
  disease: string | null;
  /** The work its fact finding may still do. */
  work: WorkBudget;
}

const HEDGE = new Set(['whether', 'could', 'might', 'may', 'rumoured', 'rumored']);

function diseasesIn(s: Sentence): { found: string[]; tokens: Set<number> } {
  const found: string[] = [];
  const tokens = new Set<number>();
  const words = s.tokens.map((t) => t.lower);
  for (let i = 0; i < words.length; i++) {
    if (!startsDisease(words[i]!)) continue;
    for (let n = Math.min(MAX_DISEASE_WORDS, words.length - i); n >= 1; n--) {
      const phrase = joinTokens(s, i, i + n);
      const d = diseaseOf(phrase);
      // "flu-like symptoms" describes symptoms; it names no disease.
      const likeness = words[i + n] === '-' && words[i + n + 1] === 'like';
      if (d && !likeness) {
        found.push(d);
        for (let k = i; k < i + n; k++) tokens.add(k);
        i += n - 1;
        break;
      }
    }
  }
  return { found, tokens };
}

/** Words as written, lower case, spaces between tokens only where the text has them. */
function joinTokens(s: Sentence, from: number, to: number): string {
  return s.text
    .slice(s.tokens[from]!.start - s.start, s.tokens[to - 1]!.end - s.start)
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** How often the article names each country (a place counts for its country), the opening more. */
function nameScores(sentences: Sentence[], mentions: Mention[][]): Map<string, number> {
  const score = new Map<string, number>();
  sentences.forEach((s, k) => {
    if (s.furniture) return;
    const weight = k < 3 ? 2 : 1;
    for (const m of mentions[k] ?? []) {
      const country = m.kind === 'organisation' || m.kind === 'region' ? null : m.country;
      if (country) score.set(country, (score.get(country) ?? 0) + weight);
    }
  });
  return score;
}

export const mentionScores = (sentences: SentenceContext[]): Map<string, number> =>
  nameScores(
    sentences.map((s) => s.sentence),
    sentences.map((s) => s.mentions),
  );

export function bestOf(score: Map<string, number>): Focus | null {
  const best = [...score].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])[0];
  return best ? { name: best[0], country: best[0] } : null;
}

/** The disease an article is about: named in at least half of its disease mentions. */
function diseaseOfArticle(sentences: SentenceContext[]): string | null {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const d of s.diseases) counts.set(d, (counts.get(d) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] * 2 >= total ? best[0] : null;
}

/**
 * The article's sentences as the rules read them: no word and no sentence longer than the model
 * and the rules read in linear time, each sentence's text the article's own.
 */
function sentencesOf(text: string): Sentence[] {
  const readable = withShortWords(text);
  const read = readSentences(readable);
  const own =
    readable === text ? read : read.map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
  return readWindows(own, text);
}

export function analyseArticle(
  text: string,
  publishedAt: PartialDate | null,
  datelines: [number, number][],
  stepsPerToken?: number,
): ArticleContext {
  const pub = parseYmd(publishedAt);
  const read = sentencesOf(text);
  const work = new WorkBudget(
    read.reduce((n, s) => n + s.tokens.length, 0),
    stepsPerToken,
  );
  const names = read.map(findMentions);
  // "the country" and "the government" point to the country the article's names are mostly of.
  const home = bestOf(nameScores(read, names));
  const earlier = new Antecedents();
  const sentences = read.map((sentence, k): SentenceContext => {
    const excluded = (a: number, b: number) =>
      datelines.some(([ds, de]) => ds < sentence.start + b && sentence.start + a < de);
    work.read(sentence.tokens.length);
    const mentions = resolveDescriptions(sentence, names[k]!, earlier, home?.name ?? null);
    const diseases = diseasesIn(sentence);
    earlier.add(mentions);
    return {
      sentence,
      clauses: clausesOf(sentence, mentions),
      mentions,
      numbers: findNumbers(sentence.tokens),
      dates: mostSpecific(findDates(sentence.text, pub, excluded)),
      diseases: diseases.found,
      diseaseTokens: diseases.tokens,
      attribution: findAttribution(sentence, mentions),
      hedged: sentence.tokens.some(
        (t) => HEDGE.has(t.lower) && !t.capitalised && t.pos !== 'PROPN',
      ),
    };
  });
  return {
    text,
    publishedAt,
    pub,
    sentences,
    focus: bestOf(mentionScores(sentences)),
    disease: diseaseOfArticle(sentences),
    work,
  };
}

/** Whether token `i` of a sentence lies inside one of its dates. */
export function inDate(s: SentenceContext, i: number): boolean {
  const t = s.sentence.tokens[i]!;
  const a = t.start - s.sentence.start;
  const b = t.end - s.sentence.start;
  return s.dates.some((d) => d.start < b && a < d.end);
}
