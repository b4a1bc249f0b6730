/**
 * The timeline: every happening the text dates, one entry per sentence and date. Its type comes
 * from the facts found in the same sentence first (an aid flow makes it "aid", a count "cases"),
 * then from the vocabulary of the clause around the date (a death, a positive test or a patient
 * makes it "cases" even where no figure is given).
 */
import type { ArticleContext, SentenceContext } from './context';
import type { HappeningType } from '../facts/happening';
import type { AidFlowFact, CaseCountFact, HappeningFact } from './types';

const TYPE_WORDS: [HappeningType, RegExp][] = [
  [
    'outbreak',
    /\b(?:outbreaks?|spread(?:s|ing)?|epidemic|break was made|first (?:case|cases|infection)|surge|wave|cluster|detected|variant|infected)\b/i,
  ],
  [
    'policy',
    /\b(?:border|borders|lockdown|locked down|shut|closed|closure|restrictions?|quarantine|curfew|ban(?:ned)?|emergency|declared|imposed|lifted|reopen(?:ed)?|measures|decree|law)\b/i,
  ],
  ['vaccination', /\b(?:vaccinat\w+|immuni[sz]\w+|inoculat\w+|vaccines?|jabs?|doses)\b/i],
  [
    'cases',
    /\b(?:died|dies|death|deaths|tested positive|diagnos\w+|hospitali[sz]ed|cases?|patients?|infections?)\b/i,
  ],
  [
    'statement',
    /\b(?:said|says|told|reported|announced|stated|claimed|urged|ordered|demanded|asked|called|warned|according to|statement|report)\b/i,
  ],
];

/**
 * Where the article's facts are, by the start of their sentence: every fact's evidence is the
 * whole of one sentence, so a sentence holds a fact when one starts where it does. Looked up
 * rather than searched, since a long article dates thousands of sentences.
 */
interface FactStarts {
  flows: Set<number>;
  counts: Set<number>;
}

function typeOf(s: SentenceContext, clause: string, facts: FactStarts): HappeningType {
  if (facts.flows.has(s.sentence.start)) return 'aid';
  if (facts.counts.has(s.sentence.start)) return 'cases';
  for (const [type, re] of TYPE_WORDS) if (re.test(clause)) return type;
  return 'other';
}

/** The clause of the sentence that carries the date: long sentences date several happenings. */
function clauseAround(text: string, start: number, end: number): string {
  const left = Math.max(
    text.lastIndexOf(',', start),
    text.lastIndexOf(';', start),
    text.lastIndexOf(':', start),
    text.lastIndexOf('“', start),
  );
  const rightCandidates = [',', ';', '”', ':']
    .map((c) => text.indexOf(c, end))
    .filter((i) => i >= 0);
  const right = rightCandidates.length ? Math.min(...rightCandidates) : text.length;
  return text.slice(left + 1, right).trim();
}

/**
 * A date a figure is measured against rather than one something happened on: "the highest figure
 * since 1997", "a doubling of cases from 2023", "a decrease after 1997", "compared with 2019".
 */
const REFERENCE_DATE = new RegExp(
  [
    String.raw`\b(?:highest|lowest|largest|biggest|worst|most|fewest|least|first time|record)\b[^,;.]*\bsince\s+$`,
    String.raw`\b(?:up|down|rise|increase|decrease|decline|doubling|tripling|drop|fall|jump|surge)\b[^,;.]{0,40}\b(?:from|since|after)\s+(?:the\s+)?$`,
    String.raw`\bcompared (?:with|to)\s+(?:the\s+)?$`,
  ].join('|'),
  'i',
);

const isReference = (text: string, start: number): boolean =>
  REFERENCE_DATE.test(text.slice(Math.max(0, start - 80), start));

const MAX_SUMMARY = 160;

function summarise(text: string): string {
  const plain = text
    .replace(/^(?:According to [^,]+,|However,|But|And|In particular,|Meanwhile,)\s*/i, '')
    .replace(/^["“”'‘’\s]+|["“”'‘’\s]+$/g, '')
    .replace(/\s+/g, ' ');
  if (plain.length <= MAX_SUMMARY) return plain;
  const cut = plain.slice(0, MAX_SUMMARY);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

export function findHappenings(
  article: ArticleContext,
  flows: AidFlowFact[],
  counts: CaseCountFact[],
): HappeningFact[] {
  const out: HappeningFact[] = [];
  const seen = new Set<string>();
  const facts: FactStarts = {
    flows: new Set(flows.map((f) => f.evidence.start)),
    counts: new Set(counts.map((c) => c.evidence.start)),
  };
  for (const s of article.sentences) {
    if (s.sentence.furniture) continue;
    const text = s.sentence.text;
    const subjects = [...new Set(s.mentions.map((m) => m.name))].sort();
    article.work.weigh(s.dates.length);
    for (const d of s.dates) {
      const key = `${d.value}|${text}`;
      if (seen.has(key) || isReference(text, d.start)) continue;
      seen.add(key);
      const clause = clauseAround(text, d.start, d.end);
      out.push({
        date: d.value,
        type: typeOf(s, clause, facts),
        summary: summarise(text),
        subjects,
        attribution: s.attribution,
        evidence: { sentence: text, start: s.sentence.start, end: s.sentence.end },
        confidence: d.value.startsWith('--') ? 0.6 : s.hedged ? 0.5 : 0.8,
      });
    }
  }
  return out;
}
