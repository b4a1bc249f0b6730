/**
 * The alarm topic (KMS-encrypted, optionally with an e-mail subscription) that every alarm of the
 * stack notifies, on alarm and on recovery, and the CloudWatch dashboard of the whole pipeline.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  type AlarmProps,
  AlarmStatusWidget,
  Dashboard,
  type IWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { AddAlarm, Scope } from './shared';

export class Monitoring {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  /** Makes an alarm (missing data is not breaching) that notifies the topic. */
  readonly alarm: AddAlarm;

  constructor(
    private readonly scope: Scope,
    private readonly o: { stage: string; alarmEmail?: string | undefined },
  ) {
    this.topic = encryptedTopic(scope, o.stage);
    if (o.alarmEmail) this.topic.addSubscription(new EmailSubscription(o.alarmEmail));
    const notify = new SnsAction(this.topic);
    this.alarm = (id: string, props: AlarmProps): Alarm => {
      const created = new Alarm(scope, id, {
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...props,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };
  }

  /** The dashboard: a heading, every alarm's state, then the parts' graphs, a row per entry. */
  addDashboard(rows: IWidget[][]): void {
    const { stage } = this.o;
    const board = new Dashboard(this.scope, 'Dashboard', {
      dashboardName: `aid-ledger-${stage}`,
      defaultInterval: Duration.days(1),
    });
    board.addWidgets(
      new TextWidget({
        markdown: `# aid-ledger ${stage}\nS3 → ingest → events → stream → projector → views → API`,
        width: 24,
        height: 2,
      }),
    );
    board.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
    for (const row of rows) board.addWidgets(...row);
  }
}

function encryptedTopic(scope: Scope, stage: string): Topic {
  const key = new Key(scope, 'AlarmTopicKey', {
    description: `aid-ledger ${stage} alarm topic encryption`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  // CloudWatch alarms publish to an encrypted topic only if the key lets CloudWatch use it.
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  return new Topic(scope, 'AlarmTopic', {
    displayName: `aid-ledger ${stage} alarms`,
    masterKey: key,
    enforceSSL: true,
  });
}
