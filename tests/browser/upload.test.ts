/**
 * Signing in and uploading in headless Chromium, on a local stack of its own started the way
 * `npm start -- --private` starts (the facts need a signed-in user too): the dashboard hides what
 * a user may not see, signs in through the local issuer's pages (the flow Cognito's managed login
 * serves on AWS), and uploads several files at once — dropped and chosen — with the metadata
 * fields, each sent by a presigned PUT with its progress, each followed to the outcome the
 * pipeline records. Needs Debian's /usr/bin/chromium; skips, saying why, without it.
 */
import axe from 'axe-core';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_KEY } from '../../dashboard/auth';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { clientsFor, eventually } from '../support/clients';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const root = path.resolve(import.meta.dirname, '../..');
const SAMPLE = 'peru-oxygen-2021.txt';

const FRESH = [
  'Vaccines land in Lilongwe',
  '',
  'UNICEF said on Monday that 200,000 doses of oral cholera vaccine had arrived in Malawi by air.',
  'Health officials reported 2,100 confirmed cholera cases in the southern region as of February 2, 2023.',
].join('\n');

let stack: LocalStack;
let browser: Browser;

describe.skipIf(!haveChromium)('signing in and uploading in headless Chromium', () => {
  beforeAll(async () => {
    stack = await startLocalStack({ dataDir: null, apiPort: 0, publicRead: false });
    const api = clientsFor(stack);
    await api.upload(SAMPLE, readFileSync(path.join(root, 'samples', SAMPLE)));
    await eventually(
      async () => ((await api.getAll('/articles')).length === 1 ? true : undefined),
      60_000,
      'the sample to be ingested',
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function newPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    // The page talks to its own origin and, for the bytes of an upload, to the bucket only.
    page.on(
      'request',
      (r) =>
        !r.url().startsWith(stack.apiUrl) &&
        !r.url().startsWith(stack.s3Endpoint) &&
        !r.url().startsWith('data:') &&
        problems.push(`external request ${r.url()}`),
    );
    return { page, problems };
  }

  const tabs = (page: Page) => page.locator('nav a').allTextContents();

  it('signs in through the sign-in page, then uploads dropped and chosen files and shows each outcome', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${stack.apiUrl}/#upload`);
    // Nobody signed in, facts private: nothing but the invitation to sign in.
    await page.waitForSelector('section.view[aria-busy="false"] .sign-in-needed');
    expect(await tabs(page)).not.toContain('Upload');
    expect(await tabs(page)).not.toContain('Articles');

    await page.locator('.sign-in-needed button').click();
    await page.waitForSelector('form[method="post"]');
    await page.getByLabel('User name').fill('uploader');
    await page.getByLabel('Password').fill('uploader');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back on the view it left, signed in.
    await page.waitForSelector(
      'section.view[data-view="upload"][aria-busy="false"] form.upload-form',
    );
    expect(await page.locator('.session .who').textContent()).toContain('uploader');
    expect(await tabs(page)).toEqual(expect.arrayContaining(['Upload', 'Articles', 'Timeline']));

    await page.getByLabel('Title').fill('Vaccines for Malawi');
    await page.getByLabel('Publication date').fill('2023-02-03');
    // Two files dropped on the zone, one chosen with the file picker.
    await page.evaluate(
      (files) => {
        const dt = new DataTransfer();
        for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
        document
          .querySelector('.drop-zone')!
          .dispatchEvent(
            new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
          );
      },
      [
        { name: 'malawi-vaccines.txt', text: FRESH },
        { name: 'nothing.txt', text: '' },
      ],
    );
    await page.setInputFiles('#upload-files', {
      name: 'peru-again.txt',
      mimeType: 'text/plain',
      buffer: readFileSync(path.join(root, 'samples', SAMPLE)),
    });
    expect(await page.locator('li.upload').count()).toBe(3);
    await page.getByRole('button', { name: 'Upload' }).click();

    const row = (name: string) => page.locator('li.upload', { hasText: name });
    await expect
      .poll(
        () =>
          page
            .locator('li.upload')
            .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.state)),
        { timeout: 90_000 },
      )
      .toEqual(expect.arrayContaining(['ingested', 'rejected', 'corrected']));
    expect(await row('malawi-vaccines.txt').locator('.upload-status').textContent()).toMatch(
      /ingested: [1-9]\d* facts?/,
    );
    expect(await row('nothing.txt').locator('.upload-status').textContent()).toContain(
      'rejected: Empty',
    );
    // The sample's text again, with the form's title and date: a correction of the article held.
    expect(await row('peru-again.txt').getAttribute('data-state')).toBe('corrected');
    expect(await row('peru-again.txt').locator('.upload-status').textContent()).toMatch(
      /corrected: .* [1-9]\d* facts?/,
    );
    for (const name of ['malawi-vaccines.txt', 'nothing.txt', 'peru-again.txt'])
      expect(
        await row(name)
          .locator('progress')
          .evaluate((p) => (p as HTMLProgressElement).value),
      ).toBe(100);

    await page.evaluate(axe.source);
    const { violations } = await page.evaluate(() =>
      (
        window as unknown as {
          axe: { run(d: Document): Promise<{ violations: { id: string }[] }> };
        }
      ).axe.run(document),
    );
    expect(violations.map((v) => v.id)).toEqual([]);

    // The article it became carries the title given with the upload.
    await row('malawi-vaccines.txt').getByRole('link', { name: 'open' }).click();
    await page.waitForSelector('section.view[data-view="article"][aria-busy="false"]');
    expect(await page.locator('h2.article-title').textContent()).toContain('Vaccines for Malawi');
    expect(problems).toEqual([]);
  });

  it('a reader sees the facts and the articles but no upload, and is told why', async () => {
    const { page, problems } = await newPage();
    await page.addInitScript(
      ([key, token]) => sessionStorage.setItem(key!, JSON.stringify({ accessToken: token })),
      [SESSION_KEY, stack.tokens.reader],
    );
    await page.goto(`${stack.apiUrl}/#upload`);
    await page.waitForSelector('section.view[aria-busy="false"] .sign-in-needed');
    expect(await page.locator('.sign-in-needed').textContent()).toContain('uploader role');
    expect(await tabs(page)).toEqual(expect.arrayContaining(['Articles', 'Timeline']));
    expect(await tabs(page)).not.toContain('Upload');
    expect(problems).toEqual([]);
  });
});
