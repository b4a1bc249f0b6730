/**
 * The stack as synthesised by the real app wiring (infra/build.ts: context → stack → cdk-nag),
 * with the real esbuild bundling. Synthesised once for the file: bundling six Lambdas is the
 * expensive part (~10 s).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTICLES_PREFIX,
  ENV,
  EVENTS_TABLE,
  EXPORTS_PREFIX,
  TEXT_PREFIX,
  VIEWS_TABLE,
} from '../../src/tables';
import { buildApp } from '../../infra/build';
import {
  EXTRACTING,
  LAMBDA_ENTRIES,
  MAX_BUNDLE_BYTES,
  DASHBOARD_DATA,
  dataFilesOf,
  MODEL_DATA,
  PLACE_DATA,
  type LambdaName,
} from '../../infra/bundling';
import { readConfig } from '../../infra/config';
import type { AidLedgerStack } from '../../infra/stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const LAMBDAS = Object.keys(LAMBDA_ENTRIES) as LambdaName[];

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

let outdir: string;
let stack: AidLedgerStack;
let assembly: CloudAssembly;
let template: Template;
let resources: Record<string, Resource>;

const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as never);
const resource = (construct: { node: { defaultChild?: unknown } }): Resource =>
  resources[logicalId(construct)]!;
const ofType = (type: string): [string, Resource][] =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const policyStatementsOf = (
  name: LambdaName,
): { Action: string | string[]; Resource: unknown; Effect: string }[] => {
  const roleId = logicalId(stack.functions[name].role as never);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
};
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'aid-ledger-cdk-'));
  const app = new App({
    outdir,
    context: { ...cdkJson.context, stage: 'test', alarmEmail: 'ops@example.org' },
  });
  stack = buildApp(app);
  // cdk-nag runs as a validation plugin here: any unacknowledged finding throws.
  assembly = app.synth();
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('cdk-nag', () => {
  it('synthesises with AwsSolutions checks and no unacknowledged finding', () => {
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    ) as { pluginReports?: { summary: { status: string } }[] };
    for (const plugin of report.pluginReports ?? []) expect(plugin.summary.status).toBe('success');
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('fails synthesis on an unacknowledged finding', () => {
    const app = new App({ outdir: join(outdir, 'negative') });
    const bare = new Stack(app, 'Bare');
    new Bucket(bare, 'Unhardened');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10|Validation failed/);
  });
});

describe('configuration', () => {
  const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

  it('names the stack after the stage', () => {
    expect(stack.stackName).toBe('AidLedger-test');
  });

  it('rejects a bad stage, retention or publicRead', () => {
    expect(() => configOf({ publicRead: 'yes' })).toThrow(/publicRead/);
    expect(configOf({}).publicRead).toBe(false);
    expect(configOf({ publicRead: 'true' }).publicRead).toBe(true);
    expect(() => configOf({ stage: 'Prod!' })).toThrow(/stage/);
    expect(() => configOf({ logRetentionDays: 31 })).toThrow(/logRetentionDays/);
    expect(configOf({ logRetentionDays: '14' }).logRetention).toBe(14);
  });

  it('takes ingest’s reserved concurrency from context, 10 by default', () => {
    expect(configOf({}).ingestConcurrency).toBe(25);
    expect(configOf({ ingestConcurrency: '40' }).ingestConcurrency).toBe(40);
    expect(() => configOf({ ingestConcurrency: 0 })).toThrow(/ingestConcurrency/);
    expect(() => configOf({ ingestConcurrency: 'many' })).toThrow(/ingestConcurrency/);
  });
});

describe('articles bucket', () => {
  it('is encrypted, private, versioned, logged and TLS-only', () => {
    const bucket = resource(stack.bucket).Properties;
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
        .SSEAlgorithm,
    ).toMatch(/AES256|aws:kms/);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.LoggingConfiguration.DestinationBucketName.Ref).toMatch(/^AccessLogsBucket/);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('notifies ingest of objects created and removed under articles/', () => {
    const toIngest = (event: string) => ({
      Events: [event],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: ARTICLES_PREFIX }] } },
      LambdaFunctionArn: { 'Fn::GetAtt': [logicalId(stack.functions.ingest), 'Arn'] },
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(stack.bucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          toIngest('s3:ObjectCreated:*'),
          toIngest('s3:ObjectRemoved:*'),
        ],
      },
    });
  });
});

describe('tables', () => {
  it('events: keys from src/tables.ts, on-demand, NEW_IMAGE stream, PITR, deletion protection, RETAIN', () => {
    const table = resource(stack.eventsTable);
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: EVENTS_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: EVENTS_TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: EVENTS_TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: EVENTS_TABLE.sortKey, AttributeType: 'N' },
      ]),
    );
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('views: keys and the byList GSI from src/tables.ts, PITR, RETAIN', () => {
    const table = resource(stack.viewsTable);
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: VIEWS_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: VIEWS_TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: VIEWS_TABLE.listIndex.name,
        KeySchema: [
          { AttributeName: VIEWS_TABLE.listIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: VIEWS_TABLE.listIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    for (const name of [
      VIEWS_TABLE.partitionKey,
      VIEWS_TABLE.sortKey,
      VIEWS_TABLE.listIndex.partitionKey,
      VIEWS_TABLE.listIndex.sortKey,
    ]) {
      expect(table.Properties.AttributeDefinitions).toContainEqual({
        AttributeName: name,
        AttributeType: 'S',
      });
    }
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(table.DeletionPolicy).toBe('Retain');
  });
});

describe('functions', () => {
  it.each(LAMBDAS)(
    '%s: nodejs ≥ 22 on arm64, active tracing, source maps, the env vars src/ reads',
    (name) => {
      const fn = resource(stack.functions[name]).Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Handler).toBe('index.handler');
      const env = fn.Environment.Variables;
      expect(env[ENV.eventsTable]).toEqual({ Ref: logicalId(stack.eventsTable) });
      expect(env[ENV.viewsTable]).toEqual({ Ref: logicalId(stack.viewsTable) });
      expect(env[ENV.bucket]).toEqual({ Ref: logicalId(stack.bucket) });
      expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(env.POWERTOOLS_METRICS_NAMESPACE).toBe('AidLedger');
      expect(env.POWERTOOLS_SERVICE_NAME).toBeTruthy();
      expect(env.POWERTOOLS_LOG_LEVEL).toBe('DEBUG');
      expect(env[ENV.deadLetterQueueUrl]).toEqual(
        name === 'redrive' ? { Ref: logicalId(stack.projectorDeadLetterQueue) } : undefined,
      );
      expect(env[ENV.ingestDeadLetterQueueUrl]).toEqual(
        name === 'redrive' ? { Ref: logicalId(stack.ingestDeadLetterQueue) } : undefined,
      );
      expect(fn.LoggingConfig.LogGroup.Ref).toMatch(/Logs/);
    },
  );

  it.each(LAMBDAS)(
    '%s: bundle is ESM with the require banner, under 1 MB, the language model only where it extracts, the data files its code reads beside it',
    (name) => {
      const fn = resource(stack.functions[name]).Properties;
      const hash = String(fn.Code.S3Key).replace(/\.zip$/, '');
      const file = join(assembly.directory, `asset.${hash}`, 'index.mjs');
      const js = readFileSync(file, 'utf8');
      const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
      const model = sources.some((f) => f.includes('node_modules/wink-eng-lite-web-model/'));
      const places = sources.some((f) => f.endsWith('src/domain/extractor/gazetteer/index.ts'));
      const dashboard = sources.some((f) => f.endsWith('src/api/dashboard-assets.ts'));
      expect(model).toBe(EXTRACTING.has(name));
      const beside = (data: string) => existsSync(join(dirname(file), basename(data)));
      expect(MODEL_DATA.map(beside)).toEqual(MODEL_DATA.map(() => model));
      expect(PLACE_DATA.map(beside)).toEqual(PLACE_DATA.map(() => places));
      expect(DASHBOARD_DATA.map(beside)).toEqual(DASHBOARD_DATA.map(() => dashboard));
      expect(dataFilesOf(name).every(beside)).toBe(true);
      expect(statSync(file).size).toBeLessThan(MAX_BUNDLE_BYTES);
      expect(statSync(`${file}.map`).size).toBeGreaterThan(0);
      expect(js.slice(0, 200)).toContain('createRequire(import.meta.url)');
    },
  );

  it('ingest: reserved concurrency, so a burst waits in the async queue rather than racing for one stream', () => {
    expect(resource(stack.functions.ingest).Properties.ReservedConcurrentExecutions).toBe(25);
  });

  it('ingest: bounded async retries with an SQS on-failure destination', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.functions.ingest) },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: Match.anyValue(),
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [logicalId(stack.ingestDeadLetterQueue), 'Arn'] },
        },
      },
    });
  });

  it('projector: stream mapping with bisect, partial batch failures, bounded retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.functions.projector) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.eventsTable), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: Match.anyValue(),
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [logicalId(stack.projectorDeadLetterQueue), 'Arn'] },
        },
      },
    });
  });
});

describe('least privilege', () => {
  /** A policy resource as a short name: which table, index, stream, prefix or queue. */
  function labelOf(resource: unknown): string {
    if (resource === '*') return '*';
    const json = JSON.stringify(resource);
    const named: [string, string][] = [
      [logicalId(stack.eventsTable), 'events'],
      [logicalId(stack.viewsTable), 'views'],
      [logicalId(stack.bucket), 'bucket'],
      [logicalId(stack.ingestDeadLetterQueue), 'ingest DLQ'],
      [logicalId(stack.projectorDeadLetterQueue), 'projector DLQ'],
    ];
    const base = named.find(([id]) => json.includes(`"${id}"`))?.[1];
    if (!base) return /Logs/.test(json) ? 'own log group' : json;
    if (json.includes('"StreamArn"')) return `${base} stream`;
    const suffix = /"(\/[^"]+)"\]\]\}$/.exec(json)?.[1];
    return suffix ? `${base}${suffix}` : base;
  }

  /** Every action a function's role may take, by resource. */
  function permissionsOf(name: LambdaName): Record<string, string[]> {
    const out: Record<string, Set<string>> = {};
    for (const s of policyStatementsOf(name)) {
      expect(s.Effect).toBe('Allow');
      for (const r of [s.Resource].flat())
        for (const a of [s.Action].flat()) (out[labelOf(r)] ??= new Set()).add(a);
    }
    return Object.fromEntries(Object.entries(out).map(([r, a]) => [r, [...a].sort()]));
  }

  const BASE = {
    'own log group': ['logs:CreateLogStream', 'logs:PutLogEvents'],
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  };
  const PROJECT_VIEWS = [
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ];
  const EXPECTED: Record<LambdaName, Record<string, string[]>> = {
    ingest: {
      ...BASE,
      events: ['dynamodb:PutItem', 'dynamodb:Query'],
      bucket: ['s3:ListBucket', 's3:ListBucketVersions'],
      [`bucket/${ARTICLES_PREFIX}*`]: ['s3:GetObject', 's3:GetObjectVersion'],
      [`bucket/${TEXT_PREFIX}*`]: ['s3:PutObject'],
      // The asynchronous invocation's on-failure destination sends with the function's role.
      'ingest DLQ': ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
    },
    projector: {
      ...BASE,
      // The stream's event source mapping reads with the function's role; ListStreams has no resource.
      '*': [...BASE['*'], 'dynamodb:ListStreams'].sort(),
      'events stream': [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
      ],
      'projector DLQ': ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
      views: PROJECT_VIEWS,
    },
    api: {
      ...BASE,
      events: ['dynamodb:Query'],
      [`events/index/${EVENTS_TABLE.uploadIndex.name}`]: ['dynamodb:Query'],
      views: ['dynamodb:GetItem'],
      [`views/index/${VIEWS_TABLE.listIndex.name}`]: ['dynamodb:Query'],
      bucket: ['s3:ListBucket'],
      [`bucket/${TEXT_PREFIX}*`]: ['s3:GetObject'],
      [`bucket/${EXPORTS_PREFIX}*`]: ['s3:GetObject', 's3:PutObject'],
      // It signs the PUTs browsers upload with: a presigned request acts with the signer's rights.
      [`bucket/${ARTICLES_PREFIX}*`]: ['s3:PutObject'],
    },
    rebuild: {
      ...BASE,
      events: ['dynamodb:Query', 'dynamodb:Scan'],
      views: [...PROJECT_VIEWS, 'dynamodb:Scan'].sort(),
    },
    reextract: {
      ...BASE,
      events: ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan'],
      bucket: ['s3:ListBucket'],
      [`bucket/${ARTICLES_PREFIX}*`]: ['s3:GetObject', 's3:GetObjectVersion'],
      [`bucket/${TEXT_PREFIX}*`]: ['s3:PutObject'],
    },
    redrive: {
      ...BASE,
      'ingest DLQ': ['sqs:DeleteMessage', 'sqs:ReceiveMessage'],
      'projector DLQ': ['sqs:DeleteMessage', 'sqs:ReceiveMessage'],
      'events stream': ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      events: ['dynamodb:PutItem', 'dynamodb:Query'],
      bucket: ['s3:ListBucket', 's3:ListBucketVersions'],
      [`bucket/${ARTICLES_PREFIX}*`]: ['s3:GetObject', 's3:GetObjectVersion'],
      [`bucket/${TEXT_PREFIX}*`]: ['s3:PutObject'],
      views: PROJECT_VIEWS,
    },
  };

  it.each(LAMBDAS)(
    '%s: exactly the actions its adapters call, on exactly their resources',
    (name) => {
      expect(permissionsOf(name)).toEqual(EXPECTED[name]);
    },
  );

  it('no role may Scan the views for the API, nor update or delete an event', () => {
    expect(JSON.stringify(permissionsOf('api'))).not.toContain('dynamodb:Scan');
    for (const name of LAMBDAS)
      for (const write of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
        expect(permissionsOf(name).events ?? []).not.toContain(write);
  });

  it('no statement grants a wildcard action', () => {
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      for (const s of policy.Properties.PolicyDocument.Statement) {
        for (const action of [s.Action].flat() as string[]) expect(action).not.toContain('*');
      }
    }
  });

  it('uses no AWS managed policies on our function roles', () => {
    for (const name of LAMBDAS)
      expect(
        resource(stack.functions[name].role as never).Properties.ManagedPolicyArns,
      ).toBeUndefined();
  });

  it('every function has reserved concurrency; the operator functions run one at a time', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(LAMBDAS.length);
    for (const [id, fn] of functions)
      expect(fn.Properties.ReservedConcurrentExecutions, id).toBeGreaterThanOrEqual(1);
    for (const name of ['rebuild', 'reextract', 'redrive'] as const)
      expect(resource(stack.functions[name]).Properties.ReservedConcurrentExecutions).toBe(1);
  });
});

