/**
 * The words of a clause that report an act of aid: each a frame of the lexicon, found by lemma,
 * with its voice (active, passive or noun) and its stage once the verb group is read: "will
 * send" and "is expected to arrive" are pledges, "offered to send" an offer, "did not send"
 * nothing at all, "could send" speculation.
 */
import type { AidStatus } from '../../facts/aid-flow';
import { FRAMES, type Frame, type FrameKind } from '../lexicon/aid-frames';
import type { Sentence, Token } from '../nlp/document';

type Voice = 'active' | 'passive' | 'noun';

export interface Predicate {
  /** Index of the word's (first) token in the sentence. */
  at: number;
  /** Index of the last token of a phrasal word ("hand over"). */
  last: number;
  frame: Frame;
  voice: Voice;
  /** The stage this clause reports, or null for a noun that takes its stage from a verb. */
  stage: AidStatus | null;
  /** Stated as intent, plan or expectation ("will", "plans to", "is expected to"). */
  future: boolean;
  /**
   * A purpose ("…in order to accept outside assistance", "…to help the three countries"): its
   * roles count, its stage does not.
   */
  purpose: boolean;
}

interface Entry {
  frame: Frame;
  words: string[];
}

const VERB_ENTRIES = new Map<string, Entry[]>();
const NOUN_ENTRIES = new Map<string, Entry[]>();
for (const frame of FRAMES)
  for (const phrase of frame.words) {
    const words = phrase.split(' ');
    const map = frame.pos === 'verb' ? VERB_ENTRIES : NOUN_ENTRIES;
    map.set(words[0]!, [...(map.get(words[0]!) ?? []), { frame, words }]);
  }

/** Past participles that do not end in -ed: "sent", "given", "flown". */
const PARTICIPLE = /(?:ed|en|wn|ne|ght|lt|ld|nt|t|ung|ade|id)$/;
const BE = new Set([
  'be',
  'is',
  'are',
  'was',
  'were',
  'been',
  'being',
  'get',
  'got',
  'gets',
  'getting',
]);
const FUTURE_AUX = new Set(['will', 'would', 'shall', "'ll", '’ll', 'wo']);
const HEDGE = new Set(['could', 'might', 'may', 'if', 'whether', 'unless']);
/** Verbs whose "to …" complement is not yet done: "plans to send", "is expected to arrive". */
const INTENT = new Set([
  'plan',
  'intend',
  'expect',
  'set',
  'due',
  'schedule',
  'slate',
  'aim',
  'agree',
  'want',
  'hope',
  'prepare',
  'decide',
  'go',
  'seek',
  'promise',
  'pledge',
  'vow',
  'commit',
  'announce',
  'earmark',
]);
/** What a verb of giving may take that is not aid: "granted permission", "gave approval". */
const NOT_AID = new Set([
  'permission',
  'approval',
  'access',
  'visa',
  'interview',
  'asylum',
  'licence',
  'license',
  'exemption',
  'waiver',
  'clearance',
  'consent',
  'statement',
  'speech',
  'message',
  'update',
  'briefing',
  'details',
  'information',
  'figure',
  'data',
  'evidence',
  'proof',
  'warning',
  'assurance',
]);

/** "granted permission for the WHO to ship…": the verb's object is no aid, so the verb is no act of giving. */
function givesNoAid(tokens: Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 4); j++) {
    const t = tokens[j]!;
    if (t.pos === 'NOUN') return NOT_AID.has(t.lemma);
    if (t.pos !== 'DET' && t.pos !== 'ADJ') return false;
  }
  return false;
}

/** A date or place between a verb and its clause: "announced on 3 October that …". */
const ADJUNCT = new Set(['ADP', 'NUM', 'PROPN', 'DET', 'ADV']);

/**
 * "announced on 3 October that it had donated …": the verb's object is a clause, so the verb
 * reports the act the clause states rather than committing to one of its own.
 */
function reportsClause(tokens: Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 7); j++) {
    const t = tokens[j]!;
    if (t.lower === 'that') return true;
    if (!ADJUNCT.has(t.pos)) return false;
  }
  return false;
}

function followedBy(tokens: Token[], at: number, words: string[]): boolean {
  return tokens.slice(at + 1, at + 7).some((t) => words.includes(t.lemma));
}

/** Verbs of wanting that make a noun of giving a plan: "Australia wants to make up the rest through donations". */
const WANT = new Set(['want', 'plan', 'aim', 'hope', 'intend', 'seek', 'wish']);
const OFFER_INTENT = new Set(['offer', 'ready', 'willing', 'willingness', 'readiness', 'propose']);
const NEGATION = new Set(['not', "n't", 'n’t', 'never', 'no']);

/** The phrase of an entry starting at token `i`: its last token, or -1. */
function phraseEnd(tokens: Token[], i: number, words: string[]): number {
  let k = i;
  for (const w of words.slice(1)) {
    let found = -1;
    for (let j = k + 1; j <= Math.min(tokens.length - 1, k + 3); j++) {
      if (tokens[j]!.lemma === w || tokens[j]!.lower === w) {
        found = j;
        break;
      }
    }
    if (found < 0) return -1;
    k = found;
  }
  return k;
}

