/**
 * When a clause names no donor, the organisation the aid went through ("through the COVAX
 * Facility") or whose support brought it ("with the support of PAHO") stands in for one; where a
 * donor is named, they are channels and backers only.
 */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

/**
 * "UNICEF, which procures vaccines on behalf of the COVAX programme, said…": whoever the sentence
 * says an actor works for is the principal of what it reports.
 */
function principals(e: ClauseEvent): ClauseEvent['donors'] {
  const tokens = e.s.sentence.tokens;
  return e.s.mentions.filter(
    (m) =>
      m.kind === 'organisation' &&
      (tokens[m.from - 1]?.lower === 'of' ||
        (tokens[m.from - 1]?.pos === 'DET' && tokens[m.from - 2]?.lower === 'of')) &&
      tokens.slice(Math.max(0, m.from - 4), m.from).some((t) => t.lower === 'behalf'),
  );
}

export const fallbackDonor = defineRule<ClauseEvent, null>({
  name: 'fallback-donor',
  summary: 'a channel or backer is the donor when the clause names no other',
  examples: [
    'With the support of UNICEF, Chad received 300,000 doses of measles vaccine.',
    'UNICEF, which buys vaccines on behalf of Gavi, said 40,000 doses had been sent to Chad.',
    'Kenya received 1.02 million doses through the COVAX Facility.',
  ],
  counterexamples: ['The doses were donated by Canada through the COVAX Facility.'],
  apply(e) {
    if (e.donors.length > 0) return e;
    // "with support of UNICEF procurement channel under the COVAX facility": the scheme it came under gives.
    const stand =
      e.channels.length > 0 ? e.channels : e.backers.length > 0 ? e.backers : principals(e);
    if (stand.length === 0) return e;
    return { ...e, donors: stand, rules: [...e.rules, 'fallback-donor'] };
  },
});
