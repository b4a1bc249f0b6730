/**
 * Who reports a delivery and names no giver is most often the giver: "WHO reported that an
 * aircraft carrying 67 tons of supplies has landed in Sana'a", "Japanese officials said 2.9
 * million doses would be delivered to Iran". Not when the speaker is the one receiving.
 */
import type { ClauseEvent } from '../../aid/event';
import { SAY, slotOf } from '../../nlp/slots';
import { defineRule } from '../rule';

const GIVING = new Set(['delivered', 'shipped', 'pledged', 'offered']);

export const speakerDonor = defineRule<ClauseEvent, null>({
  name: 'speaker-donor',
  summary: 'the one who reports a delivery that names no giver is its giver',
  examples: ['UNICEF said on Monday that 20 tonnes of supplies had arrived in Aden.'],
  counterexamples: ['Yemen said on Monday that 20 tonnes of supplies had arrived in Aden.'],
  apply(e) {
    // A speaker reporting a refusal or a request is not its giver.
    if (e.donors.length > 0 || !GIVING.has(e.stage ?? '') || e.predicates.length === 0) return e;
    const tokens = e.s.sentence.tokens;
    const say = e.clause.tokens.find((k) => tokens[k]!.pos === 'VERB' && SAY.has(tokens[k]!.lemma));
    if (say === undefined || e.predicates.every((p) => p.at < say)) return e;
    const speaker = e.s.mentions.find(
      (m) =>
        e.inClause.has(m.from) &&
        m.to <= say &&
        (m.kind === 'country' || m.kind === 'organisation') &&
        m.via !== 'demonym' &&
        slotOf(e.s.sentence, e.inClause, e.s.mentions, m).slot === 'subject',
    );
    if (!speaker) return e;
    const receiving = [...e.recipients, ...e.places].some((r) => r.name === speaker.name || r.country === speaker.name);
    const focus = e.article.focus?.name === speaker.name;
    if (receiving || focus) return e;
    return { ...e, donors: [speaker], rules: [...e.rules, 'speaker-donor'] };
  },
});
