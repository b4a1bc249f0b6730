/**
 * What API Gateway does in front of the API Lambda, locally: routes that carry a JWT authorizer
 * on AWS (infra/api-access.ts puts one where `needsSignIn` says) answer 401 without a valid access
 * token, exactly as API Gateway's authorizer does, before the API runs; a verified token's claims
 * reach the API where API Gateway puts them (requestContext.authorizer.jwt.claims, array claims
 * flattened to "[a b]" as API Gateway flattens them). The local issuer's sign-in pages are served
 * alongside, as Cognito's managed login is on its own domain on AWS.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { needsSignIn } from '../src/api/access';
import { accessOf } from '../src/api/app';
import type { HttpHandler } from './http-server';
import type { LocalIssuer } from './identity';

const unauthorized = (description: string) => ({
  statusCode: 401,
  headers: {
    'content-type': 'application/json',
    'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
    'access-control-allow-origin': '*',
  },
  body: JSON.stringify({ message: 'Unauthorized' }),
});

const flatten = (claims: Record<string, unknown>): Record<string, string | number | boolean> =>
  Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [
      k,
      Array.isArray(v) ? `[${v.join(' ')}]` : (v as string | number | boolean),
    ]),
  );

export function localGateway(o: {
  api: HttpHandler;
  issuer: LocalIssuer;
  publicRead: boolean;
}): HttpHandler {
  return async (event: APIGatewayProxyEventV2) => {
    const signIn = await o.issuer.handle(event);
    if (signIn) return signIn;
    // API Gateway answers CORS preflights itself, before any authorizer.
    const method = event.requestContext.http.method;
    const path = event.rawPath.replace(/\/+$/, '') || '/';
    // A path no route names goes to $default, which has no authorizer: the API answers 404.
    const access = accessOf(path);
    if (method === 'OPTIONS' || !access || !needsSignIn(access, o.publicRead)) return o.api(event);
    const header = event.headers?.authorization ?? '';
    const token = /^Bearer (\S+)$/i.exec(header)?.[1];
    if (!token) return unauthorized('the request has no bearer token');
    const claims = await o.issuer.verify(token);
    if (!claims)
      return unauthorized('the token is not valid (signature, issuer, client or expiry)');
    return o.api({
      ...event,
      requestContext: {
        ...event.requestContext,
        authorizer: { jwt: { claims: flatten(claims), scopes: null } },
      },
    } as APIGatewayProxyEventV2);
  };
}
