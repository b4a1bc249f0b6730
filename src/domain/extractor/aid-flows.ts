/**
 * Aid flows: each clause is read by the rules in CLAUSE_RULES (the lexicon's frames give the
 * roles; refiners add donors named by adjective or compound, shared subjects, channels and
 * places), becomes flows (one per donor and recipient), and the flows of the whole article are
 * refined by FLOW_RULES (quantities listed by recipient, the article's donor, its country).
 */
import type { AidFlowFact } from './types';
import type { AidDraft, ClauseEvent } from './aid/event';
import { bestOf, mentionScores, type ArticleContext, type SentenceContext } from './context';
import { clauseDate } from './clause-date';
import type { Clause } from './nlp/clauses';
import type { Mention } from './nlp/mentions';
import { slotOf } from './nlp/slots';
import { runRules, type Rule, type RuleOptions } from './rules/rule';
import { agencyAppeal } from './rules/aid/agency-appeal';
import { aidWords } from './rules/aid/aid-words';
import { arrivalPlace } from './rules/aid/arrival-place';
import { articleDonor } from './rules/aid/article-donor';
import { compoundDonor } from './rules/aid/compound-donor';
import { demonymDonor } from './rules/aid/demonym-donor';
import { fallbackDonor } from './rules/aid/fallback-donor';
import { focusRecipient } from './rules/aid/focus-recipient';
import { futureDate } from './rules/aid/future-date';
import { headlineRestates } from './rules/aid/headline-restates';
import { frameRoles } from './rules/aid/frame-roles';
import { listedQuantities } from './rules/aid/listed-quantities';
import { moreOfTheSame } from './rules/aid/more-of-the-same';
import { oneFlowEach } from './rules/aid/one-flow-each';
import { purchase } from './rules/aid/purchase';
import { redirectElsewhere } from './rules/aid/redirect-elsewhere';
import { refusalSubsumesOffer } from './rules/aid/refusal-subsumes-offer';
import { sharedSubject } from './rules/aid/shared-subject';
import { speaker, speakerDonor } from './rules/aid/speaker-donor';
import { talksSides } from './rules/aid/talks-sides';

/** Clause rules, in order: the frames first, then what refines the roles they give. */
export const CLAUSE_RULES: readonly Rule<ClauseEvent, null>[] = [
  frameRoles,
  demonymDonor,
  compoundDonor,
  sharedSubject,
  redirectElsewhere,
  agencyAppeal,
  fallbackDonor,
  speaker,
  arrivalPlace,
  purchase,
  aidWords,
];

/** Article rules over the flows of every clause. */
export const FLOW_RULES: readonly Rule<AidDraft[], ArticleContext>[] = [
  listedQuantities,
  moreOfTheSame,
  futureDate,
  talksSides,
  speakerDonor,
  refusalSubsumesOffer,
  articleDonor,
  focusRecipient,
  headlineRestates,
  oneFlowEach,
];

interface Carried {
  subjects: Mention[];
  future: boolean;
  items: string[];
  /** The items of the article's last clause about aid, for "UNICEF will fly them in". */
  earlier: string[];
}

const FUTURE = new Set(['will', 'would', 'shall', "'ll", '’ll']);

/** The subjects of a clause: mentions nothing governs, bar adjectives of nationality and owners. */
function subjectsOf(s: SentenceContext, inClause: Set<number>): Mention[] {
  return s.mentions.filter(
    (m) =>
      inClause.has(m.from) &&
      m.via !== 'demonym' &&
      !m.possessive &&
      slotOf(s.sentence, inClause, s.mentions, m).slot === 'subject',
  );
}

function emptyEvent(
  article: ArticleContext,
  s: SentenceContext,
  clause: Clause,
  carried: Carried,
): ClauseEvent {
  const inClause = new Set(clause.tokens);
  return {
    article,
    s,
    clause,
    inClause,
    carried: carried.subjects,
    carriedFuture: carried.future,
    carriedItems: carried.items,
    earlierItems: carried.earlier,
    predicates: [],
    stage: null,
    donors: [],
    recipients: [],
    places: [],
    channels: [],
    routes: [],
    backers: [],
    subjects: subjectsOf(s, inClause),
    items: [],
    quantity: null,
    quantities: [],
    aid: false,
    unnamed: { donor: false, recipient: false },
    speaker: null,
    side: [],
    rules: [],
  };
}

