/**
 * Events are never rewritten in the store, so readers lift older schema versions to the current
 * one before validating. Each fact kind declares how its `data` moves from one version to the
 * next; the article's own events are listed here.
 */
import { kindOfEvent } from './facts';

type Data = Record<string, unknown>;
type Raw = Record<string, unknown> & { type?: unknown; schemaVersion?: unknown; data?: unknown };

const LIFECYCLE: Record<string, Record<number, (data: Data) => Data>> = {
  ArticleExtracted: {
    /** v2 added the text's near-duplicate fingerprint; older extractions did not compute one. */
    1: (data) => ({ ...data, fingerprint: null }),
    /** v3 added the warnings about what was passed over; older extractions recorded none. */
    2: (data) => ({ ...data, warnings: [] }),
  },
  /** v2 numbers the outcome among the article's outcomes; a v1 rejection was its first and only. */
  ArticleRejected: { 1: (data) => ({ ...data, seq: 0 }) },
};

const stepsOf = (type: string) => kindOfEvent(type)?.upcasters ?? LIFECYCLE[type];

export function upcast(raw: unknown): unknown {
  const event = raw as Raw;
  const steps = typeof event?.type === 'string' ? stepsOf(event.type) : undefined;
  if (!steps || typeof event.schemaVersion !== 'number') return event;
  let { schemaVersion: version, data } = event as { schemaVersion: number; data: Data };
  for (let step = steps[version]; step; step = steps[version]) {
    data = step(data ?? {});
    version++;
  }
  return version === event.schemaVersion ? event : { ...event, schemaVersion: version, data };
}
