/**
 * The article decider, in the shape Emmett gives deciders: a state folded from the article's
 * events (`initialState`, `evolve`) and a pure `decide(command, state)` that says which events
 * to append. Fact finding is expensive, so a command carries it as a function the decider calls
 * only on the paths that record an extraction: a redelivered upload never pays for it.
 *
 * What the views show of an article is a sequence of outcomes, each numbered (`seq`): its first
 * extraction or rejection, each re-extraction, a metadata correction (which extracts again, since
 * the publication date dates the facts), its withdrawal when every upload of it is removed from
 * the bucket, and its reinstatement when one comes back. The latest outcome is what is shown.
 */
import { extractionEvents, type ExtractionContext } from './article-extraction';
import type { Correlation, ExtractionRef, NewEvent } from './events';
import type { ArticleFacts, PreparedArticle, RejectedArticle } from './extractor/types';
import { extractionIdOf, sha256 } from './ids';
import type { RejectionCode } from './rejections';

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

/** The facts of the article as the decider settles it: its metadata dates them. */
type FindFacts = (article: PreparedArticle) => ArticleFacts;

/** An object was uploaded: record it, and the article it holds unless that is already known. */
export interface RecordUpload {
  type: 'RecordUpload';
  /** The hash of the normalised text, or of the key and bytes of an upload that has none. */
  articleId: string;
  upload: UploadReceipt;
  article: PreparedArticle | RejectedArticle;
  /** Where the article's normalised text is stored, which evidence offsets point into. */
  textKey: string;
  /** False when the key was deleted before the upload was recorded: it is recorded as removed. */
  present: boolean;
  findFacts: FindFacts;
}

/** The extractor has changed: extract the stored article again and keep the result if it differs. */
export interface Reextract {
  type: 'Reextract';
  articleId: string;
  article: PreparedArticle | RejectedArticle;
  textKey: string;
  findFacts: FindFacts;
}

/**
 * S3 says what became of a key: its object was removed (a delete marker) or is back. The uploads
 * of the article under that key stop, or start again, to count; an article none of whose uploads
 * counts leaves the views, and one that gets one back returns.
 */
interface ReconcileObject {
  type: 'ReconcileObject';
  articleId: string;
  object: { bucket: string; key: string };
  present: boolean;
  /** When this is known: the time a first outcome recorded now is received at. */
  at: string;
  article: PreparedArticle | RejectedArticle;
  textKey: string;
  findFacts: FindFacts;
}

export type ArticleCommand = RecordUpload | Reextract | ReconcileObject;

type Metadata = { title: string | null; url: string | null; publishedAt: string | null };
const FIELDS = ['title', 'url', 'publishedAt'] as const;

/** The latest extraction, with what decides whether a new one says anything different. */
interface LatestExtraction {
  extraction: ExtractionRef;
  extractorVersion: string;
  correlation: Correlation;
  fileName: string;
  receivedAt: string;
  metadata: Metadata;
  /** The article-level fields and the facts of that extraction, in order: what a new one is compared with. */
  content: unknown[];
}

interface Receipt {
  id: string;
  bucket: string;
  key: string;
  fileName: string;
  /** False once the key's object was removed from the bucket (until it is back). */
  live: boolean;
}

export interface ArticleState {
  /** The objects already recorded, so a redelivered S3 event appends nothing. */
  receipts: Receipt[];
  outcome: 'none' | 'extracted' | 'rejected';
  /** The number of the latest outcome shown; the next one takes seq + 1. */
  seq: number;
  withdrawn: boolean;
  latest: LatestExtraction | null;
  rejection: {
    reason: RejectionCode;
    detail: string;
    fileName: string;
    receivedAt: string | null;
  } | null;
  /** Metadata fields set by corrections: they hold until corrected again. */
  corrections: Partial<Metadata>;
}

export const initialState = (): ArticleState => ({
  receipts: [],
  outcome: 'none',
  seq: 0,
  withdrawn: false,
  latest: null,
  rejection: null,
  corrections: {},
});

const objectId = (c: Correlation): string => `${c.bucket}\u001f${c.key}\u001f${c.versionId ?? ''}`;
const sameKey = (r: Receipt, o: { bucket: string; key: string }) =>
  r.bucket === o.bucket && r.key === o.key;

