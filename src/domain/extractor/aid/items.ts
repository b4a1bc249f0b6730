/**
 * The aid a clause names, in the categories of the lexicon, and the quantities that count it
 * ("3.5 tons", "500,000 doses", "$15 million"): a number with a unit word after it or a
 * currency with it, or a bare number in a list whose first member has a unit ("278,000 doses to
 * Fiji, 63,000 to Samoa").
 */
import { ITEMS, QUANTITY_UNITS } from '../lexicon/items';
import type { SentenceContext } from '../context';
import { inDate } from '../context';
import type { Token } from '../nlp/document';
import type { Quantity } from '../types';

interface ItemPhrase {
  category: string;
  words: string[];
}

/** Item phrases by their first word, longest first. */
const PHRASES = new Map<string, ItemPhrase[]>();
for (const e of ITEMS)
  for (const w of e.words) {
    const words = w.split(' ');
    PHRASES.set(words[0]!, [...(PHRASES.get(words[0]!) ?? []), { category: e.category, words }]);
  }
for (const list of PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length);

/** A capitalised plural ("Supplies from UNICEF…") may come untouched by the lemmatiser. */
const formsOf = (t: Token): Set<string> =>
  new Set([t.lemma, t.lower, t.lower.replace(/ies$/, 'y'), t.lower.replace(/s$/, '')]);

/** Categories named in the clause, each once, in the order named. */
export function itemsIn(s: SentenceContext, clause: number[]): string[] {
  const tokens = s.sentence.tokens;
  const out: string[] = [];
  // "…according to experts with a national team": who says it is not what was given. The phrase
  // runs to its comma: "According to UNICEF, Sweden has shipped 90,000 doses" names the doses.
  const according = clause.find(
    (k) => tokens[k]!.lower === 'according' && tokens[k + 1]?.lower === 'to',
  );
  const comma = clause.find(
    (k) => according !== undefined && k > according && tokens[k]!.text === ',',
  );
  const inClause = new Set(
    according === undefined
      ? clause
      : clause.filter((k) => k < according || (comma !== undefined && k > comma)),
  );
  const within = clause.filter((k) => inClause.has(k));
  for (let k = 0; k < within.length; k++) {
    const i = within[k]!;
    const t = tokens[i]!;
    const candidates = [...formsOf(t)].flatMap((f) => PHRASES.get(f) ?? []);
    const hit = candidates.find((p) =>
      p.words.every((w, j) => {
        const t = tokens[i + j];
        return !!t && inClause.has(i + j) && formsOf(t).has(w);
      }),
    );
    if (!hit) continue;
    if (!out.includes(hit.category)) out.push(hit.category);
    k += hit.words.length - 1;
  }
  return out;
}

/** Between the names in a list of diseases: "measles, mumps and rubella (MMR) vaccines". */
const DISEASE_LIST = new Set([',', 'and', '(', ')']);

/**
 * The unit word of the noun phrase after a number: "doses" in "500,000 Covid-19 vaccine doses",
 * "vaccines" in "3,000 measles, mumps and rubella vaccines" (the diseases' words do not count
 * against the few words a unit may lie past the number).
 */
function unitAfter(s: SentenceContext, to: number): string | null {
  const tokens = s.sentence.tokens;
  let words = 0;
  let diseases = false;
  for (let j = to; j < tokens.length && words < 4; j++) {
    const t = tokens[j]!;
    const unit = QUANTITY_UNITS[t.lemma] ?? QUANTITY_UNITS[t.lower];
    if (unit) return unit;
    diseases ||= s.diseaseTokens.has(j);
    const inList = diseases && DISEASE_LIST.has(t.lower);
    const acronym = tokens[j - 1]?.text === '(' && tokens[j + 1]?.text === ')';
    if (s.diseaseTokens.has(j) || inList || acronym) continue;
    if (!['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(t.pos) && t.text !== '-') return null;
    words++;
  }
  return null;
}

/** Quantities of aid in the clause, with the token each starts at. */
export function quantitiesIn(
  s: SentenceContext,
  clause: number[],
): { at: number; quantity: Quantity }[] {
  const inClause = new Set(clause);
  const out: { at: number; quantity: Quantity }[] = [];
  let lastUnit: string | null = null;
  for (const n of s.numbers) {
    if (!inClause.has(n.from) || n.ordinal || n.value === 0 || inDate(s, n.from)) continue;
    const next = s.sentence.tokens[n.to];
    const unit = n.currency ?? unitAfter(s, n.to);
    if (unit) {
      out.push({ at: n.from, quantity: { value: n.value, unit } });
      lastUnit = unit;
    } else if (lastUnit && (next?.lower === 'to' || next?.lower === 'for')) {
      out.push({ at: n.from, quantity: { value: n.value, unit: lastUnit } });
    }
  }
  return out;
}
