/**
 * The linguistic layer: sentences and tokens with part-of-speech tags, lemmas, negation and
 * wink's named-entity types (dates, cardinals, money…), with offsets into the article text.
 *
 * wink-nlp with its English lite model rather than compromise: on the dev articles it tags and
 * segments at ~800 KB/s warm against compromise's ~270 KB/s, which left no room for our rules
 * under the 250 KB/s budget; its tokenizer is lossless, so every token maps back to its offsets.
 */
import winkNLP, { type PartOfSpeech } from 'wink-nlp';
import { model } from './model';

type Pos = PartOfSpeech;

export interface Token {
  /** Index in its sentence. */
  i: number;
  text: string;
  lower: string;
  lemma: string;
  pos: Pos;
  /** Offsets into the article text. */
  start: number;
  end: number;
  /** In the scope of a negation ("did not send", "never arrived"). */
  negated: boolean;
  /** wink's entity type for the span the token is in: DATE, CARDINAL, ORDINAL, MONEY, PERCENT, DURATION, URL… */
  entity: string | null;
  capitalised: boolean;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** Page furniture (URLs, photo credits, "Updated:" stamps, bylines) states no fact. */
  furniture: boolean;
  /** Index of the line (paragraph) the sentence is in: figures carry over within a paragraph only. */
  paragraph: number;
  /**
   * A photo caption ("This photo, released by state media, shows…"): it dates a happening but
   * describes a picture, so it reports no aid.
   */
  caption: boolean;
}

type Engine = ReturnType<typeof winkNLP>;
let engine: Engine | null = null;

/** Loaded on first use: a Lambda that only rejects uploads never pays for the model. */
function nlp(): Engine {
  engine ??= winkNLP(model, ['sbd', 'negation', 'pos', 'ner']);
  return engine;
}

const FURNITURE = [
  /^(?:url|source|link)\s*:/i,
  /^(?:date|updated|published|posted|last updated|first published)\s*(?::|\d)/i,
  /^(?:photo|file photo|image|picture|credit|photograph|caption)\s*:/i,
  /\b(?:Photo|Credit|Image):\s*\S+/,
  /^by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}$/i,
  /^\(?[A-Z][A-Za-z]+\)?$/,
  /^https?:\/\//i,
];

const CAPTION =
  /^(?:this|the|a) (?:file )?(?:photo|picture|image|photograph)\b|\b(?:photo|picture|image) (?:shows|taken)\b/i;

const isFurniture = (text: string): boolean => FURNITURE.some((re) => re.test(text.trim()));

interface RawToken {
  text: string;
  lemma: string;
  pos: Pos;
  negated: boolean;
  entity: string | null;
  start: number;
  end: number;
  newline: boolean;
  /** wink starts a sentence here. */
  opens: boolean;
}

function rawTokens(text: string): RawToken[] {
  const doc = nlp().readDoc(text);
  const its = nlp().its;
  const all = doc.tokens();
  // wink's typings cannot express its per-helper return types; each call below is one array.
  const read = <T>(helper: unknown): T[] => all.out(helper as never) as unknown as T[];
  const values = read<string>(its.value);
  const spaces = read<string>(its.precedingSpaces);
  const pos = read<Pos>(its.pos);
  const lemmas = read<string>(its.lemma);
  const negation = read<boolean>(its.negationFlag);
  const entity: (string | null)[] = values.map(() => null);
  const spans = doc.entities().out(its.span) as unknown as [number, number][];
  const types = doc.entities().out(its.type) as unknown as string[];
  spans.forEach(([a, b], k) => {
    for (let j = a; j <= b; j++) entity[j] = types[k] ?? null;
  });
  const sentenceStarts = new Set(
    (doc.sentences().out(its.span) as unknown as [number, number][]).map(([a]) => a),
  );
  const tokens: RawToken[] = [];
  let at = 0;
  let pendingBreak = false;
  for (let k = 0; k < values.length; k++) {
    const gap = spaces[k] ?? '';
    at += gap.length;
    const value = values[k]!;
    // wink keeps runs of line breaks as tokens of their own; they only mark where a line ends.
    if (value.trim() === '') {
      at += value.length;
      pendingBreak ||= value.includes('\n');
      continue;
    }
    const newline = pendingBreak || gap.includes('\n');
    pendingBreak = false;
    tokens.push({
      text: value,
      lemma: lemmas[k] ?? value.toLowerCase(),
      pos: pos[k] ?? 'X',
      negated: negation[k] === true,
      entity: entity[k] ?? null,
      start: at,
      end: at + value.length,
      newline,
      opens: sentenceStarts.has(k),
    });
    at += value.length;
  }
  return tokens;
}

/**
 * wink leaves some participles unlemmatised ("gifted", "airlifted"): strip the ending, undoubling
 * a final consonant ("shipped" → "ship") and restoring a silent e where the stem wants one.
 */
function lemmaOf(t: RawToken): string {
  const lemma = t.lemma.toLowerCase();
  const lower = t.text.toLowerCase();
  if (lemma !== lower || !(t.pos === 'VERB' || t.pos === 'ADJ')) return lemma;
  const m = /^(.+?)(ed|ing)$/.exec(lower);
  if (!m || m[1]!.length < 3) return lemma;
  const stem = m[1]!;
  if (/([bdgmnprt])\1$/.test(stem)) return stem.slice(0, -1);
  // "vaccinated" → "vaccinate", "hospitalised" → "hospitalise", "pledged" → "pledge".
  return /(?:at|iz|is|uc|v|g|c|ur|ag)$/.test(stem) ? `${stem}e` : stem;
}

function toToken(t: RawToken, i: number): Token {
  return {
    i,
    text: t.text,
    lower: t.text.toLowerCase(),
    lemma: lemmaOf(t),
    pos: t.pos,
    start: t.start,
    end: t.end,
    negated: t.negated,
    entity: t.entity,
    capitalised: /^\p{Lu}/u.test(t.text),
  };
}

/**
 * Sentences as wink segments them, cut again at line breaks: a headline, a caption or a dateline
 * has no full stop but is never part of the next paragraph's first sentence.
 */
export function readSentences(text: string): Sentence[] {
  const tokens = rawTokens(text);
  const out: Sentence[] = [];
  let paragraph = 0;
  let current: RawToken[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const start = current[0]!.start;
    const end = current.at(-1)!.end;
    const sentenceText = text.slice(start, end);
    out.push({
      index: out.length,
      start,
      end,
      text: sentenceText,
      tokens: current.map(toToken),
      furniture: isFurniture(sentenceText),
      caption: CAPTION.test(sentenceText),
      paragraph,
    });
    current = [];
  };
  tokens.forEach((t, k) => {
    if (k > 0 && (t.newline || t.opens)) flush();
    if (t.newline) paragraph++;
    current.push(t);
  });
  flush();
  return out.filter((s) => /[\p{L}\p{N}]/u.test(s.text));
}
