/**
 * Countries: a picker (any name, alias or ISO code the API accepts), the world map of the
 * GeoJSON exports (case counts as points, flows as lines), and the countries in the record as a
 * table, each a link to its page.
 */
import type { AidFlowEntry } from '../../src/domain/facts/aid-flow';
import type { CaseCountEntry } from '../../src/domain/facts/case-count';
import { getAll, getJson } from '../api';
import { h, replace } from '../dom';
import { worldCountries, worldMap, type MapData } from '../map';
import { stylesFor } from '../palette';
import { chartWidth, errorBox, paintSwatches, truncatedNote } from './common';
import { statusLegend } from './flows';
import type { ViewContext } from './view';

interface CountryRow {
  code: string;
  name: string;
  counts: number;
  received: number;
  given: number;
}

function countryRows(counts: CaseCountEntry[], flows: AidFlowEntry[]): CountryRow[] {
  const rows = new Map<string, CountryRow>();
  const row = (code: string, name: string) => {
    const r = rows.get(code) ?? { code, name, counts: 0, received: 0, given: 0 };
    rows.set(code, r);
    return r;
  };
  for (const e of counts)
    if (e.countryCode) row(e.countryCode, e.country ?? e.countryCode).counts++;
  for (const f of flows) {
    if (f.recipientCode) row(f.recipientCode, f.recipient ?? f.recipientCode).received++;
    if (f.donorCode) row(f.donorCode, f.donor ?? f.donorCode).given++;
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const pageOf = (code: string) => `#country/${encodeURIComponent(code)}`;

function picker(rows: CountryRow[], names: string[], open: (q: string) => void): HTMLFormElement {
  const input = h('input', {
    id: 'country-picker',
    name: 'country',
    list: 'country-names',
    placeholder: 'e.g. North Korea, DPRK or PRK',
    autocomplete: 'off',
    required: true,
  });
  const form = h(
    'form',
    { class: 'filters picker', role: 'search', 'aria-label': 'open a country' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'country-picker' }, 'Country'),
      input,
      h(
        'datalist',
        { id: 'country-names' },
        ...[...new Set([...rows.map((r) => r.name), ...names])]
          .sort()
          .map((n) => h('option', { value: n })),
      ),
    ),
    h('div', { class: 'field actions' }, h('button', { type: 'submit' }, 'Open')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) open(q);
  });
  return form;
}

function table(rows: CountryRow[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'countries in the record' },
    h(
      'table',
      {},
      h('caption', {}, 'Countries in the record'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['country', 'code', 'case counts', 'flows received', 'flows given'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('a', { href: pageOf(r.code) }, r.name)),
            h('td', {}, r.code),
            h('td', {}, String(r.counts)),
            h('td', {}, String(r.received)),
            h('td', {}, String(r.given)),
          ),
        ),
      ),
    ),
  );
}

async function mapData(rows: CountryRow[]): Promise<MapData> {
  const [countries, points, lines] = await Promise.all([
    worldCountries(),
    getJson<MapData['points']>('case-counts?format=geojson'),
    getJson<MapData['lines']>('aid-flows?format=geojson'),
  ]);
  const styles = stylesFor(rows.map((r) => r.code));
  const present = new Map(
    rows.map((r) => [
      r.code,
      {
        label: `${r.name}: ${r.counts} case counts, ${r.received} flows received, ${r.given} given`,
        style: styles.get(r.code)!,
      },
    ]),
  );
  return { countries, points, lines, present };
}

export async function countriesView({ root }: ViewContext): Promise<void> {
  let rows: CountryRow[], complete: boolean, data: MapData;
  try {
    const [counts, flows] = await Promise.all([
      getAll<CaseCountEntry>('case-counts'),
      getAll<AidFlowEntry>('aid-flows'),
    ]);
    rows = countryRows(counts.items, flows.items);
    complete = counts.complete && flows.complete;
    data = await mapData(rows);
  } catch (error) {
    replace(root, h('h2', {}, 'Countries'), errorBox(error));
    return;
  }
  const names = data.countries.features.map((f) => f.properties.name);
  replace(
    root,
    h('h2', {}, 'Countries'),
    picker(rows, names, (q) => (location.hash = pageOf(q))),
    truncatedNote(complete, rows.length),
    h(
      'figure',
      { class: 'chart-card' },
      h('figcaption', {}, 'Where the record has case counts (points) and aid flows (lines)'),
      worldMap(data, 'World map of case counts and aid flows', chartWidth(root)),
      statusLegend(new Set(data.lines.features.map((f) => f.properties.status))),
      h(
        'p',
        { class: 'muted' },
        'Shaded countries have data and open their page; point size grows with the number of case counts. The table below lists the same countries.',
      ),
    ),
    table(rows),
  );
  paintSwatches(root);
}
