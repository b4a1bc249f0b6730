/**
 * The verbs and nouns of aid, as data. Each frame names the stage its word reports and the kind
 * of act it is; the kind says how the word's slots (subject, object, "to", "from", "by"…) map to
 * donor, recipient and items in the active voice, the passive and the noun form. A new verb or
 * noun is one entry here, with sentences of our own that show it.
 *
 * Each example is a sentence and the flow it must yield ("donor → recipient status"), or `null`
 * when the sentence must yield no flow; tests/unit/extractor/lexicon.test.ts runs them all.
 */
import type { AidStatus } from '../../facts/aid-flow';

/**
 * A backer ("with the support of X") is a donor only where the clause names no other; a
 * procurer ("obtained by UNICEF") is a donor when an organisation obtains for others, the
 * recipient when a country obtains for itself.
 */
export type Role = 'donor' | 'recipient' | 'items' | 'channel' | 'place' | 'backer' | 'procurer';

/**
 * Where a participant stands relative to the word: its grammatical subject or object, the
 * preposition that governs it, or a fixed phrase ("with the support of", "at the request of").
 */
export type Slot =
  | 'subject'
  | 'object'
  | 'possessor'
  | 'to'
  | 'for'
  | 'from'
  | 'by'
  | 'through'
  | 'via'
  | 'with'
  | 'of'
  | 'in'
  | 'at'
  | 'into'
  | 'towards'
  | 'under'
  | 'support'
  | 'courtesy'
  | 'request'
  | 'between'
  | 'on'
  | 'origin';

export type SlotMap = Partial<Record<Slot, Role>>;

export type FrameKind =
  | 'give'
  | 'send'
  | 'receive'
  | 'arrive'
  | 'commit'
  | 'offer'
  | 'request'
  | 'reject'
  | 'redirect'
  | 'discuss'
  | 'help'
  | 'procure'
  | 'buy';

interface FrameExample {
  text: string;
  /** "Japan → Iran delivered"; `null`: no flow. */
  flow: string | null;
}

export interface Frame {
  /** Lemmas, each a word or a phrase whose words come in order ("hand over", "take delivery"). */
  words: string[];
  pos: 'verb' | 'noun';
  kind: FrameKind;
  /** The stage the word reports in the past tense; null for a noun that needs a verb to have one. */
  stage: AidStatus | null;
  /** The word alone makes a clause about aid; otherwise the clause must name aid ("sent messages" is not). */
  aid: boolean;
  /** Words one of which must follow within a few words for the word to report aid ("held … at the port"). */
  after?: string[];
  examples: FrameExample[];
}

const GIVE_ACTIVE: SlotMap = {
  subject: 'donor',
  object: 'items',
  to: 'recipient',
  for: 'recipient',
  towards: 'recipient',
  into: 'recipient',
  through: 'channel',
  via: 'channel',
  with: 'items',
  support: 'backer',
  courtesy: 'donor',
  request: 'recipient',
};
const GIVE_PASSIVE: SlotMap = {
  subject: 'items',
  by: 'donor',
  from: 'donor',
  to: 'recipient',
  for: 'recipient',
  towards: 'recipient',
  into: 'recipient',
  in: 'place',
  at: 'place',
  through: 'channel',
  via: 'channel',
  under: 'channel',
  support: 'backer',
  courtesy: 'donor',
  request: 'recipient',
};

