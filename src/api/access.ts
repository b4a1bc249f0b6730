/**
 * Who may call what, the same on AWS and locally. A signed-in caller is known by the claims of
 * its access token, which a JWT authorizer has verified before the request reaches the API:
 * API Gateway's on AWS (a Cognito user pool is the issuer), the local gateway's on this machine
 * (a local issuer). Roles are Cognito groups; each includes the ones before it, so an operator
 * may do what an uploader may, and an uploader what a reader may.
 *
 * The API checks every request against its route's access again, whatever the gateway did, so a
 * route reached without an authorizer (a path API Gateway sends to $default) is refused too.
 */
export const ROLES = ['reader', 'uploader', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a route. */
export type Access =
  /** Anyone: liveness and the dashboard's own files (its page, script, style, configuration). */
  | 'public'
  /** The facts (timeline, aid flows, case counts and their exports): anyone if the deployment
   * reads publicly, otherwise anyone signed in. */
  | 'facts'
  /** A signed-in reader: article texts, raw events, rejected uploads. */
  | Role;

export interface Principal {
  /** The token's subject: the user. */
  subject: string;
  name: string;
  roles: Role[];
}

/** Whether API Gateway puts a JWT authorizer on a route with this access. */
export const needsSignIn = (access: Access, publicRead: boolean): boolean =>
  access !== 'public' && !(access === 'facts' && publicRead);

/**
 * Cognito puts groups in `cognito:groups` as a JSON array; API Gateway hands array claims to the
 * integration flattened as "[a b]". Both forms, and a plain string, are read.
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** The roles a set of groups grants: each group's role and every role below it. */
function rolesOf(groups: string[]): Role[] {
  const highest = Math.max(-1, ...groups.map((g) => ROLES.indexOf(g as Role)));
  return ROLES.slice(0, highest + 1);
}

/** The caller as the verified claims describe it, or null when none were verified. */
export function principalOf(claims: Record<string, unknown> | undefined): Principal | null {
  const subject = claims?.sub;
  if (typeof subject !== 'string' || !subject) return null;
  const name = claims!.username ?? claims!['cognito:username'] ?? subject;
  return { subject, name: String(name), roles: rolesOf(groupsOf(claims!['cognito:groups'])) };
}

export type Decision = { allowed: true } | { allowed: false; status: 401 | 403; detail: string };

export function decide(access: Access, principal: Principal | null, publicRead: boolean): Decision {
  if (!needsSignIn(access, publicRead)) return { allowed: true };
  if (!principal)
    return {
      allowed: false,
      status: 401,
      detail: 'sign in first: send an access token as `Authorization: Bearer <token>`',
    };
  if (access === 'facts' || principal.roles.includes(access as Role)) return { allowed: true };
  return {
    allowed: false,
    status: 403,
    detail: `this needs the ${access} role; ${principal.name} has ${principal.roles.join(', ') || 'none'}`,
  };
}
