import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { access } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { ACTION_ONLY_INPUTS, INPUT_DEFAULTS } from '../src/inputs.js'
import { demoScenario } from '../sim/scenarios.js'
import { addDays, DEFAULT_API_KEY, startSimulator, type Simulator, type SimulatorOptions } from '../sim/simulator.js'

/**
 * The bundled CLI, run as a user runs it: `node dist/cli/index.js` with flags and SENDGRID_API_KEY.
 * It runs on real time, so its simulator answers 202 a number of times rather than for a while,
 * and every outcome here is one that no machine's load can change.
 */

const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url))

interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs the built CLI with only PATH and `env` set (no proxy variables leak in from the machine). */
async function cli(args: string[], env: Record<string, string> = { SENDGRID_API_KEY: DEFAULT_API_KEY }): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: string[] = []
  const stderr: string[] = []
  child.stdout.on('data', (chunk) => stdout.push(String(chunk)))
  child.stderr.on('data', (chunk) => stderr.push(String(chunk)))
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') }
}

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
    expect(run.stdout).toMatch(/^ {2}--format +markdown .* or json /m)
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
    expect(run.stdout.match(/^\| (marketing|transactional) \| \d{4}-\d{2}-\d{2} \|/gm)).toHaveLength(14)
    expect(run.stderr).toBe(`Fetching SendGrid engagement quality scores for ${addDays(scenario.today, -7)} to ${addDays(scenario.today, -1)} from ${new URL(sim.url).host}\n`)
  })

  it('waits out 202s and exits 1 on a breach, printing the outputs and the evaluation as JSON', async () => {
    const { base, sim } = await simulate({ pending: { polls: 2 } })
    const run = await cli([...base, '--subusers', 'newsletters', '--from', 'yesterday', '--evaluate', 'latest', '--min-metric-scores', 'spam_rate=3', '--poll-interval', '20ms', '--format', 'json'])

    expect(run.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(3)
    const latest = addDays(scenario.today, -1)
    const breaches = [
      { account: 'newsletters', date: latest, metric: 'score', value: 2, threshold: 3 },
      { account: 'newsletters', date: latest, metric: 'spam_rate', value: 1, threshold: 3 }
    ]
    const report = JSON.parse(run.stdout) as { outputs: Record<string, string>; evaluation: { result: string; breaches: unknown[] } }
    expect(Object.keys(report)).toEqual(['outputs', 'evaluation'])
    expect(report.outputs).toEqual({
      passed: 'false',
      result: 'failed',
      'lowest-score': '2',
      failures: JSON.stringify(breaches),
      missing: '[]',
      scores: JSON.stringify([
        { account: 'newsletters', user_id: '1003', date: latest, score: 2, metrics: { engagement_recency: 3, open_rate: 2, bounce_classification: 2, bounce_rate: 2, spam_rate: 1 } }
      ])
    })
    expect(report.evaluation).toMatchObject({ result: 'failed', breaches })
  })

  it('exits 0 on the same breach under --fail-on-breach false, and 1 on a missing score under --missing-scores fail', async () => {
    const { base } = await simulate()

    const reportOnly = await cli([...base, '--subusers', 'newsletters', '--fail-on-breach', 'false', '--summary', 'false'])
    expect([reportOnly.exitCode, reportOnly.stdout]).toEqual([0, 'SendGrid engagement quality failed: 2 scores below threshold in 1 of 1 account, lowest score 2\n'])

    const missing = await cli([...base, '--subusers', 'cold-outreach', '--missing-scores', 'fail', '--summary', 'false'])
    expect([missing.exitCode, missing.stdout]).toEqual([1, 'SendGrid engagement quality failed: 7 missing scores\n'])
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
    const report = JSON.parse(run.stdout) as { outputs: Record<string, string>; evaluation: { failures: { account?: string; outcome: string; message: string }[] } }
    expect(report.outputs.result).toBe('error')
    expect(report.evaluation.failures).toEqual([{ account: 'parent account', outcome: 'error', message: expect.stringMatching(/^SendGrid answered 401 /) }])
    expect(`${run.stdout}${run.stderr}`).not.toContain(key)
  })

  it('refuses the key pasted as a subuser name, without printing it or sending anything', async () => {
    const { base, sim } = await simulate()
    const run = await cli([...base, '--subusers', DEFAULT_API_KEY])

    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('--subusers: contains the API key; the key belongs in api-key alone')
    expect(sim.requests).toHaveLength(0)
    expect(`${run.stdout}${run.stderr}`).not.toContain(DEFAULT_API_KEY)
  })

  it('exits 2 when scores are still pending at --wait-timeout, and 0 under --on-error warn', async () => {
    const { base } = await simulate({ pending: { polls: 1_000_000 } })
    const flags = [...base, '--wait-timeout', '200ms', '--poll-interval', '20ms', '--summary', 'false']

    const pending = await cli(flags)
    expect([pending.exitCode, pending.stdout]).toEqual([
      2,
      'SendGrid engagement quality still pending: SendGrid had not finished computing scores (1 account or day not read)\n'
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
      'seq-gate: --format: "xml" is not accepted; use markdown or json',
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
