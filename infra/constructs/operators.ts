/**
 * The operator functions, run by hand (`aws lambda invoke`, docs/deploy.md): rebuild every view
 * from the events, re-run the extractor over every article, and redrive what is in the dead-letter
 * queues. Each may make exactly the calls its adapters make.
 */
import { CfnOutput } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Protected } from '../access';
import type { LedgerFunctionMap } from './functions';
import { grantAccess, pascal, type Scope } from './shared';

const OPERATORS = ['rebuild', 'reextract', 'redrive'] as const;

export class Operators {
  private readonly functions: Pick<LedgerFunctionMap, (typeof OPERATORS)[number]>;

  constructor(functions: LedgerFunctionMap, resources: Protected) {
    this.functions = functions;
    for (const name of OPERATORS) grantAccess(functions[name], name, resources);
  }

  /** How to run each (the stack's last outputs). */
  addOutputs(scope: Scope): void {
    for (const name of OPERATORS) {
      const f: NodejsFunction = this.functions[name];
      new CfnOutput(scope, `${pascal(name)}FunctionName`, {
        value: f.functionName,
        description: 'aws lambda invoke --function-name <this> out.json',
      });
    }
  }
}