describe('HTTP API', () => {
  const routes = () =>
    Object.fromEntries(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [
        r.Properties.RouteKey as string,
        r.Properties.AuthorizationType as string,
      ]),
    );
  /**
   * The dashboard's own files and liveness: all that loads before anyone signs in; and $default,
   * any other path, which the function answers 404 whoever asks.
   */
  const OPEN = ['/', '/health', '/assets/{file}', '/assets/config.json', '$default'];
  const ALWAYS_SIGNED_IN = [
    'GET /articles',
    'GET /articles/{id}',
    'GET /articles/{id}/events',
    'POST /uploads',
    'GET /uploads/outcome',
  ];

  it('has CORS for the dashboard’s methods, with the Authorization header', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['*'],
        AllowMethods: Match.arrayEquals(['GET', 'HEAD', 'POST', 'OPTIONS']),
        AllowHeaders: Match.arrayWith(['authorization']),
      }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [logicalId(stack.functions.api), 'Arn'] },
    });
  });

  it('without publicRead, every route but liveness and the dashboard’s files needs a Cognito JWT', () => {
    const all = routes();
    expect(Object.keys(all).length).toBeGreaterThan(20);
    for (const [key, auth] of Object.entries(all)) {
      const path = key.split(' ')[1] ?? key;
      expect(auth, key).toBe(OPEN.includes(path) ? 'NONE' : 'JWT');
    }
    for (const key of ALWAYS_SIGNED_IN) expect(all[key], key).toBe('JWT');
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['GET /timeline', 'HEAD /timeline']));
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(stack.signIn.client) }],
        Issuer: Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([{ Ref: logicalId(stack.signIn.userPool) }])],
        }),
      },
    });
  });

  it('with publicRead, the facts are open; texts, events, rejections and uploads still need a JWT', () => {
    const app = new App({
      outdir: join(outdir, 'public'),
      context: {
        ...cdkJson.context,
        stage: 'open',
        publicRead: 'true',
        // The routes are what is checked here: no need to bundle the functions again.
        'aws:cdk:bundling-stacks': [],
      },
    });
    const open = buildApp(app);
    app.synth();
    const all = Object.fromEntries(
      Object.values(Template.fromStack(open).findResources('AWS::ApiGatewayV2::Route')).map((r) => [
        r.Properties.RouteKey as string,
        r.Properties.AuthorizationType as string,
      ]),
    );
    for (const key of ['GET /timeline', 'GET /case-counts', 'GET /aid-flows', 'GET /openapi.json'])
      expect(all[key], key).toBe('NONE');
    for (const key of ALWAYS_SIGNED_IN) expect(all[key], key).toBe('JWT');
    const env = Object.values(Template.fromStack(open).findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Environment?.Variables?.[ENV.publicRead],
    )!;
    expect(env.Properties.Environment.Variables[ENV.publicRead]).toBe('true');
  });

  it('the API function learns the sign-in settings; publicRead is off unless asked for', () => {
    const env = resource(stack.functions.api).Properties.Environment.Variables;
    expect(env[ENV.publicRead]).toBe('false');
    expect(env[ENV.authClientId]).toEqual({ Ref: logicalId(stack.signIn.client) });
    expect(JSON.stringify(env[ENV.authBaseUrl])).toContain('amazoncognito.com');
  });

  it('users come from a Cognito pool with MFA, no self sign-up, the three role groups and a public PKCE client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['operator', 'reader', 'uploader']);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
  });

  it('the default stage is throttled and access-logged, with tighter limits per costly route', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: Match.anyValue(),
        ThrottlingBurstLimit: Match.anyValue(),
      },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('\\$context.requestId'),
      },
    });
    const stage = ofType('AWS::ApiGatewayV2::Stage')[0]![1].Properties;
    const keys = Object.keys(routes());
    for (const [key, limits] of Object.entries(stage.RouteSettings as Record<string, any>)) {
      expect(keys, key).toContain(key);
      expect(limits.ThrottlingRateLimit).toBeLessThan(
        stage.DefaultRouteSettings.ThrottlingRateLimit,
      );
    }
    expect(Object.keys(stage.RouteSettings)).toEqual(
      expect.arrayContaining(['POST /uploads', 'GET /articles/{id}']),
    );
  });

  it('the bucket lets a browser PUT a presigned upload and read the version it made', () => {
    const cors = resource(stack.bucket).Properties.CorsConfiguration.CorsRules;
    expect(cors).toEqual([
      expect.objectContaining({
        AllowedMethods: ['PUT'],
        ExposedHeaders: expect.arrayContaining(['x-amz-version-id']),
      }),
    ]);
  });

  it('the events table finds the commit of an upload through a keys-only index', () => {
    expect(resource(stack.eventsTable).Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: EVENTS_TABLE.uploadIndex.name,
        KeySchema: [{ AttributeName: EVENTS_TABLE.uploadIndex.partitionKey, KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ]);
  });
});

