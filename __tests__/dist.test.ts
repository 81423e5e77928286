import { afterEach, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { demoScenario } from '../sim/scenarios.js'
import { DEFAULT_API_KEY, startSimulator, type Simulator } from '../sim/simulator.js'
import { annotations, runDist } from './support/runner.js'

/** The committed bundle, run as the runner runs it: `node dist/index.js` with INPUT_* variables. */

let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

describe('dist/index.js', () => {
  it('waits out 202s, finds the breach, writes outputs and the summary, and exits 1', async () => {
    // 202 twice for each request rather than for a while: the bundle runs on real time.
    simulator = await startSimulator({ ...demoScenario(), pending: { polls: 2 } })
    const run = await runDist({
      'api-key': DEFAULT_API_KEY,
      'base-url': simulator.url,
      subusers: 'marketing\ntransactional\nnewsletters\ncold-outreach',
      'poll-interval': '20ms'
    })

    expect(run.exitCode).toBe(1)
    expect(simulator.requests.filter((request) => request.onBehalfOf === 'newsletters' && request.path.includes('engagementquality'))).toHaveLength(3)
    expect(run.outputs).toMatchObject({ passed: 'false', result: 'failed', 'lowest-score': '2' })
    const failures = JSON.parse(run.outputs.failures ?? '') as { account: string; metric: string; value: number; threshold: number }[]
    expect(failures).toEqual([
      { account: 'newsletters', date: expect.any(String), metric: 'score', value: 2, threshold: 3 },
      { account: 'newsletters', date: expect.any(String), metric: 'score', value: 2, threshold: 3 }
    ])
    expect(JSON.parse(run.outputs.missing ?? '')).toHaveLength(7)
    expect(run.summary).toMatch(/^## ❌ SendGrid engagement quality failed: 1 of 4 accounts below threshold: score on 2 days in 1 account; lowest score 2/)
    expect(run.summary).toMatch(/^\| ❌ 2 of 7 days \| newsletters \| \*\*2\*\* \|/m)
    expect(run.summary).toContain('| ⚠️ no score | cold-outreach | – | – | – | – | – | – | – | `·······` |\n') // a dot a day, no trend
    expect(annotations(run.stdout, 'warning')).toEqual([expect.stringMatching(/^cold-outreach: no engagement quality score on 7 days/)])
    expect(annotations(run.stdout, 'error').at(-1)).toMatch(/^SendGrid engagement quality failed/)
    expect(run.stdout.replace(/^::add-mask::.*$/m, '')).not.toContain(DEFAULT_API_KEY)
  })

  it('still passes when the runner offers no job summary file, and warns instead', async () => {
    simulator = await startSimulator({ parent: { username: 'acme' } })
    const run = await runDist({ 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url }, { GITHUB_STEP_SUMMARY: '' })

    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('passed')
    expect(annotations(run.stdout, 'warning')).toEqual([expect.stringMatching(/^Could not write the job summary: Unable to find environment variable for \$GITHUB_STEP_SUMMARY/)])
  })

  it('says what to do, without a stack trace, when the check runs out of memory', async () => {
    simulator = await startSimulator({ parent: { username: 'acme' } })
    // The flag overrides the worker's own heap bound, so a tiny heap stands in for a huge account.
    const run = await runDist({ 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url }, { NODE_OPTIONS: '--max-old-space-size=8' })

    expect(run.exitCode).toBe(1)
    expect(annotations(run.stdout, 'error')).toEqual([
      'The check ran out of memory. Check fewer subusers or fewer days per run, for example one step per group of subusers.'
    ])
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })

  it('fails fast with an ::error:: naming the missing input', async () => {
    const run = await runDist({})

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('::error::Input "api-key": is required')
    expect(run.stdout).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('loads chunks minified like the entry: no webpack module comments, no source comments', () => {
    const dist = new URL('../dist/', import.meta.url)
    const chunks = readdirSync(dist).filter((name) => /^\d+\.index\.js$/.test(name))
    expect(chunks.length).toBeGreaterThan(0)
    for (const name of chunks) expect({ name, commented: /^\/\*\*\*\/|^\s*\/\*\*\s/m.test(readFileSync(new URL(name, dist), 'utf8')) }).toEqual({ name, commented: false })
  })
})
