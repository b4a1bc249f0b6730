/**
 * Inputs built to be slow: for each shape, an article of about the given size that repeats one
 * construct the extractor once spent super-linear work on (a sentence of thousands of figures,
 * thousands of descriptions that point back, an image with no closing bracket…). Generated here,
 * never committed; the growth test and `npm run bench:extract -- --growth` read them.
 */

export interface Shape {
  name: string;
  /** The file's name, whose extension picks the parser. */
  fileName: string;
  /** An article of at least `bytes` bytes. */
  make(bytes: number): string;
}

const LEAD =
  'The health ministry said on Monday that the agency delivered 20,000 doses of vaccine to Malawi, where 1,200 cases have been reported since January.\n';
const PLACES = ['Kenya', 'Uganda', 'Tanzania', 'Malawi', 'Zambia', 'Rwanda', 'Burundi', 'Ghana'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

const repeat = (unit: string, bytes: number): string =>
  unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
const list = (bytes: number, per: number, item: (i: number) => string, joiner: string): string =>
  Array.from({ length: Math.ceil(bytes / per) }, (_, i) => item(i)).join(joiner);

const NATIONS = [
  'Kenya',
  'Uganda',
  'Tanzania',
  'Malawi',
  'Zambia',
  'Rwanda',
  'Burundi',
  'Nigeria',
  'Ghana',
  'Sudan',
  'Chad',
  'Niger',
  'Mali',
  'Haiti',
  'Peru',
  'Yemen',
  'Syria',
  'Nepal',
  'France',
  'Spain',
  'Italy',
  'Germany',
  'Poland',
  'Norway',
  'Sweden',
  'Finland',
  'Denmark',
  'Ireland',
  'Portugal',
  'Greece',
  'Turkey',
  'Egypt',
  'Libya',
  'Tunisia',
  'Algeria',
  'Morocco',
  'Senegal',
  'Gambia',
  'Guinea',
  'Liberia',
];

/**
 * Sentences whose clauses name forty givers and forty receivers: a flow for each pair, 1,600 from
 * one sentence. Linear, but many times the work of prose per word: past the work budget (see
 * src/domain/extractor/work.ts) such an article is rejected as too_complex.
 */
export function multipliedFlows(bytes: number): string {
  const givers = NATIONS.join(' and ');
  const receivers = [...NATIONS].reverse().join(' and ');
  return LEAD + repeat(`${givers} sent tents to ${receivers}. `, bytes);
}

export const SHAPES: Shape[] = [
  {
    name: 'a sentence of comma-separated figures',
    fileName: 'figures.txt',
    make: (b) =>
      `${LEAD}Cases in the districts were ${list(b, 7, (i) => String(1000 + ((i * 7919) % 9000)), ', ')}.`,
  },
  {
    name: 'a sentence of figures without commas',
    fileName: 'bare-figures.txt',
    make: (b) =>
      `${LEAD}The counts were ${list(b, 4, (i) => String(100 + ((i * 7919) % 900)), ' ')} in all.`,
  },
  {
    name: 'a sentence of dates',
    fileName: 'dates.txt',
    make: (b) =>
      `${LEAD}Deliveries arrived ${list(b, 17, (i) => `on ${1 + (i % 28)} ${MONTHS[i % 6]} 2021`, ', ')}.`,
  },
  {
    name: 'a sentence of ", "',
    fileName: 'commas.txt',
    make: (b) => `${LEAD}The agency said that ${repeat(', ', b)}cases were reported.`,
  },
  {
    name: 'a paragraph with no punctuation',
    fileName: 'no-punctuation.txt',
    make: (b) =>
      LEAD +
      repeat(
        'officials in the region say that health workers were sent with supplies from the capital as cases rose in villages near the border ',
        b,
      ),
  },
  {
    name: 'a run of medium mathematical spaces (U+205F)',
    fileName: 'math-spaces.txt',
    make: (b) => `${LEAD}The ministry said, ${'\u205f'.repeat(b)} cases in May rose.\n${LEAD}`,
  },
  {
    name: 'a sentence of "and"',
    fileName: 'ands.txt',
    make: (b) => `${LEAD}The ministry sent tents ${repeat('and ', b)}blankets.`,
  },
  {
    name: 'a sentence naming thousands of places',
    fileName: 'places.txt',
    make: (b) =>
      `${LEAD}UNICEF sent tents ${list(b, 11, (i) => `to ${PLACES[i % PLACES.length]}`, ', ')} and the others.`,
  },
  {
    name: 'sentences that point back ("the country", "they")',
    fileName: 'descriptions.txt',
    make: (b) =>
      LEAD + repeat('It delivered them to the country. They said the government received it. ', b),
  },
  {
    name: 'dated sentences of aid',
    fileName: 'dated.txt',
    make: (b) =>
      LEAD +
      list(
        b,
        70,
        (i) =>
          `On ${1 + (i % 28)} ${MONTHS[i % 6]} 2021, UNICEF delivered ${100 + i} tents to ${PLACES[i % PLACES.length]}.`,
        ' ',
      ),
  },
  {
    name: 'offers and refusals',
    fileName: 'refusals.txt',
    make: (b) =>
      LEAD +
      repeat(
        'Vaccines were offered to Eritrea by COVAX, but the country declined the shipment. ',
        b,
      ),
  },
  {
    name: 'flows with no donor beside flows with one',
    fileName: 'donorless.txt',
    make: (b) =>
      LEAD +
      repeat('About 50,000 doses were delivered to Haiti in June. Japan sent tents to Haiti. ', b),
  },
  {
    name: 'clauses naming forty givers and forty receivers',
    fileName: 'multiplied-flows.txt',
    make: multipliedFlows,
  },
  {
    name: 'markdown: blank lines',
    fileName: 'blank-lines.md',
    make: (b) => `${LEAD}${'\n'.repeat(b)}${LEAD}`,
  },
  {
    name: 'markdown: images with no closing bracket',
    fileName: 'open-images.md',
    make: (b) => `${LEAD}${repeat('![the cases ', b)}\n${LEAD}`,
  },
  {
    name: 'markdown: links with no closing parenthesis',
    fileName: 'open-links.md',
    make: (b) => `${LEAD}${repeat('[the cases](b ', b)}\n${LEAD}`,
  },
  {
    name: 'markdown: emphasis with no closing mark',
    fileName: 'open-emphasis.md',
    make: (b) => `${LEAD}${repeat(' _the cases', b)}\n${LEAD}`,
  },
];
