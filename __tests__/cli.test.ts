import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { access } from 'node:fs/promises'
import { ACTION_ONLY_INPUTS, INPUT_DEFAULTS } from '../src/inputs.js'
import { demoScenario } from '../sim/scenarios.js'
import { addDays, DEFAULT_API_KEY, startSimulator, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import { CLI, cli } from './support/cli.js'

/**
 * The bundled CLI, run as a user runs it: `node dist/cli/index.js` with flags and SENDGRID_API_KEY.
 * It runs on real time, so its simulator answers 202 a number of times rather than for a while,
 * and every outcome here is one that no machine's load can change.
 */

const scenario = demoScenario()
let simulator: Simulator | undefined

/** The demo account without its 202s unless `options` says otherwise, and the flag that points the CLI at it. */
async function simulate(options: SimulatorOptions = {}): Promise<{ base: string[]; sim: Simulator }> {
  simulator = await startSimulator({ ...scenario, pending: undefined, ...options })
  return { base: ['--base-url', simulator.url], sim: simulator }
}

beforeAll(async () => {
  await expect(access(CLI)).resolves.toBeUndefined() // npm run build writes dist/cli/index.js
})
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

describe('seq-gate --help', () => {
  it('lists a flag for every input but the API key and the GitHub-only ones, with its default, and exits 0', async () => {
    const run = await cli(['--help'], {})

    expect(run.exitCode).toBe(0)
    expect(run.stderr).toBe('')
    const notFlags: string[] = ['api-key', ...ACTION_ONLY_INPUTS]
    for (const [name, fallback] of Object.entries(INPUT_DEFAULTS)) {
      if (notFlags.includes(name)) continue
      const line = run.stdout.split('\n').find((text) => text.startsWith(`  --${name} `)) ?? ''
      expect(line).toMatch(new RegExp(`^ {2}--${name} +\\w`))
      if (fallback === '') expect(line).not.toContain('(default')
      else expect(line).toMatch(new RegExp(`\\(default ${fallback}\\)$`))
    }
    for (const name of notFlags) expect(run.stdout).not.toMatch(new RegExp(`^ {2}--${name} `, 'm'))
    expect(run.stdout).toMatch(/^ {2}--api-key-env +.*\(default SENDGRID_API_KEY\)$/m)
    expect(run.stdout).toMatch(/^ {2}--format +text .*, markdown .*, json .*, junit .* or openmetrics .*\(default text when stdout is a terminal, else markdown\)$/m)
  })
})

describe('seq-gate against the simulator', () => {
  it('exits 0 and prints the job summary as Markdown when every score meets its threshold', async () => {
    const { base, sim } = await simulate()
    const run = await cli([...base, '--subusers', 'marketing,transactional', '--from', '-7d', '--min-score', '3'])

    expect(run.exitCode).toBe(0)
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      '## ✅ SendGrid engagement quality passed: 2 accounts at or above threshold, lowest score 4',
      '',
      `Checked **${addDays(scenario.today, -7)} to ${addDays(scenario.today, -1)}** (UTC) · evaluating every day · score ≥ **3** · missing scores: warn`
    ])
    expect(run.stdout.match(/^\| ✅ \| (marketing|transactional) \|/gm)).toHaveLength(2)
    expect(run.stderr.split('\n')).toEqual([
      `Fetching SendGrid engagement quality scores for ${addDays(scenario.today, -7)} to ${addDays(scenario.today, -1)} from ${new URL(sim.url).host}`,
      expect.stringMatching(/^Fetched in \d+m?s: 2 requests, 0 polls after 202, 0 retries$/),
      ''
    ])
  })

  it('waits out 202s and exits 1 on a breach, printing the outputs as JSON values', async () => {
    const { base, sim } = await simulate({ pending: { polls: 2 } })
    const run = await cli([...base, '--subusers', 'newsletters', '--from', 'yesterday', '--evaluate', 'latest', '--min-metric-scores', 'spam_rate=3', '--poll-interval', '20ms', '--format', 'json'])

    expect(run.exitCode).toBe(1)
    // Three for the scores (two 202s), then the stats that explain the breach.
    expect(sim.requests.filter((request) => request.path.includes('engagementquality'))).toHaveLength(3)
    const latest = addDays(scenario.today, -1)
    const breaches = [
      { account: 'newsletters', date: latest, metric: 'score', value: 2, threshold: 3 },
      { account: 'newsletters', date: latest, metric: 'spam_rate', value: 1, threshold: 3 }
    ]
    const report = JSON.parse(run.stdout) as { outputs: Record<string, unknown>; outcome: { result: string } }
    expect(Object.keys(report)).toEqual(['config', 'outcome', 'failures', 'explanation', 'outputs'])
    expect(report.outputs).toEqual({
      passed: false,
      result: 'failed',
      'lowest-score': 2,
      failures: breaches,
      warnings: [],
      'at-risk-count': 0,
      missing: [],
      scores: [
        { account: 'newsletters', user_id: '1003', date: latest, score: 2, metrics: { engagement_recency: 3, open_rate: 2, bounce_classification: 2, bounce_rate: 2, spam_rate: 1 } }
      ]
    })
    expect(report.outcome).toMatchObject({ result: 'failed', stepFailed: true })
  })

  it('exits 0 on the same breach under --fail-on-breach false, and 1 on a missing score under --missing-scores fail', async () => {
    const { base } = await simulate()

    const reportOnly = await cli([...base, '--subusers', 'newsletters', '--fail-on-breach', 'false', '--summary', 'false'])
    expect([reportOnly.exitCode, reportOnly.stdout]).toEqual([0, 'SendGrid engagement quality failed: 1 account below threshold: score on 2 days; lowest score 2\n'])

    const missing = await cli([...base, '--subusers', 'cold-outreach', '--missing-scores', 'fail', '--summary', 'false'])
    expect([missing.exitCode, missing.stdout]).toEqual([1, 'SendGrid engagement quality failed: no score on 7 days in 1 account\n'])
  })

  it('exits 1 when a breach and an unreadable account meet, and 2 when the breach only reports', async () => {
    const { base } = await simulate()
    const flags = [...base, '--subusers', 'newsletters,no-such-subuser', '--summary', 'false']

    expect((await cli(flags)).exitCode).toBe(1)
    expect((await cli([...flags, '--fail-on-breach', 'false'])).exitCode).toBe(2)
  })

  it('exits 2 when SendGrid rejects the key, and never prints the key', async () => {
    const { base } = await simulate()
    const key = 'SG.revoked-key-0123456789'
    const run = await cli([...base, '--format', 'json'], { SENDGRID_API_KEY: key })

    expect(run.exitCode).toBe(2)
    const report = JSON.parse(run.stdout) as { outputs: Record<string, string>; failures: { account?: string; outcome: string; message: string }[] }
    expect(report.outputs.result).toBe('error')
    expect(report.failures).toEqual([{ account: 'parent account', outcome: 'error', message: expect.stringMatching(/^SendGrid answered 401 /), cause: { endpoint: 'scores', status: 401 } }])
    expect(`${run.stdout}${run.stderr}`).not.toContain(key)
  })

  it('refuses the key pasted as a subuser name, without printing it or sending anything', async () => {
    const { base, sim } = await simulate()
    const run = await cli([...base, '--subusers', DEFAULT_API_KEY])

    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('--subusers: contains the API key; the key belongs in SENDGRID_API_KEY alone')
    expect(sim.requests).toHaveLength(0)
    expect(`${run.stdout}${run.stderr}`).not.toContain(DEFAULT_API_KEY)
  })

  it('exits 2 when scores are still pending at --wait-timeout, and 0 under --on-error warn', async () => {
    const { base } = await simulate({ pending: { polls: 1_000_000 } })
    const flags = [...base, '--wait-timeout', '200ms', '--poll-interval', '20ms', '--summary', 'false']

    const pending = await cli(flags)
    expect([pending.exitCode, pending.stdout]).toEqual([
      2,
      'SendGrid engagement quality still pending: SendGrid had not finished computing scores (1 account not read)\n'
    ])
    expect((await cli([...flags, '--on-error', 'warn'])).exitCode).toBe(0)
  })

  it('reads the key from the variable --api-key-env names', async () => {
    const { base } = await simulate()
    const run = await cli([...base, '--api-key-env', 'ACME_SENDGRID_KEY', '--summary', 'false'], { ACME_SENDGRID_KEY: DEFAULT_API_KEY })

    expect([run.exitCode, run.stdout]).toEqual([0, 'SendGrid engagement quality passed: 1 account at or above threshold, lowest score 4\n'])
  })
})

describe('seq-gate with invalid input', () => {
  it('exits 2 with one line per problem on stderr, before sending anything', async () => {
    const { base, sim } = await simulate()
    const run = await cli([...base, '--min-score', '9', '--evaluate', 'sometimes', '--format', 'xml', 'stray'], {})

    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')).toEqual([
      'seq-gate: unexpected argument 9: every value follows its --flag (see --help)',
      'seq-gate: --format: "xml" is not accepted; use text, markdown, json, junit, openmetrics',
      'seq-gate: SENDGRID_API_KEY is not set: export your SendGrid API key in it, or name another variable with --api-key-env',
      'seq-gate: --min-score: "9" is not a score; use a number from 1 to 5',
      'seq-gate: --evaluate: "sometimes" is not accepted; use all, latest, average',
      ''
    ])
    expect(sim.requests).toEqual([])
  })

  it('refuses the key on the command line without echoing it', async () => {
    const { base, sim } = await simulate()
    const run = await cli([...base, '--api-key', 'SG.typed-on-the-command-line'])

    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      'seq-gate: --api-key is not accepted (the command line shows in process lists): put the key in SENDGRID_API_KEY or name a variable with --api-key-env\n'
    )
    expect(sim.requests).toEqual([])
  })
})
