/**
 * The gazetteer: countries (ISO 3166 via i18n-iso-countries), first-level subdivisions and
 * cities (GeoNames, in the generated cities.psv and adm1.psv), regions and organisations, each under one
 * canonical name. The extractor tags text with it; the API and views resolve user input with the
 * same functions so "DPRK", "PRK" and "North Korea" mean one thing everywhere.
 */
// The package's Node entry registers all 70-odd locales (730 KB in a bundle); its plain entry
// registers none, and only English is needed.
import { readFileSync } from 'node:fs';
import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { CAPITALS, DEMONYMS, EXTRA_ALIASES, NOT_ALIASES, SHORT_NAME } from './countries';
import { ORGANISATIONS, type OrganisationEntry, type OrganisationKind } from './organisations';
import { DataFileMissingError } from '../../errors';
import { REGIONS } from './regions';

/**
 * The places are data files read when the index is first built, not modules: compiled in, their
 * 440 KB of source cost every function that resolves a name ~25 ms of its cold start (measured,
 * `npm run bench:coldstart`), where reading them costs ~1 ms. A bundle carries them beside
 * index.mjs (infra/bundling.ts), so the same URL finds them in the source tree and in a bundle.
 */
export const PLACE_FILES = {
  cities: new URL('./cities.psv', import.meta.url),
  adm1: new URL('./adm1.psv', import.meta.url),
};

/** A data file's rows, split into columns; `#` lines are its provenance. */
function rowsOf(file: URL): string[][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DataFileMissingError(file.pathname.split('/').pop()!);
  }
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('|'));
}

type PlaceKind = 'country' | 'adm1' | 'city' | 'region';

export interface Place {
  name: string;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-3 of the country the place is in; null for regions. */
  countryCode: string | null;
  /** Canonical name of that country. */
  country: string | null;
  lat: number | null;
  lon: number | null;
}

interface Organisation {
  name: string;
  fullName: string;
  aliases: string[];
  kind: OrganisationKind;
}

export type Canonical = ({ type: 'place' } & Place) | ({ type: 'organisation' } & Organisation);

/** What a span of text names, for the tagger. */
export interface GazetteerHit {
  entity: Canonical;
  via: 'name' | 'demonym' | 'capital';
}

interface Index {
  /** Exact surface → hits, most likely first. */
  exact: Map<string, GazetteerHit[]>;
  /** Lower-cased surface → hits, for look-ups by people and for all-capitals headlines. */
  folded: Map<string, GazetteerHit[]>;
  /** ISO alpha-3 codes, for look-ups by people only. */
  codes: Map<string, GazetteerHit[]>;
  countryByAlpha2: Map<string, Place>;
  /**
   * Lower-cased first words of every surface, with the most tokens a surface starting with it
   * can take, so the tagger skips words that start no name and stops looking where names end.
   */
  firstWords: Map<string, number>;
}

let index: Index | null = null;

