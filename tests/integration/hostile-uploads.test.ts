/**
 * Uploads a hostile world makes, on the local stack (issue 14): each is recorded — ingested, or
 * rejected with a reason — on its first delivery, never retried into the dead-letter queue.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { clientsFor, eventually } from '../support/clients';
import { ingestLog } from '../support/local-s3';

const stack = inject('stack');
const { upload, get } = clientsFor(stack);

interface Article {
  id: string;
  fileName: string;
  status: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  warnings: string[];
}

const TEXT = (marker: string) =>
  `Cholera cases rise in Yemen (${marker})\n\nPosted on: 2022-05-17\n\nHealth officials said on Friday that 1,200 cholera cases had been confirmed since Sept. 23. WHO shipped oral rehydration salts to Aden last month.`;

async function listed(fileName: string): Promise<Article> {
  return eventually(
    async () => {
      const { body } = await get<{ items: Article[] }>('/articles?limit=500');
      return body.items.find((a) => a.fileName === fileName);
    },
    30_000,
    `${fileName} in /articles`,
  );
}

const failedIngests = (key: string) =>
  ingestLog(stack.dataDir).filter((l) => l.key === key && l.outcome === ('failed' as never));
const ingestDeadLetters = () =>
  readdirSync(path.join(stack.dataDir, 'dlq', 'ingest')).filter((f) => f.endsWith('.json'));

describe('metadata that does not parse (item 1)', () => {
  it('given a raw % in the title, a date of 9999-99-99 and a javascript: URL, then the upload is ingested at once, dated by its text, with warnings, and nothing is dead-lettered', async () => {
    const before = ingestDeadLetters().length;
    await upload('meta-hostile.txt', TEXT('meta'), {
      title: 'Cholera up 100% in Yemen',
      'published-at': '9999-99-99',
      'source-url': 'javascript:alert(1)',
    });
    const article = await listed('meta-hostile.txt');
    expect(article).toMatchObject({
      status: 'extracted',
      title: 'Cholera up 100% in Yemen',
      url: null,
      publishedAt: '2022-05-17',
    });
    expect(article.warnings).toEqual([
      expect.stringContaining('source URL in the upload metadata'),
      expect.stringContaining("publication date in the upload metadata ('9999-99-99')"),
    ]);
    expect(failedIngests('articles/meta-hostile.txt')).toEqual([]);
    expect(ingestDeadLetters()).toHaveLength(before);

    const { body } = await get<{ facts: Record<string, { date?: string; asOf?: string }[]> }>(
      `/articles/${article.id}`,
    );
    const dates = Object.values(body.facts)
      .flat()
      .flatMap((f) => [f.date, f.asOf])
      .filter((d): d is string => typeof d === 'string');
    for (const d of dates) expect(d).toMatch(/^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$/);
  });
});

const COUNTRIES = [
  'Afghanistan',
  'Albania',
  'Algeria',
  'Angola',
  'Argentina',
  'Armenia',
  'Australia',
  'Austria',
  'Azerbaijan',
  'Bahrain',
  'Bangladesh',
  'Belarus',
  'Belgium',
  'Belize',
  'Benin',
  'Bhutan',
  'Bolivia',
  'Botswana',
  'Brazil',
  'Bulgaria',
  'Burundi',
  'Cambodia',
  'Cameroon',
  'Canada',
  'Chad',
  'Chile',
  'China',
  'Colombia',
  'Comoros',
  'Croatia',
  'Cuba',
  'Cyprus',
  'Denmark',
  'Djibouti',
  'Dominica',
  'Ecuador',
  'Egypt',
  'Eritrea',
  'Estonia',
  'Ethiopia',
  'Fiji',
  'Finland',
  'France',
  'Gabon',
  'Georgia',
  'Germany',
  'Ghana',
  'Greece',
  'Grenada',
  'Guatemala',
  'Guinea',
  'Guyana',
  'Haiti',
  'Honduras',
  'Hungary',
  'Iceland',
  'India',
  'Indonesia',
  'Iran',
  'Iraq',
  'Ireland',
  'Israel',
  'Italy',
  'Jamaica',
  'Japan',
  'Jordan',
  'Kazakhstan',
  'Kenya',
  'Kiribati',
  'Kuwait',
  'Kyrgyzstan',
  'Laos',
  'Latvia',
  'Lebanon',
  'Lesotho',
  'Liberia',
  'Libya',
];

describe('records that could block the projector (item 3)', () => {
  it('given a sentence naming seventy-seven countries, then its happening is on the timeline', async () => {
    const prose =
      'The outbreak has spread fast, and the health officials who spoke to us said that it was the worst they had seen in years. They said that more help would be needed from the donors who have been slow to respond, and that the clinics were full. ';
    const text = `Outbreak report\n\nPosted on: 2022-03-04\n\n${prose.repeat(3)}On March 3, 2022, health officials said cholera had been reported in ${COUNTRIES.join(', ')} and Madagascar. ${prose.repeat(3)}`;
    await upload('many-countries.txt', text);
    const article = await listed('many-countries.txt');
    expect(article.status).toBe('extracted');
    const { body: detail } = await get<{ facts: { timeline: { subjects: string[] }[] } }>(
      `/articles/${article.id}`,
    );
    const stated = detail.facts.timeline.find((f) => f.subjects.includes('Afghanistan'));
    expect(stated?.subjects.length).toBe(50);
    const entry = await eventually(
      async () => {
        const { body } = await get<{ items: { subjects: string[] }[] }>(
          '/timeline?from=2022-03-03&to=2022-03-03&limit=500',
        );
        return body.items.find((e) => e.subjects.includes('Afghanistan'));
      },
      30_000,
      'the happening on the timeline',
    );
    expect(entry.subjects.length).toBeLessThanOrEqual(50);
  });

  it('given two envelopes with 213 KB titles reporting Brazil → Madagascar, then they and a later ordinary report of that pair are all projected', async () => {
    const flow = (marker: string) =>
      `Brazil delivered 40,000 vaccine doses to Madagascar on Tuesday, officials said (${marker}). The shipment arrived in Antananarivo by air.`;
    const title = `Vaccines for Madagascar ${'and more vaccines '.repeat(12_000)}`;
    for (const n of [1, 2])
      await upload(
        `huge-title-${n}.json`,
        JSON.stringify({ title, publishedAt: '2022-06-01', body: flow(`copy ${n}`) }),
      );
    await upload(
      'ordinary-pair.txt',
      `Brazil ships vaccines\n\nPosted on: 2022-06-02\n\n${flow('ordinary')}`,
    );
    for (const name of ['huge-title-1.json', 'huge-title-2.json', 'ordinary-pair.txt']) {
      const article = await listed(name);
      expect(article.status, name).toBe('extracted');
      expect(article.title!.length, name).toBeLessThanOrEqual(300);
    }
    const corridor = await eventually(
      async () => {
        const { body } = await get<{
          items: { sources: { articleId: string }[]; sourceCount: number }[];
        }>('/aid-flows?donor=Brazil&recipient=Madagascar');
        return body.items.find((e) => e.sourceCount >= 3);
      },
      30_000,
      'the three reports of Brazil → Madagascar',
    );
    expect(corridor.sourceCount).toBe(3);
    const deadLetters = readdirSync(path.join(stack.dataDir, 'dlq', 'projector'));
    expect(deadLetters.filter((f) => f.endsWith('.json'))).toEqual([]);
  });

  it('given an article of 3,024 dated sentences, then it is listed as rejected (too_many_facts) and its page answers', async () => {
    const sentences = Array.from({ length: 3024 }, (_, i) => {
      const day = new Date(Date.UTC(2010, 0, 1 + i)).toISOString().slice(0, 10);
      return `On ${day}, health workers in the district counted new cholera cases and opened clinic number ${i} for the patients who came.`;
    });
    await upload('dated-sentences.txt', `District log\n\n${sentences.join(' ')}`);
    const article = await listed('dated-sentences.txt');
    expect(article.status).toBe('rejected');
    const { status, body } = await get<{ rejection: { reason: string; detail: string } }>(
      `/articles/${article.id}`,
    );
    expect(status).toBe(200);
    expect(body.rejection.reason).toBe('too_many_facts');
  });
});

describe('corrections and removals (item 8)', () => {
  const text = (marker: string) =>
    `Clinics reopen in Sofala (${marker})\n\nThe Red Cross said on Friday that 40 tonnes of medical supplies had arrived in Beira by air. Health officials reported 1,300 confirmed cholera cases in the province.`;

  it('given the same text uploaded again with a corrected published-at and title, then the article shows them and its facts are dated again', async () => {
    await upload('correct-me.txt', text('correct'));
    const first = await listed('correct-me.txt');
    expect(first.publishedAt).toBeNull();
    await upload('correct-me-again.txt', text('correct'), {
      'published-at': '2021-10-07',
      title: 'Clinics reopen in Beira',
    });
    const corrected = await eventually(
      async () => {
        const { body } = await get<Article>(`/articles/${first.id}`);
        return body.publishedAt === '2021-10-07' ? body : undefined;
      },
      30_000,
      'the corrected article',
    );
    expect(corrected.title).toBe('Clinics reopen in Beira');
    const { body } = await get<{ facts: { timeline: { date: string }[] } }>(
      `/articles/${first.id}`,
    );
    expect(body.facts.timeline.map((f) => f.date)).toContain('2021-10-01');
  });

  it('given an uploaded article, when its object is deleted, then its facts leave the views, and when it is uploaded again they are back', async () => {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    const { s3 } = clientsFor(stack);
    await upload('delete-me.txt', text('delete'));
    const article = await listed('delete-me.txt');
    const inViews = async () => {
      const { body } = await get<{ items: { sources: { articleId: string }[] }[] }>(
        '/case-counts?limit=500',
      );
      return body.items.some((e) => e.sources.some((s) => s.articleId === article.id));
    };
    await eventually(async () => ((await inViews()) ? true : undefined), 30_000, 'its facts');

    await s3.send(new DeleteObjectCommand({ Bucket: stack.bucket, Key: 'articles/delete-me.txt' }));
    await eventually(
      async () => {
        const { body } = await get<Article>(`/articles/${article.id}`);
        return body.status === 'withdrawn' && !(await inViews()) ? true : undefined;
      },
      30_000,
      'the article withdrawn and its facts gone',
    );
    const { body: withdrawn } = await get<{ items: Article[] }>('/articles?status=withdrawn');
    expect(withdrawn.items.map((a) => a.id)).toContain(article.id);

    await upload('delete-me.txt', text('delete'));
    await eventually(
      async () => {
        const { body } = await get<Article>(`/articles/${article.id}`);
        return body.status === 'extracted' && (await inViews()) ? true : undefined;
      },
      30_000,
      'the article shown again',
    );
  });
});
