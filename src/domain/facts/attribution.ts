/**
 * Who an article says states a fact: an organisation ("WHO said"), an official or their office
 * ("the health minister", "the ministry"), state media ("KCNA reported"), other media, or an
 * unnamed source. Null when the article states the fact in its own voice.
 */
import * as z from 'zod';
import { lazy } from '../lazy';

const ATTRIBUTION_KINDS = [
  'organisation',
  'official',
  'state_media',
  'media',
  'anonymous',
] as const;

export const attributionSchema = lazy(() =>
  z
    .object({
      /** The canonical name: "WHO", "Ministry of Health", "KCNA", "a source". */
      by: z.string(),
      kind: z.enum(ATTRIBUTION_KINDS),
    })
    .meta({ id: 'Attribution' }),
);
export type Attribution = z.infer<ReturnType<typeof attributionSchema>>;