/** "India gifted 1 million doses": a participle the tagger read as an adjective, with an object after it. */
function isVerbal(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.pos === 'VERB') return true;
  return (
    t.pos === 'ADJ' &&
    /ed$/.test(t.lower) &&
    ['NUM', 'DET', 'NOUN'].includes(tokens[i + 1]?.pos ?? '')
  );
}

function entriesFor(tokens: Token[], i: number): Entry[] {
  const t = tokens[i]!;
  const nominal = t.pos === 'NOUN' || t.pos === 'PROPN';
  const map = isVerbal(tokens, i) ? VERB_ENTRIES : nominal ? NOUN_ENTRIES : null;
  return map?.get(t.lemma) ?? map?.get(t.lower) ?? [];
}

function entriesAt(tokens: Token[], i: number): { entry: Entry; last: number }[] {
  const out: { entry: Entry; last: number }[] = [];
  for (const entry of entriesFor(tokens, i)) {
    const last = entry.words.length > 1 ? phraseEnd(tokens, i, entry.words) : i;
    if (last >= 0) out.push({ entry, last });
  }
  // The longest phrase wins: "take delivery" over "take".
  return out.sort((a, b) => b.entry.words.length - a.entry.words.length).slice(0, 1);
}

/** The verb group's words before the verb, nearest first, within the clause. */
function before(tokens: Token[], clause: Set<number>, i: number, n: number): Token[] {
  const out: Token[] = [];
  for (let j = i - 1; j >= 0 && out.length < n && clause.has(j); j--) out.push(tokens[j]!);
  return out;
}

function voiceOf(tokens: Token[], clause: Set<number>, i: number): Voice {
  const t = tokens[i]!;
  if (t.pos !== 'VERB' && t.pos !== 'ADJ') return 'noun';
  if (!PARTICIPLE.test(t.lower)) return 'active';
  const group = before(tokens, clause, i, 3);
  for (const w of group) {
    if (BE.has(w.lower)) return 'passive';
    if (w.pos !== 'ADV' && w.pos !== 'PART') break;
  }
  // "doses donated by Japan", "the U.S.-donated vaccine": a participle after a noun or a hyphen.
  const prev = group[0];
  const next = tokens[i + 1];
  if (prev?.text === '-') return 'passive';
  // "doses donated by Japan", "…were supplied by ICG and shipped by UNICEF": a participle with its agent.
  if (next?.lower === 'by') return 'passive';
  return 'active';
}

function intentBefore(group: Token[]): 'future' | 'offer' | null {
  for (let k = 0; k < group.length; k++) {
    const w = group[k]!;
    if (FUTURE_AUX.has(w.lower)) return 'future';
    if (w.lower === 'to' && group[k + 1]) {
      const head = group[k + 1]!;
      if (OFFER_INTENT.has(head.lemma)) return 'offer';
      if (INTENT.has(head.lemma) || BE.has(head.lower)) return 'future';
    }
    if (w.lower === 'going' && group[k - 1]?.lower === 'to') return 'future';
  }
  return null;
}

/** A capitalised "May" is the month ("In May, Norway said it would donate…"), not the modal. */
const isHedge = (w: Token): boolean => HEDGE.has(w.lower) && !(w.lower === 'may' && w.capitalised);

/** Whether the verb group takes back the act: "could", "did not send" (a refusal stays one). */
function withdrawn(frame: Frame, group: Token[], t: Token): boolean {
  if (group.some(isHedge)) return true;
  const negated = t.negated || group.slice(0, 3).some((w) => NEGATION.has(w.lower));
  return negated && frame.kind !== 'reject';
}

/** "is sending" is under way, not done; "has been donating" is done, again and again. */
function isProgressive(group: Token[], t: Token): boolean {
  if (!/ing$/.test(t.lower)) return false;
  const be = !!group[0] && BE.has(group[0].lower) && group[0].lower !== 'been';
  return be || (group[0]?.lower === 'of' && group[1]?.lemma === 'process');
}

const MOVABLE = new Set<FrameKind>(['give', 'send', 'arrive', 'receive', 'help']);

type Read = { stage: AidStatus | null; future: boolean };

/** What an intent before the verb makes of it: "wants to send" is offered, "will send" pledged. */
function intended(frame: Frame, intent: 'future' | 'offer' | null): Read | null {
  const movable = MOVABLE.has(frame.kind);
  if (intent === 'offer' && movable) return { stage: 'offered', future: true };
  if (intent === 'future' && (movable || frame.kind === 'commit'))
    return { stage: 'pledged', future: true };
  return null;
}

/** The stage of a verb once its group is read; null when the verb reports no act. */
function stageOf(frame: Frame, group: Token[], t: Token): Read | null {
  if (withdrawn(frame, group, t)) return null;
  const intent = intentBefore(group);
  const meant = intended(frame, intent);
  if (meant) return meant;
  // "was sending technicians" had begun; "is sending" has not yet.
  if (isProgressive(group, t) && (frame.kind === 'give' || frame.kind === 'send'))
    return ['was', 'were'].includes(group[0]!.lower)
      ? { stage: 'shipped', future: false }
      : { stage: 'pledged', future: true };
  if (frame.kind === 'help') return { stage: 'delivered', future: false };
  return { stage: frame.stage, future: intent !== null };
}