describe('alarms', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const topicRef = () => ({ Ref: logicalId(stack.alarmTopic) });

  it('DLQ depth on both queues, iterator age, errors per function, API 5xx — all to the topic', () => {
    const all = alarms();
    const dlq = all.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlq.map((a) => a.Dimensions[0].Value)).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [logicalId(stack.ingestDeadLetterQueue), 'QueueName'] },
        { 'Fn::GetAtt': [logicalId(stack.projectorDeadLetterQueue), 'QueueName'] },
      ]),
    );
    for (const a of dlq)
      expect([a.Threshold, a.ComparisonOperator]).toEqual([0, 'GreaterThanThreshold']);
    expect(
      all.filter(
        (a) =>
          a.MetricName === 'IteratorAge' &&
          a.Dimensions[0].Value.Ref === logicalId(stack.functions.projector),
      ),
    ).toHaveLength(1);
    const errorFns = all
      .filter((a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda')
      .map((a) => a.Dimensions[0].Value.Ref);
    expect(errorFns.sort()).toEqual(LAMBDAS.map((n) => logicalId(stack.functions[n])).sort());
    expect(
      all.filter((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway'),
    ).toHaveLength(1);
    for (const a of all) expect(a.AlarmActions).toEqual([topicRef()]);
  });

  it('topic is KMS-encrypted and e-mails alarmEmail', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: topicRef(),
    });
  });

  it('has a dashboard', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('outputs', () => {
  it('exports what an operator needs', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    for (const name of [
      'ApiUrl',
      'BucketName',
      'EventsTableName',
      'ViewsTableName',
      'IngestDeadLetterQueueUrl',
      'ProjectorDeadLetterQueueUrl',
      'RebuildFunctionName',
      'ReextractFunctionName',
      'RedriveFunctionName',
      'UserPoolId',
      'DashboardClientId',
      'SignInUrl',
    ])
      expect(outputs).toContain(name);
  });
});
