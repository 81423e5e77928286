import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { addDays, DEFAULT_API_KEY, startSimulator, utcToday, type Simulator } from '../sim/simulator.js'
import { cli } from './support/cli.js'
import { startFakeGitHub, type FakeGitHub, type FakeIssue } from './support/fake-github.js'
import { annotations, runDist, runInProcess, type Inputs } from './support/runner.js'

/**
 * Warning levels as users meet them: the built dist/index.js and the built CLI (run npm run build
 * first) against the SendGrid simulator and a fake GitHub, both on 127.0.0.1. A run with only
 * warnings passes and lists them; one with a breach fails and lists both; the tracking issue is
 * neither opened nor commented for warnings alone.
 */

const YESTERDAY = addDays(utcToday(), -1)
const RISK_TITLE = 'Engagement quality at risk (warning only)'

let simulator: Simulator | undefined
let github: FakeGitHub | undefined
afterEach(async () => {
  await Promise.all([simulator?.close(), github?.close()])
  simulator = github = undefined
})

/** Each subuser's score on every day; changed between runs. Spam rates are 5, but transactional's 3. */
interface Scores {
  newsletters: number
  promo: number
}

async function serve(scores: Scores): Promise<Simulator> {
  simulator = await startSimulator({
    subusers: [
      { username: 'newsletters', score: () => scores.newsletters, metrics: { spam_rate: 5 } },
      { username: 'promo', score: () => scores.promo, metrics: { spam_rate: 5 } },
      { username: 'transactional', score: 5, metrics: { spam_rate: 3 } },
      { username: 'receipts', score: 5 }
    ]
  })
  return simulator
}

const LEVELS = { 'warn-score': '4', 'warn-metric-scores': 'spam_rate=4', 'min-metric-scores': 'spam_rate=3' }

function inputs(sim: Simulator, overrides: Inputs = {}): Inputs {
  return {
    'api-key': DEFAULT_API_KEY,
    'base-url': sim.url,
    subusers: 'newsletters, promo, transactional, receipts',
    from: 'yesterday',
    'github-token': 'ghs_fake-installation-token',
    'tracking-issue': 'true',
    ...LEVELS,
    ...overrides
  }
}

function githubEnv(gh: FakeGitHub): Record<string, string> {
  return { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'octo/mail', GITHUB_SHA: 'c'.repeat(40), GITHUB_EVENT_NAME: 'schedule', GITHUB_RUN_ID: '9' }
}

const AT_RISK = [`promo: score is 3.5 on ${YESTERDAY}, below its warning level 4`, `transactional: spam rate is 3 on ${YESTERDAY}, below its warning level 4`]

