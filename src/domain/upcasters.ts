/**
 * Events are never rewritten in the store, so readers lift older schema versions to the current
 * one before validating. Each fact kind declares how its `data` moves from one version to the next.
 */
import { kindOfEvent } from './facts';

type Raw = Record<string, unknown> & { type?: unknown; schemaVersion?: unknown; data?: unknown };

export function upcast(raw: unknown): unknown {
  const event = raw as Raw;
  const kind = typeof event?.type === 'string' ? kindOfEvent(event.type) : undefined;
  if (!kind || typeof event.schemaVersion !== 'number') return event;
  let { schemaVersion: version, data } = event as {
    schemaVersion: number;
    data: Record<string, unknown>;
  };
  for (let step = kind.upcasters[version]; step; step = kind.upcasters[version]) {
    data = step(data ?? {});
    version++;
  }
  return version === event.schemaVersion ? event : { ...event, schemaVersion: version, data };
}
