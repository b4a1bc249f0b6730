/** Sentence segmentation with offsets into the text, aware of the abbreviations news copy is full of. */

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the sentence in the article, for discourse rules that look at the previous sentence. */
  index: number;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof st gen gov sen rep lt col sgt capt jr sr inc co corp ltd no vs etc approx est dept univ ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun a.m p.m'
  ).split(' '),
);

/** A full stop ends a sentence unless it closes an abbreviation, an initial ("N."), or a dotted acronym ("U.S."). */
function isAbbreviation(text: string, dot: number): boolean {
  const m = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, dot - 12), dot));
  if (!m) return false;
  const word = m[1]!;
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  if (/^[A-Z]$/.test(word)) return true;
  return /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word);
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e)))
      out.push({ text: text.slice(s, e), start: s, end: e, index: out.length });
  };
  let start = 0;
  const boundary = /\n|[.!?]+["'”’)\]]*(?=\s+["'“‘(]?[A-Z0-9])/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    if (m[0] !== '\n' && m[0][0] === '.' && m[0].length === 1 && isAbbreviation(text, m.index))
      continue;
    const end = m.index + m[0].length;
    push(start, end);
    start = end;
  }
  push(start, text.length);
  return out;
}
