/**
 * The one place that names tables, keys, indexes and environment variables.
 * Imported by the CDK stack and by the runtime code so the two cannot drift.
 */

export const EVENTS_TABLE = {
  /** Logical name used by the local runtime; CDK generates the physical name on AWS. */
  localName: 'aid-ledger-events',
  partitionKey: 'streamId',
  sortKey: 'version',
  /** Sparse index from an uploaded object (bucket, key, version) to the commit that received it. */
  uploadIndex: { name: 'byUpload', partitionKey: 'upload' },
} as const;

export const VIEWS_TABLE = {
  localName: 'aid-ledger-views',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Sparse index over the items a list route pages through. */
  listIndex: { name: 'byList', partitionKey: 'listPk', sortKey: 'listSk' },
} as const;

export const ARTICLES_PREFIX = 'articles/';
/** Normalised article text the ingest Lambda stores beside the raw upload (content-addressed). */
export const TEXT_PREFIX = 'text/';
/** Exports too large for one API answer, served by presigned links and expired after a day. */
export const EXPORTS_PREFIX = 'exports/';
export const LOCAL_BUCKET = 'aid-ledger-articles';

/** Environment variables the Lambdas read; the stack sets exactly these. */
export const ENV = {
  eventsTable: 'EVENTS_TABLE_NAME',
  viewsTable: 'VIEWS_TABLE_NAME',
  bucket: 'ARTICLES_BUCKET_NAME',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  ingestDeadLetterQueueUrl: 'INGEST_DEAD_LETTER_QUEUE_URL',
  /** 'true' when the facts are readable without signing in (the `publicRead` context). */
  publicRead: 'PUBLIC_READ',
  /** The Cognito user pool's managed-login domain (https://…auth.<region>.amazoncognito.com). */
  authBaseUrl: 'AUTH_BASE_URL',
  /** The dashboard's app client, the audience the API's JWT authorizer accepts. */
  authClientId: 'AUTH_CLIENT_ID',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

export function requireEnv(name: EnvName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
