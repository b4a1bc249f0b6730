/**
 * Re-extraction: after an extractor change, every stored article is extracted again from the
 * very object it was first recorded from; the decider appends a superseding extraction only
 * where the facts differ.
 */
import { evolve, initialState } from '../domain/article';
import { handleCommand } from './command-handler';
import { articleInputOf, storeText, textKeyOf, type IngestDeps } from './ingest';

export interface ReextractSummary {
  articles: number;
  superseded: number;
  unchanged: number;
  failed: { articleId: string; error: string }[];
}

async function streamIds(deps: IngestDeps): Promise<string[]> {
  const streams = new Set<string>();
  for (let cursor: string | null = null; ;) {
    const page = await deps.events.readAll(cursor, 500);
    for (const c of page.items) if (c.version === 1) streams.add(c.streamId);
    if (!(cursor = page.next)) return [...streams].sort();
  }
}

/** Whether the article was superseded, or null when it has no extraction to supersede. */
async function reextractOne(deps: IngestDeps, streamId: string): Promise<boolean | null> {
  const stream = await deps.events.readStream(streamId);
  const state = stream.commits.flatMap((c) => c.events).reduce(evolve, initialState());
  const latest = state.latest;
  if (!latest) return null;
  if (latest.extractorVersion === deps.extractor.version) return false;
  const { bucket, key, versionId } = latest.correlation;
  const object = await deps.objects.getObject(bucket, key, versionId);
  const article = await deps.extractor.prepare(articleInputOf(key, object));
  const articleId = stream.commits[0]!.articleId;
  const handled = await handleCommand(
    deps,
    { type: 'Reextract', articleId, article, textKey: textKeyOf(articleId) },
    (a) => deps.extractor.findFacts(a),
    storeText(deps.objects, bucket, article),
  );
  return handled.appended.length > 0;
}

export async function reextractAll(deps: IngestDeps): Promise<ReextractSummary> {
  const summary: ReextractSummary = { articles: 0, superseded: 0, unchanged: 0, failed: [] };
  for (const streamId of await streamIds(deps)) {
    try {
      const superseded = await reextractOne(deps, streamId);
      if (superseded === null) continue;
      summary.articles++;
      if (superseded) summary.superseded++;
      else summary.unchanged++;
    } catch (error) {
      summary.failed.push({
        articleId: streamId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return summary;
}
