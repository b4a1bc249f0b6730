/**
 * When a clause names no donor, the organisation the aid went through ("through the COVAX
 * Facility") or whose support brought it ("with the support of PAHO") stands in for one; where a
 * donor is named, they are channels and backers only.
 */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

export const fallbackDonor = defineRule<ClauseEvent, null>({
  name: 'fallback-donor',
  summary: 'a channel or backer is the donor when the clause names no other',
  examples: [
    'With the support of UNICEF, Chad received 300,000 doses of measles vaccine.',
    'Kenya received 1.02 million doses through the COVAX Facility.',
  ],
  counterexamples: ['The doses were donated by Canada through the COVAX Facility.'],
  apply(e) {
    if (e.donors.length > 0) return e;
    // "with support of UNICEF procurement channel under the COVAX facility": the scheme it came under gives.
    const stand = e.channels.length > 0 ? e.channels : e.backers;
    if (stand.length === 0) return e;
    return { ...e, donors: stand, rules: [...e.rules, 'fallback-donor'] };
  },
});
