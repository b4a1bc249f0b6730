/**
 * Least privilege by action: each function gets exactly the calls its adapters make, on exactly
 * the resources they make them on, and nothing a CDK `grant*` helper would add besides (no Scan
 * for a reader that only queries, no GetObjectAcl, no PutObjectRetention). The calls are those of
 * src/adapters (DynamoDB event and view stores, stream reader, S3 object and export stores, SQS
 * dead-letter queues); the infra tests compare the synthesised policies to this table action by
 * action.
 */
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  ARTICLES_PREFIX,
  EVENTS_TABLE,
  EXPORTS_PREFIX,
  TEXT_PREFIX,
  VIEWS_TABLE,
} from '../src/tables';
import type { LambdaName } from './bundling';

/** One thing a function does, in the words of the port it does it through. */
export type Permission =
  /** EventStore.appendToStream: one conditional PutItem per commit. */
  | 'events.append'
  /** EventStore.readStream: a Query on the stream's partition. */
  | 'events.readStream'
  /** EventStore.readAll and readAllKeys: a Scan, for rebuild and re-extraction. */
  | 'events.readAll'
  /** StreamRecordReader: the records a dead letter names, read back from the stream. */
  | 'events.streamRecords'
  /** ViewReader and the views' pointer: items by key, a page of one partition of the byList index. */
  | 'views.read'
  /**
   * ProjectionStore and the views' pointer: reads, conditional puts, revision bumps, group
   * transactions, batches.
   */
  | 'views.project'
  /** ViewSnapshots, ViewVersions.dropVersions: a version written in batches; Scan, batch deletes. */
  | 'views.replace'
  /** ObjectStore.getObject on an upload, by version; ListBucket so a missing key is a 404. */
  | 'articles.read'
  /** ObjectStore.keyState: ListObjectVersions, which versions of an upload's key are left. */
  | 'articles.versions'
  /** ObjectStore.putText: the normalised text, content-addressed. */
  | 'text.write'
  /** ObjectStore.getText; ListBucket so a missing key is a 404. */
  | 'text.read'
  /** ExportStore.save: PUT an export, and sign the GET link to it (signed with this role). */
  | 'exports.write'
  /** DeadLetterQueue.receive and delete, on both dead-letter queues. */
  | 'deadLetters.consume'
  /** UploadSigner.presignPut: a PUT to articles/ signed with this role, for a browser to send. */
  | 'uploads.sign'
  /** EventStore.findUpload: the byUpload index, then the commit in its stream. */
  | 'events.findUpload';

export const PERMISSIONS: Record<LambdaName, Permission[]> = {
  ingest: [
    'articles.read',
    'articles.versions',
    'text.write',
    'events.readStream',
    'events.append',
  ],
  projector: ['views.project'],
  api: [
    'views.read',
    'events.readStream',
    'events.findUpload',
    'text.read',
    'exports.write',
    'uploads.sign',
  ],
  // Rebuild writes a new version in bulk, applies what was appended meanwhile as the projector
  // does (reading those streams), moves the pointer, and drops the old version.
  rebuild: ['events.readAll', 'events.readStream', 'views.replace', 'views.project'],
  reextract: [
    'events.readAll',
    'events.readStream',
    'events.append',
    'articles.read',
    'text.write',
  ],
  // Redrive runs the ingest and projector handlers again on what failed in them.
  redrive: [
    'deadLetters.consume',
    'events.streamRecords',
    'articles.read',
    'articles.versions',
    'text.write',
    'events.readStream',
    'events.append',
    'views.project',
  ],
};

export interface Protected {
  eventsTable: Table;
  viewsTable: Table;
  bucket: Bucket;
  deadLetterQueues: Queue[];
}

const statement = (actions: string[], resources: string[]) =>
  new PolicyStatement({ actions, resources });

