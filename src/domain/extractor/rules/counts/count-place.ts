/**
 * Where a count is: the place named in its own stretch of the clause ("144 in Nhamatanda
 * district", "Lakki Marwat has reported 12 cases", "Italy's death toll reached…"), a capitalised
 * name after "in" that the gazetteer lacks, the place named elsewhere in the clause or sentence,
 * else the country the article is about. "Three each in Sindh and Punjab" is one count per place.
 */
import type { CountContext, CountDraft, CountPlace } from '../../counts/draft';
import { segmentAfter, segmentBefore } from '../../counts/draft';
import type { Mention } from '../../nlp/mentions';
import { textOf } from '../../nlp/mentions';
import { inDate } from '../../context';
import { resolveName } from '../../gazetteer';
import { ACTOR_NOUNS } from '../../lexicon/actors';
import { defineRule } from '../rule';

const PLACE_SUFFIX =
  /\s+(?:district|province|region|county|state|city|governorate|prefecture|municipality|division)s?$/i;

const isPlace = (m: Mention) => m.kind !== 'organisation';
const LOCATIVE = new Set(['in', 'at', 'across', 'throughout', 'within']);
/** "five districts of KP": parts of a place are in it. */
const PARTS = new Set([
  'district',
  'province',
  'part',
  'area',
  'region',
  'county',
  'city',
  'town',
  'village',
  'state',
]);
const RECORDING = new Set([
  'report',
  'record',
  'register',
  'confirm',
  'log',
  'have',
  'see',
  'count',
]);

/** A place's name, run on over capitalised words the gazetteer split off ("Lakki" + "Marwat"). */
function placeName(d: CountDraft, from: number, to: number, known?: Mention): string {
  const tokens = d.s.sentence.tokens;
  let end = to;
  while (
    tokens[end]?.capitalised &&
    tokens[end]!.pos === 'PROPN' &&
    !d.s.mentions.some((m) => m.from === end) &&
    !inDate(d.s, end)
  )
    end++;
  // A capital stands for its country as an actor, but a figure "in Honiara" is Honiara's.
  if (known && end === to)
    return known.via === 'capital' ? textOf(d.s.sentence, from, to) : known.name;
  return textOf(d.s.sentence, from, end).replace(PLACE_SUFFIX, '');
}

/** The place starting at token `at`, known or guessed, with the index after it. */
function placeAt(
  d: CountDraft,
  at: number,
): { place: CountPlace; country: string | null; to: number } | null {
  const tokens = d.s.sentence.tokens;
  const known = d.s.mentions.find((m) => m.from === at);
  if (known) {
    if (!isPlace(known)) return null;
    return {
      place: { name: placeName(d, known.from, known.to, known), named: true },
      country: known.country,
      to: known.to,
    };
  }
  let j = at;
  while (tokens[j]?.capitalised && tokens[j]!.pos === 'PROPN' && !inDate(d.s, j)) j++;
  if (j === at || commonOpener(tokens, at, j)) return null;
  return { place: { name: placeName(d, at, j), named: true }, country: null, to: j };
}

/**
 * "Officials have counted…", "Doctors found…": a sentence's first word is capitalised whatever it
 * is, so a lone plural there is the people counting, not a place the gazetteer lacks.
 */
function commonOpener(tokens: CountDraft['s']['sentence']['tokens'], at: number, to: number) {
  const t = tokens[at]!;
  return at === 0 && to === 1 && (ACTOR_NOUNS.has(t.lower) || /[^s]s$/.test(t.lower));
}

/** "and the countryside of Aleppo", "and northern Idlib": past the words before the next place. */
function nextPlaceStart(tokens: CountDraft['s']['sentence']['tokens'], k: number): number {
  let j = k;
  while (
    j < k + 4 &&
    tokens[j] &&
    !tokens[j]!.capitalised &&
    ['DET', 'ADJ', 'NOUN', 'ADP'].includes(tokens[j]!.pos)
  )
    j++;
  return j;
}

/** "in Beira", "across Sindh", and "of" after a part of a place: "five districts of KP". */
function opensLocative(tokens: CountDraft['s']['sentence']['tokens'], k: number): boolean {
  const partOf = tokens[k]!.lower === 'of' && PARTS.has(tokens[k - 1]?.lemma ?? '');
  return LOCATIVE.has(tokens[k]!.lower) || partOf;
}

