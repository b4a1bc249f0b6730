/**
 * The extractor run in the caller's own thread: what a Lambda does, since Lambda gives each
 * invocation an execution environment of its own, and what tests use. The local stack, where
 * many invocations share one event loop, runs it in worker threads instead (local/).
 */
import type { Extractor } from '../app/ports';
import { EXTRACTOR_VERSION, findFacts, prepareArticle } from '../domain/extractor';

export const inProcessExtractor: Extractor = {
  version: EXTRACTOR_VERSION,
  prepare: async (input) => prepareArticle(input),
  findFacts: async (article) => findFacts(article),
};
