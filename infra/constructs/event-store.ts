/**
 * The events table (one item per commit, streamed to the projector) and the views table (the read
 * models, all derived from the events). Keys and index names come from src/tables.ts.
 */
import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { GraphWidget, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
} from 'aws-cdk-lib/aws-dynamodb';
import { EVENTS_TABLE, VIEWS_TABLE } from '../../src/tables';
import type { Graphed, Scope } from './shared';

export class EventStore implements Graphed {
  readonly eventsTable: Table;
  readonly viewsTable: Table;

  constructor(scope: Scope) {
    this.eventsTable = new Table(scope, 'EventsTable', {
      partitionKey: { name: EVENTS_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: EVENTS_TABLE.sortKey, type: AttributeType.NUMBER },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Which commit received an upload: what the dashboard asks after a browser upload.
    this.eventsTable.addGlobalSecondaryIndex({
      indexName: EVENTS_TABLE.uploadIndex.name,
      partitionKey: { name: EVENTS_TABLE.uploadIndex.partitionKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    this.viewsTable = new Table(scope, 'ViewsTable', {
      partitionKey: { name: VIEWS_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: VIEWS_TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // No deletion protection: every item is derived from the events table and `rebuild` recreates it.
      // RETAIN still keeps it (and the API's data) if the stack is deleted.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.viewsTable.addGlobalSecondaryIndex({
      indexName: VIEWS_TABLE.listIndex.name,
      partitionKey: { name: VIEWS_TABLE.listIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: VIEWS_TABLE.listIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }

  widgets(period: Duration): IWidget[] {
    return [this.eventsTable, this.viewsTable].map(
      (t) =>
        new GraphWidget({
          title: `${t.node.id} consumed capacity`,
          width: 12,
          left: [
            t.metricConsumedReadCapacityUnits({ period }),
            t.metricConsumedWriteCapacityUnits({ period }),
          ],
        }),
    );
  }
}
