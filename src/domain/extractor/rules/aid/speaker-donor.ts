/**
 * Who reports a delivery and names no giver is most often the giver: "WHO reported that an
 * aircraft carrying 67 tons of supplies has landed in Sana'a", "Japanese officials said 2.9
 * million doses would be delivered to Iran". Not when the speaker is the one receiving.
 */
import type { AidDraft, ClauseEvent } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { SAY, slotOf } from '../../nlp/slots';
import { defineRule } from '../rule';

const GIVING = new Set(['delivered', 'shipped', 'pledged', 'offered', 'discussed']);

/** The clause rule: who reports the clause's act, kept on the event for the flow rule below. */
export const speaker = defineRule<ClauseEvent, null>({
  name: 'speaker',
  summary: 'who says a clause reports what it does',
  examples: ['UNICEF said on Monday that 20 tonnes of supplies had arrived in Aden.'],
  counterexamples: ['UNICEF delivered 20 tonnes of supplies to Aden on Monday.'],
  apply(e) {
    // A speaker reporting a refusal or a request is not its giver.
    if (e.donors.length > 0 || !GIVING.has(e.stage ?? '') || e.predicates.length === 0) return e;
    const tokens = e.s.sentence.tokens;
    const say = e.clause.tokens.find((k) => tokens[k]!.pos === 'VERB' && SAY.has(tokens[k]!.lemma));
    if (say === undefined || e.predicates.every((p) => p.at < say)) return e;
    const found = e.s.mentions.find(
      (m) =>
        e.inClause.has(m.from) &&
        m.to <= say &&
        (m.kind === 'country' || m.kind === 'organisation') &&
        m.via !== 'demonym' &&
        slotOf(e.s.sentence, e.inClause, e.s.mentions, m).slot === 'subject',
    );
    return found ? { ...e, speaker: found } : e;
  },
});

export const speakerDonor = defineRule<AidDraft[], ArticleContext>({
  name: 'speaker-donor',
  summary: 'the one who reports a delivery that names no giver is its giver',
  examples: ['UNICEF said on Monday that 20 tonnes of supplies had arrived in Aden.'],
  counterexamples: ['Yemen said on Monday that 20 tonnes of supplies had arrived in Aden.'],
  apply(drafts, article) {
    return drafts.map((d) => {
      const who = d.event.speaker;
      if (d.donor || !who) return d;
      const receiving = [...d.event.recipients, ...d.event.places].some(
        (r) => r.name === who.name || r.country === who.name,
      );
      if (receiving || article.focus?.name === who.name) return d;
      return { ...d, donor: who, rules: [...d.rules, 'speaker-donor'] };
    });
  },
});
