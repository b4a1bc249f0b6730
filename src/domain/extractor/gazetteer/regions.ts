/**
 * World regions and groups of countries that reports name as recipients or as the place of a
 * count. Canonical names follow how aid reporting names them; aliases are other spellings.
 */
export interface RegionEntry {
  name: string;
  aliases: string[];
  /** A representative point; null for groups of countries that are not a place. */
  lat: number | null;
  lon: number | null;
}

const region = (
  name: string,
  lat: number | null,
  lon: number | null,
  aliases: string[] = [],
): RegionEntry => ({
  name,
  lat,
  lon,
  aliases,
});

export const REGIONS: RegionEntry[] = [
  region('Africa', 2, 21, ['African countries', 'African nations', 'the African continent']),
  region('West Africa', 12, -5, ['West African countries', 'West African nations']),
  region('East Africa', 0, 37, ['East African countries', 'Eastern Africa']),
  region('Southern Africa', -22, 27, ['southern Africa', 'Southern African countries']),
  region('Central Africa', 3, 20, ['Central African countries']),
  region('North Africa', 28, 15, ['North African countries']),
  region('Sub-Saharan Africa', -5, 22, ['sub-Saharan Africa']),
  region('Horn of Africa', 8, 45),
  region('Sahel', 15, 5, ['the Sahel']),
  region('Asia', 34, 100, ['Asian countries']),
  region('South Asia', 22, 80, ['South Asian countries']),
  region('Southeast Asia', 5, 115, ['South-East Asia', 'Southeast Asian countries']),
  region('East Asia', 35, 120),
  region('Central Asia', 45, 65, ['Central Asian countries']),
  region('Middle East', 29, 42, ['the Middle East']),
  region('Europe', 50, 15, ['European countries']),
  region('European Region', 50, 30, ['WHO European Region', 'Europe and Central Asia']),
  region('Eastern Europe', 50, 30),
  region('Latin America and the Caribbean', 5, -70, [
    'Latin America and Caribbean',
    'Latin American and Caribbean countries',
  ]),
  region('Latin America', -10, -60, ['Latin American countries']),
  region('Caribbean', 17, -72, ['the Caribbean', 'Caribbean region', 'Caribbean countries']),
  region('Central America', 14, -87, ['Central American countries']),
  region('South America', -15, -60, ['South American countries']),
  region('Americas', 10, -80, ['the Americas']),
  region('Pacific', -12, 170, [
    'the Pacific',
    'Pacific nations',
    'Pacific Islands',
    'Pacific island countries',
    'Pacific Island countries',
    'Pacific countries',
    'South Pacific',
  ]),
  region('Western Pacific', 10, 140),
  region('Eastern Mediterranean', 28, 40),
  region('Gulf', 25, 52, ['Gulf states', 'Gulf countries']),
  region('Balkans', 43, 20, ['the Balkans', 'Western Balkans']),
  region('low- and middle-income countries', null, null, [
    'low- and middle income countries',
    'low and middle income countries',
    'low- and middle-income nations',
    'LMICs',
  ]),
  region('developing countries', null, null, [
    'developing nations',
    'poorer countries',
    'poor countries',
  ]),
];