/** How each kind of act maps its slots, by voice. */
export const SLOTS: Record<FrameKind, { active: SlotMap; passive: SlotMap; noun: SlotMap }> = {
  give: {
    active: GIVE_ACTIVE,
    passive: GIVE_PASSIVE,
    noun: {
      subject: 'donor',
      possessor: 'donor',
      from: 'donor',
      by: 'donor',
      of: 'items',
      to: 'recipient',
      for: 'recipient',
      towards: 'recipient',
      through: 'channel',
      support: 'backer',
    },
  },
  send: {
    active: { ...GIVE_ACTIVE, in: 'place', at: 'place' },
    passive: GIVE_PASSIVE,
    noun: {
      subject: 'donor',
      possessor: 'donor',
      from: 'donor',
      by: 'donor',
      of: 'items',
      to: 'recipient',
      for: 'recipient',
      through: 'channel',
      support: 'backer',
    },
  },
  receive: {
    active: {
      subject: 'recipient',
      object: 'items',
      from: 'donor',
      by: 'donor',
      through: 'channel',
      under: 'channel',
      support: 'backer',
      courtesy: 'donor',
      in: 'place',
      at: 'place',
    },
    passive: { subject: 'items', by: 'recipient', from: 'donor', support: 'backer' },
    noun: {
      possessor: 'recipient',
      from: 'donor',
      of: 'items',
      by: 'recipient',
      support: 'backer',
    },
  },
  arrive: {
    active: {
      subject: 'items',
      from: 'donor',
      in: 'place',
      at: 'place',
      to: 'place',
      into: 'place',
      for: 'recipient',
      through: 'channel',
      support: 'backer',
      courtesy: 'donor',
    },
    passive: { subject: 'items', from: 'donor', in: 'place', at: 'place', to: 'place' },
    noun: { possessor: 'items', from: 'donor', in: 'place', at: 'place', to: 'place', of: 'items' },
  },
  commit: {
    active: { ...GIVE_ACTIVE },
    passive: GIVE_PASSIVE,
    noun: {
      subject: 'donor',
      possessor: 'donor',
      from: 'donor',
      by: 'donor',
      of: 'items',
      to: 'recipient',
      for: 'recipient',
      towards: 'recipient',
    },
  },
  offer: {
    active: { ...GIVE_ACTIVE },
    passive: GIVE_PASSIVE,
    noun: {
      possessor: 'donor',
      from: 'donor',
      by: 'donor',
      of: 'items',
      to: 'recipient',
      for: 'recipient',
    },
  },
  request: {
    active: {
      subject: 'recipient',
      object: 'donor',
      from: 'donor',
      to: 'donor',
      for: 'items',
      with: 'donor',
      through: 'channel',
      via: 'channel',
      under: 'channel',
    },
    passive: { subject: 'items', by: 'recipient', from: 'donor' },
    noun: {
      possessor: 'recipient',
      of: 'recipient',
      request: 'recipient',
      from: 'donor',
      to: 'donor',
      for: 'items',
      by: 'recipient',
    },
  },
  reject: {
    active: { subject: 'recipient', object: 'items', from: 'donor', by: 'donor' },
    passive: { subject: 'items', by: 'recipient', from: 'donor' },
    noun: { possessor: 'recipient', of: 'items', from: 'donor', by: 'recipient' },
  },
  redirect: {
    active: { subject: 'recipient', object: 'items', from: 'donor' },
    passive: { subject: 'items', by: 'recipient', from: 'donor' },
    noun: { possessor: 'recipient', from: 'donor', of: 'items' },
  },
  discuss: {
    active: { subject: 'recipient', with: 'donor', object: 'items', for: 'items' },
    passive: { subject: 'items', with: 'donor' },
    noun: {
      subject: 'donor',
      possessor: 'recipient',
      with: 'donor',
      between: 'donor',
      for: 'items',
      on: 'items',
    },
  },
  help: {
    active: {
      subject: 'donor',
      object: 'recipient',
      with: 'items',
      in: 'recipient',
      from: 'donor',
    },
    passive: { subject: 'recipient', by: 'donor' },
    noun: { possessor: 'donor', from: 'donor', to: 'recipient', for: 'recipient', of: 'donor' },
  },
  procure: {
    active: {
      subject: 'procurer',
      object: 'items',
      from: 'donor',
      for: 'recipient',
      through: 'channel',
      under: 'channel',
      support: 'backer',
    },
    passive: {
      subject: 'items',
      by: 'procurer',
      from: 'donor',
      for: 'recipient',
      through: 'channel',
      under: 'channel',
    },
    noun: { possessor: 'procurer', by: 'procurer', from: 'donor', for: 'recipient', of: 'items' },
  },
  buy: { active: {}, passive: {}, noun: {} },
};

/** What a word reports: its kind of act, its stage, and whether the word alone makes it aid. */
type Sense = Pick<Frame, 'kind' | 'stage' | 'aid'>;

const verb = (words: string[], sense: Sense, examples: FrameExample[]): Frame => ({
  words,
  pos: 'verb',
  ...sense,
  examples,
});
const noun = (words: string[], sense: Sense, examples: FrameExample[]): Frame => ({
  words,
  pos: 'noun',
  ...sense,
  examples,
});
const ex = (text: string, flow: string | null): FrameExample => ({ text, flow });

