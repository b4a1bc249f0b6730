/**
 * Numbers as news writes them, read off tokens: digits with separators ("1,098,300"), decimals
 * with a scale word ("1.2 million", "1,17 million", "4 lakh", "$5m"), number words ("twenty-one",
 * "half a million", "a dozen"), and ordinals ("a second life").
 */
import type { Token } from './document';

export interface NumberSpan {
  value: number;
  /** Token range [from, to) in the sentence. */
  from: number;
  to: number;
  ordinal: boolean;
  /** ISO 4217 code when a currency sign or word goes with the number. */
  currency: string | null;
}

const WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** Scale words, including South Asian ones ("4 lakh" = 400,000; "2 crore" = 20 million). */
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mln: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
};

const CURRENCY_SIGNS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  rmb: 'CNY',
};
const CURRENCY_WORDS: Record<string, string> = {
  dollars: 'USD',
  dollar: 'USD',
  usd: 'USD',
  euros: 'EUR',
  euro: 'EUR',
  eur: 'EUR',
  pounds: 'GBP',
  gbp: 'GBP',
  yuan: 'CNY',
  renminbi: 'CNY',
  yen: 'JPY',
  francs: 'CHF',
  rupees: 'INR',
  won: 'KRW',
};

const DIGITS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;
/** "1,17 million": a decimal comma, as some newsrooms write it, only before a scale word. */
const DECIMAL_COMMA = /^\d+,\d{1,2}$/;

function digitValue(text: string, scaled: boolean): number | null {
  if (DIGITS.test(text)) return Number(text.replace(/,/g, ''));
  if (scaled && DECIMAL_COMMA.test(text)) return Number(text.replace(',', '.'));
  const glued = /^(\d+(?:\.\d+)?)(m|bn|k)$/i.exec(text);
  if (glued) return Number(glued[1]) * SCALES[glued[2]!.toLowerCase()]!;
  return null;
}

/** The word number starting at `i` ("twenty", "twenty-one"), with the index after it. */
function wordValue(tokens: Token[], i: number): [number, number] | null {
  const head = WORDS[tokens[i]!.lower];
  if (head === undefined) return null;
  const dash = tokens[i + 1];
  const tail = tokens[i + 2];
  if (
    head >= 20 &&
    dash?.text === '-' &&
    tail &&
    WORDS[tail.lower] !== undefined &&
    tail.start === dash.end
  )
    return [head + WORDS[tail.lower]!, i + 3];
  return [head, i + 1];
}

function scaleAt(tokens: Token[], i: number): number | null {
  const t = tokens[i];
  return t ? (SCALES[t.lower] ?? null) : null;
}

/** "NZ$500,000", "A$2m": a country prefix glued to the dollar sign. */
const DOLLAR_PREFIX: Record<string, string> = {
  nz: 'NZD',
  a: 'AUD',
  au: 'AUD',
  c: 'CAD',
  ca: 'CAD',
  hk: 'HKD',
  s: 'SGD',
  us: 'USD',
};

function currencyAround(tokens: Token[], from: number, to: number): string | null {
  const before = tokens[from - 1];
  const prefix = tokens[from - 2];
  if (before?.text === '$' && prefix && prefix.end === before.start && DOLLAR_PREFIX[prefix.lower])
    return DOLLAR_PREFIX[prefix.lower]!;
  if (before && CURRENCY_SIGNS[before.lower]) return CURRENCY_SIGNS[before.lower]!;
  const after = tokens[to];
  if (after && CURRENCY_WORDS[after.lower]) return CURRENCY_WORDS[after.lower]!;
  return null;
}

/** An age ("11-year-old", "one year old") or a time of day is not a count. */
function isAgeOrTime(tokens: Token[], from: number, to: number): boolean {
  const next = tokens.slice(to, to + 4).map((t) => t.lower);
  if (next[0] === '-' && /^(?:year|month|week|day)s?$/.test(next[1] ?? '')) return true;
  if (/^(?:year|month)s?$/.test(next[0] ?? '') && next[1] === 'old') return true;
  const t = tokens[from]!;
  if (t.entity === 'TIME' || /^\d{1,2}:\d{2}$/.test(t.text)) return true;
  // "07.00 on Tuesday" is a time; "1.73 lakh" is not.
  return (
    /^[0-2]?\d\.\d{2}$/.test(t.text) &&
    to === from + 1 &&
    /^(?:on|am|pm|a\.m\.|p\.m\.|hrs|hours|local|gmt|utc)$/i.test(next[0] ?? '')
  );
}

/** "third", "21st": a rank, not a count. */
function ordinalAt(t: Token): number | undefined {
  const digits = /^(\d+)(?:st|nd|rd|th)$/.exec(t.lower)?.[1];
  return ORDINALS[t.lower] ?? (digits ? Number(digits) : undefined);
}

/** The number's own words before any scale: "a" (hundred), "a dozen", digits or words. */
function baseAt(tokens: Token[], i: number): { value: number; to: number } | null {
  const t = tokens[i]!;
  if (t.lower === 'a' && (scaleAt(tokens, i + 1) ?? 0) >= 100) return { value: 1, to: i + 1 };
  if (t.lower === 'a' && tokens[i + 1]?.lower === 'dozen') return { value: 12, to: i + 2 };
  const digits = digitValue(t.text, scaleAt(tokens, i + 1) !== null);
  if (digits !== null) return { value: digits, to: i + 1 };
  const words = wordValue(tokens, i);
  return words ? { value: words[0], to: words[1] } : null;
}

/** "half a million". */
function halfAt(tokens: Token[], i: number): NumberSpan | null {
  const scale =
    tokens[i]!.lower === 'half' && tokens[i + 1]?.lower === 'a' && scaleAt(tokens, i + 2);
  return scale ? { value: 0.5 * scale, from: i, to: i + 3, ordinal: false, currency: null } : null;
}

function parseAt(tokens: Token[], i: number): NumberSpan | null {
  const ordinal = ordinalAt(tokens[i]!);
  if (ordinal !== undefined)
    return { value: ordinal, from: i, to: i + 1, ordinal: true, currency: null };
  const half = halfAt(tokens, i);
  if (half) return half;
  const base = baseAt(tokens, i);
  if (!base) return null;
  let { value, to } = base;
  const scale = scaleAt(tokens, to);
  if (scale) {
    value *= scale;
    to++;
  }
  if (isAgeOrTime(tokens, i, to)) return null;
  return {
    value: Math.round(value * 1000) / 1000,
    from: i,
    to,
    ordinal: false,
    currency: currencyAround(tokens, i, to),
  };
}

/** Digits, a number word, an ordinal, or "a"/"half" before a scale word. */
function mayStartNumber(t: Token): boolean {
  return (
    /^\d/.test(t.text) ||
    t.lower in WORDS ||
    t.lower in ORDINALS ||
    t.lower === 'a' ||
    t.lower === 'half'
  );
}

/** Every number in a sentence, left to right, none overlapping; years and dates are left out. */
export function findNumbers(tokens: Token[]): NumberSpan[] {
  const out: NumberSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!mayStartNumber(t)) continue;
    if (t.entity === 'DATE' && /^\d{4}$/.test(t.text)) continue;
    if (/^(?:19|20)\d{2}$/.test(t.text)) continue;
    const n = parseAt(tokens, i);
    if (!n) continue;
    out.push(n);
    i = n.to - 1;
  }
  return out;
}
