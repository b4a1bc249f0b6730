/**
 * What aid consists of: the words reports use for it, folded into the categories of SCHEMA.md,
 * and the units its quantities are counted in. A new word is one entry here.
 *
 * Matched on lemmas, word by word: "doses" is the lemma "dose", "supplies" the lemma "supply".
 */

export interface ItemEntry {
  category: string;
  /** Lemma phrases, lower case. */
  words: string[];
}

export const ITEMS: ItemEntry[] = [
  {
    category: 'emergency health kits',
    words: ['health kit', 'medical kit', 'emergency kit', 'cholera kit', 'trauma kit', 'first aid kit', 'first-aid kit', 'emergency health kit'],
  },
  {
    category: 'test kits',
    words: ['test kit', 'testing kit', 'diagnostic kit', 'pcr test', 'rapid test', 'antigen test', 'swab', 'test', 'reagent'],
  },
  {
    category: 'vaccines',
    words: ['vaccine', 'dose', 'shot', 'jab', 'sinovac', 'sinopharm', 'sputnik', 'astrazeneca', 'pfizer', 'moderna', 'covishield', 'covaxin', 'jynneos'],
  },
  { category: 'masks', words: ['mask', 'face mask', 'respirator mask', 'n95'] },
  {
    category: 'protective equipment',
    words: ['ppe', 'protective equipment', 'protective clothing', 'protective gear', 'protective suit', 'face shield', 'gown', 'glove', 'overall', 'coverall', 'goggle', 'hazmat suit'],
  },
  {
    category: 'medicines',
    words: ['medicine', 'medication', 'drug', 'antiviral', 'antibiotic', 'remdesivir', 'painkiller', 'oral rehydration salt', 'ors', 'oral rehydration solution', 'intravenous fluid', 'iv fluid', 'vitamin', 'antimalarial', 'treatment course'],
  },
  { category: 'oxygen', words: ['oxygen', 'oxygen concentrator', 'oxygen cylinder', 'oxygen plant', 'lmo'] },
  { category: 'ventilators', words: ['ventilator', 'respirator', 'breathing machine'] },
  {
    category: 'experts',
    words: ['expert', 'doctor', 'nurse', 'medic', 'physician', 'medical staff', 'medical team', 'medical brigade', 'brigade', 'health worker', 'healthcare worker', 'technician', 'epidemiologist', 'specialist', 'team', 'personnel', 'staff', 'volunteer', 'laboratorian', 'surgeon', 'paramedic'],
  },
  { category: 'technology', words: ['technology', 'technical support', 'technical assistance', 'know-how', 'expertise'] },
  {
    category: 'funding',
    words: ['fund', 'funding', 'grant', 'cash', 'money', 'financial aid', 'financial assistance', 'financial support', 'loan', 'credit', 'financing', 'dollar', 'euro', 'pound', 'yuan', 'yen', 'franc', 'budget support', 'resource'],
  },
  { category: 'fuel', words: ['fuel', 'diesel', 'petrol', 'gasoline'] },
  { category: 'food', words: ['food', 'rice', 'flour', 'wheat', 'food ration'] },
  {
    category: 'water',
    words: ['water purification', 'water purification tablet', 'chlorine tablet', 'chlorine', 'hygiene kit', 'drinking water', 'water treatment'],
  },
  { category: 'shelter', words: ['tent', 'tarpaulin', 'shelter kit', 'blanket'] },
  {
    category: 'equipment',
    words: ['equipment', 'medical equipment', 'hospital bed', 'bed', 'ambulance', 'generator', 'field hospital', 'vehicle', 'container', 'refrigerator', 'cold chain', 'machine', 'incubator', 'x-ray machine', 'motorbike', 'motorcycle', 'truck', 'boat', 'tanker', 'tent', 'bed net', 'net', 'sprayer', 'fogging machine', 'treatment centre', 'treatment center', 'isolation centre', 'isolation center', 'clinic', 'mobile clinic', 'laboratory', 'water-purification unit', 'purification unit'],
  },
  {
    category: 'medical supplies',
    words: ['supply', 'medical supply', 'relief supply', 'relief item', 'relief good', 'medical good', 'aid', 'humanitarian aid', 'medical aid', 'emergency aid', 'assistance', 'humanitarian assistance', 'relief', 'material', 'consumable'],
  },
];

/** Nouns that make a clause about aid without naming what the aid is: "will provide urgent support". */
export const AID_NOUNS = new Set(['aid', 'assistance', 'support', 'help', 'relief', 'donation', 'contribution']);

/**
 * Units of aid quantities: the lemma of the word after the number and the unit reported. A
 * currency comes from the number itself ("$5 million", "10 million euros").
 */
export const QUANTITY_UNITS: Record<string, string> = {
  dose: 'doses',
  vaccine: 'doses',
  shot: 'doses',
  jab: 'doses',
  vial: 'vials',
  tonne: 'tonnes',
  ton: 'tonnes',
  kg: 'kg',
  kilogram: 'kg',
  kit: 'kits',
  mask: 'masks',
  ventilator: 'ventilators',
  respirator: 'ventilators',
  tablet: 'tablets',
  tent: 'tents',
  net: 'nets',
  bed: 'beds',
  doctor: 'people',
  nurse: 'people',
  medic: 'people',
  expert: 'people',
  worker: 'people',
  specialist: 'people',
  staff: 'people',
  personnel: 'people',
  people: 'people',
  epidemiologist: 'people',
  technician: 'people',
  volunteer: 'people',
  container: 'containers',
  concentrator: 'units',
  cylinder: 'units',
  unit: 'units',
  suit: 'suits',
  swab: 'swabs',
  test: 'tests',
  litre: 'litres',
  liter: 'litres',
  blanket: 'units',
  ambulance: 'vehicles',
  vehicle: 'vehicles',
  brigade: 'brigades',
  team: 'teams',
  sachet: 'sachets',
  pack: 'packs',
  carton: 'cartons',
  box: 'boxes',
};