/** What an extraction says, independent of where and when it was recorded. */
const articleContent = (data: Metadata & { format: string; language: string }): unknown => [
  data.title,
  data.url,
  data.publishedAt,
  data.format,
  data.language,
];
const factContent = (e: NewEvent): unknown =>
  'factIndex' in e ? [e.type, e.data, e.evidence, e.confidence] : null;

function evolveExtracted(
  state: ArticleState,
  event: Extract<NewEvent, { type: 'ArticleExtracted' }>,
): ArticleState {
  if (state.latest && state.latest.extraction.seq >= event.extraction.seq) return state;
  const { title, url, publishedAt } = event.data;
  return {
    ...state,
    outcome: 'extracted',
    seq: Math.max(state.seq, event.extraction.seq),
    withdrawn: false,
    latest: {
      extraction: event.extraction,
      extractorVersion: event.extractorVersion,
      correlation: event.correlation,
      fileName: event.data.fileName,
      receivedAt: event.data.receivedAt,
      metadata: { title, url, publishedAt },
      content: [articleContent(event.data)],
    },
  };
}

const withLive = (state: ArticleState, c: Correlation, live: boolean): ArticleState => ({
  ...state,
  receipts: state.receipts.map((r) => (sameKey(r, c) ? { ...r, live } : r)),
});

/** Events as read from the store also carry when they were recorded. */
type Folded = NewEvent & { recordedAt?: string };
type Of<T extends NewEvent['type']> = Extract<Folded, { type: T }>;

function evolveReceived(state: ArticleState, event: Of<'ArticleReceived'>): ArticleState {
  const { bucket, key } = event.correlation;
  const receipt: Receipt = {
    id: objectId(event.correlation),
    bucket,
    key,
    fileName: event.data.fileName,
    live: true,
  };
  return { ...state, receipts: [...state.receipts, receipt] };
}

function evolveRejected(state: ArticleState, event: Of<'ArticleRejected'>): ArticleState {
  return {
    ...state,
    outcome: state.outcome === 'none' ? 'rejected' : state.outcome,
    seq: Math.max(state.seq, event.data.seq),
    withdrawn: false,
    rejection: {
      reason: event.data.reason,
      detail: event.data.detail,
      fileName: event.data.fileName,
      receivedAt: state.rejection?.receivedAt ?? event.recordedAt ?? null,
    },
  };
}

const evolveCorrected = (state: ArticleState, event: Of<'ArticleMetadataCorrected'>) => ({
  ...state,
  corrections: {
    ...state.corrections,
    ...Object.fromEntries(event.data.changes.map((c) => [c.field, c.to])),
  },
});

/** A fact of the latest extraction joins what a new one is compared with. */
function evolveFact(state: ArticleState, event: Folded): ArticleState {
  const latest = state.latest;
  if (!latest || !('extraction' in event) || event.extraction.id !== latest.extraction.id)
    return state;
  return { ...state, latest: { ...latest, content: [...latest.content, factContent(event)] } };
}

export function evolve(state: ArticleState, event: Folded): ArticleState {
  switch (event.type) {
    case 'ArticleReceived':
      return evolveReceived(state, event);
    case 'ArticleRejected':
      return evolveRejected(state, event);
    case 'ArticleExtracted':
      return evolveExtracted(state, event);
    case 'ArticleMetadataCorrected':
      return evolveCorrected(state, event);
    case 'UploadRemoved':
      return withLive(state, event.correlation, false);
    case 'UploadRestored':
      return withLive(state, event.correlation, true);
    case 'ArticleWithdrawn':
      return { ...state, withdrawn: true, seq: Math.max(state.seq, event.extraction.seq) };
    case 'ExtractionSuperseded':
      return state;
    default:
      return evolveFact(state, event);
  }
}

export function decide(command: ArticleCommand, state: ArticleState): NewEvent[] {
  switch (command.type) {
    case 'RecordUpload':
      return decideUpload(command, state);
    case 'Reextract':
      return decideReextract(command, state);
    case 'ReconcileObject':
      return decideReconcile(command, state);
  }
}

