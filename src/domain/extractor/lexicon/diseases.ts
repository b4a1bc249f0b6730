/**
 * Diseases by canonical lowercase name, with the words reports use for each. A disease named in a
 * sentence is that sentence's; otherwise an article about one disease lends it to every fact.
 */
const DISEASES: Record<string, string[]> = {
  'covid-19': [
    'covid',
    'covid-19',
    'covid19',
    'coronavirus',
    'sars-cov-2',
    'novel coronavirus',
    'omicron',
    'corona virus',
    '2019-ncov',
  ],
  cholera: ['cholera', 'acute watery diarrhoea', 'acute watery diarrhea'],
  mpox: ['mpox', 'monkeypox', 'monkey pox'],
  ebola: ['ebola', 'ebola virus disease', 'evd'],
  marburg: ['marburg', 'marburg virus disease'],
  measles: ['measles'],
  dengue: ['dengue', 'dengue fever'],
  polio: ['polio', 'poliomyelitis', 'poliovirus', 'wild poliovirus', 'cvdpv2', 'wpv1'],
  diphtheria: ['diphtheria'],
  malaria: ['malaria'],
  mers: ['mers', 'mers-cov', 'middle east respiratory syndrome'],
  nipah: ['nipah', 'nipah virus'],
  zika: ['zika', 'zika virus'],
  chikungunya: ['chikungunya', 'chikungunya fever'],
  h5n1: ['h5n1', 'bird flu', 'avian influenza', 'avian flu'],
  'yellow fever': ['yellow fever'],
  'lassa fever': ['lassa', 'lassa fever'],
  typhoid: ['typhoid', 'typhoid fever'],
  tuberculosis: ['tuberculosis', 'tb'],
  hiv: ['hiv', 'hiv/aids', 'aids'],
  influenza: ['influenza', 'flu', 'seasonal flu'],
  meningitis: ['meningitis'],
  'hepatitis e': ['hepatitis e'],
  plague: ['plague', 'pneumonic plague', 'bubonic plague'],
  'rift valley fever': ['rift valley fever'],
  anthrax: ['anthrax'],
  rabies: ['rabies'],
  sars: ['sars'],
};

const BY_SURFACE = new Map<string, string>();
for (const [name, words] of Object.entries(DISEASES))
  for (const w of [name, ...words]) BY_SURFACE.set(w, name);

/** The most words any disease's name takes ("middle east respiratory syndrome"). */
export const MAX_DISEASE_WORDS = Math.max(
  ...[...BY_SURFACE.keys()].map((w) => w.split(' ').length),
);

const FIRST_WORDS = new Set([...BY_SURFACE.keys()].map((w) => w.split(/[ -]/)[0]!));

/** Whether some disease's name starts with this lower-case word. */
export const startsDisease = (word: string): boolean =>
  FIRST_WORDS.has(word) || (word.includes('-') && FIRST_WORDS.has(word.split('-')[0]!));

/** The canonical disease a lower-cased phrase names, if any. */
export const diseaseOf = (phrase: string): string | null => BY_SURFACE.get(phrase) ?? null;