export const FRAMES: Frame[] = [
  verb(['donate'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex('Norway donated 200,000 doses of vaccine to Kenya last month.', 'Norway → Kenya delivered'),
    ex('The vaccines were donated to Ghana by Canada through COVAX.', 'Canada → Ghana delivered'),
  ]),
  verb(['provide'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('Germany provided 40 ventilators to Bolivia in May.', 'Germany → Bolivia delivered'),
    ex(
      'The tents were provided by the Red Cross to flood victims in Malawi.',
      'Red Cross → Malawi delivered',
    ),
    ex('The ministry provided an update on the situation in Peru.', null),
  ]),
  verb(['give'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('About 40,000 doses have been given to Tonga.', '* → Tonga delivered'),
  ]),
  verb(['bring'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex(
      'The Red Cross has brought 12 tonnes of medical supplies into Gaza.',
      'Red Cross → Palestine delivered',
    ),
  ]),
  verb(['supply'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('India supplied two million doses to Nepal.', 'India → Nepal delivered'),
  ]),
  verb(['distribute', 'dispense'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('UNICEF distributed 40,000 bed nets to families in Mali.', 'UNICEF → Mali delivered'),
  ]),
  verb(['deliver'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('UNICEF delivered 500 cholera kits to Haiti on Monday.', 'UNICEF → Haiti delivered'),
  ]),
  verb(['hand over', 'hand', 'turn over'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex(
      'Save the Children has handed 25 motorbikes to health teams in Tamale.',
      'Save the Children → Ghana delivered',
    ),
    ex('Japan handed over 30 ambulances to Sri Lanka.', 'Japan → Sri Lanka delivered'),
  ]),
  verb(
    ['fly in', 'bring in', 'truck in', 'ferry in'],
    { kind: 'give', stage: 'delivered', aid: false },
    [
      ex(
        'Stocks of antivirals were flown in to Lagos by WHO on Tuesday.',
        'WHO → Nigeria delivered',
      ),
    ],
  ),
  verb(['gift'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex('Qatar gifted 50 tonnes of medical supplies to Lebanon.', 'Qatar → Lebanon delivered'),
  ]),
  verb(['grant'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex(
      'The World Bank granted $20 million to Malawi for its cholera response.',
      'World Bank → Malawi delivered',
    ),
    ex('Officials granted permission for the convoy to enter Gaza.', null),
  ]),
  verb(['fund', 'finance', 'bankroll'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex('The campaign in Chad is financed by Gavi.', 'Gavi → * delivered'),
    ex('USAID funded the oxygen plants in Nigeria.', 'USAID → Nigeria delivered'),
  ]),
  verb(['lend', 'loan'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex('The Asian Development Bank lent $100 million to Nepal.', 'ADB → Nepal delivered'),
  ]),
  verb(['contribute'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex(
      'Sweden contributed 10 million euros to the WHO appeal for Yemen.',
      'Sweden → WHO delivered',
    ),
  ]),
  verb(['allocate', 'disburse', 'release'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('The CERF allocated $5 million to Somalia for drought relief.', 'CERF → Somalia delivered'),
  ]),
  verb(['make available'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('A further $8 million has been made available to Zambia.', '* → Zambia delivered'),
  ]),
  verb(['extend'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex('Kuwait extended humanitarian aid to Sudan.', 'Kuwait → Sudan delivered'),
  ]),
  verb(['open'], { kind: 'give', stage: 'delivered', aid: false }, [
    ex(
      'MSF has opened a 40-bed treatment centre in Goma.',
      'MSF → Democratic Republic of the Congo delivered',
    ),
    ex('The ministry opened an inquiry into the deaths in Goma.', null),
  ]),
  verb(
    ['deploy', 'surge', 'station', 'mobilize', 'mobilise'],
    { kind: 'give', stage: 'delivered', aid: false },
    [ex('Cuba deployed 40 doctors to Angola.', 'Cuba → Angola delivered')],
  ),
  verb(['send', 'dispatch'], { kind: 'send', stage: 'shipped', aid: false }, [
    ex('Turkey sent two planeloads of medical aid to Italy.', 'Turkey → Italy shipped'),
    ex('The president sent a message of condolence to Chile.', null),
  ]),
  verb(
    ['ship', 'airlift', 'fly', 'truck', 'transport', 'despatch'],
    { kind: 'send', stage: 'shipped', aid: false },
    [ex('China shipped 100 ventilators to Serbia.', 'China → Serbia shipped')],
  ),
  verb(
    ['receive', 'get', 'accept', 'welcome'],
    { kind: 'receive', stage: 'delivered', aid: false },
    [
      ex('Ghana received 600,000 doses from COVAX on Wednesday.', 'COVAX → Ghana delivered'),
      ex('Ghana received a letter from the WHO.', null),
    ],
  ),
  verb(['take delivery'], { kind: 'receive', stage: 'delivered', aid: true }, [
    ex('Iraq took delivery of 50,000 vaccine doses donated by China.', 'China → Iraq delivered'),
  ]),
  verb(
    ['arrive', 'land', 'reach', 'touch down'],
    { kind: 'arrive', stage: 'delivered', aid: false },
    [
      ex(
        'A plane carrying 20 tonnes of Chinese medical supplies arrived in Caracas on Sunday.',
        'China → Venezuela delivered',
      ),
      ex(
        'The first shipment of vaccines from India arrived in Dhaka.',
        'India → Bangladesh delivered',
      ),
      ex('The delegation arrived in Geneva for talks.', null),
    ],
  ),
  verb(['expect', 'await'], { kind: 'arrive', stage: 'pledged', aid: false }, [
    ex('Another 20,000 doses from COVAX are expected on Friday in Suva.', 'COVAX → Fiji pledged'),
  ]),
  {
    ...verb(
      ['hold', 'stick', 'store', 'quarantine', 'stockpile'],
      { kind: 'arrive', stage: 'delivered', aid: false },
      [
        ex(
          'Supplies from UNICEF are being held in quarantine at the port of Chittagong.',
          'UNICEF → Bangladesh delivered',
        ),
        ex('The minister held talks with the WHO in Geneva.', null),
      ],
    ),
    after: [
      'port',
      'border',
      'airport',
      'harbour',
      'harbor',
      'quarantine',
      'warehouse',
      'customs',
      'crossing',
    ],
  },
  verb(
    ['pledge', 'promise', 'vow', 'commit', 'earmark'],
    { kind: 'commit', stage: 'pledged', aid: true },
    [
      ex(
        'Canada pledged $15 million to the Ebola response in Liberia.',
        'Canada → Liberia pledged',
      ),
      ex(
        'Floods have hit Malawi. Kenya and Uganda have promised to help.',
        'Kenya → Malawi pledged',
      ),
    ],
  ),
  verb(['approve', 'sign'], { kind: 'commit', stage: 'pledged', aid: false }, [
    ex('The Asian Development Bank approved a $3 million grant for Fiji.', 'ADB → Fiji pledged'),
  ]),
  verb(['announce', 'unveil'], { kind: 'commit', stage: 'pledged', aid: false }, [
    ex(
      'On Monday the EU announced 25 million euros in emergency funding for Sudan.',
      'EU → Sudan pledged',
    ),
    ex('The ministry announced 40 new cases in Kassala.', null),
    ex(
      'On Monday UNICEF announced that it had delivered 40 tonnes of medical supplies to Chad.',
      'UNICEF → Chad delivered',
    ),
  ]),
  verb(['offer'], { kind: 'offer', stage: 'offered', aid: true }, [
    ex('South Korea offered to send vaccines to North Korea.', 'South Korea → North Korea offered'),
  ]),
  verb(
    ['request', 'ask', 'appeal', 'seek', 'solicit'],
    { kind: 'request', stage: 'requested', aid: false },
    [
      ex('Malawi asked the WHO for oral cholera vaccines.', 'WHO → Malawi requested'),
      ex('Lebanon appealed for international aid after the blast.', '* → Lebanon requested'),
    ],
  ),
  verb(['call'], { kind: 'request', stage: 'requested', aid: false }, [
    ex('Haiti called for urgent support to fight cholera.', '* → Haiti requested'),
  ]),
  verb(
    [
      'reject',
      'refuse',
      'decline',
      'rebuff',
      'spurn',
      'turn down',
      'turn away',
      'turn back',
      'block',
    ],
    { kind: 'reject', stage: 'rejected', aid: false },
    [ex('Eritrea rejected vaccines offered by COVAX.', 'COVAX → Eritrea rejected')],
  ),
  verb(
    ['redirect', 'reallocate', 'divert', 'reroute'],
    { kind: 'redirect', stage: 'redirected', aid: false },
    [
      ex(
        'Burundi asked that its doses be redirected to harder-hit countries.',
        '* → Burundi redirected',
      ),
    ],
  ),
  verb(['discuss', 'negotiate'], { kind: 'discuss', stage: 'discussed', aid: false }, [
    ex(
      'Mexico discussed the supply of oxygen with the United States.',
      'United States → Mexico discussed',
    ),
  ]),
  verb(
    ['help', 'assist', 'support', 'aid', 'advise', 'train'],
    { kind: 'help', stage: null, aid: false },
    [
      ex('Japan will help Tonga with water and tents.', 'Japan → Tonga pledged'),
      ex(
        'Two engineers from the UNICEF office in Geneva are advising Tonga.',
        'UNICEF → Tonga delivered',
      ),
    ],
  ),
  verb(
    ['obtain', 'procure', 'secure', 'acquire'],
    { kind: 'procure', stage: 'delivered', aid: false },
    [
      ex('The vaccines were procured by UNICEF for South Sudan.', 'UNICEF → South Sudan delivered'),
      ex('Zambia obtained 1.2 million doses from COVAX.', 'COVAX → Zambia delivered'),
    ],
  ),
  verb(
    ['buy', 'purchase', 'import', 'source', 'order', 'pay'],
    { kind: 'buy', stage: null, aid: false },
    [ex('Peru bought two million doses from Sinopharm.', null)],
  ),
  noun(['donation'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex("Norway's donation of 100,000 doses to Malawi was welcomed.", 'Norway → Malawi delivered'),
  ]),
  noun(['gift'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex('The ambulances are a gift from Japan to Sri Lanka.', 'Japan → Sri Lanka delivered'),
  ]),
  noun(['contribution'], { kind: 'give', stage: 'delivered', aid: true }, [
    ex(
      "Ireland's $5 million contribution to CERF was received in March.",
      'Ireland → CERF delivered',
    ),
  ]),
  noun(
    ['grant', 'loan', 'credit', 'financing', 'funding'],
    { kind: 'give', stage: 'delivered', aid: true },
    [
      ex(
        'A $20 million grant from the World Bank reached Chad in May.',
        'World Bank → Chad delivered',
      ),
    ],
  ),
  noun(
    [
      'shipment',
      'shipping',
      'dispatch',
      'consignment',
      'batch',
      'delivery',
      'tranche',
      'installment',
      'instalment',
      'cargo',
      'planeload',
      'airlift',
      'convoy',
    ],
    { kind: 'send', stage: null, aid: false },
    [
      ex('WHO said the shipment of medical kits to Yemen had begun.', 'WHO → Yemen shipped'),
      ex('The first batch of vaccines from China landed in Harare.', 'China → Zimbabwe delivered'),
    ],
  ),
  noun(['pledge', 'commitment', 'promise'], { kind: 'commit', stage: 'pledged', aid: true }, [
    ex(
      "Spain's pledge of 5 million doses to Latin America was confirmed.",
      'Spain → Latin America pledged',
    ),
  ]),
  noun(['offer'], { kind: 'offer', stage: 'offered', aid: true }, [
    ex("Mali welcomed Algeria's offer of 10 tonnes of supplies.", 'Algeria → Mali offered'),
  ]),
  noun(['refusal', 'rejection'], { kind: 'reject', stage: 'rejected', aid: true }, [
    ex(
      'An offer of vaccines from China to Eritrea was met with refusal.',
      'China → Eritrea rejected',
    ),
  ]),
  noun(['request', 'appeal'], { kind: 'request', stage: 'requested', aid: true }, [
    ex(
      'At the request of the Fijian government, Australia sent 20 nurses.',
      'Australia → Fiji requested',
    ),
  ]),
  noun(['discussion', 'talk', 'negotiation'], { kind: 'discuss', stage: 'discussed', aid: false }, [
    ex('Chile received the doses after talks with China.', 'China → Chile discussed'),
  ]),
];
