/**
 * CDK entry point (cdk.json: `npx tsx infra/app.ts`). Synthesises offline: no lookups, and the
 * stack is environment-agnostic unless context pins `account`/`region`.
 */
import { App } from 'aws-cdk-lib';
import { buildApp } from './build';

buildApp(new App());
