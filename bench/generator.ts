/**
 * Synthetic news articles about outbreaks and aid, varied in donors, recipients, items,
 * numbers, dates and phrasing, for load tests. Deterministic for a given seed.
 */
import countries from 'i18n-iso-countries';

const ORGS = [
  'WHO',
  'UNICEF',
  'the World Food Programme',
  'the Red Cross',
  'Médecins Sans Frontières',
  'the World Bank',
  'Gavi',
  'the European Union',
  'USAID',
  'Africa CDC',
];
const RECIPIENTS = [
  'Haiti',
  'Malawi',
  'Pakistan',
  'Yemen',
  'Peru',
  'Mozambique',
  'Nepal',
  'Sudan',
  'Bangladesh',
  'Ecuador',
  'Zambia',
  'Laos',
];
const DISEASES = ['cholera', 'measles', 'dengue', 'mpox', 'Ebola', 'COVID-19', 'typhoid'];
const ITEMS: [string, string][] = [
  ['vaccine doses', 'doses'],
  ['test kits', 'kits'],
  ['tonnes of medical supplies', 'tonnes'],
  ['oral rehydration kits', 'kits'],
  ['oxygen concentrators', 'units'],
  ['face masks', 'masks'],
  ['emergency health kits', 'kits'],
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const FILLER = [
  'Aid workers say the rainy season has made many roads impassable, slowing deliveries to rural clinics.',
  'Local officials urged residents to boil drinking water and to seek care early if symptoms appear.',
  'The country has struggled for years with a shortage of trained nurses and functioning laboratories.',
  'Analysts cautioned that official figures probably understate the true spread of the disease.',
  'Several neighbouring governments have tightened checks at border crossings in recent weeks.',
  'Community health volunteers have been going door to door to explain how the infection spreads.',
];

/** A small linear congruential generator: reproducible without a dependency. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export interface SyntheticArticle {
  name: string;
  text: string;
}

export function generateArticle(i: number): SyntheticArticle {
  const r = rng(i * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const countryNames = Object.values(countries.getNames('en', { select: 'alias' }));
  const donor =
    r() < 0.6
      ? pick(ORGS)
      : pick(['Japan', 'China', 'Germany', 'India', 'Canada', 'Norway', pick(countryNames)]);
  const recipient = pick(RECIPIENTS);
  const disease = pick(DISEASES);
  const [item, unit] = pick(ITEMS);
  const year = 2019 + Math.floor(r() * 6);
  const month = Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 27);
  const qty = Math.round(1 + r() * 500) * (unit === 'tonnes' ? 1 : 1000);
  const cases = Math.round(r() * 90_000) + 10;
  const deaths = Math.round(cases * r() * 0.03);
  const dateline = `${MONTHS[month]!.slice(0, 3)}. ${day}, ${year}`;
  const sentences = [
    `${donor} said on ${pick(WEEKDAYS)} that it had shipped ${qty.toLocaleString('en-US')} ${item} to ${recipient} to help contain an outbreak of ${disease}.`,
    `Health authorities in ${recipient} reported ${cases.toLocaleString('en-US')} confirmed ${disease} cases and ${deaths.toLocaleString('en-US')} deaths as of ${MONTHS[month]} ${day}.`,
    r() < 0.5
      ? `The government of ${recipient} asked ${pick(ORGS)} for ${pick(ITEMS)[0]} in ${MONTHS[(month + 11) % 12]}.`
      : `A second consignment is expected to arrive through the port of ${pick(['Durban', 'Karachi', 'Chittagong', 'Callao', 'Beira'])} next month.`,
    r() < 0.4
      ? `${pick(ORGS)} pledged $${Math.round(1 + r() * 40)} million last week to support vaccination in the worst-hit districts.`
      : `Officials said about ${Math.round(r() * 9000 + 100).toLocaleString('en-US')} people had recovered so far.`,
    ...[...FILLER].sort(() => r() - 0.5).slice(0, 2 + Math.floor(r() * 4)),
  ];
  const title = `${disease[0]!.toUpperCase()}${disease.slice(1)} in ${recipient}: ${donor} sends ${item}`;
  return {
    name: `synthetic-${String(i).padStart(5, '0')}.txt`,
    text: `${title}\n\n${dateline}\n\n${sentences.join(' ')}\n`,
  };
}
