/**
 * `npm run build:dashboard`: bundles the dashboard (TypeScript and CSS, no CDN) with esbuild
 * into a data file the API reads (src/api/dashboard-assets.json), so the Lambda bundle and the
 * local server serve the very same bytes. `npm test` and `npm start` run it first, so the module
 * never lags behind its sources. The world map's outlines (world-atlas, Natural Earth 1:110m)
 * ship as an asset of their own, fetched only by the map, with each country's ISO alpha-3 code
 * and the name the API uses, so the page joins them to the data without a lookup table.
 */
import { build } from 'esbuild';
import countries from 'i18n-iso-countries';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_FILE, type DashboardFiles } from '../src/api/dashboard-assets';
import { resolveName } from '../src/domain/extractor/gazetteer';

const here = import.meta.dirname;
const out = fileURLToPath(DASHBOARD_FILE);
const require = createRequire(import.meta.url);

const bundle = async (entry: string) => {
  const result = await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
};

interface Topology {
  objects: {
    countries: { geometries: { id?: string; properties: Record<string, unknown> }[] };
  };
}

/** The world's countries as TopoJSON, each with `code` (alpha-3, or null) and `name`. */
function worldTopology(): string {
  const topology = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
  ) as Topology;
  for (const g of topology.objects.countries.geometries) {
    const code = (g.id && countries.numericToAlpha3(g.id)) || null;
    const known = code
      ? resolveName(code).matches.find((m) => m.type === 'place' && m.kind === 'country')
      : undefined;
    g.properties = { code, name: known?.name ?? g.properties.name };
  }
  return JSON.stringify(topology);
}

const [js, css] = await Promise.all([bundle('main.ts'), bundle('styles.css')]);
const html = readFileSync(path.join(here, 'index.html'), 'utf8');
const world = worldTopology();

const files: DashboardFiles = {
  html,
  assets: {
    'app.js': { contentType: 'text/javascript; charset=utf-8', body: js },
    'app.css': { contentType: 'text/css; charset=utf-8', body: css },
    'world.json': { contentType: 'application/json', body: world },
  },
};

writeFileSync(out, JSON.stringify(files));
console.log(
  `dashboard: ${(js.length / 1024).toFixed(1)} KB JS, ${(css.length / 1024).toFixed(1)} KB CSS, ${(world.length / 1024).toFixed(1)} KB map → ${path.relative(process.cwd(), out)}`,
);
