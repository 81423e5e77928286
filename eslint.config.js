import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const REAL_TIME = 'Tests run on virtual time (__tests__/support/virtual-clock.ts):'

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly' }
    }
  },
  {
    // A test that sleeps or reads the wall clock is slow, or passes only on a quiet machine: wait on the
    // VirtualClock (CONTRIBUTING.md, "Writing tests"); a bound from below on real time may say why it is safe.
    files: ['__tests__/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['setTimeout', 'setInterval'].map((name) => ({ name, message: `${REAL_TIME} sleep on a VirtualClock instead.` }))],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: `${REAL_TIME} use a VirtualClock's now() and a run's elapsedMs.` }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:timers', 'node:timers/promises'].map((name) => ({ name, message: `${REAL_TIME} sleep on a VirtualClock instead.` })),
          patterns: [{ group: ['**/src/clock.js'], importNames: ['realClock'], message: `${REAL_TIME} pass a VirtualClock.` }]
        }
      ]
    }
  }
)
