/**
 * The two dead-letter queues: failed ingest invocations and projector batches given up on. One
 * part for both: redrive drains both, one alarm rule and one graph watch both.
 */
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, GraphWidget, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  acknowledge,
  type AddAlarm,
  type Alarmed,
  type Graphed,
  PERIOD,
  type Scope,
} from './shared';

export class DeadLetterQueues implements Alarmed, Graphed {
  readonly ingest: Queue;
  readonly projector: Queue;

  constructor(scope: Scope) {
    this.ingest = deadLetterQueue(
      scope,
      'IngestFailures',
      'Failed ingest invocations (async on-failure destination); drained by redrive',
    );
    this.projector = deadLetterQueue(
      scope,
      'ProjectorDeadLetters',
      'Stream batches the projector gave up on; drained by redrive',
    );
  }

  get all(): Queue[] {
    return [this.ingest, this.projector];
  }

  /** Anything in a dead-letter queue failed for good: the operator redrives it. */
  addAlarms(alarm: AddAlarm): void {
    for (const queue of this.all)
      alarm(`${queue.node.id}DepthAlarm`, {
        alarmDescription: `${queue.node.id}: messages waiting in a dead-letter queue (something failed for good)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
  }

  widgets(period: Duration): IWidget[] {
    return [
      new GraphWidget({
        title: 'Dead-letter queues (visible messages)',
        width: 12,
        left: this.all.map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        ),
      }),
    ];
  }
}

function deadLetterQueue(scope: Scope, id: string, description: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    queue,
    'AwsSolutions-SQS3',
    `${description}: this queue is itself the dead-letter destination.`,
  );
  return queue;
}
