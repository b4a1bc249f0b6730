/**
 * Assembles the app: configuration from context, the stack, and cdk-nag (AwsSolutions) as a
 * validation plugin — any finding that is not acknowledged next to its resource fails synthesis.
 * Shared by infra/app.ts and the infra tests so both check the same thing.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig, stackName } from './config';
import { AidLedgerStack } from './stack';

export function buildApp(app: App): AidLedgerStack {
  const config = readConfig(app.node);
  const stack = new AidLedgerStack(app, stackName(config.stage), {
    stage: config.stage,
    logRetention: config.logRetention,
    publicRead: config.publicRead,
    ingestConcurrency: config.ingestConcurrency,
    ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    ...(config.account || config.region
      ? { env: { account: config.account, region: config.region } }
      : {}),
    description: `Epidemic aid ledger (${config.stage}): S3 → ingest → events → projector → views → HTTP API`,
    tags: { project: 'aid-ledger', stage: config.stage },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
