/**
 * Who may call the HTTP API, on AWS: a Cognito user pool (users and the reader, uploader and
 * operator groups are created by the operator, docs/deploy.md), its managed login for the
 * dashboard (authorization code with PKCE, a public client), and API Gateway's JWT authorizer on
 * every route that needs a signed-in caller — the route table is src/api/routes.ts itself, each
 * route's access deciding (`needsSignIn`) whether it carries the authorizer. The API checks the
 * role from the verified claims again (src/api/access.ts), so the authorizer keeps anonymous
 * traffic from invoking the function at all and the function decides what a role may do.
 *
 * Why Cognito with a JWT authorizer: it is the HTTP API's built-in authorizer (no Lambda
 * authorizer to run and pay for per request), Cognito's managed login gives the dashboard a
 * standard OAuth 2.0 sign-in without any password handling of ours, and groups carry the roles.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  type HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { needsSignIn, ROLES, type Access } from '../src/api/access';
import { ROUTES } from '../src/api/routes';

export interface SignIn {
  userPool: UserPool;
  client: UserPoolClient;
  domain: UserPoolDomain;
  authorizer: HttpUserPoolAuthorizer;
}

/** The user pool, its groups, managed-login domain and the dashboard's client. */
export function signIn(scope: Construct, o: { stage: string; dashboardUrl: string }): SignIn {
  const userPool = new UserPool(scope, 'UserPool', {
    userPoolName: `aid-ledger-${o.stage}`,
    // The operator creates every user (docs/deploy.md); nobody signs themselves up.
    selfSignUpEnabled: false,
    signInAliases: { username: true, email: true },
    signInCaseSensitive: false,
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const plus =
    'Threat protection needs the Plus feature plan, priced per monthly active user; MFA is required instead, and users exist only when the operator creates them.';
  Validations.of(userPool).acknowledge({ id: 'AwsSolutions-COG3', reason: plus });
  Validations.of(userPool).acknowledge({ id: 'AwsSolutions-COG8', reason: plus });
  for (const [i, role] of ROLES.entries())
    new CfnUserPoolGroup(scope, `${role.charAt(0).toUpperCase()}${role.slice(1)}Group`, {
      userPoolId: userPool.userPoolId,
      groupName: role,
      precedence: ROLES.length - i,
      description: `aid-ledger ${role}s (src/api/access.ts says what the role may do)`,
    });
  const domain = userPool.addDomain('SignInDomain', {
    cognitoDomain: { domainPrefix: `aid-ledger-${o.stage}-${Stack.of(scope).account}` },
  });
  const client = userPool.addClient('DashboardClient', {
    userPoolClientName: 'dashboard',
    generateSecret: false,
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID],
      callbackUrls: [o.dashboardUrl],
      logoutUrls: [o.dashboardUrl],
    },
    // Scripts get tokens with the AWS CLI (initiate-auth, then the MFA challenge); the dashboard
    // uses the authorization code flow.
    authFlows: { userPassword: true, userSrp: true },
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(1),
  });
  const authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, {
    userPoolClients: [client],
  });
  return { userPool, client, domain, authorizer };
}

/**
 * Requests per second (steady, burst) where the stage's default is too generous: the routes that
 * sign, read whole texts or raw events, or poll. Fact pages keep the stage default; every route
 * is throttled separately, so a client hammering one cannot use up what the others need.
 */
const ROUTE_THROTTLES: Record<string, { rate: number; burst: number }> = {
  'POST /uploads': { rate: 2, burst: 5 },
  $default: { rate: 10, burst: 20 },
  // A HEAD does the work of its GET: both get the same limit.
  ...Object.fromEntries(
    Object.entries({
      '/uploads/outcome': { rate: 20, burst: 40 },
      '/articles/{id}': { rate: 10, burst: 20 },
      '/articles/{id}/events': { rate: 5, burst: 10 },
      '/aid-flows/graph': { rate: 10, burst: 20 },
    }).flatMap(([path, limit]) => [
      [`GET ${path}`, limit],
      [`HEAD ${path}`, limit],
    ]),
  ),
};

/**
 * One HTTP API route per route of the API, each with the authorizer its access needs, and the
 * $default route (any other path or method) without one: the API answers it 404 (or 405), and a
 * path that reaches the function there but that it serves (`/articles/`) meets the function's own
 * access check (src/api/access.ts) — a 401 without verified claims.
 */
export function addRoutes(
  api: HttpApi,
  o: {
    integration: HttpLambdaIntegration;
    authorizer: HttpUserPoolAuthorizer;
    publicRead: boolean;
  },
): HttpRoute[] {
  const none = new HttpNoneAuthorizer();
  const fallback = new HttpRoute(api, 'DefaultRoute', {
    httpApi: api,
    routeKey: HttpRouteKey.DEFAULT,
    integration: o.integration,
    authorizer: none,
  });
  Validations.of(fallback).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'Paths and methods no route names: the function answers 404 or 405 whoever asks, and checks access itself for anything it would serve.',
  });
  return [
    fallback,
    ...ROUTES.flatMap((r) => {
      const methods = r.method === 'POST' ? [HttpMethod.POST] : [HttpMethod.GET, HttpMethod.HEAD];
      return methods.map((method) => {
        const signedIn = needsSignIn(r.access, o.publicRead);
        const route = new HttpRoute(api, `Route ${method} ${r.path}`, {
          httpApi: api,
          routeKey: HttpRouteKey.with(r.path, method),
          integration: o.integration,
          authorizer: signedIn ? o.authorizer : none,
        });
        if (!signedIn) acknowledgePublic(route, r.access);
        return route;
      });
    }),
  ];
}

function acknowledgePublic(route: HttpRoute, access: Access): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      access === 'public'
        ? 'Liveness and the dashboard’s own files (page, script, style, sign-in configuration) hold no data and must load before sign-in.'
        : 'Deployed with the publicRead context: the facts (timeline, aid flows, case counts) are public by the operator’s choice; article texts, events, rejections and uploads still need a token.',
  });
}

/** Per-route throttles on the stage, once its routes exist. */
export function throttleRoutes(stage: HttpStage, routes: HttpRoute[]): void {
  const cfn = stage.node.defaultChild as CfnStage;
  cfn.routeSettings = Object.fromEntries(
    Object.entries(ROUTE_THROTTLES).map(([key, t]) => [
      key,
      { ThrottlingRateLimit: t.rate, ThrottlingBurstLimit: t.burst },
    ]),
  );
  for (const route of routes) stage.node.addDependency(route);
}
