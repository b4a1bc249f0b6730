/**
 * What every fact kind's assembler shares: the articles an entry stands on (each once, with all
 * its sentences), which of them are rewrites of one story, a confidence that rises with
 * independent reports only, stable entry ids, and the code-point order that makes views sort the
 * same on every machine.
 */
import * as z from 'zod';
import { REWRITE_SIMILARITY, similarity } from '../fingerprint';
import { sha256 } from '../ids';
import { lazy } from '../lazy';
import { yearOf } from '../partial-date';
import { sourceSchema, type Contribution, type Source } from './model';

/** Code-point order, not the locale's: views must sort the same on every machine, and undated ("~~") last. */
export const codePointOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical order of contributions, so any delivery order gives the same bytes. */
export const byIdentity = (a: Contribution, b: Contribution): number =>
  codePointOrder(a.articleId, b.articleId) || a.factIndex - b.factIndex;

export const entryId = (...parts: string[]): string => sha256(parts.join('\u001f')).slice(0, 16);

/** Names compared as group keys: case and spacing do not make two facts different. */
export const normName = (s: string | null): string =>
  (s ?? '-').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * A fact that many articles report would otherwise carry every source, and its group item would
 * outgrow DynamoDB's 400 KB limit (bench:load hit it at a few hundred sources). Entries keep the
 * most confident sources, in article order, and say how many there are in all.
 */
const MAX_SOURCES_PER_ENTRY = 25;
/** An article that states one fact in many sentences keeps the first of them. */
const MAX_EVIDENCE_PER_SOURCE = 5;

/** The provenance fields every entry carries. */
export const sourcedFields = lazy(() => ({
  confidence: z.number().meta({
    description: 'corroborated confidence of the entry, 0–1; rewrites of one story count once',
  }),
  sourceCount: z.number().int().meta({
    description: 'how many articles report it; `sources` holds the most confident of them',
  }),
  independentSources: z.number().int().meta({
    description: 'how many of those articles are independent reports, not rewrites of another',
  }),
  sources: z.array(sourceSchema()),
  updatedAt: z.string().meta({
    description: 'when the newest extraction this entry stands on was recorded',
  }),
}));

export interface Sourced {
  confidence: number;
  sourceCount: number;
  independentSources: number;
  sources: Source[];
  updatedAt: string;
}

/** Each article once, with every sentence in which it states the fact, in text order. */
function articlesOf(contributions: Contribution[]): Source[] {
  const byArticle = new Map<string, { source: Source; fingerprint: string | null }>();
  for (const c of contributions) {
    const s = c.statement;
    const known = byArticle.get(c.articleId);
    if (!known) {
      byArticle.set(c.articleId, {
        fingerprint: c.fingerprint,
        source: {
          articleId: s.articleId,
          title: s.title,
          url: s.url,
          publishedAt: s.publishedAt,
          evidence: [s.evidence],
          confidence: s.confidence,
          attribution: s.attribution,
          rewriteOf: null,
        },
      });
      continue;
    }
    const source = known.source;
    if (!source.evidence.some((e) => e.start === s.evidence.start && e.end === s.evidence.end))
      source.evidence.push(s.evidence);
    source.confidence = Math.max(source.confidence, s.confidence);
    source.attribution ??= s.attribution;
  }
  const fingerprints = new Map([...byArticle].map(([id, a]) => [id, a.fingerprint]));
  const sources = [...byArticle.values()].map(({ source }) => ({
    ...source,
    evidence: source.evidence
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .slice(0, MAX_EVIDENCE_PER_SOURCE),
  }));
  return markRewrites(sources, fingerprints);
}

/** Published first, then by id: the order in which a story's versions are told apart. */
const firstPublished = (a: Source, b: Source): number =>
  codePointOrder(a.publishedAt ?? '~', b.publishedAt ?? '~') ||
  codePointOrder(a.articleId, b.articleId);

