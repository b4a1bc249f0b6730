/**
 * The article decider, in the shape Emmett gives deciders: a state folded from the article's
 * events (`initialState`, `evolve`) and a pure `decide(command, state)` that says which events
 * to append. Fact finding is expensive, so a command carries it as a function the decider calls
 * only on the path that records an extraction: a redelivered upload never pays for it.
 */
import type { Correlation, ExtractionRef, NewEvent } from './events';
import type { ArticleFacts, PreparedArticle, RejectedArticle } from './extractor/types';
import { FACT_KINDS } from './facts';
import { admitFacts, contributionKeysBytes, MAX_CONTRIBUTION_KEYS_BYTES } from './admission';
import { fingerprintOf } from './fingerprint';
import type { RejectionCode } from './rejections';
import { extractionIdOf, sha256 } from './ids';

/** The uploaded object a command is about, as S3 and the upload describe it. */
export interface UploadReceipt {
  correlation: Correlation;
  fileName: string;
  contentType: string | null;
  size: number;
  /** SHA-256 of the raw bytes. */
  contentSha256: string;
  receivedAt: string;
}

/** An object was uploaded: record it, and the article it holds unless that is already known. */
export interface RecordUpload {
  type: 'RecordUpload';
  /** The hash of the normalised text, or of the key and bytes of an upload that has none. */
  articleId: string;
  upload: UploadReceipt;
  article: PreparedArticle | RejectedArticle;
  /** Where the article's normalised text is stored, which evidence offsets point into. */
  textKey: string;
  findFacts: () => ArticleFacts;
}

/** The extractor has changed: extract the stored article again and keep the result if it differs. */
export interface Reextract {
  type: 'Reextract';
  articleId: string;
  article: PreparedArticle | RejectedArticle;
  textKey: string;
  findFacts: () => ArticleFacts;
}

export type ArticleCommand = RecordUpload | Reextract;

/** The latest extraction, with what decides whether a new one says anything different. */
interface LatestExtraction {
  extraction: ExtractionRef;
  extractorVersion: string;
  correlation: Correlation;
  fileName: string;
  receivedAt: string;
  /** The article-level fields and the facts of that extraction, in order: what a new one is compared with. */
  content: unknown[];
}

export interface ArticleState {
  /** The objects already recorded, so a redelivered S3 event appends nothing. */
  receipts: string[];
  outcome: 'none' | 'extracted' | 'rejected';
  latest: LatestExtraction | null;
}

export const initialState = (): ArticleState => ({ receipts: [], outcome: 'none', latest: null });

const objectId = (c: Correlation): string => `${c.bucket}\u001f${c.key}\u001f${c.versionId ?? ''}`;

/** What an extraction says, independent of where and when it was recorded. */
const articleContent = (data: {
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  format: string;
  language: string;
}): unknown => [data.title, data.url, data.publishedAt, data.format, data.language];
const factContent = (e: NewEvent): unknown =>
  'factIndex' in e ? [e.type, e.data, e.evidence, e.confidence] : null;

export function evolve(state: ArticleState, event: NewEvent): ArticleState {
  switch (event.type) {
    case 'ArticleReceived':
      return { ...state, receipts: [...state.receipts, objectId(event.correlation)] };
    case 'ArticleRejected':
      return state.outcome === 'none' ? { ...state, outcome: 'rejected' } : state;
    case 'ArticleExtracted': {
      if (state.latest && state.latest.extraction.seq >= event.extraction.seq) return state;
      return {
        ...state,
        outcome: 'extracted',
        latest: {
          extraction: event.extraction,
          extractorVersion: event.extractorVersion,
          correlation: event.correlation,
          fileName: event.data.fileName,
          receivedAt: event.data.receivedAt,
          content: [articleContent(event.data)],
        },
      };
    }
    case 'ExtractionSuperseded':
      return state;
    default: {
      const latest = state.latest;
      if (!latest || !('extraction' in event) || event.extraction.id !== latest.extraction.id)
        return state;
      return { ...state, latest: { ...latest, content: [...latest.content, factContent(event)] } };
    }
  }
}

export function decide(command: ArticleCommand, state: ArticleState): NewEvent[] {
  return command.type === 'RecordUpload'
    ? decideUpload(command, state)
    : decideReextract(command, state);
}