/** "The EU's funding will be used by…": a noun of giving in a clause about the future is a pledge. */
function nounStage(
  frame: Frame,
  s: Sentence,
  clause: number[],
): { stage: AidStatus | null; future: boolean } {
  // Only a clause whose act is the noun itself: where a verb reports the act, the verb decides.
  const verbs = clause.some(
    (k) => s.tokens[k]!.pos === 'VERB' && VERB_ENTRIES.has(s.tokens[k]!.lemma),
  );
  const future =
    !verbs &&
    clause.some(
      (k) =>
        FUTURE_AUX.has(s.tokens[k]!.lower) ||
        (s.tokens[k]!.pos === 'VERB' && WANT.has(s.tokens[k]!.lemma)),
    );
  if (future && frame.stage === 'delivered') return { stage: 'pledged', future };
  if (frame.kind === 'send' && frame.stage === null) {
    const verbs = clause.map((k) => s.tokens[k]!).filter((t) => t.pos === 'VERB');
    if (verbs.some((t) => STARTS.has(t.lemma))) return { stage: 'shipped', future };
    if (verbs.some((t) => FINISHES.has(t.lemma))) return { stage: 'delivered', future };
  }
  return { stage: frame.stage, future };
}

const NAME_LIKE = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'CCONJ', 'PUNCT']);

/** A headline's "Saudi Arabia to supply oxygen to India": nothing but its subject before "to". */
function headlineInfinitive(tokens: Token[], i: number): boolean {
  const to = tokens[i - 1];
  return (
    i >= 2 &&
    to?.lower === 'to' &&
    to.pos === 'PART' &&
    tokens.slice(0, i - 1).every((t) => NAME_LIKE.has(t.pos)) &&
    tokens[i - 2]!.pos !== 'PUNCT'
  );
}

/** An infinitive of purpose: "to" not taken up by a verb or adjective before it ("pledged to send", "ready to help"). */
function isPurpose(tokens: Token[], i: number): boolean {
  if (tokens[i - 1]?.lower !== 'to') return false;
  const head = tokens[i - 2];
  if (!head) return false;
  if (head.pos === 'VERB' || head.pos === 'AUX' || head.pos === 'ADJ') return false;
  return !(INTENT.has(head.lemma) || OFFER_INTENT.has(head.lemma));
}

/** Verbs that start or finish what a noun of sending names: "the shipment has begun", "completed the delivery". */
const STARTS = new Set(['begin', 'start', 'launch', 'commence', 'initiate', 'resume', 'continue']);
const FINISHES = new Set(['complete', 'finish', 'conclude', 'make', 'receive']);

/** A verb's predicate, its stage read from its verb group (or from a headline's "X to send"). */
function verbPredicate(
  s: Sentence,
  inClause: Set<number>,
  found: { entry: Entry; last: number; i: number },
  voice: Voice,
): Predicate | null {
  const { entry, last, i } = found;
  const read =
    headlineInfinitive(s.tokens, i) && entry.frame.kind !== 'buy'
      ? {
          stage: entry.frame.kind === 'offer' ? ('offered' as const) : ('pledged' as const),
          future: true,
        }
      : stageOf(entry.frame, before(s.tokens, inClause, i, 7), s.tokens[i]!);
  return read
    ? { at: i, last, frame: entry.frame, voice, purpose: isPurpose(s.tokens, i), ...read }
    : null;
}

/** Whether a word's entry reports aid where it stands ("sent messages" and "held talks" do not). */
function applies(tokens: Token[], entry: Entry, last: number): boolean {
  if (entry.frame.pos === 'verb' && !entry.frame.aid && givesNoAid(tokens, last)) return false;
  if (entry.frame.kind === 'commit' && !entry.frame.aid && reportsClause(tokens, last))
    return false;
  return !entry.frame.after || followedBy(tokens, last, entry.frame.after);
}

export function findPredicates(s: Sentence, clause: number[]): Predicate[] {
  const inClause = new Set(clause);
  const out: Predicate[] = [];
  for (const i of clause) {
    const t = s.tokens[i]!;
    // "is expected to provide": a verb of intent before another verb is its modal, not an act.
    if (INTENT.has(t.lemma) && s.tokens[i + 1]?.lower === 'to' && s.tokens[i + 2]?.pos === 'VERB')
      continue;
    for (const { entry, last } of entriesAt(s.tokens, i)) {
      if (!applies(s.tokens, entry, last)) continue;
      const voice = voiceOf(s.tokens, inClause, i);
      const p =
        voice === 'noun'
          ? {
              at: i,
              last,
              frame: entry.frame,
              voice,
              purpose: false,
              ...nounStage(entry.frame, s, clause),
            }
          : verbPredicate(s, inClause, { entry, last, i }, voice);
      if (p) out.push(p);
    }
  }
  return out;
}