/** Where the outcome being decided comes from, and in whose name it is recorded. */
interface Source {
  command: RecordUpload | ReconcileObject | Reextract;
  correlation: Correlation;
  fileName: string;
  receivedAt: string;
}

function rejectedEvent(
  source: Source,
  seq: number,
  rejection: { reason: RejectionCode; detail: string },
): NewEvent {
  return {
    type: 'ArticleRejected',
    schemaVersion: 2,
    extractorVersion: source.command.article.extractorVersion,
    correlation: source.correlation,
    data: { fileName: source.fileName, reason: rejection.reason, detail: rejection.detail, seq },
  };
}

/** The first outcome of an article: its extraction, or why it has none. */
function firstOutcome(source: Source, state: ArticleState): NewEvent[] {
  const { command } = source;
  const { article } = command;
  const seq = state.seq + 1;
  if (article.kind === 'rejected') return [rejectedEvent(source, seq, article)];
  const events = extractionEvents(command.articleId, article, command.findFacts(article), {
    ...source,
    extraction: { id: extractionIdOf(command.articleId, seq), seq },
    textKey: command.textKey,
  });
  if ('tooManyFacts' in events)
    return [rejectedEvent(source, seq, { reason: 'too_many_facts', detail: events.tooManyFacts })];
  return events;
}

/** A redelivered upload appends nothing; the same text under another key is recorded, not re-extracted. */
function decideUpload(command: RecordUpload, state: ArticleState): NewEvent[] {
  const { upload, article } = command;
  if (state.receipts.some((r) => r.id === objectId(upload.correlation))) return [];
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
  if (!command.present)
    return [received, keyEvent('UploadRemoved', command, upload.correlation, upload.fileName)];
  const source: Source = { command, ...upload };
  if (state.outcome === 'none') return [received, ...firstOutcome(source, state)];
  if (state.withdrawn) return [received, ...reinstated(source, state)];
  return [received, ...corrected(source, state)];
}

function keyEvent(
  type: 'UploadRemoved' | 'UploadRestored',
  command: ArticleCommand,
  object: { bucket: string; key: string },
  fileName: string,
): NewEvent {
  return {
    type,
    schemaVersion: 1,
    extractorVersion: command.article.extractorVersion,
    correlation: { bucket: object.bucket, key: object.key, versionId: null },
    data: { fileName },
  };
}

/** The article as an upload states it now, over what corrections and the latest extraction said. */
function settled(article: PreparedArticle, state: ArticleState): PreparedArticle {
  const field = (f: (typeof FIELDS)[number]) =>
    article.stated[f] ?? state.corrections[f] ?? article[f];
  return {
    ...article,
    title: field('title'),
    url: field('url'),
    publishedAt: field('publishedAt'),
  };
}

/** The fields an upload states otherwise than the latest extraction, as a correction. */
function changesOf(article: PreparedArticle, latest: LatestExtraction) {
  return FIELDS.filter(
    (f) => article.stated[f] !== null && article.stated[f] !== latest.metadata[f],
  ).map((field) => ({ field, from: latest.metadata[field], to: article.stated[field] }));
}

/**
 * A new extraction replacing the latest one: ExtractionSuperseded, then its events; with a
 * correction first when the upload states other metadata.
 */
function superseding(source: Source, state: ArticleState, latest: LatestExtraction): NewEvent[] {
  const { command } = source;
  if (command.article.kind !== 'prepared') return [];
  const article = settled(command.article, state);
  const seq = state.seq + 1;
  const next: ExtractionRef = { id: extractionIdOf(command.articleId, seq), seq };
  const context: ExtractionContext = {
    extraction: next,
    correlation: source.correlation,
    fileName: latest.fileName,
    receivedAt: latest.receivedAt,
    textKey: command.textKey,
  };
  const events = extractionEvents(command.articleId, article, command.findFacts(article), context);
  if ('tooManyFacts' in events) return [];
  const changes = changesOf(command.article, latest);
  return [
    ...(changes.length > 0
      ? [
          {
            type: 'ArticleMetadataCorrected',
            schemaVersion: 1,
            extractorVersion: article.extractorVersion,
            correlation: source.correlation,
            data: { fileName: source.fileName, changes },
          } as NewEvent,
        ]
      : []),
    {
      type: 'ExtractionSuperseded',
      schemaVersion: 1,
      extractorVersion: article.extractorVersion,
      correlation: source.correlation,
      data: {
        superseded: latest.extraction,
        supersededBy: next,
        previousExtractorVersion: latest.extractorVersion,
      },
    },
    ...events,
  ];
}