/** A redelivered upload appends nothing; the same text under another key is recorded, not re-extracted. */
function decideUpload(command: RecordUpload, state: ArticleState): NewEvent[] {
  const { upload, article } = command;
  if (state.receipts.includes(objectId(upload.correlation))) return [];
  const received: NewEvent = {
    type: 'ArticleReceived',
    schemaVersion: 1,
    extractorVersion: article.extractorVersion,
    correlation: upload.correlation,
    data: {
      fileName: upload.fileName,
      contentType: upload.contentType,
      size: upload.size,
      contentSha256: upload.contentSha256,
    },
  };
  if (state.outcome !== 'none') return [received];
  const rejected = (reason: RejectionCode, detail: string): NewEvent => ({
    type: 'ArticleRejected',
    schemaVersion: 1,
    extractorVersion: article.extractorVersion,
    correlation: upload.correlation,
    data: { fileName: upload.fileName, reason, detail },
  });
  if (article.kind === 'rejected') return [received, rejected(article.reason, article.detail)];
  const extraction = { id: extractionIdOf(command.articleId, 1), seq: 1 };
  const events = extractionEvents(command.articleId, article, command.findFacts(), {
    extraction,
    correlation: upload.correlation,
    fileName: upload.fileName,
    receivedAt: upload.receivedAt,
    textKey: command.textKey,
  });
  if ('tooManyFacts' in events) return [received, rejected('too_many_facts', events.tooManyFacts)];
  return [received, ...events];
}

/**
 * A new extractor supersedes the latest extraction only when it says something different: the
 * same extractor version is not run at all, and one whose facts are unchanged appends nothing.
 */
function decideReextract(command: Reextract, state: ArticleState): NewEvent[] {
  const { latest } = state;
  const { article } = command;
  if (!latest || article.kind === 'rejected') return [];
  if (latest.extractorVersion === article.extractorVersion) return [];
  const seq = latest.extraction.seq + 1;
  const next: ExtractionRef = { id: extractionIdOf(command.articleId, seq), seq };
  const proposed = extractionEvents(command.articleId, article, command.findFacts(), {
    extraction: next,
    correlation: latest.correlation,
    fileName: latest.fileName,
    receivedAt: latest.receivedAt,
    textKey: command.textKey,
  });
  // An extraction too large for the views cannot replace the one shown.
  if ('tooManyFacts' in proposed) return [];
  if (digest(contentOf(proposed)) === digest(latest.content)) return [];
  return [
    {
      type: 'ExtractionSuperseded',
      schemaVersion: 1,
      extractorVersion: article.extractorVersion,
      correlation: latest.correlation,
      data: {
        superseded: latest.extraction,
        supersededBy: next,
        previousExtractorVersion: latest.extractorVersion,
      },
    },
    ...proposed,
  ];
}

const digest = (content: unknown[]): string => sha256(JSON.stringify(content));

function contentOf(events: NewEvent[]): unknown[] {
  const folded = events.reduce(evolve, { ...initialState() });
  return folded.latest?.content ?? [];
}

interface ExtractionContext {
  extraction: ExtractionRef;
  correlation: Correlation;
  fileName: string;
  receivedAt: string;
  textKey: string;
}

/**
 * The events of one extraction, of the facts the store admits (src/domain/admission.ts); or why
 * the extraction cannot be stored at all.
 */
function extractionEvents(
  articleId: string,
  article: PreparedArticle,
  found: ArticleFacts,
  context: ExtractionContext,
): NewEvent[] | { tooManyFacts: string } {
  const { facts, warnings } = admitFacts(found);
  const keyBytes = contributionKeysBytes(articleId, facts, article.publishedAt);
  if (keyBytes > MAX_CONTRIBUTION_KEYS_BYTES) {
    const count = FACT_KINDS.reduce((n, kind) => n + facts[kind.key].length, 0);
    const kb = (bytes: number) => Math.round(bytes / 1024);
    return {
      tooManyFacts: `the article yields ${count} facts, whose entries in the views would take ${kb(keyBytes)} KB, more than one article may hold (${kb(MAX_CONTRIBUTION_KEYS_BYTES)} KB); split it into smaller articles`,
    };
  }
  const common = {
    extractorVersion: article.extractorVersion,
    correlation: context.correlation,
    extraction: context.extraction,
  };
  let factIndex = 0;
  const factEvents = FACT_KINDS.flatMap((kind) =>
    facts[kind.key].map(
      ({ evidence, confidence, ...data }) =>
        ({
          type: kind.eventType,
          schemaVersion: kind.schemaVersion,
          ...common,
          factIndex: factIndex++,
          evidence,
          confidence,
          data,
        }) as NewEvent,
    ),
  );
  return [
    {
      type: 'ArticleExtracted',
      schemaVersion: 3,
      ...common,
      data: {
        fileName: context.fileName,
        receivedAt: context.receivedAt,
        title: article.title,
        url: article.url,
        publishedAt: article.publishedAt,
        format: article.format,
        language: article.language,
        textLength: article.text.length,
        textKey: context.textKey,
        counts: Object.fromEntries(FACT_KINDS.map((kind) => [kind.key, facts[kind.key].length])),
        fingerprint: fingerprintOf(article.text),
        warnings: [...article.warnings, ...warnings],
      },
    },
    ...factEvents,
  ];
}
