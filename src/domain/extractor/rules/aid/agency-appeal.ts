/**
 * An agency that appeals or asks for aid does so for the country it works in: "The World Health
 * Organization warned of a second disaster and appealed for $81.5 million" is the WHO asking on
 * Pakistan's behalf, the WHO the channel of what comes.
 */
import type { ClauseEvent } from '../../aid/event';
import { defineRule } from '../rule';

export const agencyAppeal = defineRule<ClauseEvent, null>({
  name: 'agency-appeal',
  summary: 'an organisation asking for aid asks for the country it works in',
  examples: [
    'Floods have displaced thousands in Chad. UNICEF appealed for $12 million to fund its response.',
  ],
  counterexamples: ['Chad appealed to UNICEF for $12 million.'],
  apply(e) {
    if (e.stage !== 'requested') return e;
    const agencies = e.recipients.filter((r) => r.kind === 'organisation' && r.via === 'name');
    if (agencies.length === 0) return e;
    return {
      ...e,
      recipients: e.recipients.filter((r) => !agencies.includes(r)),
      donors: [...e.donors, ...agencies.filter((a) => !e.donors.some((d) => d.name === a.name))],
      rules: [...e.rules, 'agency-appeal'],
    };
  },
});
