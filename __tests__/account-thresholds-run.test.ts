import { afterEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { addDays, DEFAULT_API_KEY, startSimulator, utcToday, type Simulator } from '../sim/simulator.js'
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.js'
import { annotations, runInProcess } from './support/runner.js'

/** Accounts judged by their own account-thresholds rule, as the Action and the command line show it. */

const YESTERDAY = addDays(utcToday(), -1)
const RULES = 'transactional: min-score=5, spam_rate=5\npromo-*: min-score=2\nghost-*: min-score=4'

let simulator: Simulator | undefined
let github: FakeGitHub | undefined
afterEach(async () => {
  await Promise.all([simulator?.close(), github?.close()])
  simulator = github = undefined
})

/** transactional 4 (spam rate 4), promo-eu 2, newsletters 2: each breaches, or not, by its own rule. */
async function serve(): Promise<Simulator> {
  simulator = await startSimulator({
    subusers: [
      { username: 'transactional', score: 4, metrics: { spam_rate: 4 } },
      { username: 'promo-eu', score: 2 },
      { username: 'newsletters', score: 2 }
    ]
  })
  return simulator
}

const FLAGS = { subusers: 'transactional, promo-eu, newsletters', from: 'yesterday', evaluate: 'latest', 'min-metric-scores': 'bounce_rate=2' }

describe('the Action with account-thresholds', () => {
  it('shows the threshold applied to each account in failures, annotations, the report, the check run and the report file, and warns of an unused rule', async () => {
    const sim = await serve()
    github = await startFakeGitHub()
    const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo/mail', GITHUB_SHA: 'a'.repeat(40), GITHUB_EVENT_NAME: 'schedule' }
    const run = await runInProcess(
      { 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, 'github-token': 'ghs_token', 'account-thresholds': RULES, ...FLAGS },
      env
    )

    expect(run.exitCode).toBe(1)
    const failures = JSON.parse(run.outputs.failures ?? '') as { account: string; metric: string; value: number; threshold: number }[]
    expect(failures.map(({ account, metric, value, threshold }) => [account, metric, value, threshold])).toEqual([
      ['newsletters', 'score', 2, 3],
      ['transactional', 'score', 4, 5],
      ['transactional', 'spam_rate', 4, 5]
    ])
    expect(annotations(run.stdout, 'error').slice(0, 2)).toEqual([
      `newsletters: score is 2 on ${YESTERDAY}, below 3`,
      `transactional: score is 4 on ${YESTERDAY}, below 5 (and 1 more)`
    ])
    expect(annotations(run.stdout, 'warning')).toEqual([
      "account-thresholds line 3 (ghost-*) matches no checked account; check the name (a subuser username, account-id <id> or the parent's username, with * for any run of characters)."
    ])
    expect(run.stdout).toMatch(/^::warning title=Unused account-thresholds rule::account-thresholds line 3/m)
    expect(run.summary).toContain('own thresholds for transactional, promo-\\*, ghost-\\* (account-thresholds)')
    expect(run.summary).toContain('2. **transactional**: spam rate **4** (min 5) and score **4** (min 5) on ')
    expect(run.summary).toContain('| ❌ below | transactional\u00a0† | **4** |')
    expect(run.summary).toMatch(/^\| ✅ \| promo-eu\u00a0† \|/m)
    const [checkRun] = github.requests.filter((request) => request.path === '/repos/octo/mail/check-runs')
    expect((checkRun?.body?.output as { summary: string }).summary).toBe(run.outputs.markdown)
    const document = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as { breaches: unknown[]; config: { accountThresholds: unknown[] } }
    expect(document.breaches).toEqual(failures)
    expect(document.config.accountThresholds).toEqual([
      { line: 1, pattern: 'transactional', minScore: 5, minMetricScores: { spam_rate: 5 }, warnMetricScores: {} },
      { line: 2, pattern: 'promo-*', minScore: 2, minMetricScores: {}, warnMetricScores: {} },
      { line: 3, pattern: 'ghost-*', minScore: 4, minMetricScores: {}, warnMetricScores: {} }
    ])
  })

  it('refuses bad rules before sending anything, one error per problem naming its line', async () => {
    const sim = await serve()
    const run = await runInProcess({ 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, 'account-thresholds': 'promo-*: min-score=6\nx spam_rate=1' })

    expect(run.exitCode).toBe(1)
    expect(annotations(run.stdout, 'error')).toEqual([
      'Input "account-thresholds": line 1: min-score: "6" is not a score; use a number from 1 to 5',
      'Input "account-thresholds": line 2: "x spam_rate=1" has no colon; write <account>: <threshold>=<score>, e.g. transactional: min-score=4, spam_rate=5',
      'Invalid input: account-thresholds; nothing was sent to SendGrid'
    ])
    expect(sim.requests).toEqual([])
  })
})

const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url))

async function cli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', SENDGRID_API_KEY: DEFAULT_API_KEY }, stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stdout.on('data', (chunk) => stdout.push(String(chunk)))
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)))
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') }
}

describe('seq-gate --account-thresholds (run npm run build first)', () => {
  it('judges each account by its rule and warns of an unused rule on stderr', async () => {
    const sim = await serve()
    const flags = Object.entries({ ...FLAGS, 'base-url': sim.url, 'account-thresholds': RULES, format: 'json' }).flatMap(([name, value]) => [`--${name}`, value])
    const run = await cli(flags)

    expect(run.exitCode).toBe(1)
    const { outputs } = JSON.parse(run.stdout) as { outputs: { failures: { account: string; threshold: number }[] } }
    const failures = outputs.failures
    expect(failures.map(({ account, threshold }) => [account, threshold])).toEqual([
      ['newsletters', 3],
      ['transactional', 5],
      ['transactional', 5]
    ])
    expect(run.stderr.split('\n').filter((line) => line.includes('warning'))).toEqual([
      "seq-gate: warning: account-thresholds line 3 (ghost-*) matches no checked account; check the name (a subuser username, account-id <id> or the parent's username, with * for any run of characters)."
    ])
  })
})
