/**
 * What remains a flow: a giver and a receiver that differ, at least one of them named in the
 * text, each (donor, recipient, stage, quantity) once per sentence.
 */
import type { AidDraft } from '../../aid/event';
import type { ArticleContext } from '../../context';
import { defineRule } from '../rule';

export const oneFlowEach = defineRule<AidDraft[], ArticleContext>({
  name: 'one-flow-each',
  summary: 'drop flows to oneself and flows naming neither party; keep each flow once per sentence',
  examples: ['Kenya sent doctors to Kenya.'],
  counterexamples: ['Kenya sent doctors to Uganda.'],
  apply(drafts) {
    const seen = new Set<string>();
    return drafts.filter((d) => {
      if (!d.recipient) return false;
      if (d.donor && d.donor.name === d.recipient.name) return false;
      // Refusing, asking and redirecting are acts of the recipient: "he turned down the vaccines".
      const recipientAct =
        d.status === 'rejected' || d.status === 'redirected' || d.status === 'requested';
      if (d.inferredRecipient && (!d.donor || d.inferredDonor) && !recipientAct) return false;
      const key = [
        d.donor?.name,
        d.recipient.name,
        d.status,
        d.quantity?.value,
        d.event.s.sentence.index,
      ].join('|');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
});
