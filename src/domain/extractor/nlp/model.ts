/**
 * wink's English lite model, composed from the package's own parts except two.
 *
 * - The core part (3 MB of JSON) is read from its file, with a leaner loader. Bundled, esbuild
 *   turns it into a 3 MB object literal, and compiling that source cost ~145 ms of every cold
 *   start where JSON.parse of the file costs ~45 ms; so the extracting bundles ship the file
 *   beside them (infra/bundling.ts) and, unbundled, it is read where the package is installed.
 *   The package's own loader then spends a further ~90 ms on a deep copy of the model through
 *   JSON.stringify/JSON.parse (it may be called once per engine; we build one) and decodes
 *   base64 one character at a time; this one builds the same structures from the same data
 *   without the copy, the typed arrays through Buffer, the lexemes' index in a Map.
 * - Sentiment is not in our pipe, but wink builds its automaton whatever the pipe says, so its
 *   400 KB model would be parsed at every cold start for nothing: it gets an empty machine.
 *
 * A test builds an engine from this and one from the package as shipped, and compares every
 * token they read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type stock from 'wink-eng-lite-web-model';
import metaCER from 'wink-eng-lite-web-model/dist/load-cer-meta-model.js';
import ner from 'wink-eng-lite-web-model/dist/load-ner-model.js';
import negation from 'wink-eng-lite-web-model/dist/load-negation-model.js';
import pos from 'wink-eng-lite-web-model/dist/load-pos-model.js';
import sbd from 'wink-eng-lite-web-model/dist/load-sbd-model.js';
import featureFn from 'wink-eng-lite-web-model/dist/feature.js';
import lemmatize from 'wink-eng-lite-web-model/dist/lemmatize.js';
import stem from 'wink-eng-lite-web-model/dist/porter-stemmer.js';
import readabilityStats from 'wink-eng-lite-web-model/dist/readability-stats.js';
import { DataFileMissingError } from '../../errors';

/** The data file an extracting bundle carries beside it (see infra/bundling.ts). */
const CORE_MODEL_FILE = 'eng-core-web-model.json';
export const CORE_MODEL_SPECIFIER = `wink-eng-lite-web-model/dist/languages/cur/models/${CORE_MODEL_FILE}`;

function coreModelPath(): string {
  const beside = fileURLToPath(new URL(CORE_MODEL_FILE, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(CORE_MODEL_SPECIFIER);
  } catch {
    throw new DataFileMissingError(CORE_MODEL_FILE);
  }
}

type Model = typeof stock;

interface Feature {
  list: string[];
  hash?: Record<string, number>;
  intrinsicSize?: number;
  index?: number;
  maxIndex?: number;
}

/** The fields of the core model this loader rewrites; wink reads the rest as they are. */
interface CoreModel {
  packing: { layout: Record<string, number[]>; efList?: string[] };
  features: Record<string, Feature> & { posClusters: { list: unknown[] } };
  pos: { hash: Record<string, number> };
  lexicon: string | Uint32Array;
  xpansions: string | Uint32Array;
}

const words = (base64: string | Uint32Array): Uint32Array => {
  if (typeof base64 !== 'string') return base64;
  const bytes = Buffer.from(base64, 'base64');
  // Buffer's pooled memory need not be 4-byte aligned, so copy into a buffer of its own.
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

/**
 * The same dictionary for the 87,000 lexemes, kept in a Map behind the interface wink reads
 * (`hash[word]`) and extends (`hash[word] = n`): filling a dictionary object that large cost
 * 60–175 ms of init, the Map 30–55 ms; lookups through the Proxy made no difference we could
 * measure to extracting the dev articles (wink's reading alone is ~15 % slower).
 */
function mapIndexOf(list: string[]): Record<string, number> {
  const index = new Map<string, number>();
  for (let k = 0; k < list.length; k += 1) index.set(list[k]!, k);
  return new Proxy(Object.create(null) as Record<string, number>, {
    get: (_, key) => (typeof key === 'string' ? index.get(key) : undefined),
    set: (_, key, value: number) => {
      index.set(String(key), value);
      return true;
    },
  });
}

function indexOf(list: string[]): Record<string, number> {
  const hash = Object.create(null) as Record<string, number>;
  for (let k = 0; k < list.length; k += 1) hash[list[k]!] = k;
  return hash;
}

/** What wink's read-core-model and load-core-model do, minus the copy: we build one engine. */
function prepareFeatures(model: CoreModel): void {
  const { layout } = model.packing;
  const efList: string[] = [];
  for (const name of Object.keys(layout)) {
    const [, size = 0, shift = 0, intrinsic, extractable] = layout[name]!;
    const feature = model.features[name]!;
    if (intrinsic === 0) {
      feature.hash = indexOf(feature.list);
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = size >>> shift;
    }
    if (extractable === 1) efList.push(name);
  }
  model.packing.efList = efList;
}

let core: CoreModel | null = null;

function loadCore(): CoreModel {
  if (core) return core;
  const model = JSON.parse(readFileSync(coreModelPath(), 'utf8')) as CoreModel;
  model.lexicon = words(model.lexicon);
  model.xpansions = words(model.xpansions);
  prepareFeatures(model);
  const lexeme = model.features.lexeme!;
  lexeme.hash = mapIndexOf(lexeme.list);
  lexeme.intrinsicSize = lexeme.list.length;
  lexeme.index = lexeme.list.length;
  const clusters = model.features.posClusters.list;
  for (let k = 0; k < clusters.length; k += 1)
    clusters[k] = new Set(
      String(clusters[k])
        .split('_')
        .map((p) => model.pos.hash[p] ?? 0),
    );
  core = model;
  return core;
}

/** A machine with one state and no transitions, in wink's export format. */
const EMPTY_MACHINE = JSON.stringify([100, 0, { 0: {} }, {}, {}, {}]);

export const model = {
  core: loadCore,
  sbd,
  pos,
  ner,
  negation,
  sa: () => ({ machines: [EMPTY_MACHINE], setter: () => undefined }),
  metaCER,
  featureFn,
  addons: { stem, lemmatize, readabilityStats, wordVectors: undefined },
} as unknown as Model;
