/**
 * The read API: an HTTP API with one route per route of src/api/routes.ts, all integrated with the
 * api function, Cognito's JWT authorizer on those that need sign-in (infra/api-access.ts), a
 * $default stage with access logs, a default throttle and tighter ones per route.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ComparisonOperator, GraphWidget, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ENV } from '../../src/tables';
import type { Protected } from '../access';
import { addRoutes, signIn, throttleRoutes, type SignIn } from '../api-access';
import {
  type AddAlarm,
  type Alarmed,
  grantAccess,
  type Graphed,
  PERIOD,
  type Scope,
} from './shared';

interface ReadApiProps {
  stage: string;
  logRetention: RetentionDays;
  /** Facts readable without signing in; article texts, events and uploads always need a token. */
  publicRead: boolean;
}

/** One line of JSON per request in the stage's access log. */
const ACCESS_LOG = AccessLogFormat.custom(
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
);

export class ReadApi implements Alarmed, Graphed {
  readonly api: HttpApi;
  readonly signIn: SignIn;
  readonly stage: HttpStage;

  constructor(scope: Scope, fn: NodejsFunction, resources: Protected, props: ReadApiProps) {
    this.api = new HttpApi(scope, 'HttpApi', {
      apiName: `aid-ledger-${props.stage}`,
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
    this.signIn = signIn(scope, { stage: props.stage, dashboardUrl: `${this.api.apiEndpoint}/` });
    // What the API tells the dashboard and checks tokens against.
    fn.addEnvironment(ENV.publicRead, String(props.publicRead));
    fn.addEnvironment(ENV.authBaseUrl, this.signIn.domain.baseUrl());
    fn.addEnvironment(ENV.authClientId, this.signIn.client.userPoolClientId);
    // Each route of src/api/routes.ts, with Cognito's JWT authorizer where it needs sign-in.
    const routes = addRoutes(this.api, {
      integration: new HttpLambdaIntegration('ApiIntegration', fn),
      authorizer: this.signIn.authorizer,
      publicRead: props.publicRead,
    });
    const accessLogs = new LogGroup(scope, 'ApiAccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(scope, 'HttpApiDefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: ACCESS_LOG,
      },
    });
    throttleRoutes(this.stage, routes);
    grantAccess(fn, 'api', resources);
  }

  addAlarms(alarm: AddAlarm): void {
    alarm('Api5xxAlarm', {
      alarmDescription: 'HTTP API answered 5xx',
      metric: this.api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  widgets(period: Duration): IWidget[] {
    return [
      new GraphWidget({
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
}
