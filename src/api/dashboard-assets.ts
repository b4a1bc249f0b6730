/**
 * The dashboard's files as `npm run build:dashboard` writes them (dashboard-assets.json), read on
 * the first request for one of them. A data file rather than a module of strings: compiled in,
 * its 250 KB of source cost every API cold start ~8 ms (`npm run bench:coldstart`) whatever the
 * request. A bundle carries it beside index.mjs (infra/bundling.ts), so the same URL finds it in
 * the source tree and in a bundle.
 */
import { readFileSync } from 'node:fs';
import { DataFileMissingError } from '../domain/errors';
import { lazy } from '../domain/lazy';

export const DASHBOARD_FILE = new URL('./dashboard-assets.json', import.meta.url);

interface Asset {
  contentType: string;
  body: string;
}

export interface DashboardFiles {
  html: string;
  assets: Record<string, Asset>;
}

export const dashboardFiles = lazy((): DashboardFiles => {
  let text: string;
  try {
    text = readFileSync(DASHBOARD_FILE, 'utf8');
  } catch {
    throw new DataFileMissingError('dashboard-assets.json');
  }
  return JSON.parse(text) as DashboardFiles;
});
