import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { demoScenario } from '../sim/scenarios.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import { cli } from './support/cli.js'

/**
 * The built CLI as cron and other CI systems run it, stdout and stderr in pipes: the report alone
 * on stdout, the rest on stderr, every form of a flag, and every message in the command line's terms.
 */

const scenario = demoScenario()
let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

/** The demo account, without its 202s unless `options` says otherwise, and the flag that points the CLI at it. */
async function simulate(options: SimulatorOptions = {}): Promise<{ base: string[]; sim: Simulator }> {
  simulator = await startSimulator({ ...scenario, pending: undefined, ...options })
  return { base: ['--base-url', simulator.url], sim: simulator }
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')

describe('stdout carries the report alone', () => {
  it('as one JSON document with the outputs as JSON values (progress.test.ts shows stderr taking the progress lines)', async () => {
    const { base, sim } = await simulate()
    const run = await cli([...base, '--subusers', 'newsletters', '--from', '-3d', '--format', 'json'])

    expect(run.exitCode).toBe(1)
    const document = JSON.parse(run.stdout) as { outputs: Record<string, unknown>; outcome: Record<string, unknown>; failures: unknown[] }
    const { outputs } = document
    expect([typeof outputs.passed, outputs.result, typeof outputs['lowest-score']]).toEqual(['boolean', 'failed', 'number'])
    for (const list of ['failures', 'missing', 'scores']) expect(Array.isArray(outputs[list])).toBe(true)
    expect(outputs.failures).toEqual([
      expect.objectContaining({ account: 'newsletters', metric: 'score', value: 2, threshold: 3 }),
      expect.objectContaining({ account: 'newsletters', metric: 'score', value: 2, threshold: 3 })
    ])
    expect(outputs.scores).toHaveLength(3)
    expect(document.outcome).toMatchObject({ result: 'failed', passed: false, stepFailed: true, lowestScore: 2 })
    expect(document.failures).toEqual([])
    const stderr = lines(run.stderr)
    expect(stderr[0]).toMatch(/^Fetching SendGrid engagement quality scores for /)
    expect(stderr.slice(-2)).toEqual([expect.stringMatching(/^Fetched in \S+: 1 request, 0 polls after 202, 0 retries$/), "Explaining 1 account in breach from SendGrid's stats"])
    expect(sim.requests.filter((request) => request.path.includes('engagementquality'))).toHaveLength(1)
  })

  it('as the same document with the file the Action writes, for what they share', async () => {
    const { base } = await simulate()
    const run = await cli([...base, '--subusers', 'marketing,newsletters,cold-outreach', '--format', 'json', '--min-metric-scores', 'spam_rate=3'])

    const document = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(document)).toEqual(['config', 'outcome', 'failures', 'explanation', 'outputs'])
    expect(document.config).toMatchObject({ subusers: ['marketing', 'newsletters', 'cold-outreach'], minMetricScores: { spam_rate: 3 }, github: { checkRun: true } })
    expect(Object.keys(document.config as object)).not.toContain('apiKey')
    const outputs = document.outputs as Record<string, { account: string; metric?: string }[]>
    expect(outputs.missing?.map((missing) => missing.account)).toEqual(Array(7).fill('cold-outreach'))
    expect(outputs.failures?.map((breach) => `${breach.account} ${breach.metric}`).sort()).toEqual([
      'newsletters score',
      'newsletters score',
      'newsletters spam_rate',
      'newsletters spam_rate'
    ])
    expect(outputs.scores).toHaveLength(3 * 7)
  })
})

