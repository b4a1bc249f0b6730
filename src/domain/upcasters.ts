/**
 * Events are never rewritten in the store, so readers lift older schema versions to the current
 * one before validating. Each upcaster takes one version to the next.
 */
type Raw = Record<string, unknown> & { type?: unknown; schemaVersion?: unknown; data?: unknown };

/**
 * AidFlowReported v1 (the first published shape) named a single `item` and had no route; v2
 * carries a list of item categories and the route the aid took.
 */
function aidFlowV1toV2(event: Raw): Raw {
  const { item, ...data } = (event.data ?? {}) as Record<string, unknown>;
  return {
    ...event,
    schemaVersion: 2,
    data: { ...data, items: typeof item === 'string' && item ? [item] : [], route: [] },
  };
}

const UPCASTERS: Record<string, Record<number, (e: Raw) => Raw>> = {
  AidFlowReported: { 1: aidFlowV1toV2 },
};

export function upcast(raw: unknown): unknown {
  let event = raw as Raw;
  for (;;) {
    const step =
      typeof event?.type === 'string' && typeof event.schemaVersion === 'number'
        ? UPCASTERS[event.type]?.[event.schemaVersion]
        : undefined;
    if (!step) return event;
    event = step(event);
  }
}
