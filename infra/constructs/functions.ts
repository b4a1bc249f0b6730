/**
 * The six Lambda functions, made alike: its own role (no managed policies) and log group, arm64,
 * active tracing, the bundling of infra/bundling.ts, and the sizes and concurrency caps below,
 * which are one budget across all of them. What each function is triggered by and may do is its
 * part's business (ingest.ts, projector.ts, read-api.ts, operators.ts); every function alarms on
 * errors and is graphed here.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  ComparisonOperator,
  GraphWidget,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type CfnFunction,
  type IFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { ENV } from '../../src/tables';
import { BUNDLE, cdkBundlingOptions, entryPath, type LambdaName, NODE_MAJOR } from '../bundling';
import type { DeadLetterQueues } from './dead-letters';
import {
  acknowledge,
  type AddAlarm,
  type Alarmed,
  type Graphed,
  pascal,
  PERIOD,
  type Scope,
} from './shared';

/** Powertools settings; the namespace matches src/observability.ts. */
export const POWERTOOLS = { serviceName: 'aid-ledger', metricsNamespace: 'AidLedger' } as const;

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
 *    At 1,000 articles/day that holds roughly a year of commits; see docs/deploy.md. It builds a
 *    new version beside the live one, so a run that times out leaves the live views untouched.
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
 *    The CDK context `ingestConcurrency` overrides it.
 *  - projector: one batch per shard × parallelization factor 2; bench:load's projector work,
 *    ≈ 100–300 ms per commit, makes the peak 12–24 concurrent batches (docs/scaling.md).
 *  - api: the stage admits at most 100 requests in a burst (50/s steady); bench:api's filtered
 *    and unfiltered pages answer in ≤ 0.25 s at p99 under 50 connections, so 100 × 0.25 = 25.
 *  - rebuild, reextract, redrive: 1. A second rebuild is refused while one builds (the views'
 *    pointer names it), two redrives would race for the same dead letters; one at a time is the
 *    correct number.
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

/** Why each role has a statement on Resource "*" (nag IAM5). */
const XRAY =
  'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support only Resource "*".';

export type LedgerFunctionMap = Record<LambdaName, NodejsFunction>;

interface FunctionsProps {
  stage: string;
  logRetention: RetentionDays;
  /** Overrides RESERVED_CONCURRENCY.ingest (CDK context ingestConcurrency). */
  ingestConcurrency: number;
  bucket: Bucket;
  tables: { eventsTable: Table; viewsTable: Table };
  deadLetters: DeadLetterQueues;
}

export class LedgerFunctions implements Alarmed, Graphed {
  readonly byName: LedgerFunctionMap;

  constructor(scope: Scope, props: FunctionsProps) {
    const { tables, deadLetters } = props;
    const common = {
      [ENV.eventsTable]: tables.eventsTable.tableName,
      [ENV.viewsTable]: tables.viewsTable.tableName,
      [ENV.bucket]: props.bucket.bucketName,
      POWERTOOLS_SERVICE_NAME: POWERTOOLS.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: POWERTOOLS.metricsNamespace,
      POWERTOOLS_LOG_LEVEL: props.stage === 'prod' ? 'INFO' : 'DEBUG',
      ...BUNDLE.environment,
    };
    const fn = (name: LambdaName, extraEnv: Record<string, string> = {}) =>
      lambda(scope, name, props.logRetention, { ...common, ...extraEnv });
    this.byName = {
      ingest: fn('ingest'),
      projector: fn('projector'),
      api: fn('api'),
      rebuild: fn('rebuild'),
      reextract: fn('reextract'),
      redrive: fn('redrive', {
        [ENV.deadLetterQueueUrl]: deadLetters.projector.queueUrl,
        [ENV.ingestDeadLetterQueueUrl]: deadLetters.ingest.queueUrl,
      }),
    };
    (this.byName.ingest.node.defaultChild as CfnFunction).reservedConcurrentExecutions =
      props.ingestConcurrency;
  }

  /** Any failed invocation; for an asynchronous or a stream trigger, a retry or a dead letter. */
  addAlarms(alarm: AddAlarm): void {
    for (const [name, f] of Object.entries(this.byName))
      alarm(`${pascal(name)}ErrorsAlarm`, {
        alarmDescription: `${name} Lambda invocations failed`,
        metric: f.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
  }

  widgets(period: Duration): IWidget[] {
    const all = Object.values(this.byName);
    const perFn = (label: string, metric: (f: IFunction) => IMetric) =>
      new GraphWidget({ title: label, width: 12, left: all.map(metric) });
    return [
      perFn('Invocations', (f) => f.metricInvocations({ period })),
      perFn('Errors', (f) => f.metricErrors({ period })),
      perFn('Duration p95 (ms)', (f) => f.metricDuration({ period, statistic: 'p95' })),
      perFn('Throttles', (f) => f.metricThrottles({ period })),
    ];
  }
}

/** A function with its own role (no managed policies) and its own log group. */
function lambda(
  scope: Scope,
  name: LambdaName,
  logRetention: RetentionDays,
  environment: Record<string, string>,
): NodejsFunction {
  const id = pascal(name);
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: logRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `aid-ledger ${name} function`,
  });
  // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): write to its own group only.
  logGroup.grantWrite(role);
  const f = new NodejsFunction(scope, `${id}Function`, {
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
    bundling: cdkBundlingOptions(name),
  });
  acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', XRAY);
  return f;
}
