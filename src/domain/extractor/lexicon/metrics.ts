/**
 * The words of case counts, as data: what a number counts (its metric), how sure the text is of
 * it (its qualifier) and whether it is a running total or the figure of one period. Entries are
 * lemmas; the example sentences are our own and tests/unit/extractor/lexicon.test.ts runs them.
 */
import type { Metric, Qualifier } from '../../facts/case-count';

export interface MetricExample {
  text: string;
  /** "metric value" the sentence must yield ("deaths 12"), or null: no count. */
  count: string | null;
}

const ex = (text: string, count: string | null): MetricExample => ({ text, count });

/** Nouns right after a number that say what it counts: "1,428 cases", "12 fatalities". */
export const COUNT_NOUNS: Record<string, Metric> = {
  case: 'confirmed',
  infection: 'confirmed',
  positive: 'confirmed',
  confirmed: 'confirmed',
  death: 'deaths',
  fatality: 'deaths',
  dead: 'deaths',
  life: 'deaths',
  recovery: 'recovered',
  test: 'tested',
  sample: 'tested',
  vaccination: 'doses_administered',
  fever: 'fever',
};

/** Modifiers that change what a counted noun is: "suspected cases" are suspected. */
export const COUNT_MODIFIERS: Record<string, Metric> = {
  suspected: 'suspected',
  suspect: 'suspected',
  probable: 'suspected',
  possible: 'suspected',
  febrile: 'fever',
  fever: 'fever',
};

/** Nouns for people, whose verb says what they are counted as: "12 people died". */
export const PEOPLE_NOUNS = new Set([
  'people',
  'person',
  'individual',
  'patient',
  'child',
  'adult',
  'resident',
  'citizen',
  'worker',
  'other',
  'woman',
  'man',
  'infant',
  'baby',
  'student',
  'soldier',
  'inmate',
  'villager',
  'human',
  'pilgrim',
  'traveller',
  'traveler',
  'refugee',
]);

/** Verbs that say what people (or a bare number) are counted as: "79 were still hospitalised". */
export const COUNT_VERBS: Record<string, Metric> = {
  die: 'deaths',
  perish: 'deaths',
  succumb: 'deaths',
  kill: 'deaths',
  recover: 'recovered',
  discharge: 'recovered',
  cure: 'recovered',
  vaccinate: 'vaccinated',
  inoculate: 'vaccinated',
  immunise: 'vaccinated',
  immunize: 'vaccinated',
  hospitalise: 'under_treatment',
  hospitalize: 'under_treatment',
  hospitalised: 'under_treatment',
  hospitalized: 'under_treatment',
  treat: 'under_treatment',
  isolate: 'under_treatment',
  infect: 'confirmed',
  diagnose: 'confirmed',
  sicken: 'confirmed',
  confirm: 'confirmed',
  test: 'tested',
  administer: 'doses_administered',
};

/** Verbs right before a number that count it: "has killed 961", "infected 3,400", "tested 40,700". */
export const COUNTING_VERBS: Record<string, Metric> = {
  kill: 'deaths',
  claim: 'deaths',
  infect: 'confirmed',
  affect: 'confirmed',
  sicken: 'confirmed',
  diagnose: 'confirmed',
  test: 'tested',
  screen: 'tested',
  vaccinate: 'vaccinated',
  inoculate: 'vaccinated',
  immunise: 'vaccinated',
  immunize: 'vaccinated',
  hospitalise: 'under_treatment',
  hospitalize: 'under_treatment',
};

/** Nouns that name a figure given after a link word: "the death toll rose to 68", "the tally … to 48". */
export const FIGURE_NOUNS: Record<string, Metric> = {
  toll: 'deaths',
  death: 'deaths',
  fatality: 'deaths',
  case: 'confirmed',
  tally: 'confirmed',
  infection: 'confirmed',
  caseload: 'confirmed',
  count: 'confirmed',
  recovery: 'recovered',
  test: 'tested',
  vaccination: 'vaccinated',
};

/** Words that join a figure noun to its number. */
export const FIGURE_LINKS = new Set([
  'at',
  'of',
  'to',
  'reach',
  'rise',
  'climb',
  'stand',
  'hit',
  'top',
  'exceed',
  'surpass',
  'mount',
  'jump',
  'increase',
  'be',
  'cross',
  'pass',
  'near',
  'soar',
  'grow',
  'total',
  'from',
  'drop',
  'fall',
  'decline',
  'decrease',
]);

