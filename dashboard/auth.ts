/**
 * Signing in, in the browser: OAuth 2.0 authorization code with PKCE against the deployment's
 * sign-in (Cognito's managed login on AWS, the local issuer's pages locally; both named by
 * assets/config.json), the access token kept for this tab only (sessionStorage), sent as a
 * bearer token, and read for the roles the API will grant — so the dashboard hides what the user
 * may not see. The API decides for itself; the roles here only shape the page.
 */
import { needsSignIn, principalOf, type Access, type Principal } from '../src/api/access';
import type { DashboardConfig } from '../src/api/routes';

export interface AuthConfig {
  publicRead: boolean;
  auth: DashboardConfig['auth'];
  maxUploadBytes: number;
}

/** Where the token lives; tests sign a browser in by putting a dev token here. */
export const SESSION_KEY = 'aid-ledger-session';
const PENDING_KEY = 'aid-ledger-sign-in';

interface Session {
  accessToken: string;
}

let config: AuthConfig | null = null;

export async function loadConfig(): Promise<AuthConfig> {
  config ??= (await (await fetch('assets/config.json')).json()) as AuthConfig;
  return config;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The claims of a JWT, unverified: only to shape the page (the API verifies). */
function claimsOf(token: string): Record<string, unknown> | null {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(part)) as Record<string, unknown>;
    return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now() ? claims : null;
  } catch {
    return null;
  }
}

function session(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return s && claimsOf(s.accessToken) ? s : null;
  } catch {
    return null;
  }
}

/** The signed-in user as the token describes them, or null. */
export function currentUser(): Principal | null {
  const s = session();
  return s ? principalOf(claimsOf(s.accessToken) ?? undefined) : null;
}

/** Whether the page should offer what needs this access. */
export function mayUse(access: Access): boolean {
  if (!needsSignIn(access, config?.publicRead ?? false)) return true;
  const user = currentUser();
  if (!user) return false;
  return access === 'facts' || access === 'public' || user.roles.includes(access);
}

export function authHeaders(): Record<string, string> {
  const s = session();
  return s ? { authorization: `Bearer ${s.accessToken}` } : {};
}

/** The page the sign-in comes back to: the dashboard's own address, as registered with the client. */
const redirectUri = () => `${location.origin}${location.pathname}`;

export async function signIn(): Promise<void> {
  const { auth } = await loadConfig();
  if (!auth) return;
  const verifier = randomText();
  const state = randomText();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, hash: location.hash }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: auth.scopes.join(' '),
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  location.assign(`${auth.authorizeUrl}?${query}`);
}

export async function signOut(): Promise<void> {
  const { auth } = await loadConfig();
  sessionStorage.removeItem(SESSION_KEY);
  if (!auth) return location.reload();
  const query = new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri() });
  location.assign(`${auth.logoutUrl}?${query}`);
}

/**
 * Back from the sign-in page with `?code=…&state=…`: trades the code for tokens, forgets the
 * query, and returns to the view the user left. Answers what went wrong, or null.
 */
export async function completeSignIn(): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code && !params.get('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    hash: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${pending?.hash ?? location.hash}`);
  const { auth } = await loadConfig();
  if (!code || !auth || !pending || params.get('state') !== pending.state)
    return `sign-in did not complete${params.get('error') ? `: ${params.get('error')}` : ''}`;
  const res = await fetch(auth.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  if (!res.ok) return `sign-in failed (${res.status})`;
  const { access_token } = (await res.json()) as { access_token: string };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ accessToken: access_token }));
  return null;
}