function canonicalCountryName(code: string): string {
  const override = SHORT_NAME[code];
  if (override) return override;
  const names = countries.getName(code, 'en', { select: 'all' }) ?? [];
  const usable = names
    .filter((n) => !/[,(]/.test(n) && !/^[A-Z.]+$/.test(n))
    .sort((a, b) => a.length - b.length);
  return usable[0] ?? names[0] ?? code;
}

const KIND_RANK: Record<PlaceKind | 'organisation', number> = {
  country: 0,
  organisation: 1,
  region: 2,
  adm1: 3,
  city: 4,
};

/** Entities under the surfaces they are found by, exactly and case-folded. */
class Surfaces {
  readonly exact = new Map<string, GazetteerHit[]>();
  readonly folded = new Map<string, GazetteerHit[]>();
  readonly firstWords = new Map<string, number>();

  add(surface: string, hit: GazetteerHit): void {
    const s = surface.trim();
    if (!s) return;
    // GeoNames and ISO write "Ḩajjah", "Şan‘ā'"; news writes "Hajjah".
    const plain = s.normalize('NFD').replace(/\p{M}/gu, '');
    if (plain !== s) this.add(plain, hit);
    const words = s.split(/\s+/);
    const first = words[0]!.split(/[-’'.]/)[0]!.toLowerCase();
    // A hyphen, an apostrophe or a full stop is a token of its own ("Guinea-Bissau" is three).
    const tokens = words.length + 2 * (s.match(/[-’'.]/g)?.length ?? 0);
    this.firstWords.set(first, Math.max(this.firstWords.get(first) ?? 0, tokens));
    for (const [map, key] of [
      [this.exact, s],
      [this.folded, s.toLowerCase()],
    ] as const) {
      const list = map.get(key) ?? [];
      if (!list.some((h) => sameEntity(h.entity, hit.entity))) list.push(hit);
      map.set(key, list);
    }
  }

  /** Most likely first: countries, then organisations, regions, subdivisions and cities. */
  sortByRank(): void {
    for (const map of [this.exact, this.folded])
      for (const list of map.values()) list.sort((a, b) => rank(a) - rank(b));
  }
}

const entity = (p: Place): Canonical => ({ type: 'place', ...p });

/** Every ISO country under its canonical name, placed at its capital when GeoNames knows it. */
function countriesByAlpha2(cityRows: string[][]): Map<string, Place> {
  const capitals = new Map<string, [number, number]>();
  for (const [cc, , , capital, lat, lon] of cityRows)
    if (capital === 'C' && cc && !capitals.has(cc)) capitals.set(cc, [Number(lat), Number(lon)]);
  const byAlpha2 = new Map<string, Place>();
  for (const a2 of Object.keys(countries.getAlpha2Codes())) {
    const point = capitals.get(a2);
    const name = canonicalCountryName(a2);
    byAlpha2.set(a2, {
      name,
      kind: 'country',
      countryCode: countries.alpha2ToAlpha3(a2) ?? null,
      country: name,
      lat: point?.[0] ?? null,
      lon: point?.[1] ?? null,
    });
  }
  return byAlpha2;
}

function addOrganisations(surfaces: Surfaces): void {
  for (const o of ORGANISATIONS) {
    const e: Canonical = { type: 'organisation', ...toOrganisation(o) };
    for (const s of [o.name, o.fullName, ...o.aliases]) surfaces.add(s, { entity: e, via: 'name' });
  }
}

function addCountries(
  surfaces: Surfaces,
  byAlpha2: Map<string, Place>,
  codes: Map<string, GazetteerHit[]>,
): void {
  for (const [a2, place] of byAlpha2) {
    const e = entity(place);
    const names = [
      place.name,
      ...(countries.getName(a2, 'en', { select: 'all' }) ?? []),
      ...(EXTRA_ALIASES[a2] ?? []),
    ];
    for (const s of names)
      if (s && !NOT_ALIASES.has(`${a2}:${s}`) && !s.includes(','))
        surfaces.add(s, { entity: e, via: 'name' });
    for (const s of DEMONYMS[a2] ?? []) surfaces.add(s, { entity: e, via: 'demonym' });
    // Alpha-3 codes resolve user input ("PRK") but are not tagged in prose, where "MMR" is a vaccine.
    if (place.countryCode) codes.set(place.countryCode, [{ entity: e, via: 'name' }]);
    for (const s of CAPITALS[a2] ?? []) surfaces.add(s, { entity: e, via: 'capital' });
  }
}

function addRegions(surfaces: Surfaces): void {
  for (const r of REGIONS) {
    const e = entity({
      name: r.name,
      kind: 'region',
      countryCode: null,
      country: null,
      lat: r.lat,
      lon: r.lon,
    });
    for (const s of [r.name, ...r.aliases]) surfaces.add(s, { entity: e, via: 'name' });
  }
}

function addSubdivisions(surfaces: Surfaces, byAlpha2: Map<string, Place>): void {
  for (const [a2, name] of rowsOf(PLACE_FILES.adm1)) {
    const c = a2 ? byAlpha2.get(a2) : undefined;
    if (!c || !name) continue;
    surfaces.add(name, {
      entity: entity({
        name,
        kind: 'adm1',
        countryCode: c.countryCode,
        country: c.name,
        lat: null,
        lon: null,
      }),
      via: 'name',
    });
  }
}

function addCities(surfaces: Surfaces, byAlpha2: Map<string, Place>, cityRows: string[][]): void {
  for (const [a2, name, alt, , lat, lon] of cityRows) {
    const c = a2 ? byAlpha2.get(a2) : undefined;
    if (!c || !name) continue;
    const e = entity({
      name,
      kind: 'city',
      countryCode: c.countryCode,
      country: c.name,
      lat: Number(lat),
      lon: Number(lon),
    });
    surfaces.add(name, { entity: e, via: 'name' });
    if (alt) surfaces.add(alt, { entity: e, via: 'name' });
  }
}

function build(): Index {
  // Here rather than at import, like the places: only a function that resolves a name pays it.
  countries.registerLocale(en);
  const surfaces = new Surfaces();
  const cityRows = rowsOf(PLACE_FILES.cities);
  const countryByAlpha2 = countriesByAlpha2(cityRows);
  const codes = new Map<string, GazetteerHit[]>();
  addOrganisations(surfaces);
  addCountries(surfaces, countryByAlpha2, codes);
  addRegions(surfaces);
  addSubdivisions(surfaces, countryByAlpha2);
  addCities(surfaces, countryByAlpha2, cityRows);
  surfaces.sortByRank();
  return {
    exact: surfaces.exact,
    folded: surfaces.folded,
    codes,
    countryByAlpha2,
    firstWords: surfaces.firstWords,
  };
}

const rank = (h: GazetteerHit) =>
  KIND_RANK[h.entity.type === 'organisation' ? 'organisation' : h.entity.kind];

function sameEntity(a: Canonical, b: Canonical): boolean {
  if (a.type !== b.type || a.name !== b.name) return false;
  return (
    a.type === 'organisation' ||
    (b.type === 'place' && a.kind === b.kind && a.countryCode === b.countryCode)
  );
}

function toOrganisation(o: OrganisationEntry): Organisation {
  return { name: o.name, fullName: o.fullName, aliases: o.aliases, kind: o.kind };
}

function getIndex(): Index {
  index ??= build();
  return index;
}

/** Hits for an exact span of text (case matters: "WHO" is not "who"). */
export function lookupSurface(surface: string): GazetteerHit[] {
  const idx = getIndex();
  const hits = idx.exact.get(surface);
  if (hits) return hits;
  // Headlines and datelines in capitals ("KINGSTON, Jamaica"): places only, never acronyms.
  if (surface.length >= 4 && surface === surface.toUpperCase() && /[A-Z]/.test(surface))
    return (idx.folded.get(surface.toLowerCase()) ?? []).filter((h) => h.entity.type === 'place');
  return [];
}

/**
 * How many tokens at most a name starting with this word can take (any case, up to its first
 * hyphen, apostrophe or full stop); 0 when no name starts with it.
 */
export const nameLength = (word: string): number =>
  getIndex().firstWords.get(word.split(/[-’'.]/)[0]!.toLowerCase()) ?? 0;

const clean = (s: string) =>
  s
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .replace(/[’]/g, "'");

/** Every canonical entity a name may mean, most likely first ("Congo" gives two). */
export function resolveName(query: string): { matches: Canonical[] } {
  const q = clean(query);
  if (!q) return { matches: [] };
  const idx = getIndex();
  const hits = [
    ...(idx.exact.get(q) ?? []),
    ...(idx.folded.get(q.toLowerCase()) ?? []),
    ...(idx.codes.get(q.toUpperCase()) ?? []),
  ];
  const matches: Canonical[] = [];
  for (const h of hits) if (!matches.some((m) => sameEntity(m, h.entity))) matches.push(h.entity);
  if (q.toLowerCase() === 'congo') {
    const rc = idx.countryByAlpha2.get('CG');
    if (rc && !matches.some((m) => m.name === rc.name)) matches.push({ type: 'place', ...rc });
  }
  return { matches };
}

/** The place a name most likely means: a country before a region, a subdivision or a city. */
export function placeByName(name: string): Place | null {
  const m = resolveName(name).matches.find((x) => x.type === 'place');
  if (!m || m.type !== 'place') return null;
  const { type: _type, ...place } = m;
  return place;
}

export function organisationByName(name: string): Organisation | null {
  const m = resolveName(name).matches.find((x) => x.type === 'organisation');
  if (!m || m.type !== 'organisation') return null;
  const { type: _type, ...o } = m;
  return o;
}