describe('the built action with warning levels', () => {
  it('passes a run with only warnings, lists them everywhere, keeps the check run green and opens no issue', async () => {
    const sim = await serve({ newsletters: 5, promo: 3.5 })
    const gh = (github = await startFakeGitHub())
    const run = await runDist(inputs(sim), githubEnv(gh))

    expect(run.exitCode).toBe(0)
    expect([run.outputs.passed, run.outputs.result, run.outputs['at-risk-count'], run.outputs.failures]).toEqual(['true', 'passed', '2', '[]'])
    expect(JSON.parse(run.outputs.warnings ?? '')).toEqual([
      { account: 'promo', date: YESTERDAY, metric: 'score', value: 3.5, level: 4 },
      { account: 'transactional', date: YESTERDAY, metric: 'spam_rate', value: 3, level: 4 }
    ])
    expect(annotations(run.stdout, 'error')).toEqual([])
    expect(annotations(run.stdout, 'warning')).toEqual(AT_RISK)
    expect(run.stdout).toContain(`::warning title=${RISK_TITLE}::${AT_RISK[0]}`)
    expect(run.stdout).toContain('SendGrid engagement quality passed: 4 accounts at or above threshold, 2 at risk, lowest score 3.5')

    const [checkRun] = gh.requests.filter((request) => request.path === '/repos/octo/mail/check-runs')
    expect(checkRun?.body).toMatchObject({ conclusion: 'success', output: { title: 'Passed · lowest score 3.5 · 2 at risk' } })
    const summary = (checkRun?.body?.output as { summary: string }).summary
    expect(summary).toContain('### At risk')
    expect(summary).toContain(`- **promo**: score **3.5** (at risk below 4, lowest metric: engagement recency 3.5) on ${YESTERDAY}.`)
    expect(summary).toContain(`- **transactional**: spam rate **3** (at risk below 4) on ${YESTERDAY}.`)
    expect(run.summary).toContain(summary.split('\n### Accounts')[0] ?? '')

    // The tracking issue is looked for, and neither opened nor commented on.
    expect(gh.requests.filter((request) => request.path.includes('/issues')).map((request) => request.method)).toEqual(['GET'])
    expect(gh.issues).toEqual([])
    expect(run.outputs['tracking-issue']).toBe('')
  })

  it('fails a run with a breach, lists both; keeps the issue it opened without a comment when only the warnings change, and closes it when only they are left', async () => {
    const scores: Scores = { newsletters: 2, promo: 5 }
    const sim = await serve(scores)
    const gh = (github = await startFakeGitHub())
    const step = async (): Promise<{ run: Awaited<ReturnType<typeof runDist>>; sent: string[] }> => {
      const since = gh.requests.length
      const run = await runDist(inputs(sim, { 'check-run': 'false' }), githubEnv(gh))
      return { run, sent: gh.requests.slice(since).map((request) => `${request.method} ${request.path}`) }
    }

    // 1. newsletters fails, transactional is at risk: the issue opens.
    const opened = await step()
    expect(opened.run.exitCode).toBe(1)
    expect(opened.sent).toEqual(['GET /repos/octo/mail/issues', 'POST /repos/octo/mail/issues'])
    expect(annotations(opened.run.stdout, 'warning')).toEqual([AT_RISK[1]])

    // 2. promo joins the accounts at risk: the failing run lists both, and the issue is updated without a comment.
    scores.promo = 3.5
    const both = await step()
    expect(both.run.exitCode).toBe(1)
    expect(JSON.parse(both.run.outputs.failures ?? '').map((breach: { account: string }) => breach.account)).toEqual(['newsletters'])
    expect(JSON.parse(both.run.outputs.warnings ?? '').map((warning: { account: string }) => warning.account)).toEqual(['promo', 'transactional'])
    expect(both.run.outputs['at-risk-count']).toBe('2')
    expect(annotations(both.run.stdout, 'error')[0]).toBe(`newsletters: score is 2 on ${YESTERDAY}, below 3`)
    expect(annotations(both.run.stdout, 'warning')).toEqual(AT_RISK)
    const markdown = both.run.outputs.markdown ?? ''
    expect(markdown.indexOf('### What to fix')).toBeGreaterThan(0)
    expect(markdown.indexOf('### At risk')).toBeGreaterThan(markdown.indexOf('### What to fix'))
    expect(both.sent).toEqual(['GET /repos/octo/mail/issues', 'PATCH /repos/octo/mail/issues/1'])
    const [issue] = gh.issues as [FakeIssue]
    expect(issue.body.endsWith(markdown)).toBe(true)
    expect(issue.body).toContain(`- **promo**: score **3.5**`)
    expect(issue.title).toBe('SendGrid engagement quality: Failed · lowest score 2 · 1 breach · 2 at risk')
    expect(gh.comments[1] ?? []).toEqual([])

    // 3. newsletters recovers, the others stay at risk: the run passes, and the issue closes.
    scores.newsletters = 5
    const recovered = await step()
    expect(recovered.run.exitCode).toBe(0)
    expect(recovered.sent).toEqual(['GET /repos/octo/mail/issues', 'POST /repos/octo/mail/issues/1/comments', 'PATCH /repos/octo/mail/issues/1'])
    expect(issue.state).toBe('closed')
  })

  it('writes the warnings and the count to the report file', async () => {
    const sim = await serve({ newsletters: 5, promo: 3.5 })
    const run = await runInProcess(inputs(sim, { 'tracking-issue': 'false', 'github-token': '' }))
    const document = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as { outcome: { atRiskCount: number; passed: boolean }; warnings: unknown[] }
    expect(document.outcome).toMatchObject({ atRiskCount: 2, passed: true })
    expect(document.warnings).toEqual(JSON.parse(run.outputs.warnings ?? ''))
  })

  it('refuses a warning level at or below its failing level before sending anything, naming both inputs', async () => {
    const sim = await serve({ newsletters: 5, promo: 5 })
    const run = await runDist(inputs(sim, { 'min-score': '4', 'warn-score': '3.5', 'account-thresholds': 'promo: min-score=2, warn-score=2' }))
    expect(run.exitCode).toBe(1)
    expect(annotations(run.stdout, 'error')).toEqual([
      'Input "warn-score": 3.5 is not above min-score (4): a score below 4 fails, so it could never warn; use a level above 4, or leave it empty',
      'Input "account-thresholds": line 1: warn-score=2 is not above min-score=2: a score below 2 fails, so it could never warn',
      'Invalid input: warn-score, account-thresholds; nothing was sent to SendGrid'
    ])
    expect(sim.requests).toEqual([])
  })
})

