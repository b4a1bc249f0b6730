/**
 * The one place that says how a Lambda is bundled. The stack (NodejsFunction) and the cold-start
 * bench (esbuild's API) both derive their options from `BUNDLE` so they cannot drift.
 *
 * Decision — the AWS SDK v3 is currently NOT bundled (`@aws-sdk/*` external, the runtime's copy).
 * Measured (`npm run bench:coldstart`, with and without `--bundle-sdk`):
 *   SDK bundled : 0.94–1.05 MB of JS per handler (projector and redrive over the 1 MB budget),
 *                 module init ≈ 85 ms;
 *   SDK external: 0.46–0.52 MB, module init ≈ 160–250 ms (the SDK loads as hundreds of files).
 * Most of each handler is zod (454 KB, of which 264 KB are its locales) because src/domain/events.ts
 * does `import { z } from 'zod'`, which esbuild cannot tree-shake; `import * as z from 'zod'`
 * brings zod down to ~85 KB. With that one-line change, bundling the SDK gives 0.60–0.68 MB
 * bundles and ~65–75 ms init — then set BUNDLE_AWS_SDK = true (pinned SDK version + faster cold
 * start); the infra tests check the budget either way.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { DASHBOARD_FILE } from '../src/api/dashboard-assets';
import { PLACE_FILES } from '../src/domain/extractor/gazetteer';
import { CORE_MODEL_SPECIFIER } from '../src/domain/extractor/nlp/model';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Lambda runtime major version; the esbuild target follows it. */
export const NODE_MAJOR = 24;

/** Handler entry files (each exports `handler`), relative to the project root. */
export const LAMBDA_ENTRIES = {
  ingest: 'src/lambdas/aws/ingest.ts',
  projector: 'src/lambdas/aws/projector.ts',
  api: 'src/lambdas/aws/api.ts',
  rebuild: 'src/lambdas/aws/rebuild.ts',
  reextract: 'src/lambdas/aws/reextract.ts',
  redrive: 'src/lambdas/aws/redrive.ts',
} as const;

export type LambdaName = keyof typeof LAMBDA_ENTRIES;

export const entryPath = (name: LambdaName): string => resolve(PROJECT_ROOT, LAMBDA_ENTRIES[name]);

/** See the decision above. */
export const BUNDLE_AWS_SDK = false;
const SDK_EXTERNALS = ['@aws-sdk/*'];

/**
 * Each bundle's JS must stay under this (bytes), the extracting ones included: their language
 * model is ~0.35 MB of JS, its 3 MB core being a data file beside the bundle (`dataFilesOf`);
 * npm run bench:coldstart holds the model's own init under 300 ms.
 */
export const MAX_BUNDLE_BYTES = 1_000_000;

/** The functions that extract, and so carry the language model (src/lambdas/aws/extractor.ts). */
export const EXTRACTING: ReadonlySet<LambdaName> = new Set(['ingest', 'reextract', 'redrive']);

/**
 * Data the domain reads at run time instead of compiling it in (compiling source costs more cold
 * start than reading and parsing a file): copied beside each function's index.mjs. Every
 * function resolves place names (the gazetteer's places); the extracting ones also read the
 * language model's core, and the API the dashboard's files.
 */
export const PLACE_DATA = Object.values(PLACE_FILES).map((url) => fileURLToPath(url));
export const MODEL_DATA = [createRequire(import.meta.url).resolve(CORE_MODEL_SPECIFIER)];
export const DASHBOARD_DATA = [fileURLToPath(DASHBOARD_FILE)];
export const dataFilesOf = (name: LambdaName): string[] => [
  ...PLACE_DATA,
  ...(EXTRACTING.has(name) ? MODEL_DATA : []),
  ...(name === 'api' ? DASHBOARD_DATA : []),
];

export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: `node${NODE_MAJOR}`,
  mainFields: ['module', 'main'],
  /** CJS dependencies call `require`; ESM output has none, so give them one. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  /** Stack traces need the mappings, not the sources; keeps the asset small. */
  sourcesContent: false,
  /** Provided by the Lambda runtime unless BUNDLE_AWS_SDK (see the decision above). */
  externalModules: BUNDLE_AWS_SDK ? [] : SDK_EXTERNALS,
  /** Runtime environment that goes with the bundle. */
  environment: { NODE_OPTIONS: '--enable-source-maps' },
} as const;

/** esbuild `BuildOptions` equivalent to what NodejsFunction runs for `BUNDLE` (used by the bench). */
export function esbuildOptions(
  entry: string,
  outfile: string,
  opts: { bundleSdk?: boolean } = {},
): BuildOptions {
  const bundleSdk = opts.bundleSdk ?? BUNDLE_AWS_SDK;
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: BUNDLE.platform,
    target: BUNDLE.target,
    format: BUNDLE.format,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourceMap,
    sourcesContent: BUNDLE.sourcesContent,
    external: bundleSdk ? [] : [...SDK_EXTERNALS],
    metafile: true,
    logLevel: 'error',
  };
}

/** Copies a function's data files into its asset, beside index.mjs. */
const dataFileHooks = (name: LambdaName) => ({
  beforeBundling: (): string[] => [],
  beforeInstall: (): string[] => [],
  afterBundling: (_input: string, output: string): string[] =>
    dataFilesOf(name).map((file) => `cp "${file}" "${output}/"`),
});

/** NodejsFunction `bundling` props for `BUNDLE` (local esbuild from node_modules; never Docker). */
export function cdkBundlingOptions(name: LambdaName): BundlingOptions {
  return {
    commandHooks: dataFileHooks(name),
    format: OutputFormat.ESM,
    target: BUNDLE.target,
    mainFields: [...BUNDLE.mainFields],
    banner: BUNDLE.banner,
    minify: BUNDLE.minify,
    sourceMap: BUNDLE.sourceMap,
    sourcesContent: BUNDLE.sourcesContent,
    externalModules: [...BUNDLE.externalModules],
    forceDockerBundling: false,
    logLevel: LogLevel.WARNING,
  };
}
