/**
 * What the parts of the stack share. Each part is a plain class that creates its resources in the
 * stack's own scope, not a `Construct` subclass: a construct in between would put its id into
 * every logical id below it, and new logical ids replace the tables and buckets of a deployed
 * stack. The parts are created in the order the template lists their resources.
 */
import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import type { Alarm, AlarmProps, IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IConstruct } from 'constructs';
import { grantPermissions, PERMISSIONS, type Protected } from '../access';
import type { LambdaName } from '../bundling';

/** The stack the parts create their resources in (their scope). */
export type Scope = Stack;

/** Makes an alarm that notifies the alarm topic (monitoring.ts). */
export type AddAlarm = (id: string, props: AlarmProps) => Alarm;

/** A part with alarms of its own, added once the alarm topic exists. */
export interface Alarmed {
  addAlarms(alarm: AddAlarm): void;
}

/** A part's graphs on the dashboard (monitoring.ts). */
export interface Graphed {
  widgets(period: Duration): IWidget[];
}

/** Alarm and graph period. */
export const PERIOD = Duration.minutes(5);

/** A cdk-nag finding acknowledged next to the resource it is about, with its reason. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

export const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Grants a function exactly the calls its adapters make (infra/access.ts). */
export function grantAccess(f: NodejsFunction, name: LambdaName, resources: Protected): void {
  grantPermissions(f.role!, PERMISSIONS[name], resources);
}
