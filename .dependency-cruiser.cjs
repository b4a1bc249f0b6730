/**
 * Layering, enforced: the domain core (extractor, facts, events, decider, projections) imports no
 * AWS SDK, no Lambda types and no Powertools, and nothing outside itself; the application layer
 * (use cases and ports) no AWS either; no module depends on itself through a cycle.
 */
const AWS =
  'node_modules/(@aws-sdk|@smithy|@types/aws-lambda|aws-lambda|@aws-lambda-powertools|aws-cdk-lib|constructs)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes module initialisation order matter and layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain is the pure core: no AWS, no Lambda types, no Powertools.',
      from: { path: '^src/domain/' },
      to: { path: AWS },
    },
    {
      name: 'domain-stays-inside',
      severity: 'error',
      comment:
        'src/domain depends on nothing outside itself (adapters and use cases depend on it).',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(app|adapters|api|lambdas)|local|infra|dashboard)/' },
    },
    {
      name: 'app-has-no-aws',
      severity: 'error',
      comment: 'Use cases talk to the outside world through the ports in src/app/ports.ts only.',
      from: { path: '^src/app/' },
      to: { path: `${AWS}|^src/(adapters|lambdas|api)/` },
    },
    {
      name: 'no-dev-deps-in-production-code',
      severity: 'error',
      comment: 'What the Lambdas bundle must be a production dependency.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.generated\\.ts$' },
  },
};
