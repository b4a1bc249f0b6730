/** Number expressions as news writes them: digits with separators, decimals with scale words, and number words. */

const UNITS: Record<string, number> = {
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
  hundred: 100,
};
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  m: 1e6,
  bn: 1e9,
  k: 1e3,
};

const WORD =
  '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozen|a hundred|hundred)';
const DIGITS = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const SCALE = '(?:\\s+(?:hundred|thousand|million|billion)|\\s?(?:m|bn|k)\\b)';

/**
 * One match per number. Word numbers may be hyphenated ("forty-two"); a scale word may follow
 * digits or words ("1.2 million", "three million"). Digits glued to letters ("COVID-19", "G7") are
 * not numbers, nor are parts of dates handled elsewhere.
 */
export const NUMBER_RE = new RegExp(
  `(?<![\\w.,-])(?:(?:${DIGITS})|${WORD}(?:-${WORD})?)(?:${SCALE})?(?![\\w-]|[.,]\\d)`,
  'gi',
);

export function parseNumber(raw: string): number | null {
  const s = raw.toLowerCase().replace(/^a\s+/, '').trim();
  const m = /^([\d,.]+|[a-z-]+)(?:\s*(hundred|thousand|million|billion|m|bn|k))?$/.exec(s);
  if (!m) return null;
  const [, head = '', scale] = m;
  let base: number;
  if (/^[\d,.]+$/.test(head)) base = Number(head.replace(/,/g, ''));
  else {
    base = 0;
    for (const part of head.split('-')) {
      const v = UNITS[part];
      if (v === undefined) return null;
      base += v;
    }
  }
  if (!Number.isFinite(base)) return null;
  const value = scale ? base * (SCALES[scale] ?? 1) : base;
  return Math.round(value * 1000) / 1000;
}
