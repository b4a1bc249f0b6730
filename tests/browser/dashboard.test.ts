/**
 * The dashboard in headless Chromium against a local stack of its own (so what it ingests
 * neither depends on nor disturbs the other integration tests), with real articles ingested
 * through S3: the seeds beside the repository (../shared/seeds) when they are there, else
 * samples/. Saves screenshots at desktop and phone width to tests/browser/screenshots/.
 * Needs Debian's /usr/bin/chromium; skips, saying why, without it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { clientsFor, eventually } from '../support/clients';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(
    `skipping the browser tests: ${CHROMIUM} does not exist (apt-get install chromium; .ci/run installs it)`,
  );

const root = path.resolve(import.meta.dirname, '../..');
const seedsDir = path.resolve(root, '../shared/seeds');
const corpusDir = existsSync(seedsDir) ? seedsDir : path.join(root, 'samples');
const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((f) => /\.(txt|md|html|json)$/.test(f))
      .sort()
  : [];
const withSeeds = corpusDir === seedsDir;
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
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * A donor → recipient pair as corridors group it: case and spacing do not matter, and the list's
 * "unknown donor" is the diagram's "unknown" node.
 */
const corridorOf = (donor: string, recipient: string): string =>
  [donor, recipient]
    .map((name) =>
      name
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^unknown (donor|recipient)$/, 'unknown'),
    )
    .join(' → ');

/** A band's title reads "donor → recipient: kinds of aid (status; reports)". */
function corridorOfBand(title: string): string {
  const [, donor, recipient] = /^(.+?) → (.+?): /.exec(title)!;
  return corridorOf(donor!, recipient!);
}

/** Opens a view through its URL fragment and waits until it has drawn its data. */
async function open(page: Page, fragment: string): Promise<void> {
  const view = fragment.split(/[/?]/)[0]!;
  await page.evaluate((f) => (location.hash = f), fragment);
  await page.waitForSelector(`section.view[data-view="${view}"][aria-busy="false"]`);
}

describe.skipIf(!haveChromium)('the dashboard in headless Chromium', () => {
  let browser: Browser;
  let articles: Listed[];

  beforeAll(async () => {
    stack = await startLocalStack({ dataDir: null, apiPort: 0 });
    api = clientsFor(stack);
    mkdirSync(screenshots, { recursive: true });
    for (const f of corpus) await api.upload(f, readFileSync(path.join(corpusDir, f)));
    await api.upload(XSS_FILE, XSS_TEXT);
    articles = await settle([...corpus, XSS_FILE]);
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
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    // Nothing may leave the origin: the dashboard bundles its own script, styles and charts.
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
    'at $name width shows the case counts with charts, the timeline with sources, the aid-flow Sankey and an article',
    async (viewport) => {
      const { page, problems } = await newPage(viewport);
      const res = await page.goto(`${stack.apiUrl}/`);
      expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForSelector('section.view[data-view="cases"][aria-busy="false"]');

      // Case counts: the headline figures and a chart per metric over time.
      const figures = await page.locator('.figure-value').allTextContents();
      expect(figures.length).toBeGreaterThan(0);
      if (withSeeds) {
        const tested = page.locator('.figure[data-metric="tested"]', { hasText: '40,700' });
        await expect.poll(() => tested.count()).toBeGreaterThan(0);
        expect(await tested.first().isVisible()).toBe(true);
      }
      // With the Sankey below, the seeds give at least two charts on the case counts alone.
      expect(await page.locator('section.charts svg.chart').count()).toBeGreaterThanOrEqual(
        withSeeds ? 2 : 1,
      );
      await page.locator('section.charts circle.point').first().click();
      await page.waitForSelector('.chart-detail .evidence');
      await page.screenshot({
        path: path.join(screenshots, `cases-${viewport.name}.png`),
        fullPage: true,
      });

      // Timeline: entries, each with its evidence sentences.
      await open(page, 'timeline');
      expect(await page.locator('ol.timeline li.event').count()).toBeGreaterThan(0);
      await page.locator('li.event details.sources summary').first().click();
      expect(
        (await page.locator('li.event .evidence').first().textContent())!.length,
      ).toBeGreaterThan(10);
      await page.screenshot({
        path: path.join(screenshots, `timeline-${viewport.name}.png`),
        fullPage: true,
      });

      // Aid flows: a Sankey band per donor → recipient corridor, and the flows listed one per
      // stage and occasion: every listed flow lies on a band and every band carries a listed flow.
      await open(page, 'flows');
      const bands = (await page.locator('svg.sankey path.link > title').allTextContents()).map(
        corridorOfBand,
      );
      expect(bands.length).toBeGreaterThan(0);
      expect(new Set(bands).size, 'one band per corridor').toBe(bands.length);
      const flows = await page
        .locator('ul.flows li.flow .flow-head')
        .evaluateAll((heads) =>
          heads.map((h) => Array.from(h.querySelectorAll('strong'), (s) => s.textContent ?? '')),
        );
      expect(new Set(flows.map(([donor, recipient]) => corridorOf(donor!, recipient!)))).toEqual(
        new Set(bands),
      );
      await page.screenshot({
        path: path.join(screenshots, `flows-${viewport.name}.png`),
        fullPage: true,
      });

      // Articles: the list, and one article's text with its facts' evidence highlighted.
      await open(page, 'articles');
      expect(await page.locator('ul.articles li.article-row').count()).toBe(
        Math.min(50, articles.length),
      );
      const richest = articles.find((a) => a.status === 'extracted' && a.fileName !== XSS_FILE)!;
      await open(page, `article/${richest.id}`);
      const marks = page.locator('.article-text mark');
      expect(await marks.count()).toBeGreaterThan(0);
      await page.locator('button.fact').first().click();
      expect(await page.locator('.article-text mark.active').count()).toBeGreaterThan(0);
      await page.screenshot({
        path: path.join(screenshots, `article-${viewport.name}.png`),
        fullPage: true,
      });

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
      expect(problems).toEqual([]);
    },
  );

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
