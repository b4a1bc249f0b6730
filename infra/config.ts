/**
 * Deployment configuration, read from CDK context (cdk.json or `-c key=value`):
 *   stage            name suffix of the stack (default 'dev')
 *   logRetentionDays CloudWatch Logs retention, one of the values CloudWatch accepts (default 30)
 *   alarmEmail       optional: subscribe this address to the alarm topic
 *   ingestConcurrency reserved concurrency of the ingest function (default 25, sized in stack.ts)
 *   account, region  optional: pin the stack's environment (otherwise environment-agnostic, no lookups)
 *   publicRead       optional: 'true' makes the facts readable without signing in (default false)
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

export interface StageConfig {
  stage: string;
  logRetention: RetentionDays;
  alarmEmail?: string;
  /** Executions ingest may run at once: a burst queues in Lambda's async queue instead of racing. */
  ingestConcurrency: number;
  account?: string;
  region?: string;
  publicRead: boolean;
}

const RETENTION_VALUES = new Set<number>(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'),
);

function optionalString(node: Node, key: string): string | undefined {
  const value = node.tryGetContext(key) as unknown;
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context '${key}' must be a string`);
  return value;
}

function readIngestConcurrency(node: Node): number {
  const raw = node.tryGetContext('ingestConcurrency') as unknown;
  const value = raw === undefined ? 25 : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1000)
    throw new Error(
      `Context 'ingestConcurrency' must be a whole number from 1 to 1000, got '${String(raw)}'`,
    );
  return value;
}

export function readConfig(node: Node): StageConfig {
  const stage = optionalString(node, 'stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage))
    throw new Error(`Context 'stage' must match /^[a-z][a-z0-9-]{0,19}$/, got '${stage}'`);

  const rawRetention = node.tryGetContext('logRetentionDays') as unknown;
  const days = rawRetention === undefined ? 30 : Number(rawRetention);
  if (!RETENTION_VALUES.has(days)) {
    throw new Error(
      `Context 'logRetentionDays' must be one of ${[...RETENTION_VALUES].join(', ')}, got '${String(rawRetention)}'`,
    );
  }

  const alarmEmail = optionalString(node, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail))
    throw new Error(`Context 'alarmEmail' is not an e-mail address: '${alarmEmail}'`);

  const rawPublic = node.tryGetContext('publicRead') as unknown;
  if (![undefined, true, false, 'true', 'false'].includes(rawPublic as string))
    throw new Error(`Context 'publicRead' must be true or false, got '${String(rawPublic)}'`);
  const ingestConcurrency = readIngestConcurrency(node);

  return {
    stage,
    logRetention: days as RetentionDays,
    publicRead: rawPublic === true || rawPublic === 'true',
    ingestConcurrency,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(optionalString(node, 'account') ? { account: optionalString(node, 'account') } : {}),
    ...(optionalString(node, 'region') ? { region: optionalString(node, 'region') } : {}),
  };
}

export const stackName = (stage: string): string => `AidLedger-${stage}`;
