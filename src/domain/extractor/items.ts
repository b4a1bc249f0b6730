/** Aid items as reports name them, folded into the categories of SCHEMA.md; and quantities with their units. */
import { NUMBER_RE, parseNumber } from './numbers';
import type { Quantity } from './types';

const ITEMS: [string, string][] = [
  [
    'emergency health kits',
    String.raw`(?:emergency |urgent |inter-agency )?(?:medical|health|cholera|trauma|first[- ]aid) kits?`,
  ],
  [
    'test kits',
    String.raw`(?:test(?:ing)?|diagnostic|PCR|rapid) kits?|(?:PCR|rapid|antigen|diagnostic) tests`,
  ],
  [
    'vaccines',
    String.raw`vaccines?|vaccine doses|doses|shots|jabs|Sinovac|Sinopharm|Sputnik(?: V)?|AstraZeneca|Pfizer|Moderna|Covishield|Johnson & Johnson|Jynneos`,
  ],
  ['masks', String.raw`(?:face |surgical |N95 |KN95 )?masks?`],
  [
    'protective equipment',
    String.raw`PPE|personal protective equipment|protective (?:clothing|gear|equipment|suits|shields)|face shields|gowns|gloves`,
  ],
  [
    'medicines',
    String.raw`medicines?|medications?|drugs|fever[- ]reduc(?:ers|ing medicines?)|antivirals?|antibiotics|painkillers|oral rehydration salts|ORS`,
  ],
  ['oxygen', String.raw`oxygen(?: concentrators| cylinders| plants)?`],
  ['ventilators', String.raw`ventilators?`],
  [
    'experts',
    String.raw`(?:medical |health )?experts|doctors|nurses|medical (?:staff|team|teams|personnel|technicians|officials)|technicians|epidemiologists|entomologists|(?:laboratory |lab )?specialists|health workers|delegation|rescue teams?|(?:medical |health |technical )?(?:staff|personnel)`,
  ],
  [
    'technology',
    String.raw`(?:production )?technolog(?:y|ies)|technical (?:support|assistance|expertise)|know-how`,
  ],
  [
    'funding',
    String.raw`funds|funding|grants?|cash|money|financial (?:aid|assistance|support)|loans?|(?:US)?\$\s?\d[\d,.]*(?:\s?(?:million|billion|m|bn))?|[£€¥]\s?\d[\d,.]*(?:\s?(?:million|billion|m|bn))?|dollars|euros|pounds(?: sterling)?|yuan|yen|Swiss francs`,
  ],
  ['fuel', String.raw`fuel|diesel|petrol|gasoline`],
  ['food', String.raw`food(?: aid| rations| supplies)?|rice|flour|wheat`],
  [
    'water',
    String.raw`(?:clean |drinking )?water|water purification tablets|chlorine tablets|hygiene kits`,
  ],
  ['shelter', String.raw`tents|tarpaulins|shelter kits|blankets`],
  [
    'equipment',
    String.raw`(?:medical )?equipment|hospital beds|beds|facilities|ambulances|generators`,
  ],
  [
    'medical supplies',
    String.raw`(?:medical |relief |emergency |humanitarian |essential )*(?:supplies|goods|aid(?! (?:officials?|workers?|groups?|agenc(?:y|ies)|organi[sz]ations?|chiefs?))|assistance|relief items)`,
  ],
];

const ITEM_RE = new RegExp(
  ITEMS.map(([name, re]) => `(?<${name.replace(/\s/g, '_')}>(?<![\\w-])(?:${re})(?![\\w-]))`).join(
    '|',
  ),
  'gi',
);

export function findItems(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ITEM_RE)) {
    for (const [k, v] of Object.entries(m.groups ?? {})) if (v) out.add(k.replace(/_/g, ' '));
  }
  return [...out];
}

const UNITS: [string, RegExp][] = [
  ['doses', /^(?:[\w-]+\s){0,3}?(?:vaccine\s)?(?:doses|shots|jabs|vaccines)\b/i],
  ['tonnes', /^(?:metric\s)?(?:tonnes|tons)\b/i],
  ['kits', /^(?:[\w-]+\s){0,3}?kits\b/i],
  [
    'people',
    /^(?:[\w-]+\s){0,2}?(?:experts|doctors|nurses|technicians|officials|staff|workers|people|personnel|epidemiologists|specialists)\b/i,
  ],
  ['masks', /^(?:[\w-]+\s){0,1}?masks\b/i],
  ['ventilators', /^ventilators\b/i],
  ['tablets', /^(?:[\w-]+\s){0,2}?tablets\b/i],
  ['tents', /^(?:[\w-]+\s){0,1}?tents\b/i],
  ['nets', /^(?:[\w-]+\s){0,2}?nets\b/i],
  ['units', /^(?:[\w-]+\s){0,2}?(?:concentrators|cylinders|beds|units|blankets)\b/i],
];

/** Currencies by the sign before the number or the word after it. */
const CURRENCY_BEFORE: [string, RegExp][] = [
  ['USD', /(?:US)?\$\s?$/],
  ['GBP', /£\s?$/],
  ['EUR', /€\s?$/],
  ['CNY', /(?:¥|RMB|CN¥)\s?$/],
];
const CURRENCY_AFTER: [string, RegExp][] = [
  ['USD', /^(?:(?:US|U\.S\.|American)\s)?(?:dollars|USD)\b/i],
  ['EUR', /^(?:euros|EUR)\b/i],
  ['GBP', /^(?:pounds(?: sterling)?|GBP)\b/i],
  ['CNY', /^(?:yuan|renminbi|CNY|RMB)\b/i],
  ['JPY', /^(?:yen|JPY)\b/i],
  ['CHF', /^(?:Swiss francs|CHF)\b/i],
];

/** The first number in the clause that counts aid: "3 million doses", "40 tonnes", "$5 million". */
export function findQuantity(text: string): Quantity | null {
  for (const m of text.matchAll(NUMBER_RE)) {
    const value = parseNumber(m[0]);
    if (value === null || value === 0) continue;
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const after = text.slice(m.index + m[0].length).replace(/^\s+/, '');
    for (const [unit, re] of CURRENCY_BEFORE) if (re.test(before)) return { value, unit };
    for (const [unit, re] of CURRENCY_AFTER) if (re.test(after)) return { value, unit };
    for (const [unit, re] of UNITS) if (re.test(after)) return { value, unit };
  }
  return null;
}
