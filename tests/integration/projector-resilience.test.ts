/**
 * The projector under the failures AWS will produce: a crash in the middle of a batch, and a
 * record that keeps failing. Runs its own stack in this worker so it can inject faults into the
 * very handler the stream poller calls.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack';
import type { StreamHandler } from '../../local/stream-poller';
import { DynamoDbEventStore } from '../../src/adapters/dynamodb-event-store';
import type { Commit } from '../../src/domain/commit';
import { projectAll } from '../../src/domain/projections/project-all';
import { DynamoDbViewVersions } from '../../src/adapters/dynamodb-view-versions';
import { rebuildViews } from '../../src/app/rebuild';
import {
  aidFlow,
  caseCount,
  extracted,
  happening,
  ingestCommit,
  reextractCommit,
} from '../support/builders';
import { eventually } from '../support/clients';
import { liveViews, readAllViews } from '../support/views';

let stack: LocalStack;
const views = () => liveViews(stack.dynamo, stack.viewsTable);
let kills = 0;
let writesUntilKill = Infinity;
let killed = false;
let poisonBug = true;

const isPoison = (r: DynamoDBRecord) =>
  JSON.stringify(r.dynamodb?.NewImage ?? {}).includes('poison');

/** Fails the whole invocation, as a crash would, once the fault middleware has cut it off. */
const faulty =
  (handler: StreamHandler): StreamHandler =>
  async (event, context) => {
    const poisoned = poisonBug ? event.Records.filter(isPoison) : [];
    const rest = event.Records.filter((r) => !poisoned.includes(r));
    const outcome = await (
      rest.length ? handler({ Records: rest }, context) : Promise.resolve({ batchItemFailures: [] })
    ).then(
      (response) => ({ response, error: null }),
      (error: unknown) => ({ response: null, error }),
    );
    if (killed) {
      killed = false;
      throw new Error('projector killed mid-batch');
    }
    if (outcome.error) throw outcome.error;
    const response = outcome.response;
    return {
      batchItemFailures: [
        ...(response?.batchItemFailures ?? []),
        ...poisoned.map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })),
      ],
    };
  };

beforeAll(async () => {
  stack = await startLocalStack({
    dataDir: null,
    apiPort: 0,
    decorateProjector: faulty,
    streamMaxRetries: 2,
  });
  // A client middleware cuts the projector off after a number of writes, like a process dying.
  stack.handlers.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const write = /Write|Put|Update|Delete/.test(context.commandName ?? '');
      if (write && killed) throw new Error('connection lost');
      if (write && kills > 0 && --writesUntilKill <= 0) {
        kills--;
        writesUntilKill = 7 + kills * 5;
        killed = true;
        throw new Error('connection lost');
      }
      return next(args);
    },
    { step: 'initialize', name: 'faultInjection' },
  );
});

afterAll(async () => {
  await stack?.stop();
});

function corpus(prefix: string): Commit[] {
  const commits: Commit[] = [];
  for (let i = 0; i < 12; i++) {
    const first = ingestCommit(
      `${prefix}${i}`,
      extracted({
        publishedAt: i % 3 === 0 ? '2021-10-07' : null,
        caseCounts: [
          caseCount({ value: [40700, 573, 94][i % 3]!, asOf: i % 2 ? '--09-23' : '2021-09-23' }),
          caseCount({ metric: 'deaths', value: 10 + i, asOf: null }),
        ],
        aidFlows: [
          aidFlow({
            donor: ['WHO', 'China', 'UNICEF'][i % 3]!,
            status: i % 2 ? 'shipped' : 'delivered',
          }),
        ],
        timeline: [happening({ date: `2021-0${1 + (i % 9)}`, subjects: [`S${i % 4}`] })],
      }),
    );
    commits.push(first);
    if (i % 4 === 0)
      commits.push(
        reextractCommit(
          [first],
          extracted({ extractorVersion: 'test-2', caseCounts: [caseCount({ value: 40700 })] }),
        ),
      );
  }
  return commits;
}

describe('projector resilience', () => {
  it('given the projector is killed mid-batch three times, then the views converge to those of the events', async () => {
    const store = new DynamoDbEventStore(stack.dynamo, stack.eventsTable);
    const commits = corpus('crash');
    kills = 3;
    writesUntilKill = 5;
    for (const c of commits) await store.appendToStream(c);
    await eventually(async () => (kills === 0 ? true : undefined), 30_000, 'the injected crashes');
    await stack.settled();

    const expected = projectAll(commits);
    expect(JSON.stringify(await readAllViews(views()))).toBe(JSON.stringify(expected));
    expect(stack.deadLetters.count()).toBe(0);
  });

  it('given a poison record, it lands in the dead-letter queue while the rest are projected, and redrive replays it after the fix', async () => {
    const store = new DynamoDbEventStore(stack.dynamo, stack.eventsTable);
    const before = (await readAllViews(views())).articles.length;
    const poison = ingestCommit(
      'poison1',
      extracted({ title: 'poison', caseCounts: [caseCount({ value: 7 })] }),
    );
    const healthy = [ingestCommit('healthy1', extracted()), ingestCommit('healthy2', extracted())];
    for (const c of [healthy[0]!, poison, healthy[1]!]) await store.appendToStream(c);

    await eventually(
      async () => (stack.deadLetters.count() === 1 ? true : undefined),
      30_000,
      'the dead letter',
    );
    await stack.settled();
    const articles = (await readAllViews(views())).articles.map((a) => a.id);
    expect(articles).toEqual(expect.arrayContaining(['healthy1', 'healthy2']));
    expect(articles).not.toContain('poison1');
    expect(articles).toHaveLength(before + 2);

    poisonBug = false;
    const { redrive } = await import('../../src/app/redrive');
    const { DynamoDbStreamReader } = await import('../../src/adapters/dynamodb-stream-reader');
    const handler = stack.handlers.projector;
    const summary = await redrive(
      stack.deadLetters,
      new DynamoDbStreamReader(stack.streams),
      async (records) => {
        const response = await handler({ Records: records }, {} as never);
        return response.batchItemFailures.map((f) => f.itemIdentifier);
      },
    );
    expect(summary).toMatchObject({ messages: 1, redriven: 1, stillFailing: 0, records: 1 });
    expect(stack.deadLetters.count()).toBe(0);
    expect((await readAllViews(views())).articles.map((a) => a.id)).toContain('poison1');
  });

  it('given any history, a rebuild leaves the views byte-identical', async () => {
    await stack.settled();
    const before = JSON.stringify(await readAllViews(views()));
    await rebuildViews({
      events: new DynamoDbEventStore(stack.dynamo, stack.eventsTable),
      versions: new DynamoDbViewVersions(stack.dynamo, stack.viewsTable),
      now: () => new Date().toISOString(),
    });
    expect(JSON.stringify(await readAllViews(views()))).toBe(before);
  });
});
