/**
 * The dashboard in headless Chromium against a local stack of its own (so what it ingests
 * neither depends on nor disturbs the other integration tests), with the samples/ articles and,
 * when they are beside the repository, the seeds (../shared/seeds) ingested through S3. Every
 * view and a country's page are opened at desktop (1400 px) and phone (390 px) width, checked
 * with axe-core (from node_modules, injected by the test: nothing comes from a CDN) and saved as
 * screenshots to tests/browser/screenshots/. Needs Debian's /usr/bin/chromium; skips, saying
 * why, without it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_KEY } from '../../dashboard/auth';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { clientsFor, eventually } from '../support/clients';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(
    `skipping the browser tests: ${CHROMIUM} does not exist (apt-get install chromium; .ci/run installs it)`,
  );

const root = path.resolve(import.meta.dirname, '../..');
const articlesIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(txt|md|html|json)$/.test(f))
        .sort()
        .map((f) => ({ name: f, file: path.join(dir, f) }))
    : [];
const seeds = articlesIn(path.resolve(root, '../shared/seeds'));
const corpus = [...articlesIn(path.join(root, 'samples')), ...seeds];
const withSeeds = seeds.length > 0;
/** The country page the screenshots show: North Korea, which the seeds are about. */
const COUNTRY = withSeeds ? 'PRK' : 'HTI';
const screenshots = path.join(import.meta.dirname, 'screenshots');

let stack: LocalStack;
let api: ReturnType<typeof clientsFor>;

const XSS_FILE = 'xss-probe.txt';
const XSS_TEXT = [
  'Relief <script>window.__xss = "title"</script> reaches Beira <img src=x onerror="window.__xss = \'img\'">',
  '',
  'The Red Cross said on Tuesday that 40 tonnes of medical supplies had arrived in Beira by air. <script>window.__xss = "body"</script>',
  'Health officials reported 1,200 confirmed cholera cases in the province <img src=x onerror="window.__xss = \'body img\'"> as of March 3, 2019.',
].join('\n');

interface Listed {
  id: string;
  fileName: string;
  status: string;
}

/** Until every upload is listed and the views stop changing. */
async function settle(files: string[]): Promise<Listed[]> {
  const articles = await eventually(
    async () => {
      const listed = await api.getAll<Listed>('/articles');
      return files.every((f) => listed.some((a) => a.fileName === f)) ? listed : undefined;
    },
    60_000,
    'the uploads to be listed',
  );
  await api.settledViews();
  return articles;
}

