/**
 * The extractor, for the functions that extract (ingest, re-extract, redrive). A module of its
 * own so that the others never load the language model: it is most of a bundle's size and init.
 */
import { inProcessExtractor } from '../../adapters/in-process-extractor';
import type { Extractor } from '../../app/ports';

export const extractor: Extractor = inProcessExtractor;
