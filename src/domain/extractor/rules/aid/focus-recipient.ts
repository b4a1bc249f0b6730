/**
 * A flow whose clause names no recipient goes to the country the article is about: "The
 * vaccines were financed by Gavi" in a report on Mozambique's campaign went to Mozambique.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import type { Mention } from '../../nlp/mentions';
import { defineRule } from '../rule';

/** "the Central Committee of the ruling party requested assistance": a state body of no named country is the country's. */
const STATE_BODIES =
  /\b(?:committee|ministry|department|council|parliament|assembly|cabinet|presidency|politburo)$/i;
const stateBody = (m: Mention) =>
  m.kind === 'organisation' && m.via === 'guess' && STATE_BODIES.test(m.name);

export const focusRecipient = defineRule<AidDraft[], ArticleContext>({
  name: 'focus-recipient',
  summary: 'a flow with no recipient in its clause goes to the country the article is about',
  examples: [
    'Cholera has spread across Zambia since October. The vaccines were financed by Gavi and arrived on Monday.',
  ],
  counterexamples: [],
  apply(drafts, article) {
    const focus = article.focus;
    if (!focus) return drafts;
    return drafts.map((d) =>
      (d.recipient && !stateBody(d.recipient)) ||
      d.donor?.name === focus.name ||
      d.event.unnamed.recipient
        ? d
        : {
            ...d,
            recipient: {
              kind: 'country',
              name: focus.name,
              country: focus.country,
              via: 'name',
              from: -1,
              to: -1,
              possessive: false,
            },
            inferredRecipient: true,
            rules: [...d.rules, 'focus-recipient'],
          },
    );
  },
});