type Listed = { place: CountPlace; country: string | null };

/** The places listed after the locative at `k`: "in Khyber Pakhtunkhwa and Punjab", "in northern Idlib". */
function placesListedAfter(d: CountDraft, k: number): Listed[] {
  const tokens = d.s.sentence.tokens;
  let at = k + 1;
  while (at < k + 4 && (tokens[at]?.pos === 'DET' || tokens[at]?.pos === 'ADJ')) at++;
  const list: Listed[] = [];
  for (let p = placeAt(d, at); p;) {
    list.push(p);
    const sep = tokens[p.to]?.lower;
    p =
      sep === 'and' || sep === ',' || sep === 'or'
        ? placeAt(d, nextPlaceStart(tokens, p.to + 1))
        : null;
  }
  return list;
}

/** Every country a listed place may be in: "Punjab" is in India and in Pakistan. */
function countriesOf(x: Listed): Set<string> {
  if (x.country === null) return new Set();
  const all = resolveName(x.place.name).matches.flatMap((m) =>
    m.type === 'place' && m.country ? [m.country] : [],
  );
  return new Set([x.country, ...all]);
}

/**
 * A figure in a list of places is each place's only when it says "each"; otherwise it is the
 * total of all of them, so it belongs to their country, if they share one. A name found in
 * several countries counts for the one the others are in ("in Sindh and Punjab": Pakistan), or
 * else for the country the article is about.
 */
function placesOfList(d: CountDraft, list: Listed[], focus: string | null): CountPlace[] {
  if (list.length === 1 || d.each) return list.map((x) => x.place);
  // Names the gazetteer lacks ("Khyber Pakhtunkhwa") do not stop the known ones naming the country.
  const known = list.map(countriesOf).filter((c) => c.size > 0);
  const shared = known.length ? [...known[0]!].filter((c) => known.every((k) => k.has(c))) : [];
  const country = shared.length === 1 ? shared[0] : focus && shared.includes(focus) ? focus : null;
  return country ? [{ name: country, named: true }] : [];
}

/** Places right after "in", "at", "across" in a stretch of the clause, known or guessed. */
function locatives(d: CountDraft, segment: number[], focus: string | null): CountPlace[][] {
  const tokens = d.s.sentence.tokens;
  const out: CountPlace[][] = [];
  for (const k of segment) {
    if (!opensLocative(tokens, k)) continue;
    const list = placesListedAfter(d, k);
    if (list.length > 0) out.push(placesOfList(d, list, focus));
  }
  return out;
}

/** A name opening the stretch before the number: "Tank has reported four", "Karak two". */
function subjectBefore(d: CountDraft, segment: number[]): CountPlace | null {
  const tokens = d.s.sentence.tokens;
  const first = segment.find((k) => tokens[k]!.pos !== 'PUNCT' && tokens[k]!.lower !== 'and');
  if (first === undefined) return null;
  const p = placeAt(d, first);
  if (!p) return null;
  const rest = tokens.slice(p.to, d.n.from).filter((t) => t.text !== '’s' && t.text !== "'s");
  if (rest.length > 3 || !rest.every((t) => t.pos === 'AUX' || RECORDING.has(t.lemma))) return null;
  return p.place;
}

/** "25,600 Colombians": the people counted are of a country. */
function peopleOf(d: CountDraft): CountPlace | null {
  const m = d.s.mentions.find(
    (x) => x.via === 'demonym' && x.from >= d.n.to && x.from <= d.n.to + 2,
  );
  return m ? { name: m.name, named: true } : null;
}

/** The place named nearest before the number in its stretch: "Italy's death toll reached…", "Kazakhstan with 28,147". */
function nearestBefore(d: CountDraft, segment: number[]): CountPlace | null {
  const m = d.s.mentions
    .filter((x) => isPlace(x) && x.via !== 'demonym' && segment.includes(x.from))
    .at(-1);
  return m ? { name: m.name, named: true } : null;
}

/** The phrase after a number, to its first comma and within a few words: "cases were diagnosed in Beira". */
function nearAfter(d: CountDraft, all: CountDraft[]): number[] {
  const tokens = d.s.sentence.tokens;
  const out: number[] = [];
  for (const k of segmentAfter(d, all)) {
    if ((tokens[k]!.pos === 'PUNCT' && tokens[k]!.text !== ',') || out.length >= 8) break;
    if (tokens[k]!.text === ',' && !d.each) break;
    out.push(k);
  }
  return out;
}

