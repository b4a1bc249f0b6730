/**
 * Who a sentence says states its facts: "according to the WHO", "the ministry said", "KCNA
 * reported", "a source told…". Null when the article states the fact in its own voice.
 *
 * Examples: "According to the WHO, 40 cases were confirmed." → WHO (organisation);
 * "The health minister said 12 people had died." → the health minister (official);
 * "Two more deaths were reported, a source said." → a source (anonymous).
 */
import { organisationByName } from './gazetteer';
import type { Attribution } from '../facts/attribution';
import type { Sentence } from './nlp/document';
import type { Mention } from './nlp/mentions';

const SAY = new Set([
  'say',
  'report',
  'announce',
  'state',
  'tell',
  'add',
  'confirm',
  'note',
  'warn',
  'tweet',
  'disclose',
  'reveal',
  'claim',
  'declare',
]);
const OFFICIAL =
  /\b(?:minister|ministry|president|premier|spokes(?:man|woman|person)|official|officials|director|governor|secretary|representative|chief|head|department|authorities|government|commissioner|mayor|office)\b/i;
const ANONYMOUS =
  /\b(?:a source|sources|an? (?:unnamed|anonymous) (?:official|source)|insiders?)\b/i;

function kindOf(m: Mention): Attribution['kind'] {
  if (m.kind !== 'organisation') return m.via === 'government' ? 'official' : 'organisation';
  const org = organisationByName(m.name);
  if (org?.kind === 'state_media') return 'state_media';
  if (org?.kind === 'media') return 'media';
  return 'organisation';
}

/** The noun phrase a reporting verb's subject ends in, when no mention is there. */
function phraseBefore(s: Sentence, at: number): string | null {
  const words: string[] = [];
  for (let j = at - 1; j >= 0 && words.length < 5; j--) {
    const t = s.tokens[j]!;
    if (t.pos === 'AUX' || t.pos === 'ADV') continue;
    if (!['NOUN', 'PROPN', 'ADJ', 'DET', 'PART'].includes(t.pos)) break;
    words.unshift(t.text);
  }
  const phrase = words.join(' ').replace(/ (['’]s)/g, '$1');
  return phrase && OFFICIAL.test(phrase) ? phrase.replace(/^(?:the|a|an)\s+/i, '') : null;
}

function phraseAfter(s: Sentence, from: number): string | null {
  const words: string[] = [];
  for (let j = from; j < s.tokens.length && words.length < 6; j++) {
    const t = s.tokens[j]!;
    if (!['NOUN', 'PROPN', 'ADJ', 'DET', 'PART'].includes(t.pos)) break;
    words.push(t.text);
  }
  const phrase = words.join(' ').replace(/ (['’]s)/g, '$1');
  return phrase && (OFFICIAL.test(phrase) || ANONYMOUS.test(phrase))
    ? phrase.replace(/^(?:the|a|an)\s+/i, '')
    : null;
}

export function findAttribution(s: Sentence, mentions: Mention[]): Attribution | null {
  const tokens = s.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') {
      const m = mentions.find((x) => x.from >= i + 2 && x.from <= i + 4);
      if (m) return { by: m.name, kind: kindOf(m) };
      const phrase = phraseAfter(s, i + 2);
      if (phrase) return { by: phrase, kind: ANONYMOUS.test(phrase) ? 'anonymous' : 'official' };
    }
    if (t.pos !== 'VERB' || !SAY.has(t.lemma)) continue;
    const subject = [...mentions].reverse().find((m) => m.to <= i && m.to >= i - 3);
    const inverted = mentions.find((m) => m.from > i && m.from <= i + 2);
    const who = subject ?? inverted;
    if (who) return { by: who.name, kind: kindOf(who) };
    if (ANONYMOUS.test(s.text.slice(0, t.end - s.start)))
      return { by: 'a source', kind: 'anonymous' };
    const phrase = phraseBefore(s, i);
    if (phrase) return { by: phrase, kind: 'official' };
  }
  return null;
}
