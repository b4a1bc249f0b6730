/**
 * One name, many spellings: the read models key countries by their ISO 3166-1 alpha-3 code and
 * organisations by their canonical name, through the same gazetteer the extractor tags text with,
 * so a filter given "DPRK", "PRK" or "North Korea" reads the same index partition.
 */
import * as z from 'zod';
import { placeByName, resolveName, type Canonical } from '../extractor/gazetteer';
import { diseaseOf } from '../extractor/lexicon/diseases';

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The key a name is indexed under: a country's code, otherwise the canonical name, folded. */
function keyOf(entity: Canonical): string {
  return entity.type === 'place' && entity.kind === 'country' && entity.countryCode
    ? entity.countryCode
    : fold(entity.name);
}

/** The entity a name written by the extractor stands for: its exact canonical name first. */
function canonical(name: string): Canonical | null {
  const { matches } = resolveName(name);
  return matches.find((m) => m.name === name) ?? matches[0] ?? null;
}

/** Index key of a name as facts carry it. */
export const nameKey = (name: string | null): string | null =>
  name === null
    ? null
    : (() => {
        const entity = canonical(name);
        return entity ? keyOf(entity) : fold(name);
      })();

/** ISO alpha-3 when the name is a country; null for organisations, regions and places within. */
export function countryCodeOf(name: string | null): string | null {
  if (name === null) return null;
  const entity = canonical(name);
  return entity?.type === 'place' && entity.kind === 'country' ? entity.countryCode : null;
}

/** Where a named place is: its country and a point, when the gazetteer knows it. */
export function placeOf(name: string | null) {
  if (name === null) return null;
  const entity = canonical(name);
  return entity?.type === 'place' ? entity : name ? placeByName(name) : null;
}

export interface NameFilter {
  /** What the user typed. */
  query: string;
  /** The entity it resolves to. */
  entity: Canonical | null;
  /** The index key to read. */
  key: string;
}

/**
 * A name parameter: resolves to one entity, or fails naming the candidates when the name is
 * ambiguous ("Congo"). A name the gazetteer does not know is matched as written.
 */
export const nameParam = (description: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'at most 200 characters')
    .transform((query, ctx): NameFilter => {
      const { matches } = resolveName(query);
      const exact = matches.filter((m) => fold(m.name) === fold(query));
      const chosen = exact.length === 1 ? exact : matches;
      if (chosen.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `ambiguous: could mean ${chosen.map((m) => m.name).join(' or ')}; use one of those or an ISO code`,
        });
        return z.NEVER;
      }
      const entity = chosen[0] ?? null;
      return { query, entity, key: entity ? keyOf(entity) : fold(query) };
    })
    .meta({ description });

/** A disease parameter: any word reports use for it ("coronavirus", "monkeypox") means the disease. */
export const diseaseParam = (description: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(60, 'at most 60 characters')
    .transform((query) => diseaseOf(query.toLowerCase()) ?? query.toLowerCase())
    .meta({ description });
