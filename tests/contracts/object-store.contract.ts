/** What every ObjectStore must do: the uploads it hands to ingest, and the texts it keeps. */
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../src/app/ports';
import { ObjectNotFoundError } from '../../src/domain/errors';

export interface ObjectStoreUnderTest {
  store: ObjectStore;
  bucket: string;
  /** Puts an upload the way a user would (the CLI, `aws s3 cp`), with its metadata. */
  upload(key: string, body: string, metadata: Record<string, string>): Promise<void>;
}

let serial = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${serial++}`;

export function objectStoreContract(name: string, make: () => Promise<ObjectStoreUnderTest>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    it('gives an upload back with its bytes, content type and the metadata the ingest reads', async () => {
      const { store, bucket, upload } = await make();
      const key = `contract/${unique('up')}.txt`;
      await upload(key, 'Body text', {
        title: 'A title',
        'source-url': 'https://example.org/a',
        'published-at': '2021-10-07',
      });
      const object = await store.getObject(bucket, key);
      expect(new TextDecoder().decode(object.bytes)).toBe('Body text');
      expect(object.metadata).toEqual({
        title: 'A title',
        sourceUrl: 'https://example.org/a',
        publishedAt: '2021-10-07',
      });
    });

    it('gives metadata back however it was written: raw with a % sign, percent-encoded by the CLI, or as RFC 2047 words', async () => {
      const { store, bucket, upload } = await make();
      const key = `contract/${unique('meta')}.txt`;
      await upload(key, 'Body text', {
        title: 'Cholera up 100% in Yemen',
        'source-url': 'https://example.org/a?q=caf%C3%A9',
        'published-at': '=?UTF-8?Q?2021-10-07?=',
      });
      expect((await store.getObject(bucket, key)).metadata).toEqual({
        title: 'Cholera up 100% in Yemen',
        sourceUrl: 'https://example.org/a?q=café',
        publishedAt: '2021-10-07',
      });
    });

    it('fails with ObjectNotFoundError for a key that does not exist', async () => {
      const { store, bucket } = await make();
      await expect(
        store.getObject(bucket, `contract/${unique('none')}.txt`),
      ).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('keeps a text and gives it back; a text never written is null', async () => {
      const { store, bucket } = await make();
      const key = `text/${unique('t')}.txt`;
      await store.putText(bucket, key, 'Normalised text — with “quotes”.');
      expect(await store.getText(bucket, key)).toBe('Normalised text — with “quotes”.');
      expect(await store.getText(bucket, `text/${unique('missing')}.txt`)).toBeNull();
    });
  });
}
