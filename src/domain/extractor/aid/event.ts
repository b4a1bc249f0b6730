/**
 * What one clause says about aid, before it becomes flows: its stage, the mentions in each role,
 * the items and quantity, and the names of the rules that shaped it.
 */
import type { AidStatus } from '../../facts/aid-flow';
import type { ArticleContext, SentenceContext } from '../context';
import type { Clause } from '../nlp/clauses';
import type { Mention } from '../nlp/mentions';
import type { Quantity } from '../types';
import type { Predicate } from './predicates';

export interface ClauseEvent {
  article: ArticleContext;
  s: SentenceContext;
  clause: Clause;
  /** The clause's token indices, for membership tests. */
  inClause: Set<number>;
  /** Subjects of the clause before, for a clause that has none ("…and promised to help"). */
  carried: Mention[];
  /** The clause before spoke of the future ("will strengthen …, and provide support"). */
  carriedFuture: boolean;
  /** What the clause before gave, for "…and is in the process of sending more". */
  carriedItems: string[];
  /** What the article's last clause about aid gave, for a pronoun ("will fly them in"). */
  earlierItems: string[];
  predicates: Predicate[];
  stage: AidStatus | null;
  donors: Mention[];
  recipients: Mention[];
  /** Places the aid went to or through ("arrived in Beira"). */
  places: Mention[];
  /** Organisations the aid went through ("through COVAX"). */
  channels: Mention[];
  /** Places it passed through ("via Panama", "through the Bab al-Hawa crossing"). */
  routes: Mention[];
  /** Those "with the support of" whom the aid came. */
  backers: Mention[];
  /** Mentions in the clause's subject position, for the clause after. */
  subjects: Mention[];
  items: string[];
  quantity: Quantity | null;
  /** Token index of each number that counts aid, with its quantity, for lists. */
  quantities: { at: number; quantity: Quantity }[];
  /** Whether the clause is about aid at all: a word of aid, an item, money. */
  aid: boolean;
  /**
   * The clause names a party it does not identify ("to many countries", "an offer from a private
   * clinic network", "negotiating with manufacturers"): nothing may be inferred for that role.
   */
  unnamed: { donor: boolean; recipient: boolean };
  /** Who the clause says reports it ("WHO reported that …"), for a flow that names no giver. */
  speaker: Mention | null;
  /** Events the clause states besides its main one: "after talks with X", "at the request of Y". */
  side: ClauseEvent[];
  rules: string[];
}

/** A flow found in the text, before it is resolved into the fact the article states. */
export interface AidDraft {
  donor: Mention | null;
  recipient: Mention | null;
  status: AidStatus;
  items: string[];
  quantity: Quantity | null;
  route: string[];
  event: ClauseEvent;
  /** Filled from the article rather than the clause. */
  inferredDonor: boolean;
  inferredRecipient: boolean;
  rules: string[];
}
