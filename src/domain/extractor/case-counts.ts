/**
 * Case counts as epidemic reporting states them: a number, what it counts (the words around it),
 * how sure the text is of it ("about", "more than", "nearly"), where, and as of when.
 */
import type { Analysis, SentenceView } from './analysis';
import { NUMBER_RE, parseNumber } from './numbers';
import type { Metric, Qualifier } from '../facts/case-count';
import type { CaseCountFact } from './types';

const PEOPLE = String.raw`(?:people|persons|individuals|patients|residents|citizens|children|adults|health ?care workers|health workers|healthcare professionals|medical workers|workers|professionals|staff|soldiers|inmates|others)`;
const W = String.raw`(?:[\w’'-]+ )`;

/** What a number counts, judged from the words right after it (within its clause). */
const AFTER: [Metric, RegExp][] = [
  [
    'doses_administered',
    new RegExp(
      String.raw`^${W}{0,2}?(?:vaccine )?(?:doses|shots|jabs) (?:have been |had been |were |being )?(?:administered|given|injected)\b`,
      'i',
    ),
  ],
  [
    'vaccinated',
    new RegExp(
      String.raw`^${W}{0,3}?(?:have been |had been |were |are |been )?(?:fully |partially )?(?:vaccinated|inoculated|immuni[sz]ed)\b`,
      'i',
    ),
  ],
  [
    'suspected',
    new RegExp(
      String.raw`^${W}{0,2}?(?:suspected|probable|possible) ${W}{0,2}?(?:cases?|infections?|patients)\b`,
      'i',
    ),
  ],
  [
    'confirmed',
    new RegExp(
      String.raw`^${W}{0,2}?(?:confirmed|laboratory-confirmed|lab-confirmed|positive) ${W}{0,2}?(?:cases?|infections?)\b|^(?:people )?(?:have |had )?tested positive\b`,
      'i',
    ),
  ],
  [
    'fever',
    new RegExp(
      String.raw`^${W}{0,2}?(?:fever|febrile) (?:cases|patients)\b|^${W}{0,6}?(?:with|having|reported|showing|showed|developed|of) ${W}{0,3}?(?:fevers?|symptoms)\b|^${W}{0,5}?(?:outbreaks? of )?fevers?\b`,
      'i',
    ),
  ],
  [
    'deaths',
    new RegExp(
      String.raw`^(?:new |more |additional |confirmed |reported )?(?:deaths|fatalities|dead)\b|^(?:of (?:whom|them) )?${W}{0,3}?(?:have |had |has )?(?:already |since )?(?:died|perished|been killed|were killed|succumbed)\b`,
      'i',
    ),
  ],
  [
    'recovered',
    new RegExp(
      String.raw`^${W}{0,6}?(?:recovered|recoveries|been cured|were cured|discharged)\b`,
      'i',
    ),
  ],
  [
    'under_treatment',
    new RegExp(
      String.raw`^${W}{0,4}?(?:undergoing treatment|under treatment|being treated|receiving treatment|in hospital|hospitali[sz]ed|in isolation wards)\b`,
      'i',
    ),
  ],
  [
    'tested',
    new RegExp(
      String.raw`^${W}{0,3}?(?:were |have been |had been |being )?tested\b(?! positive)|^(?:PCR |rapid |antigen |diagnostic )?tests\b|^samples\b`,
      'i',
    ),
  ],
  [
    'confirmed',
    new RegExp(
      String.raw`^(?:new |more |additional |COVID-19 |coronavirus |Covid )?(?:cases|infections)\b`,
      'i',
    ),
  ],
];

/** What a number counts, judged from the words before it: "the death toll rose to 68", "it has tested 40,700". */
const BEFORE: [Metric, RegExp][] = [
  [
    'fever',
    /(?:cases of fever|fever cases|febrile cases|people with fever)[^.;]{0,30}?\b(?:exceeded|reached|rose to|climbed to|stood at|topped|surpassed|hit|was|at|of|to)\s*$/i,
  ],
  [
    'deaths',
    /(?:death toll|deaths|fatalities)[^.;]{0,30}?\b(?:exceeded|reached|rose to|climbed to|stood at|topped|surpassed|hit|was|at|of|to)\s*$/i,
  ],
  [
    'deaths',
    /\b(?:killed|killing|claimed the lives of|took the lives of)\s+(?:(?:about|around|some|nearly|almost|more than|over|at least|an estimated)\s+)?$/i,
  ],
  [
    'confirmed',
    /(?:confirmed cases|case count|caseload|infections|cases)[^.;]{0,30}?\b(?:exceeded|reached|rose to|climbed to|stood at|topped|surpassed|hit|was|at|of|to)\s*$/i,
  ],
  [
    'confirmed',
    /\b(?:infected|infecting|sickened|sickening)\s+(?:(?:about|around|some|nearly|almost|more than|over|at least|an estimated|roughly|approximately)\s+)?$/i,
  ],
  [
    'tested',
    /\btested\s+(?:(?:about|around|some|nearly|almost|more than|over|at least|an estimated|roughly|approximately|just over|just under)\s+)?$/i,
  ],
  [
    'vaccinated',
    /\b(?:vaccinated|inoculated|immuni[sz]ed)\s+(?:(?:about|around|some|nearly|almost|more than|over|at least|an estimated|roughly|approximately|just over|just under)\s+)?$/i,
  ],
];