const unique = (ms: Mention[]): Mention[] =>
  ms.filter((m, k) => ms.findIndex((x) => x.name === m.name) === k);

const SUBNATIONAL = new Set(['city', 'adm1', 'place']);

/**
 * A place gives nothing ("flown in from Copenhagen" names where aid came from); a city or a
 * province that receives stands for its country, and goes on the route, unless the aid is the
 * country's own ("a national team dispatched to Foshan").
 */
function resolvePlaces(e: ClauseEvent, donors: Mention[], recipients: Mention[]) {
  const givers = donors.filter((d) => !SUBNATIONAL.has(d.kind));
  const route = [...e.routes, ...e.places, ...recipients]
    .filter((p) => SUBNATIONAL.has(p.kind) || e.routes.includes(p))
    .map((p) => p.name);
  // "The Philippine Red Cross has deployed volunteers to Valenzuela": aid inside one country stays local.
  const domestic = (r: Mention) =>
    givers.some(
      (g) => g.name === r.country || (g.kind === 'organisation' && g.country === r.country),
    );
  const takers = recipients.map((r) =>
    SUBNATIONAL.has(r.kind) && r.country && !domestic(r)
      ? { ...r, kind: 'country' as const, name: r.country }
      : r,
  );
  return { givers, takers: unique(takers), route };
}

/** A side event ("after talks with X") names its own parties, else shares its main clause's. */
function partiesOf(e: ClauseEvent, main: ClauseEvent | undefined) {
  const own = (ms: Mention[], theirs: Mention[] | undefined) =>
    unique(ms.length ? ms : (theirs ?? []));
  return resolvePlaces(e, own(e.donors, main?.donors), own(e.recipients, main?.recipients));
}

const orUnnamed = <T>(xs: T[]): (T | null)[] => (xs.length ? xs : [null]);

function draftsOf(e: ClauseEvent, main?: ClauseEvent): AidDraft[] {
  if (!e.stage || !e.aid) return [];
  const { givers, takers, route } = partiesOf(e, main);
  const items = e.items.length ? e.items : (main?.items ?? []);
  return orUnnamed(givers).flatMap((donor) =>
    orUnnamed(takers).map((recipient) => ({
      donor,
      recipient,
      status: e.stage!,
      items,
      quantity: e.quantity,
      route,
      event: e,
      inferredDonor: false,
      inferredRecipient: false,
      rules: e.rules,
    })),
  );
}

function toFact(d: AidDraft, article: ArticleContext): AidFlowFact & { rules: string[] } {
  const s = d.event.s;
  const confidence = 0.85 - (d.inferredDonor ? 0.15 : 0) - (d.inferredRecipient ? 0.1 : 0);
  return {
    donor: d.donor?.name ?? null,
    recipient: d.recipient!.name,
    items: d.items,
    quantity: d.quantity,
    status: d.status,
    route: [...new Set(d.route)],
    date: clauseDate(s, d.event.clause.tokens),
    disease: s.diseases[0] ?? article.disease,
    attribution: s.attribution,
    evidence: { sentence: s.sentence.text, start: s.sentence.start, end: s.sentence.end },
    confidence: Math.round(confidence * 100) / 100,
    rules: d.rules,
  };
}

/**
 * "UNICEF, which procures and delivers vaccines on behalf of COVAX, said…": a relative clause in
 * the present tense describes what its antecedent does, it reports no act.
 */
