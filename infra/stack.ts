/**
 * The whole pipeline in one stack:
 *   S3 (articles/) → ingest λ → events table (one item per commit) → stream → projector λ → views table
 *   HTTP API ($default) → api λ, reading views, events and text/ objects
 *   operator λs: rebuild, reextract, redrive
 * Names of tables, keys, prefixes and env vars come from src/tables.ts.
 */
import {
  type CfnResource,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import {
  HttpApi,
  HttpStage,
  CorsHttpMethod,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  type IFunction,
  Runtime,
  StartingPosition,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { ARTICLES_PREFIX, ENV, EVENTS_TABLE, EXPORTS_PREFIX, VIEWS_TABLE } from '../src/tables';
import { grantPermissions, PERMISSIONS } from './access';
import { addRoutes, signIn, throttleRoutes, type SignIn } from './api-access';
import type { IngestResult } from '../src/app/ingest';
import { BUNDLE, cdkBundlingOptions, entryPath, type LambdaName, NODE_MAJOR } from './bundling';

export interface AidLedgerStackProps extends StackProps {
  stage: string;
  logRetention: RetentionDays;
  alarmEmail?: string;
  /** Facts readable without signing in; article texts, events and uploads always need a token. */
  publicRead: boolean;
}

/** Powertools settings; the namespace matches src/observability.ts. */
const POWERTOOLS = { serviceName: 'aid-ledger', metricsNamespace: 'AidLedger' } as const;

/** src/lambdas/ingest.ts publishes one `Articles_<outcome>` metric per object (type-checked against src/). */
const INGEST_OUTCOMES: IngestResult['outcome'][] = [
  'ingested',
  'duplicate',
  'redelivered',
  'rejected',
];

const LAMBDA_RUNTIME = NODE_MAJOR === 24 ? Runtime.NODEJS_24_X : Runtime.NODEJS_22_X;

/**
 * Memory and timeouts. Lambda CPU scales with memory (1 vCPU ≈ 1,769 MB); prices per GB-s are
 * flat, so CPU-bound work rarely costs more at higher memory, it just finishes sooner.
 *  - ingest: the extractor (htmlparser2 + regular-expression rules) is CPU-bound: ~1.8 MB/s on one
 *    core, 0.4 ms p50 / 1.6 ms p99 per article (`npm run bench:extract`), so the 2 MB limit costs
 *    about a second; 1,024 MB (~0.6 vCPU) keeps that worst case and SDK init short. 60 s is ample.
 *  - projector: I/O-bound (a few conditional DynamoDB writes per commit, up to 8 conflict
 *    retries); 512 MB. Timeout 60 s covers a 100-record batch (~20 ms × a few writes each).
 *  - api: I/O-bound, 512 MB keeps zod/JSON work and init quick (init CPU also scales); API
 *    Gateway's integration limit is 30 s, ours 10 s so a stuck call fails fast as a 5xx.
 *  - rebuild: scans the whole events table and folds it IN MEMORY into the latest extraction of
 *    each article (src/domain/projections/project-all.ts), so memory is its limit: 3,008 MB (~1.7 vCPU), 15 minutes (the maximum).
 *    At 1,000 articles/day that holds roughly a year of commits; see docs/deploy.md.
 *  - reextract: streams through articles re-running the CPU-bound extractor: 1,769 MB (one full
 *    vCPU), 15 minutes. Idempotent (superseding extractions), so a re-run resumes.
 *  - redrive: re-ingests failed uploads (the extractor again: CPU) and re-projects stream ranges;
 *    1,024 MB like ingest, 15 minutes so a backlog after an outage fits one run (it is idempotent;
 *    messages it did not reach stay queued for the next run).
 * Init measurements: `npm run bench:coldstart`.
 *
 */
const SIZING: Record<LambdaName, { memorySize: number; timeout: Duration; description: string }> = {
  ingest: {
    memorySize: 1024,
    timeout: Duration.seconds(60),
    description: 'S3 articles/ upload → extract → append commit',
  },
  projector: {
    memorySize: 512,
    timeout: Duration.seconds(60),
    description: 'Events stream → views table',
  },
  api: { memorySize: 512, timeout: Duration.seconds(10), description: 'HTTP API and dashboard' },
  rebuild: {
    memorySize: 3008,
    timeout: Duration.minutes(15),
    description: 'Operator: rebuild every view from the events',
  },
  reextract: {
    memorySize: 1769,
    timeout: Duration.minutes(15),
    description: 'Operator: re-run the extractor over all articles',
  },
  redrive: {
    memorySize: 1024,
    timeout: Duration.minutes(15),
    description: 'Operator: re-ingest / re-project what landed in the dead-letter queues',
  },
};

/**
 * Reserved concurrency: a cap per function, so none can take the account's pool from the others
 * (a flood of uploads cannot starve the API, nor API traffic the projector) and none can press
 * the tables harder than it was sized for. Concurrency = arrival rate × duration:
 *  - ingest: ≈ 100–200 ms per article warm (bench:extract: 0.4 ms p50 / 1.6 ms p99 of CPU, the
 *    rest S3 and DynamoDB round trips); the 116 articles/s peak of docs/scaling.md needs 12–25.
 *    S3 invokes asynchronously, so a burst above the cap waits in Lambda's queue (6 h max age).
 *  - projector: one batch per shard × parallelization factor 2; bench:load's projector work,
 *    ≈ 100–300 ms per commit, makes the peak 12–24 concurrent batches (docs/scaling.md).
 *  - api: the stage admits at most 100 requests in a burst (50/s steady); bench:api's filtered
 *    and unfiltered pages answer in ≤ 0.25 s at p99 under 50 connections, so 100 × 0.25 = 25.
 *  - rebuild, reextract, redrive: 1. Two rebuilds at once would clear each other's views, two
 *    redrives would race for the same dead letters; one at a time is the correct number.
 * The caps add up to 78 (79 with the deploy-time notification function) and Lambda keeps 100
 * unreserved, so the account's concurrency quota must be at least 179: the default is 1,000, a
 * new account's may be 10 (docs/deploy.md).
 */
const RESERVED_CONCURRENCY: Record<LambdaName, number> = {
  ingest: 25,
  projector: 24,
  api: 25,
  rebuild: 1,
  reextract: 1,
  redrive: 1,
};

/** Why each role has statements on Resource "*" (nag IAM5): these actions have no resource-level permissions. */
const XRAY =
  'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support only Resource "*".';
const LIST_STREAMS =
  ' dynamodb:ListStreams, which the stream event source mapping needs, is not resource-scoped either.';
const STAR_RESOURCE_REASONS: Record<LambdaName, string> = {
  ingest: XRAY,
  projector: XRAY + LIST_STREAMS,
  api: XRAY,
  rebuild: XRAY,
  reextract: XRAY,
  redrive: XRAY,
};

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
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AidLedgerStackProps) {
    super(scope, id, props);
    const { stage, logRetention } = props;

    this.bucket = this.articlesBucket();
    this.eventsTable = this.eventStore();
    this.viewsTable = this.viewStore();
    this.ingestDeadLetterQueue = this.deadLetterQueue(
      'IngestFailures',
      'Failed ingest invocations (async on-failure destination); drained by redrive',
    );
    this.projectorDeadLetterQueue = this.deadLetterQueue(
      'ProjectorDeadLetters',
      'Stream batches the projector gave up on; drained by redrive',
    );

    this.functions = this.createFunctions(stage, logRetention);
    this.wireIngest();
    this.wireProjector();
    this.grantAll();

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `aid-ledger-${stage}`,
      description: 'Aid ledger API and dashboard',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.HEAD,
          CorsHttpMethod.POST,
          CorsHttpMethod.OPTIONS,
        ],
        // Authorization carries the access token; If-None-Match lets a browser revalidate with
        // the API's ETags; ETag and Link (next page) must be exposed for a script to read them.
        allowHeaders: ['authorization', 'content-type', 'if-none-match'],
        exposeHeaders: ['etag', 'link'],
        maxAge: Duration.days(1),
      },
    });
    this.signIn = signIn(this, { stage, dashboardUrl: `${this.api.apiEndpoint}/` });
    this.configureApiFunction(props.publicRead);
    // Each route of src/api/routes.ts, with Cognito's JWT authorizer where it needs sign-in.
    const routes = addRoutes(this.api, {
      integration: new HttpLambdaIntegration('ApiIntegration', this.functions.api),
      authorizer: this.signIn.authorizer,
      publicRead: props.publicRead,
    });
    const apiStage = this.apiStage(logRetention);
    throttleRoutes(apiStage, routes);

    this.alarmTopic = this.encryptedAlarmTopic(stage, props.alarmEmail);
    this.addAlarms();
    this.dashboard(stage);
    this.outputs(apiStage);

    this.acknowledgeCdkManagedResources();
  }

  // ---------------------------------------------------------------- storage

  private articlesBucket(): Bucket {
    const accessLogs = new Bucket(this, 'AccessLogsBucket', {
      // Server access logs can only be delivered to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'This is the access-log bucket itself; logging it into another bucket would only move the problem.',
    );
    return new Bucket(this, 'ArticlesBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // Commits reference the uploaded object's version id; re-extraction reads that exact version,
      // so noncurrent versions are kept.
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'articles-bucket/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // Exports are served by presigned links that expire in minutes; the files need not outlive a day.
        { prefix: EXPORTS_PREFIX, expiration: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private eventStore(): Table {
    const table = new Table(this, 'EventsTable', {
      partitionKey: { name: EVENTS_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: EVENTS_TABLE.sortKey, type: AttributeType.NUMBER },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Which commit received an upload: what the dashboard asks after a browser upload.
    table.addGlobalSecondaryIndex({
      indexName: EVENTS_TABLE.uploadIndex.name,
      partitionKey: { name: EVENTS_TABLE.uploadIndex.partitionKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    return table;
  }

  private viewStore(): Table {
    const table = new Table(this, 'ViewsTable', {
      partitionKey: { name: VIEWS_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: VIEWS_TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // No deletion protection: every item is derived from the events table and `rebuild` recreates it.
      // RETAIN still keeps it (and the API's data) if the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    table.addGlobalSecondaryIndex({
      indexName: VIEWS_TABLE.listIndex.name,
      partitionKey: { name: VIEWS_TABLE.listIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: VIEWS_TABLE.listIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    return table;
  }

  // ---------------------------------------------------------------- functions

  private createFunctions(
    stage: string,
    logRetention: RetentionDays,
  ): Record<LambdaName, NodejsFunction> {
    const common = {
      [ENV.eventsTable]: this.eventsTable.tableName,
      [ENV.viewsTable]: this.viewsTable.tableName,
      [ENV.bucket]: this.bucket.bucketName,
      POWERTOOLS_SERVICE_NAME: POWERTOOLS.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: POWERTOOLS.metricsNamespace,
      POWERTOOLS_LOG_LEVEL: stage === 'prod' ? 'INFO' : 'DEBUG',
      ...BUNDLE.environment,
    };
    const fn = (name: LambdaName, extraEnv: Record<string, string> = {}) =>
      this.lambda(name, logRetention, { ...common, ...extraEnv }, STAR_RESOURCE_REASONS[name]);
    return {
      ingest: fn('ingest'),
      projector: fn('projector'),
      api: fn('api'),
      rebuild: fn('rebuild'),
      reextract: fn('reextract'),
      redrive: fn('redrive', {
        [ENV.deadLetterQueueUrl]: this.projectorDeadLetterQueue.queueUrl,
        [ENV.ingestDeadLetterQueueUrl]: this.ingestDeadLetterQueue.queueUrl,
      }),
    };
  }

  /** S3 async invocation. Retries are safe (ingesting an object twice appends nothing). */
  private wireIngest(): void {
    const { ingest } = this.functions;
    ingest.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.ingestDeadLetterQueue),
    });
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(ingest), {
      prefix: ARTICLES_PREFIX,
    });
  }

  /** One stream record = one commit. */
  private wireProjector(): void {
    const { projector } = this.functions;
    projector.addEventSource(
      new DynamoEventSource(this.eventsTable, {
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
        onFailure: new SqsDlq(this.projectorDeadLetterQueue),
      }),
    );
  }

  /**
   * What the API tells the dashboard and checks tokens against, and the bucket rule that lets a
   * browser PUT a presigned upload and read the version it created.
   */
  private configureApiFunction(publicRead: boolean): void {
    const api = this.functions.api;
    api.addEnvironment(ENV.publicRead, String(publicRead));
    api.addEnvironment(ENV.authBaseUrl, this.signIn.domain.baseUrl());
    api.addEnvironment(ENV.authClientId, this.signIn.client.userPoolClientId);
    this.bucket.addCorsRule({
      allowedMethods: [HttpMethods.PUT],
      // Any origin: the presigned URL is the authorisation, and naming the API's origin here
      // would make the bucket depend on the API that depends on the bucket.
      allowedOrigins: ['*'],
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag', 'x-amz-version-id'],
      maxAge: 3000,
    });
  }

  /** Exactly the calls each function's adapters make (infra/access.ts). */
  private grantAll(): void {
    const resources = {
      eventsTable: this.eventsTable,
      viewsTable: this.viewsTable,
      bucket: this.bucket,
      deadLetterQueues: [this.ingestDeadLetterQueue, this.projectorDeadLetterQueue],
    };
    for (const [name, f] of Object.entries(this.functions) as [LambdaName, NodejsFunction][])
      grantPermissions(f.role!, PERMISSIONS[name], resources);
  }

  // ---------------------------------------------------------------- HTTP API

  private apiStage(logRetention: RetentionDays): HttpStage {
    const apiAccessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const apiStage = new HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiAccessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
    return apiStage;
  }

  // ---------------------------------------------------------------- alarms

  private encryptedAlarmTopic(stage: string, alarmEmail: string | undefined): Topic {
    const alarmKey = new Key(this, 'AlarmTopicKey', {
      description: `aid-ledger ${stage} alarm topic encryption`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // CloudWatch alarms publish to an encrypted topic only if the key lets CloudWatch use it.
    alarmKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: `aid-ledger ${stage} alarms`,
      masterKey: alarmKey,
      enforceSSL: true,
    });
    if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
    return topic;
  }

  private addAlarms(): void {
    const notify = new SnsAction(this.alarmTopic);
    const alarm = (id: string, a: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, id, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...a,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const [id, queue] of [
      ['IngestFailures', this.ingestDeadLetterQueue],
      ['ProjectorDeadLetters', this.projectorDeadLetterQueue],
    ] as const) {
      alarm(`${id}DepthAlarm`, {
        alarmDescription: `${queue.node.id}: messages waiting in a dead-letter queue (something failed for good)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
    alarm('ProjectorIteratorAgeAlarm', {
      alarmDescription:
        'Projector is falling behind the events stream (views are stale) for 15 minutes',
      metric: this.functions.projector.metric('IteratorAge', {
        period: fiveMinutes,
        statistic: 'Maximum',
      }),
      threshold: Duration.minutes(5).toMilliseconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
    for (const [name, f] of Object.entries(this.functions)) {
      alarm(`${pascal(name)}ErrorsAlarm`, {
        alarmDescription: `${name} Lambda invocations failed`,
        metric: f.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
    alarm('Api5xxAlarm', {
      alarmDescription: 'HTTP API answered 5xx',
      metric: this.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  // ---------------------------------------------------------------- outputs

  private outputs(apiStage: HttpStage): void {
    const { rebuild, reextract, redrive } = this.functions;
    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', apiStage.url, 'HTTP API and dashboard URL');
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
    output(
      'RebuildFunctionName',
      rebuild.functionName,
      'aws lambda invoke --function-name <this> out.json',
    );
    output(
      'ReextractFunctionName',
      reextract.functionName,
      'aws lambda invoke --function-name <this> out.json',
    );
    output(
      'RedriveFunctionName',
      redrive.functionName,
      'aws lambda invoke --function-name <this> out.json',
    );
  }

  /** A function with its own role (no managed policies) and its own log group. */
  private lambda(
    name: LambdaName,
    logRetention: RetentionDays,
    environment: Record<string, string>,
    starReason: string,
  ): NodejsFunction {
    const id = pascal(name);
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `aid-ledger ${name} function`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): write to its own group only.
    logGroup.grantWrite(role);
    const f = new NodejsFunction(this, `${id}Function`, {
      entry: entryPath(name),
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      ...SIZING[name],
      reservedConcurrentExecutions: RESERVED_CONCURRENCY[name],
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment,
      bundling: cdkBundlingOptions(),
    });
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', starReason);
    return f;
  }

  private deadLetterQueue(id: string, description: string): Queue {
    const queue = new Queue(this, id, {
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

  private dashboard(stage: string): void {
    const period = Duration.minutes(5);
    const board = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `aid-ledger-${stage}`,
      defaultInterval: Duration.days(1),
    });
    board.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# aid-ledger ${stage}\nS3 → ingest → events → stream → projector → views → API`,
        width: 24,
        height: 2,
      }),
    );
    board.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: this.alarms,
        width: 24,
        height: 4,
      }),
    );
    board.addWidgets(...this.pipelineWidgets(period));
    board.addWidgets(...this.perFunctionWidgets(period));
    board.addWidgets(...this.queueAndApiWidgets(period));
    board.addWidgets(...this.tableWidgets(period));
  }

  private pipelineWidgets(period: Duration): cloudwatch.IWidget[] {
    return [
      new cloudwatch.GraphWidget({
        title: 'Articles ingested (Powertools metrics)',
        width: 12,
        left: INGEST_OUTCOMES.map(
          (o) =>
            new cloudwatch.Metric({
              namespace: POWERTOOLS.metricsNamespace,
              metricName: `Articles_${o}`,
              dimensionsMap: { service: POWERTOOLS.serviceName },
              statistic: 'Sum',
              period,
            }),
        ),
      }),
      new cloudwatch.GraphWidget({
        title: 'Projector iterator age (ms)',
        width: 12,
        left: [this.functions.projector.metric('IteratorAge', { statistic: 'Maximum', period })],
      }),
    ];
  }

  private perFunctionWidgets(period: Duration): cloudwatch.IWidget[] {
    const { ingest, projector, api, rebuild, reextract, redrive } = this.functions;
    const all = [ingest, projector, api, rebuild, reextract, redrive];
    const perFn = (label: string, metric: (f: IFunction) => cloudwatch.IMetric) =>
      new cloudwatch.GraphWidget({ title: label, width: 12, left: all.map(metric) });
    return [
      perFn('Invocations', (f) => f.metricInvocations({ period })),
      perFn('Errors', (f) => f.metricErrors({ period })),
      perFn('Duration p95 (ms)', (f) => f.metricDuration({ period, statistic: 'p95' })),
      perFn('Throttles', (f) => f.metricThrottles({ period })),
    ];
  }

  private queueAndApiWidgets(period: Duration): cloudwatch.IWidget[] {
    return [
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (visible messages)',
        width: 12,
        left: [this.ingestDeadLetterQueue, this.projectorDeadLetterQueue].map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        ),
      }),
      new cloudwatch.GraphWidget({
        title: 'HTTP API',
        width: 12,
        left: [
          this.api.metricCount({ period }),
          this.api.metricClientError({ period }),
          this.api.metricServerError({ period }),
        ],
        right: [this.api.metricLatency({ period, statistic: 'p95' })],
      }),
    ];
  }

  private tableWidgets(period: Duration): cloudwatch.IWidget[] {
    return [this.eventsTable, this.viewsTable].map(
      (t) =>
        new cloudwatch.GraphWidget({
          title: `${t.node.id} consumed capacity`,
          width: 12,
          left: [
            t.metricConsumedReadCapacityUnits({ period }),
            t.metricConsumedWriteCapacityUnits({ period }),
          ],
        }),
    );
  }

  /** Findings on resources CDK itself creates (not ours to configure); each with its reason. */
  private acknowledgeCdkManagedResources(): void {
    // S3 → Lambda notifications are configured by a CDK singleton custom-resource function.
    const handler = this.node.tryFindChild(
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    );
    if (handler) {
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
  }
}

function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
