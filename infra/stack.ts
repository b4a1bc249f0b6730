/**
 * The whole pipeline in one stack:
 *   S3 (articles/) → ingest λ → events table (one item per commit) → stream → projector λ → views table
 *   HTTP API ($default) → api λ, reading views, events and text/ objects
 *   operator λs: rebuild, reextract, redrive
 * composed of its parts in infra/constructs/, each owning the grants, alarms and cdk-nag reasons of
 * what it creates. Names of tables, keys, prefixes and env vars come from src/tables.ts.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ARTICLES_PREFIX } from '../src/tables';
import type { Protected } from './access';
import type { SignIn } from './api-access';
import type { LambdaName } from './bundling';
import { ArticlesBucket } from './constructs/articles-bucket';
import { DeadLetterQueues } from './constructs/dead-letters';
import { EventStore } from './constructs/event-store';
import { LedgerFunctions } from './constructs/functions';
import { Ingest } from './constructs/ingest';
import { Monitoring } from './constructs/monitoring';
import { Operators } from './constructs/operators';
import { Projector } from './constructs/projector';
import { ReadApi } from './constructs/read-api';
import { PERIOD } from './constructs/shared';

export interface AidLedgerStackProps extends StackProps {
  stage: string;
  logRetention: RetentionDays;
  alarmEmail?: string;
  /** Facts readable without signing in; article texts, events and uploads always need a token. */
  publicRead: boolean;
  /**
   * Ingest's reserved concurrency. A burst of uploads of one text under many keys makes every
   * invocation race for the same stream; capped, the rest wait in Lambda's asynchronous queue
   * (throttled events are retried for up to maxEventAge, not counted as errors) instead of
   * racing, and the event store's write rate stays bounded.
   */
  ingestConcurrency: number;
}

export class AidLedgerStack extends Stack {
  readonly functions: Record<LambdaName, NodejsFunction>;
  readonly bucket: Bucket;
  readonly eventsTable: Table;
  readonly viewsTable: Table;
  readonly ingestDeadLetterQueue: Queue;
  readonly projectorDeadLetterQueue: Queue;
  readonly api: HttpApi;
  readonly signIn: SignIn;
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: AidLedgerStackProps) {
    super(scope, id, props);
    const { stage, logRetention } = props;

    // The parts create their resources in the stack itself, in the order of the template that
    // the stack synthesised before it had parts (infra/constructs/shared.ts says why).
    this.bucket = new ArticlesBucket(this).bucket;
    const store = new EventStore(this);
    this.eventsTable = store.eventsTable;
    this.viewsTable = store.viewsTable;
    const deadLetters = new DeadLetterQueues(this);
    this.ingestDeadLetterQueue = deadLetters.ingest;
    this.projectorDeadLetterQueue = deadLetters.projector;
    const resources: Protected = {
      eventsTable: this.eventsTable,
      viewsTable: this.viewsTable,
      bucket: this.bucket,
      deadLetterQueues: deadLetters.all,
    };
    const functions = new LedgerFunctions(this, {
      stage,
      logRetention,
      ingestConcurrency: props.ingestConcurrency,
      bucket: this.bucket,
      tables: store,
      deadLetters,
    });
    this.functions = functions.byName;

    const ingest = new Ingest(this, this.functions.ingest, resources, deadLetters.ingest);
    const projector = new Projector(this.functions.projector, resources, deadLetters.projector);
    const operators = new Operators(this.functions, resources);
    const readApi = new ReadApi(this, this.functions.api, resources, {
      stage,
      logRetention,
      publicRead: props.publicRead,
    });
    this.api = readApi.api;
    this.signIn = readApi.signIn;

    const monitoring = new Monitoring(this, { stage, alarmEmail: props.alarmEmail });
    for (const part of [deadLetters, projector, functions, readApi])
      part.addAlarms(monitoring.alarm);
    monitoring.addDashboard(
      [[ingest, projector], [functions], [deadLetters, readApi], [store]].map((row) =>
        row.flatMap((part) => part.widgets(PERIOD)),
      ),
    );
    this.alarmTopic = monitoring.topic;
    this.alarms = monitoring.alarms;

    this.outputs(readApi);
    operators.addOutputs(this);
  }

  /** What an operator needs after deploying. */
  private outputs(readApi: ReadApi): void {
    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', readApi.stage.url, 'HTTP API and dashboard URL');
    output(
      'BucketName',
      this.bucket.bucketName,
      `Upload articles under s3://<bucket>/${ARTICLES_PREFIX}`,
    );
    output('EventsTableName', this.eventsTable.tableName, 'Event store');
    output(
      'UserPoolId',
      this.signIn.userPool.userPoolId,
      'Create users and add them to groups here',
    );
    output(
      'DashboardClientId',
      this.signIn.client.userPoolClientId,
      'The dashboard’s app client (the audience the JWT authorizer accepts)',
    );
    output('SignInUrl', this.signIn.domain.baseUrl(), 'Cognito managed login for the dashboard');
    output('ViewsTableName', this.viewsTable.tableName, 'Read models');
    output(
      'IngestDeadLetterQueueUrl',
      this.ingestDeadLetterQueue.queueUrl,
      'Failed ingest invocations (redrive drains it)',
    );
    output(
      'ProjectorDeadLetterQueueUrl',
      this.projectorDeadLetterQueue.queueUrl,
      'Failed projector batches (redrive drains it)',
    );
  }
}
