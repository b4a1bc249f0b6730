/**
 * The local stand-in for the Cognito user pool: an issuer that signs access tokens shaped like
 * Cognito's (ES256 with a key made at start, `cognito:groups`, `client_id`, `token_use`) with
 * jose, verifies them against its JWKS the way API Gateway's JWT authorizer does, and serves the
 * OAuth 2.0 authorization-code flow with PKCE that Cognito's managed login serves
 * (/oauth2/authorize, /oauth2/token, /logout) for three dev users, so the dashboard signs in
 * locally with the very code it uses on AWS.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../src/api/access';

export const LOCAL_CLIENT_ID = 'aid-ledger-local-dashboard';
/** Where the sign-in pages live on the local server; on AWS they are Cognito's own domain. */
export const AUTH_PATH = '/local-auth';
const ISSUER = 'https://local-issuer.aid-ledger.invalid';
/** What `npm start` writes to .local/stack.json: long-lived, so scripts need not sign in. */
const DEV_TOKEN_SECONDS = 30 * 24 * 3600;
/** What a browser sign-in gets, like Cognito's default access token. */
const SESSION_SECONDS = 3600;
const CODE_MS = 5 * 60_000;

/** One dev user per role, each in its role's group; the password is the user name. */
export const DEV_USERS: readonly Role[] = ROLES;

export interface TokenOptions {
  /** Seconds from now until it expires; negative makes an expired token (tests). */
  expiresIn?: number;
  groups?: string[];
}

interface PendingCode {
  user: Role;
  redirectUri: string;
  challenge: string;
  expires: number;
}

type Result = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export class LocalIssuer {
  private readonly codes = new Map<string, PendingCode>();

  private constructor(
    private readonly privateKey: CryptoKey,
    readonly jwks: JSONWebKeySet,
    private readonly kid: string,
  ) {}

  static async create(): Promise<LocalIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    return new LocalIssuer(privateKey, { keys: [jwk] }, kid);
  }

  /** An access token for a user, as Cognito would issue it after a sign-in. */
  async accessToken(user: string, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? SESSION_SECONDS;
    return new SignJWT({
      'cognito:groups': options.groups ?? (ROLES.includes(user as Role) ? [user] : []),
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      scope: 'openid',
      username: user,
      auth_time: now,
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid })
      .setIssuer(ISSUER)
      .setSubject(`local-${user}`)
      .setJti(randomUUID())
      .setIssuedAt(Math.min(now, now + expiresIn - 1))
      .setExpirationTime(now + expiresIn)
      .sign(this.privateKey);
  }

  /** The dev tokens `npm start` hands to scripts and tests, one per role. */
  async devTokens(): Promise<Record<Role, string>> {
    const entries = await Promise.all(
      DEV_USERS.map(
        async (u) => [u, await this.accessToken(u, { expiresIn: DEV_TOKEN_SECONDS })] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<Role, string>;
  }

  /**
   * What API Gateway's JWT authorizer checks: signed by this issuer's key, not expired, an access
   * token of this client. The verified claims, or null.
   */
  async verify(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(this.jwks), {
        issuer: ISSUER,
        algorithms: ['ES256'],
      });
      return payload.token_use === 'access' && payload.client_id === LOCAL_CLIENT_ID
        ? payload
        : null;
    } catch {
      return null;
    }
  }

  /** The sign-in endpoints under AUTH_PATH, or null for any other path. */
  async handle(event: APIGatewayProxyEventV2): Promise<Result | null> {
    const path = event.rawPath;
    if (!path.startsWith(`${AUTH_PATH}/`)) return null;
    const method = event.requestContext.http.method;
    const query = new URLSearchParams(event.rawQueryString);
    const form = new URLSearchParams(bodyText(event));
    switch (`${method} ${path.slice(AUTH_PATH.length)}`) {
      case 'GET /oauth2/authorize':
        return this.signInPage(query, null);
      case 'POST /oauth2/authorize':
        return this.signIn(query, form);
      case 'POST /oauth2/token':
        return this.token(form);
      case 'GET /logout':
        return redirect(query.get('logout_uri') ?? '/');
      default:
        return { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    }
  }

  private signInPage(query: URLSearchParams, error: string | null): Result {
    const problem = checkAuthorizeQuery(query);
    if (problem) return textResult(400, problem);
    return {
      statusCode: error ? 401 : 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        'cache-control': 'no-store',
      },
      body: signInHtml(`${AUTH_PATH}/oauth2/authorize?${query}`, error),
    };
  }

  private signIn(query: URLSearchParams, form: URLSearchParams): Result {
    const user = form.get('username') ?? '';
    if (!DEV_USERS.includes(user as Role) || form.get('password') !== user)
      return this.signInPage(query, 'Incorrect user name or password.');
    const problem = checkAuthorizeQuery(query);
    if (problem) return textResult(400, problem);
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      user: user as Role,
      redirectUri: query.get('redirect_uri')!,
      challenge: query.get('code_challenge')!,
      expires: Date.now() + CODE_MS,
    });
    const target = new URL(query.get('redirect_uri')!, 'http://local');
    target.searchParams.set('code', code);
    if (query.get('state')) target.searchParams.set('state', query.get('state')!);
    return redirect(target.href.replace(/^http:\/\/local/, ''));
  }

  private async token(form: URLSearchParams): Promise<Result> {
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    this.codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      form.get('client_id') !== LOCAL_CLIENT_ID ||
      !pending ||
      pending.expires < Date.now() ||
      pending.redirectUri !== form.get('redirect_uri') ||
      pending.challenge !== challenge
    )
      return jsonResult(400, { error: 'invalid_grant' });
    const accessToken = await this.accessToken(pending.user);
    return jsonResult(200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: SESSION_SECONDS,
    });
  }
}

function checkAuthorizeQuery(q: URLSearchParams): string | null {
  if (q.get('response_type') !== 'code') return 'response_type must be code';
  if (q.get('client_id') !== LOCAL_CLIENT_ID) return 'unknown client_id';
  if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
    return 'PKCE with S256 is required';
  if (!q.get('redirect_uri')) return 'redirect_uri is required';
  return null;
}

const bodyText = (event: APIGatewayProxyEventV2): string =>
  event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';

const redirect = (location: string): Result => ({
  statusCode: 302,
  headers: { location, 'cache-control': 'no-store' },
  body: '',
});

const textResult = (statusCode: number, body: string): Result => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

const jsonResult = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function signInHtml(action: string, error: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — Aid Ledger (local)</title>
<style>body{font:16px system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;font:inherit}button{margin-top:1rem;padding:.5rem 1rem;font:inherit}.error{color:#a00}</style>
</head><body>
<h1>Sign in</h1>
<p>Local dev users: ${DEV_USERS.map((u) => `<code>${u}</code>`).join(', ')} (the password is the user name).</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></body></html>`;
}
