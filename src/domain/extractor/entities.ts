/**
 * Countries and organisations, found by alias and reported under one canonical name. The list of
 * countries comes from i18n-iso-countries; this module adds only what that package cannot know:
 * the short names newsrooms use, demonyms, capitals used as metonyms for governments, and a small
 * table of humanitarian and health organisations.
 */
// The package's Node entry registers all 70-odd locales (730 KB in a bundle); its plain entry
// registers none, and only English is needed.
import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

type EntityKind = 'country' | 'organisation';

export interface Mention {
  name: string;
  kind: EntityKind;
  start: number;
  end: number;
  surface: string;
  /** How the mention was made: a name, an adjective ("Chinese"), or a capital city ("Beijing"). */
  via: 'name' | 'demonym' | 'capital';
}

/** ISO names that newsrooms do not use, mapped to the names they do. */
const SHORT_NAME: Record<string, string> = {
  SY: 'Syria',
  LA: 'Laos',
  MD: 'Moldova',
  CG: 'Republic of the Congo',
  VA: 'Vatican City',
  BN: 'Brunei',
  FM: 'Micronesia',
  GM: 'Gambia',
  GB: 'United Kingdom',
  CD: 'Democratic Republic of the Congo',
  KP: 'North Korea',
  KR: 'South Korea',
  US: 'United States',
  RU: 'Russia',
  CI: "Côte d'Ivoire",
  MK: 'North Macedonia',
  TR: 'Turkey',
  BO: 'Bolivia',
  VE: 'Venezuela',
  IR: 'Iran',
  TZ: 'Tanzania',
  PS: 'Palestine',
  CZ: 'Czech Republic',
  CV: 'Cape Verde',
};

