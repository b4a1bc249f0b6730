/**
 * Aid flows: who gives what to whom, at which stage. A sentence reports a flow when it names aid
 * (an item or a word such as "assistance") and a verb of one of the stages; the donor and the
 * recipient come from the roles the sentence gives its countries and organisations.
 */
import type { Analysis, SentenceView } from './analysis';
import type { Mention } from './entities';
import { findItems, findQuantity } from './items';
import type { AidStatus } from '../facts/aid-flow';
import type { AidFlowFact } from './types';

/** Stage verbs, strongest first: a refusal of an offer is a refusal, a request to send is a request. */
const STATUS_CUES: [AidStatus, RegExp][] = [
  [
    'redirected',
    /\b(?:redirect(?:ed|ing|s)?|re-?allocat(?:ed|ing|e)|re-?rout(?:ed|ing)|divert(?:ed|ing)?)\b|\b(?:be|been|being) (?:sent|given|distributed|delivered|donated|shipped|passed on|reallocated|used) (?:to|among|for|by) [^.]{0,80}?\b(?:instead|other countries|(?:harder|hardest|worst|severely|badly)[- ](?:hit|affected)|more needy|neediest|(?:greater|more) need)\b|\b(?:go|be sent|be given|be used) elsewhere\b/i,
  ],
  [
    'rejected',
    /\b(?:refus(?:e|ed|es|ing|al)|reject(?:ed|s|ing|ion)?|turn(?:ed|s|ing)? (?:\w+ )?(?:down|away)|declin(?:ed|es|ing) (?:the |an |offers?|aid|help|assistance|vaccines?|\w+ (?:offer|aid|help|shipments?|donations?))|rebuff(?:ed|s)?|spurn(?:ed|s)?|resist(?:ed|ing))\b/i,
  ],
  [
    'requested',
    /\b(?:request(?:ed|ing)|(?:has|have|had) requested|call(?:ed|s|ing)? on (?:[\w-]+ ){1,4}to (?:let|allow|provide|send|facilitate|deliver)|ask(?:ed|s|ing)? (?:[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3} for\b|for|\w+(?: \w+)? to (?:provide|send|supply|donate|deliver|help|give))|appeal(?:ed|s|ing)? (?:for|to)|call(?:ed|s|ing)? for (?:international |urgent |foreign |more )?(?:aid|help|assistance|support|donations)|sought|seek(?:s|ing)? (?:\w+ )?(?:aid|help|assistance|support))\b/i,
  ],
  // "promised to ship", "offered to send": the commitment, not the act it commits to.
  [
    'pledged',
    /\b(?:promis(?:ed|es|ing)|pledg(?:ed|es|ing)|vow(?:ed|s)|agreed|plans?|planned|intends?|(?:is|are) (?:set|due)) to (?:\w+ )?(?:ship|send|deliver|provide|donate|supply|dispatch|airlift|give)\b/i,
  ],
  [
    'offered',
    /\boffer(?:ed|s|ing) to (?:\w+ )?(?:ship|send|deliver|provide|donate|supply|dispatch|give)\b/i,
  ],
  [
    'delivered',
    /\b(?:arriv(?:ed|es|ing|al)|deliver(?:ed|ies)|distributed|gift(?:ed|s)|deploy(?:ed|s)|(?:has|have|had|was|were) (?:\w+ )?(?:provided|donated|given|supplied|handed over)|received|reached|handed (?:over )?|made (?:its|their) way to|came to|landed in|(?:held|stuck|quarantined) (?:\w+ ){0,3}at the (?:port|border)s?|provided|donated)\b/i,
  ],
  [
    'shipped',
    /\b(?:ship(?:s|ped|ping|ment|ments)?|sen(?:d|ds|ding|t)|dispatch(?:ed|es|ing)?|transport(?:ed|ing)|airlift(?:ed|ing)?|en route|on (?:its|their) way|being brought|trucked|flown)\b/i,
  ],
  [
    'pledged',
    /\b(?:(?:will|would|(?:is|are) (?:expected|due|set) to) (?:\w+ ){0,2}?arrive|announc(?:ed|es|ing) (?:\w+ ){0,3}?(?:US\$|\$|€|£|¥)?\d[\d.,]*(?: (?:million|billion))? (?:\w+ )?(?:in|of|for|to)\b|pledg(?:e|ed|es|ing)|promis(?:e|ed|es|ing)|commit(?:ted|s)? to|vow(?:ed|s)|agreed to (?:help|provide|send|supply|donate|give|assist)|will (?:[\w’'“”,-]+ ){0,8}?(?:provide|donate|give|supply|deliver|fund|help|assist)|(?:would|is to|are to|plans? to|planned to|intends? to|set to) (?:\w+ ){0,2}?(?:provide|donate|give|supply|deliver|send|ship)|earmark(?:ed)?)\b/i,
  ],
  [
    'offered',
    /\b(?:offer(?:ed|s|ing)?|willing(?:ness)? to (?:help|assist|provide|send|donate|give|offer)|ready to (?:help|provide|send|assist)|proposed (?:to )?(?:send|provide|donate))\b/i,
  ],
  [
    'discussed',
    /\b(?:discuss(?:ed|es|ing|ion|ions)?|in talks|talks (?:on|about|over|for|with)|negotiat(?:e|ed|es|ing|ions?)|consult(?:ed|ing|ations))\b/i,
  ],
];

const AID_WORD =
  /\b(?:aid(?! (?:officials?|workers?|groups?|agenc(?:y|ies)|organi[sz]ations?|chiefs?))|assistance|help|support|donations?|relief|supplies|humanitarian|shipments?|consignments?|deliveries)\b/i;
const NEGATED = /\b(?:not|n[’']t|never|no)\s+(?:\w+\s+){0,2}$/i;
/** A new, unnamed donor: "an offer of AstraZeneca shots", "a shipment of masks". */
const INDEFINITE_AID =
  /\b(?:an? (?:offer|donation|shipment|consignment|batch|pledge)|another (?:offer|donation|shipment))\b/i;
/** What makes "Chinese" a donor: an adjective on the aid or on those who give it. */
const DEMONYM_DONOR =
  /^\s(?:[\w-]+\s){0,2}?(?:government|authorities|delegation|team|side|donations?|aid|assistance|experts|doctors|medical|vaccines?|shots|jabs|doses|supplies|military|foreign ministry|red cross|embassy|officials)\b/i;
const ROUTE =
  /\b(?:via|through|port of|harbou?r of|border (?:city|town|crossing) of|arriv\w* (?:at|in)|to|into|came to|reached|in)\s+(?:the\s+)?((?:[A-Z][\p{L}-]+)(?:\s(?:(?:al|el|ad|ar|as|de|du|da|di)-?)?[A-Z\p{Ll}][\p{L}-]+(?=\s+(?:crossing|border|port|airport)\b)|\s[A-Z][\p{L}-]+)?)/gu;
const NOT_PLACE =
  /^(?:The|This|That|These|Those|COVID|Covid|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z]{2,})\b/;

/** A stretch of a sentence that states one act: "X sent tents, while Y pledged money" is two. */
interface Clause {
  /** The clause with any relative clause blanked out, so an aside's verbs do not set the status. */
  text: string;
  /** The clause with its asides, for the roles: "UNICEF, which acts on behalf of COVAX, said…". */
  full: string;
  /** Offset of the clause in its sentence. */
  offset: number;
  mentions: Mention[];
  relative: boolean;
  /** The mentions that can give or receive in this clause. */
  actors: Mention[];
}

/** Where a sentence changes act: "; ", ", while", ", and UNICEF delivered", "and promised". */
const CLAUSE_BREAK = new RegExp(
  String.raw`;\s|,\s(?:while|whereas|but|although|though|yet)\s|,\sand\s(?=(?:the|its|their|a|an|it|he|she|they|we)\b|[A-Z])|\s(?:while|whereas)\s|\sand\s(?=(?:also |then |later |has |have |had |it |they )*(?:promised|pledged|sent|shipped|delivered|donated|provided|offered|requested|asked|rejected|refused|declined|announced|appealed|deployed)\b)`,
  'g',
);
/** ", which had also refused to join COVAX,": a relative clause is an aside, not the act of the sentence. */
const RELATIVE = /,\s(?:which|who)\s[^,]{3,120},/g;
/** "which procures and delivers vaccines": an aside in the habitual present describes, it does not report. */
const HABITUAL = /^,\s(?:which|who)\s(?:also\s)?\w+s\b/;

function clausesOf(s: SentenceView): Clause[] {
  const relatives: [number, number][] = [...s.text.matchAll(RELATIVE)].map((m) => [
    m.index,
    m.index + m[0].length,
  ]);
  // Blank the asides rather than cut them, so offsets into the sentence stay true.
  let main = s.text;
  for (const [a, b] of relatives) main = main.slice(0, a) + ' '.repeat(b - a) + main.slice(b);
  const spans: [number, number, boolean][] = relatives.map(([a, b]) => [a, b, true]);
  let at = 0;
  for (const m of main.matchAll(CLAUSE_BREAK)) {
    spans.push([at, m.index, false]);
    at = m.index + m[0].length;
  }
  spans.push([at, main.length, false]);
  return spans
    .sort((x, y) => x[0] - y[0])
    .map(([a, b, relative]) => ({
      text: (relative ? s.text : main).slice(a, b).replace(/\s+$/, ''),
      full: s.text.slice(a, b),
      offset: a,
      relative,
      mentions: s.mentions
        .filter((x) => x.start >= a && x.end <= b)
        .map((x) => ({ ...x, start: x.start - a, end: x.end - a })),
    }))
    .filter((c) => /\p{L}{3}/u.test(c.text) && !(c.relative && HABITUAL.test(c.text)))
    .map((c) => ({ ...c, actors: actors(c) }));
}

interface Roles {
  donors: Mention[];
  recipient: string | null;
  recipientNamed: boolean;
}

function statusOf(c: Clause): { status: AidStatus; at: number; passive: boolean } | null {
  for (const [status, re] of STATUS_CUES) {
    const m = re.exec(c.text);
    if (!m) continue;
    const before = c.text.slice(Math.max(0, m.index - 30), m.index);
    if (status !== 'rejected' && NEGATED.test(before)) continue;
    const passive =
      /\b(?:was|were|been|being|be|is|are)\s+(?:\w+\s+)?$/i.test(before) &&
      /(?:ed|en|sent|brought|flown)$/i.test(m[0]);
    return { status, at: m.index, passive };
  }
  return null;
}

/** Mentions that can take part in a flow: not a place named to locate another ("Dalian, China"), not a bare adjective. */
function actors(c: Omit<Clause, 'actors'>): Mention[] {
  return c.mentions.filter((x) => {
    const before = c.full.slice(Math.max(0, x.start - 30), x.start);
    // "stuck in Dalian, China": a country after a place names where the place is; after another country ("N. Korea, China") it is a list.
    const apposition =
      /\b[A-Z][\p{L}-]+(?: port| city| province)?,\s$/u.test(before) &&
      !c.mentions.some((y) => y.end === x.start - 2);
    if (apposition && x.kind === 'country') return false;
    if (
      /\b(?:port|harbou?r|city|town|province|region|capital|warehouses?) (?:of|in)\s$/.test(before)
    )
      return false;
    if (
      x.kind === 'country' &&
      /^\s+(?:border|frontier|side of the border)\b/.test(c.full.slice(x.end, x.end + 24))
    )
      return false;
    // "the US Centers for Disease Control": a country right before an organisation only qualifies it.
    if (
      x.kind === 'country' &&
      c.mentions.some((y) => y.kind === 'organisation' && y.start === x.end + 1)
    )
      return false;
    if (x.via === 'demonym') return DEMONYM_DONOR.test(c.full.slice(x.end, x.end + 40));
    return true;
  });
}

const RECIPIENT_ACTS: readonly AidStatus[] = ['rejected', 'requested', 'redirected'];
/** "from close ally China", "from other United Nations organizations" — but not "from its warehouse in Panama". */
const FROM =
  /(?<!\b(?:crossing|border|port|airport|warehouse|base|hub|flown in|trucked in)\s)\bfrom\s+(?:(?:the|other|close|ally|neighbouring|neighboring|its|their|fellow)\s+){0,2}$/i;

type Cue = { status: AidStatus; at: number; passive: boolean };

/** Whether the 40 characters before a mention end with `re`; a carried mention has none. */
const leadIn = (c: Clause, x: Mention, re: RegExp) =>
  x.start >= 0 && re.test(c.full.slice(Math.max(0, x.start - 40), x.start));

function rolesOf(c: Clause, cue: Cue, focus: string | null, carried: Mention | null): Roles {
  const own = c.actors;
  // A clause without a subject of its own ("… and appealed for $81.5 million") continues the previous clause's.
  const list =
    carried && SUBJECTLESS.test(c.text) ? [{ ...carried, start: -1, end: -1 }, ...own] : own;
  const countries = list.filter((x) => x.kind === 'country');
  const { recipient, recipientNamed } = recipientOf(c, cue, countries, focus);
  const eligible = list.filter((x) => x.name !== recipient);
  return { donors: donorsOf(c, cue, eligible), recipient, recipientNamed };
}

function recipientOf(
  c: Clause,
  cue: Cue,
  countries: Mention[],
  focus: string | null,
): Omit<Roles, 'donors'> {
  const lead = (x: Mention, re: RegExp) => leadIn(c, x, re);
  const gives = (x: Mention) =>
    x.start >= 0 &&
    /^[’']s\b|^\s+to\s+(?:provide|send|supply|donate|deliver|help|give|ship)\b/.test(
      c.full.slice(x.end, x.end + 20),
    );
  const recipientActs = RECIPIENT_ACTS.includes(cue.status);
  // The recipient is where aid goes ("to Syria"); or, for what a recipient does (refuse, request, redirect), the country that does it.
  const named =
    countries.find(
      (x) => lead(x, /\b(?:to|into|for)\s+(?:the\s+)?$/i) && !lead(x, FROM) && !gives(x),
    )?.name ??
    (recipientActs
      ? countries.find((x) => x.start > cue.at && lead(x, /\bby\s+(?:the\s+)?$/i))?.name
      : undefined) ??
    (recipientActs
      ? countries.find((x) => x.start < cue.at && !gives(x) && !lead(x, FROM))?.name
      : undefined) ??
    (countries.some((x) => x.name === focus) ? focus : null);
  return { recipient: named ?? focus, recipientNamed: named !== null };
}

function donorsOf(c: Clause, cue: Cue, eligible: Mention[]): Mention[] {
  const lead = (x: Mention, re: RegExp) => leadIn(c, x, re);
  const recipientActs = RECIPIENT_ACTS.includes(cue.status);
  const fromDonors = eligible.filter((x) => lead(x, FROM));
  if (fromDonors.length) {
    // "from close ally China and Russia": a donor joined to a from-donor gives too.
    const joined = eligible.filter((x) =>
      fromDonors.some(
        (d) =>
          d.end <= x.start &&
          /^\s*(?:,|and|or|as well as)\s*(?:\S+\s+){0,1}$/.test(c.full.slice(d.end, x.start)),
      ),
    );
    return unique([...fromDonors, ...joined]);
  }
  const channel = (x: Mention) =>
    lead(x, /\b(?:on behalf of|via|under|through)\s+(?:the\s+|a\s+)?$/i) ||
    /^(?:UN|U\.N\.|WHO)-/.test(x.surface);
  const possessive = (x: Mention) =>
    x.start >= 0 && /^[’']s\b/.test(c.full.slice(x.end, x.end + 3));
  const agent = (x: Mention) =>
    x.start > cue.at && x.start - cue.at < 48 && lead(x, /\bby\s+(?:the\s+)?$/i);
  // "UNICEF said 348,000 doses would arrive": a speaker is the subject only when the report refers back to it ("said it would").
  const speaker = (x: Mention) => {
    const m =
      /^[’']?s?\s+(?:\w+\s+){0,2}?(?:said|says|told \w+(?: \w+)?|announced|stated)(?:\s+(?:on|in) \w+(?: \w+)?)?\s+(?:that\s+)?([\w’']+)/.exec(
        c.full.slice(x.end, x.end + 80),
      );
    return Boolean(
      m &&
      m.index === 0 &&
      !/^(?:it|its|they|their|we|our|he|she)$/i.test(m[1]!) &&
      x.start >= 0 &&
      c.full.indexOf(m[1]!, x.end) < cue.at,
    );
  };
  const subject = (x: Mention) => x.start < cue.at && !channel(x) && !speaker(x);
  // An organisation that asks is asking for the aid it gives ("WHO appealed for $81.5 million").
  const askingAgency = (x: Mention) =>
    cue.status === 'requested' && x.kind === 'organisation' && x.start < cue.at;
  const after = (x: Mention) => x.start > cue.at;
  // Who gives: for a recipient's act, the source it names ("China's vaccines", "via COVAX"); for a giver's
  // act, its subject ("Japan announced … through the IFRC"), unless the verb is passive ("was offered under COVAX").
  const order = recipientActs
    ? [askingAgency, channel, possessive, agent, after]
    : cue.passive
      ? [agent, channel, possessive, subject]
      : [agent, subject, possessive, channel];
  let pick: Mention | undefined;
  for (const test of order) if ((pick = eligible.find(test))) break;
  pick ??= eligible[0];
  if (!pick) return [];
  // "Qatar and Egypt have flown in medical aid": every donor joined to the one found gives.
  const joined = eligible.filter(
    (x) =>
      x.start > pick!.end && /^\s*(?:,|and|as well as)\s*$/.test(c.full.slice(pick!.end, x.start)),
  );
  return unique([pick, ...joined]);
}

const unique = (xs: Mention[]) => xs.filter((x, i) => xs.findIndex((y) => y.name === x.name) === i);

function routeOf(c: Clause): string[] {
  const out: string[] = [];
  for (const m of c.text.matchAll(ROUTE)) {
    const place = m[1]!;
    if (NOT_PLACE.test(place)) continue;
    const at = m.index + m[0].length - place.length;
    const mention = c.mentions.find((x) => x.start === at);
    // A country is a route only as a transit ("via Panama"); otherwise it is a party to the flow.
    if (mention && mention.via !== 'capital' && !/^(?:via|through)\b/i.test(m[0])) continue;
    if (!mention && /^(?:to|into|in)$/i.test(m[0].split(/\s/)[0]!)) {
      // "to Nampo" is a route only after a verb or noun of moving goods; "to Kim" or "in Geneva" is not.
      if (
        !/\b(?:arriv\w*|sent|shipped|delivered|brought|transported|came|flown|trucked|goods|supplies|landed)\b[^.]{0,40}$/i.test(
          c.text.slice(0, m.index),
        )
      )
        continue;
    }
    if (!out.includes(place)) out.push(place);
  }
  return out;
}

/**
 * A definite description that points back to the organisation last named: "The medical charity
 * called on…" as subject, "requested vaccines through the scheme" as channel.
 */
const POINTS_TO_ORGANISATION =
  /^\s*the (?:medical |humanitarian |aid |health |relief |UN |U\.N\. )?(?:charity|agency|organi[sz]ation|group|body|fund|alliance|facility)\b|\b(?:via|through|under) the (?:scheme|programme|program|facility|initiative|mechanism|alliance)\b/i;

const PURCHASE = /\b(?:bought|purchased)\b|\b(?:procured|paid for|ordered) (?:\w+ ){0,4}?from\b/i;

/** "Malawi received 2.9 million doses": receiving is the recipient's act, worth recording without a named donor. */
const RECEIVED = /\b(?:has |have |had )?received\b/i;

/** A clause that opens with its verb continues the subject of the clause before it. */
const SUBJECTLESS =
  /^\s*(?:(?:also|then|later|so far|has|have|had|was|were|is|are|will|would)\s+)*[a-z]+(?:ed|s)\b/;

/** A pronoun or a definite description as subject ("It has delivered", "The team came") points back to the donor just named. */
const ANAPHORIC =
  /^(?:["“‘'\s]*)(?:it|they|we|its|their|our|the (?:agency|organi[sz]ation|group|charity|team|government|country|fund|bank|donor))\b|^\s*(?:has|have|had|also|then|and)\b/i;

/** Stages a later stage in the same sentence replaces: "offered …, but the country asked for it to go elsewhere" is one redirected flow. */
const REPLACES: Partial<Record<AidStatus, AidStatus[]>> = {
  redirected: ['rejected', 'offered', 'pledged'],
  rejected: ['offered', 'pledged'],
};

interface Draft extends AidFlowFact {
  inherited: boolean;
}

function foldStages(flows: Draft[]): Draft[] {
  const dropped = new Set<Draft>();
  for (const later of flows) {
    for (const earlier of flows) {
      if (
        earlier === later ||
        dropped.has(earlier) ||
        !REPLACES[later.status]?.includes(earlier.status) ||
        earlier.recipient !== later.recipient
      )
        continue;
      if (later.donor && !later.inherited && earlier.donor && earlier.donor !== later.donor)
        continue;
      later.donor = earlier.donor ?? later.donor;
      later.quantity ??= earlier.quantity;
      later.items = [...new Set([...later.items, ...earlier.items])];
      dropped.add(earlier);
    }
  }
  return flows.filter((f) => !dropped.has(f));
}

/** What the article has named so far, that later sentences may point back to. */
interface Memory {
  lastDonor: { name: string; index: number } | null;
  organisationBefore: string | null;
}

export function findAidFlows(analysis: Analysis): AidFlowFact[] {
  const out: AidFlowFact[] = [];
  const memory: Memory = { lastDonor: null, organisationBefore: null };
  for (const s of analysis.sentences) {
    const drafts = sentenceDrafts(analysis, s, memory);
    out.push(...foldStages(drafts).map(({ inherited: _inherited, ...f }) => f));
  }
  return dedupe(out);
}

function sentenceDrafts(analysis: Analysis, s: SentenceView, memory: Memory): Draft[] {
  const earlier = memory.organisationBefore;
  memory.organisationBefore =
    s.mentions.filter((x) => x.kind === 'organisation').at(-1)?.name ?? memory.organisationBefore;
  if (s.hedged) return [];
  const sentenceItems = findItems(s.text);
  if (!sentenceItems.length && !AID_WORD.test(s.text)) return [];
  const drafts: Draft[] = [];
  let carried: Mention | null = null;
  for (const c of clausesOf(s)) {
    // A purchase ("bought from China") is trade, not aid.
    if (PURCHASE.test(c.full)) continue;
    // The organisation named last before this clause, for "the agency" or "the scheme" to point back to.
    const lastOrganisation =
      s.mentions.filter((x) => x.kind === 'organisation' && x.end <= c.offset).at(-1)?.name ??
      earlier;
    const flow = clauseFlow(analysis, { s, c, carried, sentenceItems });
    if (flow) {
      for (const draft of toDrafts(flow, { lastDonor: memory.lastDonor, lastOrganisation })) {
        drafts.push(draft);
        if (draft.donor) memory.lastDonor = { name: draft.donor, index: s.index };
      }
    }
    if (!c.relative)
      carried = c.actors.find((x) => x.kind === 'organisation' || x.via !== 'demonym') ?? carried;
  }
  return drafts;
}

/** A clause that reports aid changing hands, with its stage, parties and items. */
interface ClauseFlow {
  s: SentenceView;
  c: Clause;
  status: AidStatus;
  roles: Roles;
  items: string[];
}

function clauseFlow(
  analysis: Analysis,
  at: { s: SentenceView; c: Clause; carried: Mention | null; sentenceItems: string[] },
): ClauseFlow | null {
  const { s, c } = at;
  const cue = statusOf(c);
  const clauseItems = findItems(c.text);
  // "supplied by the ICG and shipped by UNICEF": a clause that names no aid shares its sentence's.
  const items = clauseItems.length ? clauseItems : at.sentenceItems;
  const namesAid = clauseItems.length > 0 || AID_WORD.test(c.text);
  if (!cue || !(namesAid || (!c.relative && (SUBJECTLESS.test(c.text) || cue.passive))))
    return null;
  const roles = rolesOf(c, cue, analysis.focus, at.carried);
  return roles.recipient ? { s, c, status: cue.status, roles, items } : null;
}

function toDrafts(
  flowIn: ClauseFlow,
  context: {
    lastDonor: { name: string; index: number } | null;
    lastOrganisation: string | null;
  },
): Draft[] {
  const { s, c, status, roles } = flowIn;
  const { lastDonor, lastOrganisation } = context;
  const flow = flowOf(flowIn);
  const base = roles.recipientNamed ? 0.8 : 0.7;
  const by = (donor: string | null, inherited: boolean, confidence: number): Draft => ({
    donor,
    ...flow,
    confidence: Math.round(confidence * 100) / 100,
    inherited,
  });
  if (roles.donors.length) return roles.donors.map((d) => by(d.name, false, base));
  // An article keeps talking about the donor it just named ("It has so far delivered…"), unless it introduces a new one.
  const recent = lastDonor && s.index - lastDonor.index <= 3 && lastDonor.name !== roles.recipient;
  const inherit = Boolean(
    recent &&
    !INDEFINITE_AID.test(c.text) &&
    (s.index === lastDonor!.index || ANAPHORIC.test(c.text) || !RECIPIENT_ACTS.includes(status)),
  );
  if (inherit) return [by(lastDonor!.name, true, base - 0.15)];
  if (POINTS_TO_ORGANISATION.test(c.text) && lastOrganisation)
    return [by(lastOrganisation, true, base - 0.2)];
  // Giving without a giver is no flow; asking, refusing or redirecting without a named donor still is.
  return RECIPIENT_ACTS.includes(status) || RECEIVED.test(c.text)
    ? [by(null, false, base - 0.25)]
    : [];
}

/** Everything about a flow but who gave it. */
function flowOf({
  s,
  c,
  status,
  roles,
  items,
}: ClauseFlow): Omit<AidFlowFact, 'donor' | 'confidence'> {
  const start = s.start + c.offset;
  const date =
    s.dates.find((d) => d.start >= c.offset && d.end <= c.offset + c.full.length)?.value ??
    s.dates[0]?.value ??
    null;
  const whole = c.full.trim().length >= s.text.length - 2;
  return {
    recipient: roles.recipient,
    disease: null,
    attribution: null,
    items,
    // "The 1.17 million doses were supplied by X and shipped by Y": the amount is the sentence's.
    quantity:
      findQuantity(c.text) ??
      (c.full.length < s.text.length && !c.actors.length ? findQuantity(s.text) : null),
    status,
    route: routeOf(c),
    date,
    evidence: whole
      ? s.evidence
      : {
          sentence: c.full.trim(),
          start: start + (c.full.length - c.full.trimStart().length),
          end: start + c.full.trimEnd().length,
        },
  };
}

/** A headline repeated in the body reports the same flow twice; keep the first. */
function dedupe(flows: AidFlowFact[]): AidFlowFact[] {
  const seen = new Set<string>();
  return flows.filter((f) => {
    const key = `${f.donor}|${f.recipient}|${f.status}|${f.evidence.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
