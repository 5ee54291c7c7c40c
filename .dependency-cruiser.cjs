/**
 * The layer rules of the monorepo, checked by `npm run lint`. See docs/architecture.md
 * ("Shape of the code").
 */

// Files whose name gives them an infrastructure role; every other app file holds domain rules.
const INFRASTRUCTURE_ROLES = [
  'entity',
  'handler',
  'command',
  'query',
  'controller',
  'consumer',
  'module',
  'repository',
  'poller',
  'config',
  'definition',
  'service',
  'guard',
  'decorator',
  'filter',
  'middleware',
  'interceptor',
  'pipe',
  'cli',
  'setup',
  'adapter',
  'response',
  'request',
  'view',
  'saga',
  'spec',
];
const INFRASTRUCTURE_FILE = `\\.(${INFRASTRUCTURE_ROLES.join('|')})\\.ts$`;

module.exports = {
  forbidden: [
    {
      name: 'app-imports-another-app',
      comment: 'Apps share nothing but libs/contracts (and the plumbing in libs/platform).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'library-imports-an-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'contracts-import-plumbing',
      comment:
        'Contracts are plain types, request classes and their validation decorators: nothing of Nest but the swagger property decorators, no ORM, no platform.',
      severity: 'error',
      from: { path: '^libs/contracts/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: [
          '^libs/platform/',
          'node_modules/@mikro-orm/',
          'node_modules/@nestjs/(?!swagger/)',
          'node_modules/@nats-io/',
          'node_modules/pg/',
        ],
      },
    },
    {
      name: 'domain-imports-framework',
      comment:
        'Domain rules (state machines, pricing, masking, ledger math, policies) run without Nest, the ORM or the platform, so unit tests drive them directly.',
      severity: 'error',
      from: {
        path: '^apps/[^/]+/src/',
        pathNot: [INFRASTRUCTURE_FILE, '/main\\.ts$', '/migrations/'],
      },
      to: {
        path: ['node_modules/@mikro-orm/', 'node_modules/@nestjs/', '^libs/platform/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'offers-import-their-users',
      comment:
        'jobs-leads: jobs/ and leads/ both use offers/ (the Lead, matching, pricing, closing offers); offers/ uses neither, and jobs/ never uses leads/.',
      severity: 'error',
      from: { path: '^apps/jobs-leads/src/(offers|jobs)/' },
      to: { path: '^apps/jobs-leads/src/leads/' },
    },
    {
      name: 'offers-import-jobs',
      severity: 'error',
      from: { path: '^apps/jobs-leads/src/offers/' },
      to: { path: '^apps/jobs-leads/src/jobs/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