describe('seq-gate with warning levels', () => {
  const flags = (sim: Simulator, extra: string[] = []): string[] => [
    '--base-url',
    sim.url,
    '--subusers',
    'newsletters, promo, transactional, receipts',
    '--from',
    'yesterday',
    ...Object.entries(LEVELS).flatMap(([name, value]) => [`--${name}`, value]),
    ...extra
  ]

  it('exits 0 with only warnings, and lists them in JSON and text', async () => {
    const sim = await serve({ newsletters: 5, promo: 3.5 })
    const json = await cli(flags(sim, ['--format', 'json']))
    expect(json.exitCode).toBe(0)
    const document = JSON.parse(json.stdout) as { outcome: { passed: boolean; atRiskCount: number }; outputs: { warnings: { account: string }[]; 'at-risk-count': number } }
    expect(document.outcome).toMatchObject({ passed: true, atRiskCount: 2 })
    expect([document.outputs['at-risk-count'], document.outputs.warnings.map((warning) => warning.account)]).toEqual([2, ['promo', 'transactional']])

    const text = await cli(flags(sim, ['--format', 'text']))
    expect(text.exitCode).toBe(0)
    expect(text.stdout).toContain(`\nAt risk\n  promo: score 3.5 (at risk below 4, lowest metric: engagement recency 3.5) on ${YESTERDAY}.\n`)
    expect(text.stdout).toMatch(/^ {2}◆ 1 of 1 day +promo /m)
  })

  it('exits 1 on a breach beside warnings, and lists both', async () => {
    const sim = await serve({ newsletters: 2, promo: 3.5 })
    const run = await cli(flags(sim, ['--format', 'markdown']))
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^## ❌ SendGrid engagement quality failed: 1 of 4 accounts below threshold: score on 1 day in 1 account; 2 of 4 accounts at risk; lowest score 2$/m)
    expect(run.stdout).toContain('\n### What to fix\n')
    expect(run.stdout).toContain('\n### At risk\n')
  })

  it('refuses a warning level at or below its failing level in its own terms, exit 2', async () => {
    const sim = await serve({ newsletters: 5, promo: 5 })
    const run = await cli(flags(sim, ['--max-drop', '1', '--warn-drop', '1']))
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('seq-gate: --warn-drop: 1 is not below --max-drop (1): a drop of 1 or more fails, so it could never warn; use a smaller drop, or leave it empty\n')
    expect(sim.requests).toEqual([])
  })
})
