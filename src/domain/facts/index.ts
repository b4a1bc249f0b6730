/**
 * Every kind of fact the ledger records. The events, the decider, the projector, the API, CSV and
 * OpenAPI iterate over this list: adding a kind is one module and one line here.
 */
import { aidFlow } from './aid-flow';
import { caseCount } from './case-count';
import { happening } from './happening';

export const FACT_KINDS = [aidFlow, caseCount, happening] as const;

export type AnyFactKind = (typeof FACT_KINDS)[number];
export type FactEventType = AnyFactKind['eventType'];
export type AnyView = AnyFactKind['views'][number];
export type ViewName = AnyView['name'];

export const VIEWS: readonly AnyView[] = FACT_KINDS.flatMap((k): AnyView[] => [...k.views]);
export const VIEW_NAMES: readonly ViewName[] = VIEWS.map((v) => v.name);

export function viewNamed(name: string): AnyView {
  const view = VIEWS.find((v) => v.name === name);
  if (!view) throw new Error(`no view named ${name}`);
  return view;
}

export const kindOfEvent = (type: string): AnyFactKind | undefined =>
  FACT_KINDS.find((k) => k.eventType === type);

/** The data a kind's events carry. */
export type FactData<K> = K extends { data: { _output: infer D } } ? D : never;

/** Facts of every kind under their kind's key, each with what `Extra` adds (evidence, ids…). */
export type FactsByKey<Extra> = {
  [K in AnyFactKind as K['key']]: (FactData<K> & Extra)[];
};