/**
 * Articles whose texts are near-duplicates tell one story: each article is marked as a rewrite
 * of the first-published article of its story (stories are the connected groups of
 * near-duplicate pairs, so the marking does not depend on the order articles arrived in).
 */
function markRewrites(sources: Source[], fingerprints: Map<string, string | null>): Source[] {
  const ordered = [...sources].sort(firstPublished);
  const story = new Map(ordered.map((s) => [s.articleId, s.articleId]));
  const root = (id: string): string => {
    let r = id;
    while (story.get(r) !== r) r = story.get(r)!;
    return r;
  };
  ordered.forEach((a, i) => {
    const fa = fingerprints.get(a.articleId);
    if (!fa) return;
    for (const b of ordered.slice(0, i)) {
      const fb = fingerprints.get(b.articleId);
      if (fb && similarity(fa, fb) >= REWRITE_SIMILARITY) {
        const [ra, rb] = [root(a.articleId), root(b.articleId)];
        // The story keeps its first-published article as its root.
        const [keep, join] =
          firstPublished(byId(ordered, ra), byId(ordered, rb)) <= 0 ? [ra, rb] : [rb, ra];
        story.set(join, keep);
      }
    }
  });
  return sources.map((s) => {
    const r = root(s.articleId);
    return r === s.articleId ? s : { ...s, rewriteOf: r };
  });
}

const byId = (sources: Source[], id: string): Source => sources.find((s) => s.articleId === id)!;

/** Independent stories each make a fact more likely: 1 - Π(1 - cᵢ) over stories, rounded. */
function corroborated(sources: Source[]): number {
  const stories = new Map<string, number>();
  for (const s of sources) {
    const story = s.rewriteOf ?? s.articleId;
    stories.set(story, Math.max(stories.get(story) ?? 0, s.confidence));
  }
  const p = [...stories.values()].reduce((acc, c) => acc * (1 - c), 1);
  return Math.round((1 - p) * 1000) / 1000;
}

function strongest(sources: Source[], max: number): Source[] {
  if (sources.length <= max) return sources;
  const keep = new Set(
    [...sources]
      .sort((a, b) => b.confidence - a.confidence || codePointOrder(a.articleId, b.articleId))
      .slice(0, max),
  );
  return sources.filter((s) => keep.has(s));
}

/** The provenance of an entry assembled from these contributions. */
export function sourcedBy(contributions: Contribution[]): Sourced {
  const sources = articlesOf(contributions).sort(firstPublished);
  return {
    confidence: corroborated(sources),
    sourceCount: sources.length,
    independentSources: sources.filter((s) => s.rewriteOf === null).length,
    sources: strongest(sources, MAX_SOURCES_PER_ENTRY),
    updatedAt: contributions.map((c) => c.recordedAt).reduce((a, b) => (b > a ? b : a), ''),
  };
}

/**
 * Splits a group by the year its dated contributions give. Year-less ones take the year of
 * their corroborating dated contributions when those agree on one; otherwise they stay year-less.
 */
export function byYear<C>(
  contributions: C[],
  dateOf: (c: C) => string | null,
): Map<string | null, C[]> {
  const years = [
    ...new Set(contributions.map((c) => yearOf(dateOf(c))).filter((y): y is string => y !== null)),
  ].sort();
  const only = years.length === 1 ? years[0]! : null;
  const parts = new Map<string | null, C[]>();
  for (const c of contributions) {
    const year = yearOf(dateOf(c)) ?? only;
    parts.set(year, [...(parts.get(year) ?? []), c]);
  }
  return parts;
}

/** The value most contributions give; ties go to the earlier one in `order`. */
export function mostCommon<T extends string>(values: T[], order: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]),
  )[0]![0];
}

/** The earliest publication date among the sources: when the entry was first reported. */
export const reportedAtOf = (sources: { publishedAt: string | null }[]): string | null =>
  sources
    .map((s) => s.publishedAt)
    .filter((d): d is string => d !== null && /^\d{4}/.test(d))
    .reduce<string | null>((a, b) => (a === null || b < a ? b : a), null);
