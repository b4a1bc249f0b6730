/**
 * Upload: drop files (or choose them), optionally say when and where they were published and
 * their title, and send them. The API signs one PUT per file, of exactly its size; the browser
 * sends the bytes straight to the bucket with progress, then follows what the pipeline records
 * for each: ingested with its facts, a correction of an article already held (its text again with
 * another title, source or date), a duplicate of one, or rejected and why.
 */
import type { uploadGrantSchema, UploadOutcome } from '../../src/api/uploads';
import type * as z from 'zod';
import { getJson, postJson, query } from '../api';
import { loadConfig } from '../auth';
import { h, replace } from '../dom';
import { formatNumber, label } from '../format';
import type { ViewContext } from './view';

type Grant = z.infer<ReturnType<typeof uploadGrantSchema>>;
type Signed = Grant['uploads'][number];

/** The API signs at most this many files per request. */
const BATCH = 50;
const PARALLEL_PUTS = 4;
const POLL_MS = 1000;
/** How long to follow an upload before saying it is still being processed. */
const FOLLOW_MS = 3 * 60_000;

const FIELDS = [
  { name: 'publishedAt', label: 'Publication date', placeholder: 'YYYY-MM-DD', type: 'text' },
  { name: 'sourceUrl', label: 'Source URL', placeholder: 'https://…', type: 'url' },
  { name: 'title', label: 'Title', placeholder: '', type: 'text' },
] as const;

/** One file on the page: its row, and how to say what became of it. */
class Row {
  readonly el: HTMLLIElement;
  private readonly bar: HTMLProgressElement;
  private readonly status: HTMLElement;

  constructor(readonly file: File) {
    this.bar = h('progress', { max: 100, value: 0, 'aria-label': `${file.name} sent` });
    this.status = h('span', { class: 'upload-status', role: 'status' }, 'ready');
    this.el = h(
      'li',
      { class: 'upload', 'data-state': 'ready' },
      h('span', { class: 'upload-name' }, file.name),
      h('span', { class: 'muted' }, `${formatNumber(Math.ceil(file.size / 1024))} KB`),
      this.bar,
      this.status,
    );
  }

  say(state: string, ...text: (string | Node)[]): void {
    this.el.dataset.state = state;
    replace(this.status, ...text);
  }

  progress(fraction: number): void {
    this.bar.value = Math.round(fraction * 100);
  }
}

/** PUTs the bytes as signed, reporting progress; the version id the bucket gave it. */
function send(row: Row, signed: Signed): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', signed.url);
    for (const [k, v] of Object.entries(signed.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && row.progress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300)
        return reject(new Error(`the bucket refused it (${xhr.status})`));
      // An empty file sends no progress events: done is all of it.
      row.progress(1);
      resolve(xhr.getResponseHeader('x-amz-version-id') ?? '');
    };
    xhr.onerror = () => reject(new Error('the upload did not reach the bucket'));
    xhr.send(row.file);
  });
}

const articleLink = (id: string, text: string) =>
  h('a', { href: `#article/${encodeURIComponent(id)}` }, text);

function report(row: Row, o: UploadOutcome): void {
  const facts = Object.values(o.counts ?? {}).reduce((a, b) => a + b, 0);
  if (o.outcome === 'ingested')
    row.say(
      'ingested',
      `ingested: ${facts} fact${facts === 1 ? '' : 's'} · `,
      articleLink(o.articleId!, 'open'),
    );
  else if (o.outcome === 'corrected')
    row.say(
      'corrected',
      `corrected: the article already held, with this title, source or date · ${facts} fact${facts === 1 ? '' : 's'} · `,
      articleLink(o.articleId!, 'open'),
    );
  else if (o.outcome === 'duplicate')
    row.say(
      'duplicate',
      'duplicate of an article already held · ',
      articleLink(o.articleId!, 'open'),
    );
  else
    row.say(
      'rejected',
      `rejected: ${label(o.rejection!.reason)} — ${o.rejection!.detail} · `,
      articleLink(o.articleId!, 'details'),
    );
}

/** Asks what the pipeline recorded until it has, or until it is time to stop asking. */
async function follow(row: Row, key: string, versionId: string): Promise<void> {
  const deadline = Date.now() + FOLLOW_MS;
  row.say('processing', 'sent; waiting for the pipeline…');
  while (Date.now() < deadline) {
    const o = await getJson<UploadOutcome>(`uploads/outcome${query({ key, versionId })}`);
    if (o.outcome !== 'pending') return report(row, o);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  row.say('pending', 'still being processed; see Articles later');
}

async function inParallel<T>(items: T[], n: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function uploadBatch(rows: Row[], fields: Record<string, string>): Promise<void> {
  let grant: Grant;
  try {
    grant = await postJson<Grant>('uploads', {
      files: rows.map((r) => ({
        name: r.file.name,
        size: r.file.size,
        ...(r.file.type ? { type: r.file.type } : {}),
      })),
      ...fields,
    });
  } catch (error) {
    for (const r of rows) r.say('failed', `not sent: ${(error as Error).message}`);
    return;
  }
  await inParallel(rows, PARALLEL_PUTS, async (row) => {
    const signed = grant.uploads[rows.indexOf(row)]!;
    try {
      row.say('sending', 'sending…');
      const versionId = await send(row, signed);
      await follow(row, signed.key, versionId);
    } catch (error) {
      row.say('failed', `failed: ${(error as Error).message}`);
    }
  });
}

export async function uploadView({ root }: ViewContext): Promise<void> {
  const { maxUploadBytes } = await loadConfig();
  const list = h('ul', { class: 'uploads', 'aria-label': 'files' });
  let ready: Row[] = [];
  const input = h('input', { type: 'file', multiple: true, id: 'upload-files' });
  const zone = h(
    'div',
    { class: 'drop-zone' },
    h('p', {}, 'Drop article files here.'),
    h('label', { for: 'upload-files' }, 'Or choose files: '),
    input,
    h(
      'p',
      { class: 'muted' },
      `Text, Markdown, HTML or JSON; up to ${Math.round(maxUploadBytes / 1024 / 1024)} MB each.`,
    ),
  );
  const add = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const row = new Row(file);
      list.append(row.el);
      if (file.size > maxUploadBytes)
        row.say('failed', `too large: at most ${Math.round(maxUploadBytes / 1024 / 1024)} MB`);
      else ready.push(row);
    }
  };
  input.addEventListener('change', () => add(input.files));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    add(e.dataTransfer?.files ?? null);
  });
  const controls = FIELDS.map((f) =>
    h('input', {
      id: `upload-${f.name}`,
      name: f.name,
      type: f.type,
      placeholder: f.placeholder || null,
      autocomplete: 'off',
    }),
  );
  const form = h(
    'form',
    { class: 'upload-form', 'aria-label': 'upload' },
    zone,
    h(
      'fieldset',
      {},
      h('legend', {}, 'About these articles (optional; applies to every file sent together)'),
      ...FIELDS.map((f, i) =>
        h('div', { class: 'field' }, h('label', { for: controls[i]!.id }, f.label), controls[i]!),
      ),
    ),
    h('button', { type: 'submit' }, 'Upload'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const rows = ready;
    ready = [];
    const fields = Object.fromEntries(
      controls.map((c) => [c.name, c.value.trim()]).filter(([, v]) => v),
    );
    void (async () => {
      for (let i = 0; i < rows.length; i += BATCH)
        await uploadBatch(rows.slice(i, i + BATCH), fields);
    })();
  });
  replace(root, h('h2', {}, 'Upload articles'), form, list);
}
