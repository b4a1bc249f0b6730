/**
 * The read models. A fact reported by an article becomes a Contribution to a group (the same
 * fact as other articles report it); a group assembles its contributions into entries that list
 * every source. Everything here is a pure function of the contributions, never of their order.
 */
import type { AidFlowReported, CaseCountReported, HappeningReported } from '../events';
import type { z } from 'zod';
import type { Evidence, RejectionCode } from '../extractor/types';

export const VIEW_NAMES = ['timeline', 'aidFlows', 'caseCounts'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export interface Source {
  articleId: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  evidence: Evidence;
  confidence: number;
}

export type AidFlowData = z.infer<typeof AidFlowReported>['data'];
export type CaseCountData = z.infer<typeof CaseCountReported>['data'];
export type HappeningData = z.infer<typeof HappeningReported>['data'];

interface ContributionBase {
  groupKey: string;
  articleId: string;
  factIndex: number;
  extractionSeq: number;
  source: Source;
}
export type Contribution =
  | (ContributionBase & { view: 'aidFlows'; fact: AidFlowData })
  | (ContributionBase & { view: 'caseCounts'; fact: CaseCountData })
  | (ContributionBase & { view: 'timeline'; fact: HappeningData });

/** Identifies a group, or with articleId and factIndex one contribution in it. */
export interface GroupRef {
  view: ViewName;
  groupKey: string;
  articleId?: string;
  factIndex?: number;
}

export interface TimelineEntry {
  id: string;
  date: string;
  type: HappeningData['type'];
  summary: string;
  subjects: string[];
  confidence: number;
  /** How many articles' facts the entry stands on; `sources` holds the strongest of them. */
  sourceCount: number;
  sources: Source[];
}

export interface CaseCountEntry {
  id: string;
  location: string | null;
  metric: CaseCountData['metric'];
  value: number;
  qualifier: CaseCountData['qualifier'];
  asOf: string | null;
  confidence: number;
  sourceCount: number;
  sources: Source[];
}

export interface AidFlowStatus {
  status: AidFlowData['status'];
  date: string | null;
  sourceCount: number;
  sources: Source[];
}

export interface AidFlowEntry {
  id: string;
  donor: string | null;
  recipient: string | null;
  items: string[];
  quantities: { value: number; unit: string }[];
  routes: string[];
  /** Every status the sources report, oldest first (undated last): the flow's history. */
  statuses: AidFlowStatus[];
  confidence: number;
  sourceCount: number;
  sources: Source[];
}

export type EntryOf<V extends ViewName> = V extends 'timeline'
  ? TimelineEntry
  : V extends 'caseCounts'
    ? CaseCountEntry
    : AidFlowEntry;
export type Entry = TimelineEntry | CaseCountEntry | AidFlowEntry;

export interface GroupState {
  view: ViewName;
  groupKey: string;
  rev: number;
  entries: Entry[];
  /** Position in the list route; null when the group has no entries (it then leaves the list). */
  listSk: string | null;
}

export interface ArticleView {
  id: string;
  status: 'extracted' | 'rejected';
  fileName: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  receivedAt: string;
  source: { bucket: string; key: string; versionId: string | null };
  extractorVersion: string;
  extractionSeq: number | null;
  language: string | null;
  textKey: string | null;
  counts: { aidFlows: number; caseCounts: number; timeline: number };
  rejection: { reason: RejectionCode; detail: string } | null;
}