describe('reasons', () => {
  it('name each account not read with SendGrid\'s reason on stderr under --summary false, and keep the exit code', async () => {
    const { base } = await simulate()
    const run = await cli([...base, '--subusers', 'marketing,no-such-subuser', '--summary', 'false'])

    expect(run.exitCode).toBe(2)
    expect(lines(run.stdout)).toEqual([expect.stringMatching(/^SendGrid engagement quality could not be checked: /)])
    expect(lines(run.stderr)).toContainEqual(
      expect.stringMatching(/^Could not read no-such-subuser: SendGrid answered 403 .*: check that "no-such-subuser" is a subuser or customer account of the key's account, spelled as in SendGrid, /)
    )
  })

  it('name them with the JSON format too, and stdout stays JSON', async () => {
    const { base } = await simulate()
    const run = await cli([...base, '--subusers', 'newsletters,no-such-subuser', '--format', 'json'])

    expect(run.exitCode).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ failures: [{ account: 'no-such-subuser', outcome: 'error' }] })
    expect(run.stderr).toMatch(/^Could not read no-such-subuser: SendGrid answered 403 /m)
  })

  it('name the first 20 and count the rest', async () => {
    const { base } = await simulate()
    const names = Array.from({ length: 21 }, (_, index) => `ghost-${index + 1}`)
    const run = await cli([...base, '--subusers', names.join(','), '--no-summary'])

    const named = lines(run.stderr).flatMap((line) => /^Could not read (ghost-\d+): SendGrid answered 403 /.exec(line)?.[1] ?? [])
    expect(named).toHaveLength(20)
    expect(new Set(named).size).toBe(20)
    expect(run.stderr).toContain('\n…and 1 more account or day not read; --format json lists them all.\n')
  })

  it('tell a rejected key to check the variable it came from', async () => {
    const { base } = await simulate()
    const run = await cli([...base, '--api-key-env', 'ACME_KEY', '--no-summary'], { ACME_KEY: 'SG.revoked-key-0123456789' })

    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(
      /^Could not read parent account: SendGrid answered 401 .*: the API key was rejected; check that ACME_KEY holds a current, unrevoked SendGrid API key$/m
    )
    expect(run.stderr).not.toContain('api-key secret')
    expect(`${run.stdout}${run.stderr}`).not.toContain('SG.revoked-key-0123456789')
  })

  it('tell scores still pending to raise --wait-timeout', async () => {
    const { base } = await simulate({ pending: { ms: 60_000 } })
    const run = await cli([...base, '--wait-timeout', '1s', '--poll-interval', '200ms', '--summary=false'])

    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/^Could not read parent account: SendGrid was still computing the scores \(202\) after waiting \S+; raise --wait-timeout or run later$/m)
  })
})

describe('flags', () => {
  it('--include-parent stands alone before another flag', async () => {
    const { base } = await simulate()
    const run = await cli([...base, '--include-parent', '--subusers', 'marketing', '--no-summary'])

    expect([run.exitCode, run.stdout]).toEqual([0, 'SendGrid engagement quality passed: 2 accounts at or above threshold, lowest score 4\n'])
  })

  it.each([[['--no-fail-on-breach']], [['--fail-on-breach=false']], [['--fail-on-breach', 'false']]])('%j turns a breach into a report', async (flag) => {
    const { base } = await simulate()
    const run = await cli([...base, '--subusers', 'newsletters', ...flag, '--summary=false'])

    expect([run.exitCode, run.stdout]).toEqual([0, 'SendGrid engagement quality failed: 1 account below threshold: score on 2 days; lowest score 2\n'])
  })

  it('--version prints the package\'s version, and nothing else', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    const run = await cli(['--version'], {})

    expect(run).toEqual({ exitCode: 0, stdout: `seq-gate ${version}\n`, stderr: '' })
  })

  it('an unknown flag suggests the nearest one, and nothing is sent', async () => {
    const { base, sim } = await simulate()
    const run = await cli([...base, '--subuser', 'marketing', '--fail-on-breech'])

    expect(run.exitCode).toBe(2)
    expect(lines(run.stderr)).toEqual([
      'seq-gate: unknown option --subuser; did you mean --subusers? (see --help)',
      'seq-gate: unexpected argument 4: every value follows its --flag (see --help)',
      'seq-gate: unknown option --fail-on-breech; did you mean --fail-on-breach? (see --help)'
    ])
    expect(sim.requests).toEqual([])
  })
})
