/**
 * Decider specifications in Emmett's given/when/then shape: given the events an article already
 * has, when a command arrives, then exactly these events (whole, not only their types) are decided.
 */
import { expect } from 'vitest';
import { decide, evolve, initialState, type ArticleCommand } from '../../src/domain/article';
import type { NewEvent } from '../../src/domain/events';

export function given(...history: NewEvent[][]) {
  const state = history.flat().reduce(evolve, initialState());
  return {
    when(command: ArticleCommand) {
      const decided = () => decide(command, state);
      return {
        then(expected: NewEvent[]): void {
          expect(decided()).toEqual(expected);
        },
        thenNothing(): void {
          expect(decided()).toEqual([]);
        },
        /** For assertions on the decided events beyond equality. */
        decided,
      };
    },
  };
}