/** Verbs that report a change of a figure: "infections dropped from 4 lakh to 1.73 lakh". */
export const CHANGE_VERBS = new Set(['drop', 'fall', 'decline', 'decrease', 'ease', 'slow']);

/** Nouns after a number that are not people counted: "3 million doses", "five districts". */
export const NOT_COUNTED = new Set([
  'dose',
  'ton',
  'tonne',
  'kit',
  'year',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'km',
  'kilometre',
  'kilometer',
  'mile',
  'country',
  'province',
  'district',
  'city',
  'region',
  'state',
  'county',
  'village',
  'town',
  'hospital',
  'bed',
  'team',
  'centre',
  'center',
  'facility',
  'point',
  'governorate',
  'percent',
  'per',
  '%',
  'household',
  'family',
  'time',
  'member',
  'contact',
  'site',
  'lab',
  'laboratory',
  'clinic',
  'dollar',
  'euro',
  'vial',
  'nurse',
  'doctor',
  'medic',
  'volunteer',
  'ventilator',
  'mask',
  'vehicle',
  'container',
]);

/** Words right before a number that qualify it; longest phrases first when matched. */
export const QUALIFIER_WORDS: [Qualifier, string[]][] = [
  [
    'at_least',
    [
      'more than',
      'over',
      'at least',
      'exceeded',
      'exceeding',
      'exceed',
      'surpassed',
      'topped',
      'upwards of',
      'in excess of',
      'above',
      'beyond',
      'no fewer than',
      'no less than',
    ],
  ],
  [
    'at_most',
    [
      'nearly',
      'almost',
      'up to',
      'fewer than',
      'less than',
      'under',
      'close to',
      'just under',
      'no more than',
      'below',
    ],
  ],
  [
    'approx',
    [
      'about',
      'around',
      'some',
      'approximately',
      'roughly',
      'an estimated',
      'estimated',
      'approx',
      'circa',
      'as many as',
      'more or less',
    ],
  ],
];

/** Words in a count's phrase or clause that make it the figure of one period. */
export const NEW_PERIOD_CUES: string[] = [
  'new',
  'fresh',
  'daily',
  'more',
  'additional',
  'another',
  'past 24 hours',
  'last 24 hours',
  'previous 24 hours',
  'past day',
  'past week',
  'past few days',
  'last week',
  'previous week',
  'in a day',
  'in one day',
  'single day',
  'since our last report',
  'since the last report',
  'overnight',
  'peak',
  'alone',
  'weekly',
];

/** Words that make a count a running total whatever else its clause says. */
export const CUMULATIVE_CUES: string[] = [
  'total',
  'cumulative',
  'so far',
  'to date',
  'in all',
  'overall',
  'tally',
  'since the outbreak',
  'since the start',
  'since it began',
  'since the beginning',
  'altogether',
];

/** Sentences of our own that the count rules must read as shown. */
export const METRIC_EXAMPLES: MetricExample[] = [
  ex('Officials recorded 310 suspected cases in the district.', 'suspected 310'),
  ex('More than 2 million doses have been administered in Ghana.', 'doses_administered 2000000'),
  ex('So far 120,000 people have been vaccinated in Malawi.', 'vaccinated 120000'),
  ex('The outbreak has killed 41 people in Uganda.', 'deaths 41'),
  ex("Nepal's death toll stood at 212 on Friday.", 'deaths 212'),
  ex('Cholera has claimed a third life in the province of Sofala.', 'deaths 3'),
  ex('In all, 530 patients have recovered in Kerala.', 'recovered 530'),
  ex('As of Monday, 64 patients were still hospitalised in Sofala.', 'under_treatment 64'),
  ex('Laboratories in Bhutan have tested 8,200 samples since March.', 'tested 8200'),
  ex('Mali has recorded 1,102 confirmed cases of dengue.', 'confirmed 1102'),
  ex('The tally in Niger rose to 77 this week.', 'confirmed 77'),
  ex('The virus has infected 3,400 people in Sindh.', 'confirmed 3400'),
  ex('Daily infections in India fell from 4 lakh to 2.5 lakh.', 'confirmed 250000'),
  ex('The hospital in Lusaka has 40 beds for cholera patients.', null),
  ex('Kenya received 3 million doses of vaccine.', null),
];