function describes(s: SentenceContext, clause: Clause): boolean {
  if (!clause.aside) return false;
  const words = clause.tokens.map((k) => s.sentence.tokens[k]!);
  const at = words.findIndex((t) => t.pos === 'VERB' || t.pos === 'AUX');
  const verb = words[at];
  // "which is also asking donors for diesel" reports an act under way; "which procures vaccines" describes.
  const progressive =
    /^(?:is|are)$/.test(verb?.lower ?? '') &&
    words.slice(at + 1, at + 3).some((t) => /ing$/.test(t.lower));
  return (
    !!verb &&
    !progressive &&
    /^(?:is|are)$|[^s]s$/.test(verb.lower) &&
    verb.lower !== 'has' &&
    verb.lower !== 'was'
  );
}

/** The name a relative clause hangs from: the mention ending right before its comma. */
function antecedentOf(s: SentenceContext, clause: Clause): Mention[] {
  const comma = clause.tokens[0]! - 2;
  const m = s.mentions.find((x) => x.to === comma + 1 || x.to === comma);
  return m && (m.kind === 'country' || m.kind === 'organisation') ? [m] : [];
}

/** Every clause event of the article, kept or not: what the rules made of each clause. */
export function clauseEvents(article: ArticleContext, options: RuleOptions = {}): ClauseEvent[] {
  const events: ClauseEvent[] = [];
  // The items of the last clause about aid, for a later sentence's pronoun ("will fly them in").
  let latest: string[] = [];
  for (const s of article.sentences) {
    if (s.sentence.furniture || s.sentence.caption || s.hedged) continue;
    const earlier = latest;
    let carried: Carried = { subjects: [], future: false, items: [], earlier };
    for (const clause of s.clauses) {
      if (describes(s, clause)) continue;
      // "China, which gifted 1.1 million doses in March": a relative clause is about its antecedent.
      const own = clause.aside ? { ...carried, subjects: antecedentOf(s, clause) } : carried;
      const e = runRules(
        CLAUSE_RULES,
        emptyEvent(
          article,
          s,
          { ...clause, subjectless: clause.subjectless || own !== carried },
          own,
        ),
        null,
        options,
      );
      if (!clause.aside)
        carried = {
          subjects: e.subjects.length ? e.subjects : carried.subjects,
          future: clause.tokens.some((k) => FUTURE.has(s.sentence.tokens[k]!.lower)),
          items: e.items.length ? e.items : carried.items,
          earlier,
        };
      events.push(e);
      article.work.read(clause.tokens.length);
      if (e.aid && e.items.length) latest = e.items;
    }
  }
  return events;
}

/**
 * The place an article is about, read from what it says happens there: a country that receives
 * aid counts for more than one merely named, and a country that gives counts for less. A report
 * datelined in Riyadh on Saudi oxygen for India is about India.
 */
function withFocus(article: ArticleContext, events: ClauseEvent[]): ArticleContext {
  const score = mentionScores(article.sentences);
  const add = (name: string, n: number) => score.set(name, (score.get(name) ?? 0) + n);
  for (const e of events) {
    if (!e.stage || !e.aid) continue;
    for (const r of e.recipients) if (r.kind === 'country' || r.kind === 'region') add(r.name, 3);
    for (const p of e.places) if (p.country) add(p.country, 1);
    for (const d of e.donors) if (d.kind === 'country') add(d.name, -2);
  }
  return { ...article, focus: bestOf(score) ?? article.focus };
}

/**
 * The flows of an article. Clauses are read once, against the focus the article's names give;
 * the flows are then refined against the focus its aid gives (see withFocus).
 */
export function findAidFlows(
  base: ArticleContext,
  options: RuleOptions = {},
): { flows: (AidFlowFact & { rules: string[] })[]; article: ArticleContext } {
  const events = clauseEvents(base, options);
  const article = withFocus(base, events);
  const drafts = events.flatMap((e) => [
    ...draftsOf(e),
    // A request or talks beside the act count only where the act is about aid.
    ...(e.aid
      ? e.side.flatMap((side) =>
          draftsOf({ ...side, items: side.items.length ? side.items : e.items }, e),
        )
      : []),
  ]);
  article.work.weigh(drafts.length);
  const flows = runRules(FLOW_RULES, drafts, article, options).map((d) => toFact(d, article));
  return { flows, article };
}
