/**
 * A budget of work for finding one article's facts (issue 14, item 2), counted in steps rather
 * than time, so that an article is within it or not on any machine: a step for each word read
 * (by the analysis, then by the clause rules), STEPS_PER_CANDIDATE for each candidate fact
 * weighed (a number that may be a count, a flow between a giver and a receiver, a date), which
 * passes through a dozen rules and, kept, through the events, the commit and the views.
 *
 * Nothing in fact finding reads more than a bounded window for each word any more (sentences
 * and words are cut to bounded lengths; the rules over the whole article look facts up), so the
 * budget guards against what multiplies rather than what rescans: clauses naming dozens of
 * givers and dozens of receivers make a flow for each pair, a thousand from one sentence (a
 * megabyte of them: 590,000 flows). Such an article ends as a too_complex rejection that says
 * why, rather than as events too many to store or, were it slower, a timeout that sends it to
 * the dead-letter queue.
 */
import { TooComplexError } from '../errors';

/**
 * Steps allowed per token of the text. The dev articles, the seeds, the samples and the
 * benchmark's synthetic articles take 3.4 at most; the shapes of bench/pathological.ts up to 11,
 * bar clauses naming forty givers and forty receivers, 34.
 */
const STEPS_PER_TOKEN = 20;
const STEPS_PER_CANDIDATE = 10;
/** Every article may take this many, however short. */
const FLOOR = 50_000;

export class WorkBudget {
  private spent = 0;
  readonly limit: number;

  constructor(tokens: number, stepsPerToken = STEPS_PER_TOKEN) {
    this.limit = FLOOR + stepsPerToken * tokens;
  }

  /** Words read. */
  read(tokens: number): void {
    this.spend(tokens);
  }

  /** Candidate facts weighed. */
  weigh(candidates: number): void {
    this.spend(candidates * STEPS_PER_CANDIDATE);
  }

  get used(): number {
    return this.spent;
  }

  private spend(steps: number): void {
    this.spent += steps;
    if (this.spent > this.limit)
      throw new TooComplexError(
        `finding the article's facts takes more than ${this.limit.toLocaleString('en')} steps of work, the budget for its length: its text multiplies candidate facts (such as clauses naming dozens of givers and dozens of receivers, a flow for each pair); split or simplify it`,
      );
  }
}