/** The key prefix each object permission is limited to: the narrowest one its adapter uses. */
const OBJECT_PREFIXES: Partial<Record<Permission, string>> = {
  'articles.read': ARTICLES_PREFIX,
  'text.write': TEXT_PREFIX,
  'text.read': TEXT_PREFIX,
  'exports.write': EXPORTS_PREFIX,
  'uploads.sign': ARTICLES_PREFIX,
};

/** The object actions of each object permission, and whether a missing key must be a 404 (ListBucket). */
const OBJECT_ACTIONS: Partial<Record<Permission, { actions: string[]; list: boolean }>> = {
  'articles.read': { actions: ['s3:GetObject', 's3:GetObjectVersion'], list: true },
  'text.write': { actions: ['s3:PutObject'], list: false },
  'text.read': { actions: ['s3:GetObject'], list: true },
  'exports.write': { actions: ['s3:PutObject', 's3:GetObject'], list: false },
  'uploads.sign': { actions: ['s3:PutObject'], list: false },
};

function objects(r: Protected, prefix: string, actions: string[], list: boolean) {
  return [
    statement(actions, [r.bucket.arnForObjects(`${prefix}*`)]),
    ...(list ? [statement(['s3:ListBucket'], [r.bucket.bucketArn])] : []),
  ];
}

function statementsOf(p: Permission, r: Protected): PolicyStatement[] {
  const events = r.eventsTable.tableArn,
    views = r.viewsTable.tableArn;
  const object = OBJECT_ACTIONS[p];
  if (object) return objects(r, OBJECT_PREFIXES[p]!, object.actions, object.list);
  switch (p) {
    case 'events.append':
      return [statement(['dynamodb:PutItem'], [events])];
    case 'events.readStream':
      return [statement(['dynamodb:Query'], [events])];
    case 'events.readAll':
      return [statement(['dynamodb:Scan'], [events])];
    case 'events.streamRecords':
      return [
        statement(
          ['dynamodb:GetShardIterator', 'dynamodb:GetRecords'],
          [r.eventsTable.tableStreamArn!],
        ),
      ];
    case 'views.read':
      return [
        statement(['dynamodb:GetItem'], [views]),
        statement(['dynamodb:Query'], [`${views}/index/${VIEWS_TABLE.listIndex.name}`]),
      ];
    case 'views.project':
      return [
        statement(
          [
            'dynamodb:GetItem',
            'dynamodb:Query',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:ConditionCheckItem',
            'dynamodb:BatchWriteItem',
          ],
          [views],
        ),
      ];
    case 'views.replace':
      return [statement(['dynamodb:Scan', 'dynamodb:BatchWriteItem'], [views])];
    case 'articles.versions':
      // ListObjectVersions is a bucket action; its Prefix is the key, which IAM cannot narrow.
      return [statement(['s3:ListBucketVersions'], [r.bucket.bucketArn])];
    case 'events.findUpload':
      return [
        statement(['dynamodb:Query'], [`${events}/index/${EVENTS_TABLE.uploadIndex.name}`]),
        statement(['dynamodb:Query'], [events]),
      ];
    case 'deadLetters.consume':
      return [
        statement(
          ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
          r.deadLetterQueues.map((q) => q.queueArn),
        ),
      ];
    default:
      throw new Error(`no statements for permission ${p}`);
  }
}

/** Grants a function's permissions to its role, and says why each object pattern is needed. */
export function grantPermissions(
  role: IRole,
  permissions: Permission[],
  resources: Protected,
): void {
  for (const p of permissions)
    for (const s of statementsOf(p, resources)) role.addToPrincipalPolicy(s);
  const bucketId = Stack.of(resources.bucket).resolve(
    (resources.bucket.node.defaultChild as CfnElement).logicalId,
  ) as string;
  const prefixes = new Set(permissions.flatMap((p) => OBJECT_PREFIXES[p] ?? []));
  for (const prefix of prefixes)
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
      reason: `Object permissions need a key pattern; ${prefix}* is the narrowest prefix this function's adapter uses.`,
    });
}
