/**
 * Ingest: S3 invokes the ingest function asynchronously for each object created or removed under
 * articles/; an invocation that still fails after Lambda's retries goes to the ingest dead-letter
 * queue.
 * Retries are safe (ingesting an object twice appends nothing).
 */
import { type CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { GraphWidget, type IWidget, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Protected } from '../access';
import { ARTICLES_PREFIX } from '../../src/tables';
import type { IngestResult } from '../../src/app/ingest';
import { POWERTOOLS } from './functions';
import { acknowledge, grantAccess, type Graphed, type Scope } from './shared';

/** src/lambdas/ingest.ts publishes one `Articles_<outcome>` metric per object (type-checked against src/). */
const INGEST_OUTCOMES: IngestResult['outcome'][] = [
  'ingested',
  'duplicate',
  'redelivered',
  'rejected',
  'corrected',
  'removed',
  'withdrawn',
  'restored',
  'reinstated',
];

/** The singleton function CDK adds to configure a bucket's notifications. */
const NOTIFICATIONS_HANDLER = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

export class Ingest implements Graphed {
  constructor(scope: Scope, fn: NodejsFunction, resources: Protected, failures: Queue) {
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(failures),
    });
    // Created objects are ingested; removed ones withdraw the article once none of its uploads is left.
    for (const event of [EventType.OBJECT_CREATED, EventType.OBJECT_REMOVED])
      resources.bucket.addEventNotification(event, new LambdaDestination(fn), {
        prefix: ARTICLES_PREFIX,
      });
    acknowledgeNotificationsHandler(scope);
    grantAccess(fn, 'ingest', resources);
  }

  widgets(period: Duration): IWidget[] {
    return [
      new GraphWidget({
        title: 'Articles ingested (Powertools metrics)',
        width: 12,
        left: INGEST_OUTCOMES.map(
          (o) =>
            new Metric({
              namespace: POWERTOOLS.metricsNamespace,
              metricName: `Articles_${o}`,
              dimensionsMap: { service: POWERTOOLS.serviceName },
              statistic: 'Sum',
              period,
            }),
        ),
      }),
    ];
  }
}

/** Findings on the function CDK itself creates for the notification (not ours to configure). */
function acknowledgeNotificationsHandler(scope: Scope): void {
  const handler = Stack.of(scope).node.findChild(NOTIFICATIONS_HANDLER);
  // It runs only while the stack deploys; one at a time is all it ever needs.
  (handler.node.findChild('Resource') as CfnResource).addPropertyOverride(
    'ReservedConcurrentExecutions',
    1,
  );
  const role = handler.node.findChild('Role');
  acknowledge(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'CDK-managed bucket-notifications custom resource (runs only at deploy time); its role is created by CDK.',
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'CDK-managed bucket-notifications custom resource: s3:PutBucketNotification is granted on "*" by CDK.',
  );
}
