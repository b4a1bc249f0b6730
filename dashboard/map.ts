/**
 * The world map of the API's GeoJSON: case counts as points at their places, aid flows as lines
 * between donor and recipient, over country outlines from world-atlas (Natural Earth 1:110m,
 * shipped with the dashboard as assets/world.json: no tiles, nothing from the network). d3-geo
 * projects; the drawing is ours. Countries that have data are links to their page.
 */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, LineString, Point } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { getJson } from './api';
import { s } from './dom';
import { LINK_OPACITY, STATUS_COLORS, type SeriesStyle } from './palette';

interface CountryProps {
  code: string | null;
  name: string;
}

export type Countries = FeatureCollection<Geometry, CountryProps>;

let world: Promise<Countries> | null = null;

/** The country outlines, fetched once per page load. */
export function worldCountries(): Promise<Countries> {
  world ??= getJson<Topology<{ countries: GeometryCollection<CountryProps> }>>(
    'assets/world.json',
  ).then((topology) => feature(topology, topology.objects.countries) as Countries);
  return world;
}

export interface MapData {
  countries: Countries;
  points: FeatureCollection<Point, { countryCode: string | null; location: string | null }>;
  lines: FeatureCollection<LineString, { status: string; donor: string; recipient: string }>;
  /** The countries that have data, by code: what they are called and how they are drawn. */
  present: Map<string, { label: string; style: SeriesStyle }>;
}

function countryShapes(data: MapData, path: ReturnType<typeof geoPath>): SVGElement[] {
  return data.countries.features.map((f: Feature<Geometry, CountryProps>) => {
    const d = path(f) ?? '';
    const known = f.properties.code ? data.present.get(f.properties.code) : undefined;
    if (!known) return s('path', { d, class: 'land' });
    return s(
      'a',
      { href: `#country/${f.properties.code}`, 'aria-label': known.label, class: 'land-link' },
      s('path', { d, class: 'land has-data' }, s('title', {}, known.label)),
    );
  });
}

/** Case counts at one place are one point, sized by how many entries sit there. */
function placePoints(data: MapData, project: (p: [number, number]) => [number, number] | null) {
  const at = new Map<
    string,
    { xy: [number, number]; n: number; name: string; code: string | null }
  >();
  for (const f of data.points.features) {
    const xy = project(f.geometry.coordinates as [number, number]);
    if (!xy) continue;
    const key = xy.map((v) => v.toFixed(1)).join(',');
    const e = at.get(key) ?? {
      xy,
      n: 0,
      name: f.properties.location ?? '',
      code: f.properties.countryCode,
    };
    e.n++;
    at.set(key, e);
  }
  return [...at.values()].map((p) =>
    s(
      'circle',
      {
        cx: p.xy[0],
        cy: p.xy[1],
        r: Math.min(14, 3 + 2 * Math.sqrt(p.n)),
        fill: (p.code && data.present.get(p.code)?.style.color) || '#475569',
        class: 'place',
      },
      s('title', {}, `${p.name}: ${p.n} case count${p.n === 1 ? '' : 's'}`),
    ),
  );
}

export function worldMap(data: MapData, title: string, width: number): SVGSVGElement {
  const height = Math.round(width * 0.52);
  const projection = geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart map',
    role: 'group',
    'aria-label': title,
  });
  svg.append(
    s('path', { d: path({ type: 'Sphere' }) ?? '', class: 'sphere' }),
    ...countryShapes(data, path),
    ...data.lines.features.map((f) =>
      s(
        'path',
        {
          d: path(f) ?? '',
          class: 'flow-line',
          stroke: STATUS_COLORS[f.properties.status] ?? STATUS_COLORS.requested!,
          'stroke-opacity': LINK_OPACITY,
        },
        s('title', {}, `${f.properties.donor} → ${f.properties.recipient}: ${f.properties.status}`),
      ),
    ),
    ...placePoints(data, (p) => projection(p)),
  );
  return svg;
}
