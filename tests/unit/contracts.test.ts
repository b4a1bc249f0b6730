/** The port contracts, run against the in-memory adapters the unit and property tests use. */
import {
  MemoryEventStore,
  MemoryObjectStore,
  MemoryViewStore,
  MemoryViewVersions,
} from '../../src/adapters/memory-stores';
import { decodeMetadataValue } from '../../src/adapters/s3-object-store';
import { eventStoreContract } from '../contracts/event-store.contract';
import { objectStoreContract } from '../contracts/object-store.contract';
import { viewStoreContract } from '../contracts/view-store.contract';
import { viewVersionsContract } from '../contracts/view-versions.contract';

eventStoreContract('memory', async () => new MemoryEventStore());
viewStoreContract('memory', async () => new MemoryViewStore());
viewVersionsContract('memory', async () => new MemoryViewVersions());
objectStoreContract('memory', async () => {
  const store = new MemoryObjectStore();
  return {
    store,
    bucket: 'b',
    async upload(key, body, metadata) {
      store.objects.set(`b/${key}`, {
        bytes: new TextEncoder().encode(body),
        contentType: 'text/plain',
        versionId: null,
        // S3 hands metadata over as header text; the memory store takes it already decoded.
        metadata: {
          ...(metadata.title ? { title: decodeMetadataValue(metadata.title) } : {}),
          ...(metadata['source-url']
            ? { sourceUrl: decodeMetadataValue(metadata['source-url']) }
            : {}),
          ...(metadata['published-at']
            ? { publishedAt: decodeMetadataValue(metadata['published-at']) }
            : {}),
        },
      });
    },
  };
});