const QUALIFIERS: [Qualifier, RegExp][] = [
  [
    'at_least',
    /\b(?:more than|over|at least|exceeded|exceeding|exceeds|surpassed|topped|upwards of|in excess of|above|more)\s*$/i,
  ],
  [
    'at_most',
    /\b(?:nearly|almost|up to|fewer than|less than|under|close to|just under|no more than)\s*$/i,
  ],
  [
    'approx',
    /\b(?:about|around|some|approximately|roughly|an estimated|estimated|an approximate|circa|~)\s*$/i,
  ],
];

/** Statements of no cases at all: "has yet to report a single case", "reported zero cases". */
const ZERO =
  /\b(?:(?:yet to|not yet|never|did not|didn[’']t|has not|hasn[’']t|have not|not) (?:\w+ ){0,2}?(?:report|disclose|confirm|record|announce|acknowledge)(?:ed)? a single (?:confirmed )?(?:case|instance|infection)|(?:reported|recorded|confirmed|registered|had|has|with) zero (?:confirmed )?(?:cases|infections))\b/i;

/** A number that measures aid or time rather than people: "3 million doses", "two years". */
const NOT_A_COUNT =
  /^(?:[\w-]+ ){0,2}?(?:doses|shots|jabs|vaccines|kits|masks|tonnes|tons|dollars|euros|yuan|won|percent|per cent|%|years?|months?|weeks?|days?|hours?|minutes?|times|km|kilometers|kilometres|miles|beds|ventilators|units|sites|countries|provinces|cities|districts|hospitals|facilities|clinics|labs?|laboratories)\b/i;

function qualifierOf(before: string): Qualifier {
  for (const [q, re] of QUALIFIERS) if (re.test(before)) return q;
  return 'exact';
}

/** The clause a number sits in: later clauses often count something else. */
function clauseAfter(text: string): string {
  const cut = text.search(/[;:]|,\s(?!\d{3}\b)|\s[–—]\s|\s(?:while|whereas|but)\s/);
  return cut < 0 ? text : text.slice(0, cut);
}

function metricOf(
  s: SentenceView,
  start: number,
  end: number,
  previous: CaseCountFact[],
): Metric | null {
  const after = clauseAfter(s.text.slice(end).replace(/^\s+/, ''));
  const before = s.text.slice(Math.max(0, start - 80), start);
  if (NOT_A_COUNT.test(after)) return null;
  for (const [metric, re] of BEFORE) if (re.test(before)) return metric;
  const peopleNext = new RegExp(String.raw`^${W}{0,1}?${PEOPLE}\b`, 'i').test(after);
  // "Those tested last week included 94 people with a fever and 573 health workers": the people counted are the tested.
  if (
    peopleNext &&
    /\b(?:those|people|persons|individuals) (?:who were |who had been |being )?tested\b/i.test(
      s.text,
    )
  )
    return 'tested';
  for (const [metric, re] of AFTER) if (re.test(after)) return metric;
  // "Those who were screened comprised 94 people ...": "those" refers back to the group the previous sentence counted.
  const last = previous.at(-1);
  if (
    peopleNext &&
    last &&
    last.evidence.start >= s.previousStart &&
    /\bthose (?:who (?:were|had been) )?\w+/i.test(s.text.slice(0, start))
  ) {
    return last.metric;
  }
  return null;
}

export function findCaseCounts(analysis: Analysis): CaseCountFact[] {
  const out: CaseCountFact[] = [];
  for (const s of analysis.sentences) {
    if (s.hedged) continue;
    const zero = ZERO.exec(s.text);
    if (zero)
      out.push(
        fact(analysis, s, {
          metric: 'confirmed',
          value: 0,
          qualifier: 'exact',
          at: zero.index,
          confidence: 0.8,
        }),
      );
    for (const m of s.text.matchAll(NUMBER_RE)) {
      const value = parseNumber(m[0]);
      if (value === null || s.inDate(m.index, m.index + m[0].length)) continue;
      // "COVID-19" and "38 North" are names, not counts; a year is a date.
      if (/^(?:19|20)\d{2}$/.test(m[0]) && !/,/.test(m[0])) continue;
      const metric = metricOf(s, m.index, m.index + m[0].length, out);
      if (!metric) continue;
      const qualifier = qualifierOf(s.text.slice(Math.max(0, m.index - 40), m.index));
      out.push(fact(analysis, s, { metric, value, qualifier, at: m.index, confidence: 0.75 }));
    }
  }
  return dedupe(out);
}

function fact(
  analysis: Analysis,
  s: SentenceView,
  found: { metric: Metric; value: number; qualifier: Qualifier; at: number; confidence: number },
): CaseCountFact {
  const { metric, value, qualifier, at, confidence } = found;
  const place = s.locationNear(at);
  return {
    location: place ?? analysis.focus,
    metric,
    value,
    qualifier,
    asOf: s.asOf(),
    disease: null,
    period: 'cumulative',
    attribution: null,
    evidence: s.evidence,
    confidence: place ? confidence : confidence - 0.1,
  };
}

/** A headline or caption repeated in the body states the same count twice; keep the first. */
function dedupe(facts: CaseCountFact[]): CaseCountFact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const key = `${f.location}|${f.metric}|${f.value}|${f.asOf}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