/** Aliases ISO lists do not carry; "Congo" alone is taken to mean the larger, more-reported DRC. */
const EXTRA_ALIASES: Record<string, string[]> = {
  KP: [
    'DPRK',
    'D.P.R.K.',
    'DPR Korea',
    'N. Korea',
    'N.Korea',
    "Democratic People's Republic of Korea",
    'North Korean government',
  ],
  KR: ['S. Korea', 'ROK', 'Republic of Korea'],
  US: ['U.S', 'America', 'the States'],
  GB: ['Britain', 'U.K.'],
  CN: ['PRC', "People's Republic of China", 'mainland China'],
  CD: ['DRC', 'DR Congo', 'D.R. Congo', 'Congo-Kinshasa', 'Democratic Republic of Congo', 'Congo'],
  CG: ['Congo-Brazzaville', 'Congo Republic'],
  MM: ['Burma'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  CZ: ['Czechia'],
  VN: ['Viet Nam'],
  LA: ['Lao PDR'],
  SY: ['Syria'],
  PS: ['Gaza', 'West Bank', 'Palestinian territories'],
};
const NOT_ALIASES = new Set(['CG:Congo']);

const DEMONYMS: Record<string, string[]> = {
  KP: ['North Korean'],
  KR: ['South Korean'],
  CN: ['Chinese'],
  RU: ['Russian'],
  US: ['American', 'US-based', 'U.S.-based'],
  GB: ['British'],
  FR: ['French'],
  DE: ['German'],
  JP: ['Japanese'],
  IN: ['Indian'],
  PK: ['Pakistani'],
  HT: ['Haitian'],
  CD: ['Congolese'],
  UA: ['Ukrainian'],
  TR: ['Turkish'],
  SY: ['Syrian'],
  YE: ['Yemeni'],
  AF: ['Afghan'],
  BD: ['Bangladeshi'],
  NG: ['Nigerian'],
  KE: ['Kenyan'],
  ET: ['Ethiopian'],
  SO: ['Somali'],
  SD: ['Sudanese'],
  SS: ['South Sudanese'],
  UG: ['Ugandan'],
  MW: ['Malawian'],
  MZ: ['Mozambican'],
  ZM: ['Zambian'],
  ZW: ['Zimbabwean'],
  PE: ['Peruvian'],
  BR: ['Brazilian'],
  MX: ['Mexican'],
  CA: ['Canadian'],
  AU: ['Australian'],
  IT: ['Italian'],
  ES: ['Spanish'],
  CH: ['Swiss'],
  NL: ['Dutch'],
  SE: ['Swedish'],
  NO: ['Norwegian'],
  DK: ['Danish'],
  PL: ['Polish'],
  IL: ['Israeli'],
  PS: ['Palestinian'],
  LB: ['Lebanese'],
  IR: ['Iranian'],
  IQ: ['Iraqi'],
  SA: ['Saudi'],
  AE: ['Emirati'],
  QA: ['Qatari'],
  EG: ['Egyptian'],
  LY: ['Libyan'],
  MA: ['Moroccan'],
  DZ: ['Algerian'],
  GH: ['Ghanaian'],
  LR: ['Liberian'],
  SL: ['Sierra Leonean'],
  GN: ['Guinean'],
  CU: ['Cuban'],
  VE: ['Venezuelan'],
  CO: ['Colombian'],
  EC: ['Ecuadorian'],
  CL: ['Chilean'],
  AR: ['Argentine', 'Argentinian'],
  VN: ['Vietnamese'],
  TH: ['Thai'],
  ID: ['Indonesian'],
  PH: ['Filipino', 'Philippine'],
  MY: ['Malaysian'],
  NP: ['Nepalese', 'Nepali'],
  LK: ['Sri Lankan'],
  MM: ['Burmese'],
  KH: ['Cambodian'],
  LA: ['Laotian'],
  MN: ['Mongolian'],
  TW: ['Taiwanese'],
  RW: ['Rwandan'],
  BI: ['Burundian'],
  TZ: ['Tanzanian'],
  CM: ['Cameroonian'],
  TD: ['Chadian'],
  ML: ['Malian'],
  SN: ['Senegalese'],
  AO: ['Angolan'],
  ZA: ['South African'],
  CF: ['Central African'],
  BF: ['Burkinabe'],
  NE: ['Nigerien'],
  BY: ['Belarusian'],
  KZ: ['Kazakh'],
  BE: ['Belgian'],
  AT: ['Austrian'],
  IE: ['Irish'],
  PT: ['Portuguese'],
  GR: ['Greek'],
  FI: ['Finnish'],
  NZ: ['New Zealand'],
};

const CAPITALS: Record<string, string[]> = {
  KP: ['Pyongyang'],
  KR: ['Seoul'],
  CN: ['Beijing'],
  RU: ['Moscow', 'the Kremlin'],
  US: ['Washington', 'the White House'],
  JP: ['Tokyo'],
  GB: ['London'],
  FR: ['Paris'],
  DE: ['Berlin'],
  UA: ['Kyiv', 'Kiev'],
  PK: ['Islamabad'],
  IN: ['New Delhi'],
  AF: ['Kabul'],
  HT: ['Port-au-Prince'],
  CD: ['Kinshasa'],
  IR: ['Tehran'],
  SY: ['Damascus'],
  YE: ['Sanaa', "Sana'a"],
  VE: ['Caracas'],
  CU: ['Havana'],
  TR: ['Ankara'],
  SA: ['Riyadh'],
  EG: ['Cairo'],
  KE: ['Nairobi'],
  ET: ['Addis Ababa'],
  UG: ['Kampala'],
  MW: ['Lilongwe'],
  MZ: ['Maputo'],
  BD: ['Dhaka'],
  MM: ['Naypyidaw'],
  VN: ['Hanoi'],
  PH: ['Manila'],
  ID: ['Jakarta'],
  AU: ['Canberra'],
  CA: ['Ottawa'],
  NP: ['Kathmandu'],
  NG: ['Abuja'],
  SD: ['Khartoum'],
  SS: ['Juba'],
  SO: ['Mogadishu'],
  SL: ['Freetown'],
  LR: ['Monrovia'],
  GN: ['Conakry'],
  ZM: ['Lusaka'],
  ZW: ['Harare'],
  PE: ['Lima'],
  CO: ['Bogota', 'Bogotá'],
  IQ: ['Baghdad'],
  LB: ['Beirut'],
  IL: ['Jerusalem'],
  TW: ['Taipei'],
  TH: ['Bangkok'],
};

/** Organisations by the acronym reports use, with the spellings that name them. */
const ORGANISATIONS: Record<string, string[]> = {
  WHO: ['WHO', 'World Health Organization', 'World Health Organisation'],
  UNICEF: [
    'UNICEF',
    'Unicef',
    "United Nations Children's Fund",
    "UN Children's Fund",
    "U.N. Children's Fund",
  ],
  COVAX: ['COVAX', 'Covax', 'COVAX Facility', 'Covax facility'],
  Gavi: ['Gavi', 'GAVI', 'Vaccine Alliance'],
  IFRC: [
    'IFRC',
    'International Federation of Red Cross and Red Crescent Societies',
    'International Federation of the Red Cross',
  ],
  ICRC: ['ICRC', 'International Committee of the Red Cross'],
  'Red Cross': ['Red Cross', 'Red Crescent'],
  WFP: ['WFP', 'World Food Programme', 'World Food Program'],
  MSF: ['MSF', 'Médecins Sans Frontières', 'Medecins Sans Frontieres', 'Doctors Without Borders'],
  'World Bank': ['World Bank'],
  IMF: ['IMF', 'International Monetary Fund'],
  EU: ['EU', 'E.U.', 'European Union', 'European Commission'],
  USAID: [
    'USAID',
    'U.S. Agency for International Development',
    'US Agency for International Development',
    'United States Agency for International Development',
  ],
  'Africa CDC': [
    'Africa CDC',
    'Africa Centres for Disease Control and Prevention',
    'Africa Centers for Disease Control and Prevention',
  ],
  CDC: [
    'CDC',
    'Centers for Disease Control and Prevention',
    'U.S. Centers for Disease Control and Prevention',
  ],
  PAHO: ['PAHO', 'Pan American Health Organization'],
  UNHCR: [
    'UNHCR',
    'UN Refugee Agency',
    'UN refugee agency',
    'United Nations High Commissioner for Refugees',
  ],
  OCHA: ['OCHA', 'Office for the Coordination of Humanitarian Affairs'],
  UNDP: ['UNDP', 'United Nations Development Programme'],
  UNFPA: ['UNFPA', 'United Nations Population Fund'],
  UNRWA: ['UNRWA'],
  IOM: ['IOM', 'International Organization for Migration'],
  'Global Fund': ['Global Fund'],
  'Gates Foundation': [
    'Gates Foundation',
    'Bill & Melinda Gates Foundation',
    'Bill and Melinda Gates Foundation',
  ],
  'Save the Children': ['Save the Children'],
  Oxfam: ['Oxfam'],
  'World Vision': ['World Vision'],
  IRC: ['International Rescue Committee'],
  'African Union': ['African Union'],
  ASEAN: ['ASEAN'],
  'Direct Relief': ['Direct Relief'],
  UN: ['UN', 'U.N.', 'United Nations'],
};

/** Descriptions that identify COVAX without naming it, common in wire copy. */
const COVAX_DESCRIPTION = String.raw`(?:UN|U\.N\.|WHO)-(?:backed|led|run) (?:global )?(?:vaccine[- ]sharing |immuni[sz]ation |vaccination |vaccine |distribution )*(?:program(?:me)?|scheme|initiative|facility|mechanism)`;

interface Alias {
  name: string;
  kind: EntityKind;
  via: Mention['via'];
}

function canonicalCountry(code: string): string {
  const override = SHORT_NAME[code];
  if (override) return override;
  const names = countries.getName(code, 'en', { select: 'all' }) ?? [];
  const usable = names
    .filter((n) => !/[,(]/.test(n) && !/^[A-Z.]+$/.test(n))
    .sort((a, b) => a.length - b.length);
  return usable[0] ?? names[0] ?? code;
}

function buildAliases(): Map<string, Alias> {
  const map = new Map<string, Alias>();
  const add = (surface: string, a: Alias) => {
    if (!map.has(surface)) map.set(surface, a);
  };
  for (const [name, list] of Object.entries(ORGANISATIONS))
    for (const s of list) add(s, { name, kind: 'organisation', via: 'name' });
  for (const code of Object.keys(countries.getAlpha2Codes())) {
    const name = canonicalCountry(code);
    const names = [
      name,
      ...(countries.getName(code, 'en', { select: 'all' }) ?? []),
      ...(EXTRA_ALIASES[code] ?? []),
    ];
    for (const s of names)
      if (!NOT_ALIASES.has(`${code}:${s}`) && !/,/.test(s))
        add(s, { name, kind: 'country', via: 'name' });
    for (const s of DEMONYMS[code] ?? []) add(s, { name, kind: 'country', via: 'demonym' });
    for (const s of CAPITALS[code] ?? []) add(s, { name, kind: 'country', via: 'capital' });
  }
  return map;
}

const ALIASES = buildAliases();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = [...ALIASES.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');

/**
 * Case-sensitive on purpose: "WHO" is not "who", "US" is not "us". Regions that contain a country
 * name ("Latin America", "North America", "South Asia") are excluded by look-behind.
 */
const MENTION_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?<covax>${COVAX_DESCRIPTION})|(?<the>the North)(?! (?:Korea|America|Atlantic|Pole|Sea|and))|(?<alias>${alternation}))(?![\p{L}\p{N}]|-(?:backed|led|based|run)\b)`,
  'gu',
);
const REGION_BEFORE =
  /(?:Latin|North|South|Central|Middle|Korean|Workers' Party of|Party of|Sea of|University of|State of|Gulf of)\s$/;

/** Every country or organisation mentioned in the text, in order. */
export function findMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(MENTION_RE)) {
    const start = m.index;
    const surface = m[0];
    const g = m.groups ?? {};
    if (g.covax)
      out.push({
        name: 'COVAX',
        kind: 'organisation',
        start,
        end: start + surface.length,
        surface,
        via: 'name',
      });
    else if (g.the)
      out.push({
        name: 'North Korea',
        kind: 'country',
        start,
        end: start + surface.length,
        surface,
        via: 'name',
      });
    else {
      const a = ALIASES.get(surface);
      if (!a) continue;
      if (
        REGION_BEFORE.test(text.slice(Math.max(0, start - 24), start)) &&
        a.kind === 'country' &&
        a.via !== 'demonym'
      )
        continue;
      out.push({
        name: a.name,
        kind: a.kind,
        start,
        end: start + surface.length,
        surface,
        via: a.via,
      });
    }
  }
  // "the North" stands for North Korea only in an article that names North Korea.
  const namesKorea = out.some((m) => m.name === 'North Korea' && m.surface !== 'the North');
  return namesKorea ? out : out.filter((m) => m.surface !== 'the North');
}

/** The country an article is about: the one mentioned most, by name rather than adjective first. */
export function focusCountry(mentions: Mention[]): string | null {
  const score = new Map<string, number>();
  for (const m of mentions)
    if (m.kind === 'country')
      score.set(m.name, (score.get(m.name) ?? 0) + (m.via === 'demonym' ? 0.5 : 1));
  let best: string | null = null;
  let bestScore = 0;
  for (const [name, s] of score) if (s > bestScore) [best, bestScore] = [name, s];
  return best;
}