const VIEWPORTS = [
  { name: 'desktop', width: 1400, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Opens a view through its URL fragment and waits until it has drawn its data. */
async function open(page: Page, fragment: string): Promise<void> {
  const view = fragment.split(/[/?]/)[0]!;
  await page.evaluate((f) => (location.hash = f), fragment);
  await page.waitForSelector(`section.view[data-view="${view}"][aria-busy="false"]`);
}

/** axe-core's WCAG 2.2 A/AA and best-practice rules over the whole page; the violations found. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run(ctx: Document, o: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    }),
  );
  return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Saves the page and checks it: no axe violation, no sideways scrolling. */
async function check(page: Page, name: string, viewport: { name: string }) {
  await page.screenshot({
    path: path.join(screenshots, `${name}-${viewport.name}.png`),
    fullPage: true,
  });
  expect(await axeViolations(page), `${name} at ${viewport.name} width`).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name}: no sideways scrolling`).toBeLessThanOrEqual(0);
}

describe.skipIf(!haveChromium)('the dashboard in headless Chromium', () => {
  let browser: Browser;
  let articles: Listed[];

  beforeAll(async () => {
    stack = await startLocalStack({ dataDir: null, apiPort: 0 });
    api = clientsFor(stack);
    mkdirSync(screenshots, { recursive: true });
    for (const f of corpus) await api.upload(f.name, readFileSync(f.file));
    await api.upload(XSS_FILE, XSS_TEXT);
    articles = await settle([...corpus.map((f) => f.name), XSS_FILE]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function newPage(viewport: { width: number; height: number }) {
    const page = await browser.newPage({ viewport });
    // Signed in as the dev reader (its token from the stack), as a sign-in would leave it.
    await page.addInitScript(
      ([key, token]) => sessionStorage.setItem(key!, JSON.stringify({ accessToken: token })),
      [SESSION_KEY, stack.tokens.reader],
    );
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    // Nothing may leave the origin: the dashboard bundles its own script, styles, charts and map.
    page.on(
      'request',
      (r) =>
        !r.url().startsWith(stack.apiUrl) &&
        !r.url().startsWith('data:') &&
        problems.push(`external request ${r.url()}`),
    );
    return { page, problems };
  }

  it.each(VIEWPORTS)(
    'at $name width every view passes axe-core, from the countries and a country’s page to an article',
    async (viewport) => {
      const { page, problems } = await newPage(viewport);
      const res = await page.goto(`${stack.apiUrl}/`);
      expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");

      // Countries: the map of the GeoJSON over the bundled outlines, and the table of countries.
      await page.waitForSelector('section.view[data-view="countries"][aria-busy="false"]');
      expect(await page.locator('svg.map path.land').count()).toBeGreaterThan(100);
      expect(await page.locator('svg.map circle.place').count()).toBeGreaterThan(0);
      expect(await page.locator(`svg.map a[href="#country/${COUNTRY}"]`).count()).toBe(1);
      expect(await page.locator('table tbody tr').count()).toBeGreaterThan(5);
      await check(page, 'countries', viewport);

      // The country page: figures, case series, aid as stage timelines, the timeline.
      await open(page, `country/${COUNTRY}`);
      if (withSeeds) {
        expect(await page.locator('h2.country-name').textContent()).toContain('North Korea');
        await expect
          .poll(() => page.locator('.figure[data-metric="tested"]', { hasText: '40,700' }).count())
          .toBeGreaterThan(0);
        expect(await page.locator('.disputes .figure.disputed').count()).toBeGreaterThan(0);
      }
      expect(await page.locator('section.charts, .charts svg.chart').count()).toBeGreaterThan(0);
      expect(await page.locator('svg.stages .point').count()).toBeGreaterThan(0);
      expect(await page.locator('ol.timeline li.event').count()).toBeGreaterThan(0);
      await page.locator('svg.stages .point').first().click();
      await page.waitForSelector(
        '#country-received ~ * .chart-detail li.flow, .chart-detail li.flow',
      );
      await check(page, `country-${COUNTRY}`, viewport);

      // Case counts: headline figures, charts per disease, metric and period with their tables.
      await open(page, 'cases');
      expect(await page.locator('.figure-value').count()).toBeGreaterThan(0);
      expect(await page.locator('section.charts svg.chart').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('section.charts details.table-alt table').count()).toBe(
        await page.locator('section.charts figure.chart-card').count(),
      );
      await page.locator('section.charts .point[role="button"]').first().click();
      await page.waitForSelector('.chart-detail .evidence');
      await check(page, 'cases', viewport);

      // Timeline: entries, each with its evidence sentences.
      await open(page, 'timeline');
      expect(await page.locator('ol.timeline li.event').count()).toBeGreaterThan(0);
      await page.locator('li.event details.sources summary').first().click();
      expect(
        (await page.locator('li.event .evidence').first().textContent())!.length,
      ).toBeGreaterThan(10);
      await check(page, 'timeline', viewport);

      // Aid flows: one Sankey band per corridor, covering exactly the corridors of the list.
      await open(page, 'flows');
      const bands = await page
        .locator('svg.sankey a.band')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(bands.length).toBeGreaterThan(0);
      expect(new Set(bands).size, 'one band per corridor').toBe(bands.length);
      const flows = await page
        .locator('ul.flows li.flow .flow-head')
        .evaluateAll((heads) =>
          heads.map((h) => Array.from(h.querySelectorAll('strong'), (s) => s.textContent ?? '')),
        );
      const corridor = ([donor, recipient]: string[]) =>
        `#flows?${new URLSearchParams({
          ...(donor === 'unknown donor' ? {} : { donor: donor! }),
          ...(recipient === 'unknown recipient' ? {} : { recipient: recipient! }),
        }).toString()}`;
      expect(new Set(flows.map(corridor))).toEqual(new Set(bands));
      await check(page, 'flows', viewport);

      // Articles: the list, and one article's text with its facts' evidence highlighted.
      await open(page, 'articles');
      expect(await page.locator('ul.articles li.article-row').count()).toBe(
        Math.min(50, articles.length),
      );
      await check(page, 'articles', viewport);
      const richest = articles.find((a) => a.status === 'extracted' && a.fileName !== XSS_FILE)!;
      await open(page, `article/${richest.id}`);
      expect(await page.locator('.article-text mark').count()).toBeGreaterThan(0);
      await page.locator('button.fact').first().click();
      expect(await page.locator('.article-text mark.active').count()).toBeGreaterThan(0);
      await check(page, 'article', viewport);

      expect(problems).toEqual([]);
    },
  );

  it('opens a country from the picker in any spelling, and the Sankey with the keyboard', async () => {
    const { page, problems } = await newPage({ width: 1400, height: 900 });
    await page.goto(`${stack.apiUrl}/#countries`);
    await page.waitForSelector('section.view[data-view="countries"][aria-busy="false"]');
    await page.getByLabel('Country', { exact: true }).fill(withSeeds ? 'DPRK' : 'Haiti');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForSelector('section.view[data-view="country"][aria-busy="false"]');
    expect(await page.locator('h2.country-name .code').textContent()).toBe(COUNTRY);

    // On a fresh load, the first Tab reaches the skip link, which moves focus to the content.
    await page.reload();
    await page.waitForSelector('section.view[data-view="country"][aria-busy="false"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

    // A band is reached with Tab and opened with Enter: the list then holds that corridor only.
    await open(page, 'flows');
    const band = page.locator('svg.sankey a.band').first();
    const href = (await band.getAttribute('href'))!;
    await band.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (h) => decodeURIComponent(location.hash) === decodeURIComponent(h),
      href,
    );
    await page.waitForSelector('section.view[data-view="flows"][aria-busy="false"]');
    const wanted = new URLSearchParams(href.split('?')[1]);
    const heads = await page.locator('ul.flows li.flow .flow-head strong').allTextContents();
    expect(heads.length).toBeGreaterThan(0);
    if (wanted.get('donor'))
      expect(new Set(heads.filter((_, i) => i % 2 === 0))).toEqual(new Set([wanted.get('donor')]));

    // Every band keeps 3:1 contrast with the card behind it, as drawn (colour and opacity).
    const ratios = await page.locator('svg.sankey path.link').evaluateAll((paths) => {
      const rgb = (c: string) =>
        c
          .match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
      const lum = (c: number[]) =>
        c
          .map((v) => v / 255)
          .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
          .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      return paths.map((p) => {
        const style = getComputedStyle(p);
        const alpha = Number(style.strokeOpacity);
        const drawn = rgb(style.stroke).map((v) => alpha * v + (1 - alpha) * 255);
        return 1.05 / (lum(drawn) + 0.05);
      });
    });
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(3);

    // The filters are fields with labels: a donor typed in the form narrows the flows.
    await open(page, 'flows');
    await page.getByLabel('Donor', { exact: true }).fill('PRC');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => location.hash.includes('donor='));
    await page.waitForSelector('section.view[data-view="flows"][aria-busy="false"]');
    const donors = await page
      .locator('ul.flows li.flow .flow-head strong:first-child')
      .allTextContents();
    expect(donors.length).toBeGreaterThan(0);
    expect(new Set(donors)).toEqual(new Set(['China']));
    expect(problems).toEqual([]);
  });

  it('shows an article containing <script> and <img onerror> as text, and runs none of it', async () => {
    const { page, problems } = await newPage({ width: 1280, height: 900 });
    const probe = articles.find((a) => a.fileName === XSS_FILE)!;
    expect(probe.status).toBe('extracted');
    await page.goto(`${stack.apiUrl}/#articles`);
    await page.waitForSelector('section.view[data-view="articles"][aria-busy="false"]');
    await page.locator('li.article-row a', { hasText: '<script>' }).first().click();
    await page.waitForSelector('section.view[data-view="article"][aria-busy="false"]');

    const text = await page.locator('.article-text').textContent();
    expect(text).toContain('<script>window.__xss = "body"</script>');
    expect(text).toContain('<img src=x onerror=');
    expect(await page.locator('h2.article-title').textContent()).toContain('<script>');
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: string }).__xss),
    ).toBeUndefined();
    await page.screenshot({ path: path.join(screenshots, 'xss-probe.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
