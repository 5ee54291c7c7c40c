import os from 'node:os';

const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^#platform$': '<rootDir>/libs/platform/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The ESM build imports JSON without import attributes, which jest warns about on every load.
    '^libphonenumber-js/max$': '<rootDir>/node_modules/libphonenumber-js/max/index.cjs',
  },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/load-nest-first.mjs'],
  setupFilesAfterEnv: ['<rootDir>/test/support/suite-infrastructure.mjs'],
};

export default {
  // Jest reads testTimeout only at the top level, not per project.
  testTimeout: 30000,
  // Each file has a database and a nats-server of its own (suite-infrastructure.mjs), so files run
  // side by side, one per core up to four; a run on one server of TEST_NATS_URL runs them one at a
  // time. A worker is replaced once a file leaves it holding more than 1.5 GB: every suite boots
  // whole apps, and one process running them all runs out of heap.
  maxWorkers: process.env.TEST_NATS_URL ? 1 : Math.min(4, os.availableParallelism()),
  workerIdleMemoryLimit: '1536MB',
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