/** An upload of a known article stating other metadata corrects it; otherwise it is only a receipt. */
function corrected(source: Source, state: ArticleState): NewEvent[] {
  const { article } = source.command;
  if (!state.latest || article.kind !== 'prepared') return [];
  if (changesOf(article, state.latest).length === 0) return [];
  return superseding(source, state, state.latest);
}

/** A withdrawn article with an upload that counts again is shown again, as it was extracted or rejected. */
function reinstated(source: Source, state: ArticleState): NewEvent[] {
  const { rejection } = state;
  if (state.outcome === 'rejected' && rejection)
    return [rejectedEvent(source, state.seq + 1, rejection)];
  return state.latest ? superseding(source, state, state.latest) : [];
}

/**
 * A new extractor supersedes the latest extraction only when it says something different: the
 * same extractor version is not run at all, one whose facts are unchanged appends nothing, and a
 * withdrawn article is not extracted again.
 */
function decideReextract(command: Reextract, state: ArticleState): NewEvent[] {
  const { latest } = state;
  if (!latest || state.withdrawn || command.article.kind === 'rejected') return [];
  if (latest.extractorVersion === command.article.extractorVersion) return [];
  const proposed = superseding(
    {
      command,
      correlation: latest.correlation,
      fileName: latest.fileName,
      receivedAt: latest.receivedAt,
    },
    state,
    latest,
  );
  const extraction = proposed.filter(
    (e) => e.type !== 'ExtractionSuperseded' && e.type !== 'ArticleMetadataCorrected',
  );
  if (extraction.length === 0 || digest(contentOf(extraction)) === digest(latest.content))
    return [];
  return proposed;
}

const digest = (content: unknown[]): string => sha256(JSON.stringify(content));

function contentOf(events: NewEvent[]): unknown[] {
  const folded = events.reduce(evolve, { ...initialState() });
  return folded.latest?.content ?? [];
}

/** The withdrawal of an article none of whose uploads counts any more. */
function withdrawnEvent(command: ReconcileObject, state: ArticleState): NewEvent {
  const seq = state.seq + 1;
  const latest = state.latest;
  const shown = latest
    ? { fileName: latest.fileName, receivedAt: latest.receivedAt, ...latest.metadata }
    : {
        fileName: state.rejection?.fileName ?? '',
        receivedAt: state.rejection?.receivedAt ?? command.at,
        title: null,
        url: null,
        publishedAt: null,
      };
  return {
    type: 'ArticleWithdrawn',
    schemaVersion: 1,
    extractorVersion: command.article.extractorVersion,
    correlation: { ...command.object, versionId: null },
    extraction: { id: extractionIdOf(command.articleId, seq), seq },
    data: shown,
  };
}

/** What a key's removal or return means for the article: see ReconcileObject. */
function decideReconcile(command: ReconcileObject, state: ArticleState): NewEvent[] {
  const underKey = state.receipts.filter((r) => sameKey(r, command.object));
  if (underKey.length === 0) return [];
  const fileName = underKey[0]!.fileName;
  if (!command.present) {
    if (!underKey.some((r) => r.live)) return [];
    const removed = keyEvent('UploadRemoved', command, command.object, fileName);
    const othersLive = state.receipts.some((r) => r.live && !sameKey(r, command.object));
    if (othersLive || state.withdrawn || state.outcome === 'none') return [removed];
    return [removed, withdrawnEvent(command, state)];
  }
  if (underKey.every((r) => r.live)) return [];
  const restored = keyEvent('UploadRestored', command, command.object, fileName);
  const source: Source = {
    command,
    correlation: { ...command.object, versionId: null },
    fileName,
    receivedAt: command.at,
  };
  if (state.outcome === 'none') return [restored, ...firstOutcome(source, state)];
  return state.withdrawn ? [restored, ...reinstated(source, state)] : [restored];
}
