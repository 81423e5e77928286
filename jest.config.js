import { createDefaultEsmPreset } from 'ts-jest'

/** @type {import('jest').Config} */
export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  collectCoverageFrom: ['src/**/*.ts'],
  // One test file per CPU: jest's default leaves one CPU to itself, which on a 2-CPU runner means
  // one file at a time while the main process idles.
  maxWorkers: '100%',
  // A worker that ran half the suite empties its event loop at once, but on a busy machine tearing down
  // its heap takes 0.4 to 0.6 s (measured), past jest's default 0.5 s; a worker truly held open still
  // gets the "failed to exit gracefully" warning.
  workerGracefulExitTimeout: 5000,
  testTimeout: 30000
}
