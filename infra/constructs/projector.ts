/**
 * The projector: the events table's stream drives the projector function, one stream record per
 * commit; a batch it gives up on goes to the projector dead-letter queue.
 */
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, GraphWidget, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Protected } from '../access';
import {
  acknowledge,
  type AddAlarm,
  type Alarmed,
  grantAccess,
  type Graphed,
  PERIOD,
} from './shared';

export class Projector implements Alarmed, Graphed {
  constructor(
    private readonly fn: NodejsFunction,
    resources: Protected,
    deadLetters: Queue,
  ) {
    fn.addEventSource(
      new DynamoEventSource(resources.eventsTable, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        // Stream records live 24 h and redrive must read them back from the stream: giving up at
        // 6 h leaves the operator ~18 h between the DLQ alarm and the records expiring.
        maxRecordAge: Duration.hours(6),
        // Lambda keeps per-item-key order with parallelization > 1, and view writes are conditional
        // (optimistic, retried), so 2 concurrent batches per shard are safe; it halves the catch-up
        // after a re-extraction burst. Steady state (~1,000 commits/day) needs 1.
        parallelizationFactor: 2,
        onFailure: new SqsDlq(deadLetters),
      }),
    );
    acknowledge(
      fn.role!,
      'AwsSolutions-IAM5[Resource::*]',
      'dynamodb:ListStreams, which the stream event source mapping needs, is not resource-scoped.',
    );
    grantAccess(fn, 'projector', resources);
  }

  addAlarms(alarm: AddAlarm): void {
    alarm('ProjectorIteratorAgeAlarm', {
      alarmDescription:
        'Projector is falling behind the events stream (views are stale) for 15 minutes',
      metric: this.fn.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' }),
      threshold: Duration.minutes(5).toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
  }

  widgets(period: Duration): IWidget[] {
    return [
      new GraphWidget({
        title: 'Projector iterator age (ms)',
        width: 12,
        left: [this.fn.metric('IteratorAge', { statistic: 'Maximum', period })],
      }),
    ];
  }
}
