/**
 * The API's edges on the local stack, over HTTP and DynamoDB Local: what a hostile client sends
 * gets a 4xx naming what is wrong, never a 500 (which would fire the 5xx alarm on demand) and
 * never a page it did not ask for.
 */
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');
/** As a signed-in reader: the list routes need one (issue 15); the edges are behind it. */
const asReader = { headers: { authorization: `Bearer ${stack.tokens.reader}` } };

describe('the local API server', () => {
  it.each(['//health', '//articles', '///', '//timeline?limit=1'])(
    'given the path %s, with a reader token or none, then it answers 404 (no route, like API Gateway’s $default), never the dashboard',
    async (path) => {
      for (const init of [asReader, {}]) {
        const res = await fetch(`${stack.apiUrl}${path}`, init);
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
      }
    },
  );

  it('given a forged cursor naming a sort key of 800 bytes, then every list route answers 400 naming `cursor`', async () => {
    const forged = Buffer.from(JSON.stringify(['2021|' + '\u{1F600}'.repeat(200)])).toString(
      'base64url',
    );
    for (const route of [
      '/timeline?from=2020&to=2030&',
      '/case-counts?',
      '/aid-flows?',
      '/aid-flows/corridors?',
    ]) {
      const res = await fetch(`${stack.apiUrl}${route}cursor=${forged}`, asReader);
      expect(res.status, route).toBe(400);
      const body = (await res.json()) as { errors: { parameter: string }[] };
      expect(body.errors.map((e) => e.parameter)).toEqual(['cursor']);
    }
    const articles = await fetch(`${stack.apiUrl}/articles?cursor=${forged}`, asReader);
    expect(articles.status).toBe(400);
  });

  it('given limit=0x10, " 5" or 1e2, then the answer is 400, and limit=16 is a page of at most 16', async () => {
    for (const limit of ['0x10', '%205', '1e2'])
      expect((await fetch(`${stack.apiUrl}/timeline?limit=${limit}`, asReader)).status, limit).toBe(
        400,
      );
    const res = await fetch(`${stack.apiUrl}/timeline?limit=16`, asReader);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items.length).toBeLessThanOrEqual(16);
  });
});
