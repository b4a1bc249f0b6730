/**
 * OpenAPI 3.1 generated from the route table: parameters from the zod schemas the dispatcher
 * validates with (their input side), answers from the response schemas (JSON Schema 2020-12,
 * which OpenAPI 3.1 uses as is).
 */
import * as z from 'zod';
import { needsSignIn } from './access';
import type { Route } from './routes';
import { problemSchema } from './schemas';

type JsonSchema = Record<string, unknown>;

const componentUri = (id: string) => `#/components/schemas/${id}`;
const ref = (id: string) => ({ $ref: componentUri(id) });

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** Every schema given an id (`.meta({ id })`) becomes a component that others refer to. */
function components(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    io: 'output',
    unrepresentable: 'any',
    uri: componentUri,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

const schemaOf = (schema: z.ZodType): JsonSchema => {
  const id = z.globalRegistry.get(schema)?.id;
  return id ? ref(id) : jsonSchema(schema, 'output');
};

function parameters(route: Route): JsonSchema[] {
  const fields = (schema: z.ZodType | undefined) =>
    schema instanceof z.ZodObject ? Object.entries(schema.shape as Record<string, z.ZodType>) : [];
  const describe = (name: string, field: z.ZodType, where: 'query' | 'path') => {
    const { description, ...schema } = jsonSchema(field, 'input');
    return {
      name,
      in: where,
      required: where === 'path' || !field.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema,
    };
  };
  return [
    ...fields(route.params).map(([name, f]) => describe(name, f, 'path')),
    ...fields(route.query).map(([name, f]) => describe(name, f, 'query')),
  ];
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaOf(problemSchema()) } },
});

/** Who may call it, as OpenAPI says: no security, a bearer token, or either. */
function securityOf(route: Route, publicRead: boolean): Record<string, string[]>[] {
  if (!needsSignIn(route.access, publicRead)) return [];
  return [{ bearer: route.access === 'facts' ? [] : [route.access] }];
}

const accessResponses = (route: Route, publicRead: boolean) =>
  needsSignIn(route.access, publicRead)
    ? {
        401: problemResponse('No valid access token: sign in and send it as a bearer token'),
        ...(route.access !== 'facts'
          ? { 403: problemResponse(`Signed in, but without the ${route.access} role`) }
          : {}),
      }
    : {};

/** What a route answers with 200, by media type. */
function contentOf(r: Route): Record<string, unknown> {
  if (!(r.response instanceof z.ZodType)) return { [r.response.mediaType]: {} };
  return {
    'application/json': { schema: schemaOf(r.response) },
    ...(r.csv
      ? {
          'text/csv': {
            schema: {
              type: 'string',
              description:
                'UTF-8 with a BOM: the header row, the HXL hashtag row, then one row per value',
            },
          },
        }
      : {}),
    ...(r.geojson
      ? {
          'application/geo+json': {
            schema: { type: 'object', description: 'a GeoJSON FeatureCollection' },
          },
        }
      : {}),
  };
}

function responsesOf(r: Route, publicRead: boolean): Record<string | number, unknown> {
  const hasParams = parameters(r).length > 0;
  return {
    200: {
      description: 'OK',
      headers: { ETag: { schema: { type: 'string' } } },
      content: contentOf(r),
    },
    ...(r.csv
      ? { 303: { description: 'An export too large for one answer: follow Location to fetch it' } }
      : {}),
    304: { description: 'Not Modified: the If-None-Match validator is current' },
    ...(hasParams || r.body
      ? { 400: problemResponse('A parameter is invalid; `errors` names it') }
      : {}),
    ...accessResponses(r, publicRead),
    ...(r.params ? { 404: problemResponse('No such resource') } : {}),
    500: problemResponse('Unexpected failure (logged; no internals in the answer)'),
  };
}

function operationOf(r: Route, publicRead: boolean): Record<string, unknown> {
  return {
    operationId:
      r.path === '/'
        ? 'dashboard'
        : r.path
            .replace(/[{}]/g, '')
            .replace(/[/.-]+(\w)/g, (_m, c: string) => c.toUpperCase())
            .replace(/^./, (c) => c.toLowerCase()),
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    security: securityOf(r, publicRead),
    parameters: parameters(r),
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(r.body) } },
          },
        }
      : {}),
    responses: responsesOf(r, publicRead),
  };
}

export function openApiDocument(routes: Route[], publicRead: boolean): unknown {
  const paths = Object.fromEntries(
    routes.map((r) => [
      r.path,
      { [r.method === 'POST' ? 'post' : 'get']: operationOf(r, publicRead) },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Aid Ledger API',
      version: '1',
      description:
        'Facts extracted from news articles about an epidemic and the aid around it, each with its sources and evidence. ' +
        'List routes answer `{ items, next }`; pass `next` back as `cursor`. Errors are RFC 9457 problem details.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An access token of the deployment’s Cognito user pool (locally: of the local issuer); roles are its groups: reader, uploader, operator.',
        },
      },
    },
  };
}