function ownPlaces(d: CountDraft, all: CountDraft[], focus: string | null): CountPlace[] {
  const after = locatives(d, nearAfter(d, all), focus)[0];
  if (after?.length) return after;
  const before = segmentBefore(d, all);
  const own =
    peopleOf(d) ??
    subjectBefore(d, before) ??
    nearestBefore(d, before) ??
    locatives(d, before, focus).at(-1)?.[0];
  return own ? [own] : [];
}

/** Between two figures, an "and" and no comma: "19 cases and 2 deaths". */
function joinedOnly(d: CountDraft, from: number, to: number): boolean {
  const between = d.s.sentence.tokens.slice(from, to);
  return between.some((t) => t.lower === 'and') && !between.some((t) => t.text === ',');
}

/**
 * Places other figures of the sentence name as their own are not this one's: "79 were still
 * hospitalised, 57 in Beira", "76 deaths, 37 of them in Delta Amacuro".
 */
function claimedPlaces(d: CountDraft, all: CountDraft[], focus: string | null): Set<string> {
  const others = all.filter((o) => o !== d && o.s === d.s);
  const listed = others.filter((o) => o.rules.includes('listed-by-place'));
  const parts = others.filter((o) => o.rules.includes('partitive'));
  const after = parts.flatMap((o) => locatives(o, nearAfter(o, all), focus)[0] ?? []);
  const own = listed.flatMap((o) => ownPlaces(o, all, focus));
  return new Set([...own, ...after].map((p) => p.name));
}

function placesFor(d: CountDraft, all: CountDraft[], focus: string | null): CountPlace[] {
  const own = ownPlaces(d, all, focus);
  if (own.length) return own;
  // "1,100 suspected cases and 19 deaths in Idlib": figures joined by "and" share the place after them.
  const next = all.find((o) => o.clause === d.clause && o.n.from > d.n.from);
  if (next && joinedOnly(d, d.n.to, next.n.from)) {
    const shared = ownPlaces(next, all, focus);
    if (shared.length === 1) return shared;
  }
  // "268 cases and 11 deaths": a figure joined to the one before it shares that one's place.
  const previous = all.filter((o) => o.clause === d.clause && o.n.to <= d.n.from).at(-1);
  if (previous && joinedOnly(d, previous.n.to, d.n.from)) {
    const shared = ownPlaces(previous, all, focus);
    if (shared.length === 1) return shared;
  }
  const claimed = claimedPlaces(d, all, focus);
  const places = d.s.mentions.filter((m) => isPlace(m) && !claimed.has(m.name));
  // "…in Guinea-Bissau, which recorded over 1,600 cases": a relative clause counts for its antecedent.
  const antecedent = d.clause.aside
    ? places.filter((m) => m.to <= d.clause.tokens[0]! - 1).at(-1)
    : undefined;
  if (antecedent) return [{ name: antecedent.name, named: true }];
  const inClause = places.find((m) => d.clause.tokens.includes(m.from)) ?? places[0];
  return inClause ? [{ name: inClause.name, named: true }] : [];
}

export const countPlace = defineRule<CountDraft[], CountContext>({
  name: 'count-place',
  summary: 'the place named nearest a count in its clause, else the country the article is about',
  examples: [
    'Lakki Marwat has reported 12 cases, Tank has reported four and Karak two.',
    'Cholera is spreading in Angola. Health workers have logged 730 suspected cases and 14 deaths in Cuango district.',
    'Diphtheria has returned to Nigeria. The disease has killed 140 people this year, 52 of them in Kano.',
  ],
  counterexamples: [],
  apply(drafts, { article }) {
    return drafts.flatMap((d) => {
      if (!d.metric || d.place) return [d];
      const places = placesFor(d, drafts, article.focus?.country ?? null);
      if (places.length === 0) {
        const focus = article.focus ? { name: article.focus.name, named: false } : null;
        return [{ ...d, place: focus }];
      }
      return places.map((place) => ({ ...d, place, rules: [...d.rules, 'count-place'] }));
    });
  },
});
