/**
 * Aid a recipient asks to be sent elsewhere is redirected: "North Korea proposed its allotment
 * be sent to severely affected countries", "asked for the doses to be distributed to other
 * countries instead". The one who asks is the recipient; the places it names are not.
 */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

/** Lemma phrases that point away from the one who received the offer. */
const ELSEWHERE = [
  'elsewhere',
  'instead',
  'other country',
  'other nation',
  'another country',
  'another nation',
  'a country',
  'a nation',
  'hard hit',
  'hard-hit',
  'harder-hit',
  'hardest-hit',
  'worst-hit',
  'worst hit',
  'severely affect',
  'badly affect',
  'more needy',
  'neediest',
  'great need',
  'more need',
  'in need',
].map((p) => p.split(' '));

/** The phrases by their first word, so a clause is read once rather than once per phrase. */
const BY_FIRST = new Map<string, string[][]>();
for (const phrase of ELSEWHERE)
  BY_FIRST.set(phrase[0]!, [...(BY_FIRST.get(phrase[0]!) ?? []), phrase]);

const MOVING = new Set(['give', 'send', 'redirect', 'reject']);
const ASK = new Set(['ask', 'propose', 'request', 'suggest', 'urge', 'want']);

function pointsAway(e: ClauseEvent, span: number[]): boolean {
  // "harder-hit" is three tokens; the hyphen is no word.
  const words = span.map((k) => e.s.sentence.tokens[k]!).filter((t) => t.text !== '-');
  const at = (i: number, w: string) => words[i]?.lemma === w || words[i]?.lower === w;
  const matchesAt = (phrases: string[][] | undefined, i: number) =>
    !!phrases?.some((phrase) => phrase.every((w, j) => at(i + j, w)));
  return words.some(
    (t, i) => matchesAt(BY_FIRST.get(t.lemma), i) || matchesAt(BY_FIRST.get(t.lower), i),
  );
}

export const redirectElsewhere = defineRule<ClauseEvent, null>({
  name: 'redirect-elsewhere',
  summary: 'aid asked to be sent to others instead is redirected by the one who asks',
  examples: [
    'Burundi proposed that its doses be sent to harder-hit countries instead.',
    'Burundi turned down the doses from COVAX and asked that they go to a country with freezers.',
  ],
  counterexamples: [
    'Burundi sent its doses to Rwanda.',
    'Burundi rejected the doses last year, saying other countries needed them more.',
    'Burundi turned down the doses and said a country like it could do without them.',
    'UNICEF has delivered tents to the worst-hit districts of Burundi.',
  ],
  apply(e) {
    // A refusal is a redirection when the refuser asks for the aid to go elsewhere ("…turned down
    // the doses because it had no freezers, asking that they go to another country"), not when
    // it says others need it more.
    const sending = e.predicates.some((p) => p.frame.kind !== 'reject' && MOVING.has(p.frame.kind));
    const refusing = e.predicates.some((p) => p.frame.kind === 'reject');
    const rest = refusing
      ? e.s.sentence.tokens.map((t) => t.i).filter((k) => k >= e.clause.tokens[0]!)
      : e.clause.tokens;
    if ((!sending && !refusing) || !pointsAway(e, rest)) return e;
    const asking = rest.some((k) => ASK.has(e.s.sentence.tokens[k]!.lemma));
    // "delivered tablets to the worst-hit districts" is a delivery; only asking sends aid away.
    if (!asking) return e;
    const askers = (e.subjects.length ? e.subjects : e.carried).filter((m) => m.kind === 'country');
    return {
      ...e,
      stage: 'redirected',
      aid: true,
      recipients: askers,
      places: [],
      donors: e.donors.filter((d) => !askers.some((a) => a.name === d.name)),
      rules: [...e.rules, 'redirect-elsewhere'],
    };
  },
});
