import { afterEach, describe, expect, it } from '@jest/globals'
import { demoScenario } from '../sim/scenarios.js'
import { DEFAULT_API_KEY, startSimulator, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import { DEFAULT_POLICY } from '../src/sendgrid/retry-policy.js'
import { annotations, runInProcess, type Inputs } from './support/runner.js'
import { VirtualClock } from './support/virtual-clock.js'

/** The real run() against the simulator over real sockets, on a virtual clock: no wait takes real time. */

let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

async function serve(options: SimulatorOptions = {}): Promise<Simulator> {
  simulator = await startSimulator(options)
  return simulator
}

function inputs(sim: Simulator, overrides: Inputs = {}): Inputs {
  return { 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, 'poll-interval': '20ms', ...overrides }
}

/** The requests for scores, not the stats that explain a breach. */
const scoresAsked = (sim: Simulator): Simulator['requests'] => sim.requests.filter((request) => request.path.includes('engagementquality'))
const scoreRequests = (sim: Simulator): number => scoresAsked(sim).length

describe('the key\'s own account', () => {
  it('passes, sets every output and writes a summary table when every score meets the threshold', async () => {
    const sim = await serve({ parent: { username: 'acme', userId: '7', score: 4 } })
    const run = await runInProcess(inputs(sim))

    expect(run.exitCode).toBe(0)
    expect(run.outputs.passed).toBe('true')
    expect(run.outputs.result).toBe('passed')
    expect(run.outputs['lowest-score']).toBe('4')
    expect(JSON.parse(run.outputs.failures ?? '')).toEqual([])
    const scores = JSON.parse(run.outputs.scores ?? '') as { account: string; user_id: string; score: number }[]
    expect(scores).toHaveLength(7) // -7d to yesterday
    expect(scores.every((record) => record.account === 'acme' && record.user_id === '7' && record.score === 4)).toBe(true)
    expect(run.summary).toMatch(/^## ✅ SendGrid engagement quality passed/)
    // Its days fold under its own name, one row a day.
    const days = run.summary.slice(run.summary.indexOf('<summary>acme</summary>'))
    expect(days.match(/^\| \d{4}-\d\d-\d\d \| 4 \|/gm)).toHaveLength(7)
    const [request] = sim.requests
    expect(request?.path).toBe('/v3/engagementquality/scores')
    expect(request?.headers.accept).toBe('application/json')
    expect(request?.onBehalfOf).toBeUndefined()
  })

  it('fails the step with one annotation per breaching account and a one-line verdict', async () => {
    const sim = await serve({ parent: { username: 'acme', score: (date) => (date.endsWith('1') ? 2 : 4) } })
    const run = await runInProcess(inputs(sim, { from: '-20d', to: '-1d' }))

    expect(run.exitCode).toBe(1)
    expect(run.outputs.passed).toBe('false')
    expect(run.outputs.result).toBe('failed')
    expect(run.outputs['lowest-score']).toBe('2')
    const failures = JSON.parse(run.outputs.failures ?? '') as { account: string; metric: string; value: number; threshold: number; date: string }[]
    expect(failures.length).toBeGreaterThan(0)
    for (const failure of failures) {
      expect(failure).toMatchObject({ account: 'acme', value: 2, threshold: 3 })
      expect(['score', 'engagement_recency', 'open_rate', 'bounce_classification', 'bounce_rate', 'spam_rate']).toContain(failure.metric)
      expect(failure.date.endsWith('1')).toBe(true)
    }
    const errors = annotations(run.stdout, 'error')
    expect(errors[0]).toMatch(/^acme: score is 2 on \d{4}-\d{2}-\d1, below 3 \(and \d+ more\)$/)
    expect(errors.at(-1)).toMatch(/^SendGrid engagement quality failed: 1 account below threshold: score on \d+ days; lowest score 2$/)
    expect(errors).toHaveLength(2)
  })

  it('reports without failing when fail-on-breach is false', async () => {
    const sim = await serve({ parent: { username: 'acme', score: 1 } })
    const run = await runInProcess(inputs(sim, { 'fail-on-breach': 'false' }))

    expect(run.exitCode).toBe(0)
    expect(run.outputs.passed).toBe('false')
    expect(run.outputs.result).toBe('failed')
    expect(run.summary).toContain('report only (fail-on-breach: false)')
    // A green step shows its breaches as warnings, not errors.
    expect(annotations(run.stdout, 'error')).toEqual([])
    expect(annotations(run.stdout, 'warning')[0]).toMatch(/^acme: score is 1 on .*, below 3 \(and \d+ more\)$/)
  })

  it('annotates at most ten breaching accounts, then counts the rest', async () => {
    const sim = await serve({ subusers: Array.from({ length: 13 }, (_, index) => ({ username: `low-${index}`, score: 2 })) })
    const run = await runInProcess(inputs(sim, { subusers: '*', from: 'yesterday' }))

    const errors = annotations(run.stdout, 'error')
    expect(errors.filter((line) => /^low-\d+: score is 2 on /.test(line))).toHaveLength(10)
    expect(errors).toContain('…and 3 more accounts below threshold; the job summary and the report-file output list them all.')
    expect(JSON.parse(run.outputs.failures ?? '')).toHaveLength(13)
  })

  it('holds each metric to its own threshold', async () => {
    const sim = await serve({ parent: { username: 'acme', score: 4, metrics: { spam_rate: 3 } } })
    const run = await runInProcess(inputs(sim, { 'min-metric-scores': 'spam_rate=4', from: 'yesterday' }))

    expect(run.exitCode).toBe(1)
    expect(JSON.parse(run.outputs.failures ?? '')).toEqual([
      { account: 'acme', date: expect.any(String), metric: 'spam_rate', value: 3, threshold: 4 }
    ])
    expect(run.summary).toContain('| ❌ 1 of 1 day | acme\u00a0_(parent)_ | 4 | 4\u00a0')
    expect(run.summary).toContain(' | 4 | 4 | 4 | 4 | **3** ❌ |\n')
    expect(run.summary).toMatch(/\n1\. \*\*acme\*\* \(parent\): spam rate \*\*3\*\* \(min 4\) on \d{4}-\d{2}-\d{2}\.\n/)
  })
})

describe('subusers', () => {
  it('reads each listed subuser on its behalf, names it as given, and finds the breach', async () => {
    const sim = await serve({ ...demoScenario(), pending: undefined })
    const run = await runInProcess(
      inputs(sim, { subusers: 'marketing, newsletters\naccount-id 8001', 'min-metric-scores': 'spam_rate=3' })
    )

    expect(run.exitCode).toBe(1)
    expect(sim.requests.map((request) => request.onBehalfOf).sort()).toEqual(
      expect.arrayContaining(['account-id 8001', 'marketing', 'newsletters'])
    )
    const failures = JSON.parse(run.outputs.failures ?? '') as { account: string; metric: string }[]
    expect(new Set(failures.map((failure) => failure.account))).toEqual(new Set(['newsletters']))
    expect(new Set(failures.map((failure) => failure.metric))).toEqual(new Set(['score', 'spam_rate']))
    const accounts = new Set((JSON.parse(run.outputs.scores ?? '') as { account: string }[]).map((record) => record.account))
    expect(accounts).toEqual(new Set(['marketing', 'newsletters', 'account-id 8001']))
    // worst account first in the table
    expect(run.summary.split('\n').find((line) => /^\| ❌/.test(line))).toMatch(/^\| ❌ \d+ of \d+ days \| newsletters \|/)
  })

  it('also checks the parent with include-parent', async () => {
    const sim = await serve({ ...demoScenario(), pending: undefined })
    const run = await runInProcess(inputs(sim, { subusers: 'marketing', 'include-parent': 'true' }))

    expect(run.exitCode).toBe(0)
    const accounts = new Set((JSON.parse(run.outputs.scores ?? '') as { account: string }[]).map((record) => record.account))
    expect(accounts).toEqual(new Set(['acme', 'marketing']))
  })

  it('warns about an account SendGrid did not score, and fails on it under missing-scores: fail', async () => {
    const sim = await serve({ ...demoScenario(), pending: undefined })
    const warned = await runInProcess(inputs(sim, { subusers: 'cold-outreach', evaluate: 'latest' }))
    expect(warned.exitCode).toBe(0)
    expect(warned.outputs.result).toBe('passed')
    expect(JSON.parse(warned.outputs.missing ?? '')).toEqual([{ account: 'cold-outreach' }])
    expect(annotations(warned.stdout, 'warning')[0]).toMatch(/^cold-outreach: no engagement quality score for .* open tracking/)

    const failed = await runInProcess(inputs(sim, { subusers: 'cold-outreach', 'missing-scores': 'fail' }))
    expect(failed.exitCode).toBe(1)
    expect(failed.outputs.result).toBe('failed')
    expect(JSON.parse(failed.outputs.missing ?? '')).toHaveLength(7)

    const ignored = await runInProcess(inputs(sim, { subusers: 'cold-outreach', 'missing-scores': 'ignore' }))
    expect(annotations(ignored.stdout, 'warning')).toEqual([])
  })

  it('pages through every subuser with "*", one listing per day, 1000 at a time', async () => {
    const subusers = Array.from({ length: 2500 }, (_, index) => ({ username: `sub-${index}`, score: index === 1234 ? 2 : 4 }))
    const sim = await serve({ subusers })
    const run = await runInProcess(inputs(sim, { subusers: '*', from: '-3d', to: '-1d' }))

    expect(run.exitCode).toBe(1)
    expect(scoreRequests(sim)).toBe(9)
    expect(scoresAsked(sim).every((request) => request.query.limit === '1000')).toBe(true)
    expect(scoresAsked(sim).filter((request) => request.query.after_key !== undefined)).toHaveLength(6)
    expect(JSON.parse(run.outputs.missing ?? '')).toEqual([])
    // 7,500 records do not fit GitHub's 1 MB output: the worst account comes first and the log says what was cut.
    const scores = JSON.parse(run.outputs.scores ?? '') as { account: string }[]
    expect(Buffer.byteLength(run.outputs.scores ?? '')).toBeLessThan(1_000_000)
    expect(scores[0]?.account).toBe('sub-1234')
    expect(run.stdout).toContain(`The scores output leaves out ${7500 - scores.length} entries`)
    const failures = JSON.parse(run.outputs.failures ?? '') as { account: string; metric: string }[]
    expect(new Set(failures.map((failure) => failure.account))).toEqual(new Set(['sub-1234']))
  })

  it('still fetches, evaluates and shows the other subusers when one cannot be read', async () => {
    const sim = await serve({ ...demoScenario(), pending: undefined })
    const run = await runInProcess(inputs(sim, { subusers: 'marketing, ghost, transactional' }))

    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('error')
    const accounts = new Set((JSON.parse(run.outputs.scores ?? '') as { account: string }[]).map((record) => record.account))
    expect(accounts).toEqual(new Set(['marketing', 'transactional']))
    expect(run.summary).toContain('### Not checked')
    expect(run.summary).toMatch(/\*\*ghost\*\* \(error\): SendGrid answered 403 .*check that "ghost" is a subuser/)
    expect(sim.requests.filter((request) => request.onBehalfOf === 'ghost')).toHaveLength(1)
  })
})

describe('waiting', () => {
  it('polls while SendGrid answers 202 and finishes once the scores are ready', async () => {
    const sim = await serve({ parent: { username: 'acme' }, pending: { polls: 3 } })
    const run = await runInProcess(inputs(sim))

    expect(run.exitCode).toBe(0)
    expect(scoreRequests(sim)).toBe(4)
  })

  it('gives up at wait-timeout with a message that says the scores are still pending and how long it waited', async () => {
    const sim = await serve({ parent: { username: 'acme' }, pending: { polls: 1_000_000 } })
    const run = await runInProcess(inputs(sim, { 'wait-timeout': '400ms', 'poll-interval': '50ms' }))

    // The last poll lands on the deadline, not past it.
    expect(run.elapsedMs).toBe(400)
    expect(scoreRequests(sim)).toBeGreaterThan(2)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('pending')
    expect(annotations(run.stdout, 'error')[0]).toMatch(/^parent account: SendGrid was still computing the scores \(202\) after waiting 400ms; raise wait-timeout/)
  })

  it('warns instead of failing on pending or errors under on-error: warn', async () => {
    const sim = await serve({ parent: { username: 'acme' }, pending: { polls: 1_000_000 } })
    const run = await runInProcess(inputs(sim, { 'wait-timeout': '200ms', 'on-error': 'warn' }))

    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('pending')
    expect(run.outputs.passed).toBe('false')
  })

  it('fails on an unreadable account under on-error: fail even when breaches are report-only', async () => {
    const sim = await serve({ ...demoScenario(), pending: undefined })
    const run = await runInProcess(inputs(sim, { subusers: 'newsletters, ghost', 'fail-on-breach': 'false' }))

    expect(run.outputs.result).toBe('failed')
    expect(run.exitCode).toBe(1)
    const relaxed = await runInProcess(inputs(sim, { subusers: 'newsletters, ghost', 'fail-on-breach': 'false', 'on-error': 'warn' }))
    expect(relaxed.exitCode).toBe(0)
  })

  it('waits for the rate-limit reset after a 429 and retries', async () => {
    const clock = new VirtualClock()
    const sim = await serve({ parent: { username: 'acme' }, rateLimit: { limit: 1, windowMs: 1000 }, clock })
    const first = await runInProcess(inputs(sim, { from: 'yesterday' }), {}, clock)
    expect(first.exitCode).toBe(0)
    // The same window: the first request of this run is refused, the second waits for the reset.
    const second = await runInProcess(inputs(sim, { from: 'yesterday', to: 'yesterday' }), {}, clock)
    expect(second.exitCode).toBe(0)
    expect(scoreRequests(sim)).toBe(3)
    // It waited out the window (1 s, its reset announced in whole seconds) and the margin, and no longer.
    expect(second.elapsedMs).toBeGreaterThanOrEqual(1000 + DEFAULT_POLICY.rateLimitMarginMs)
    expect(second.elapsedMs).toBeLessThan(2000 + 2 * DEFAULT_POLICY.rateLimitMarginMs)
  })

  it('gives up at once when the rate limit resets after wait-timeout', async () => {
    const clock = new VirtualClock()
    const farReset = String(Math.ceil(clock.now() / 1000) + 3600)
    const sim = await serve({
      fault: () => ({ status: 429, body: { errors: [{ field: null, message: 'too many requests' }] }, headers: { 'X-RateLimit-Reset': farReset } })
    })
    const run = await runInProcess(inputs(sim, { 'wait-timeout': '1m' }), {}, clock)

    expect(run.elapsedMs).toBe(0)
    expect(scoreRequests(sim)).toBe(1)
    expect(run.outputs.result).toBe('error')
    expect(annotations(run.stdout, 'error')[0]).toMatch(/rate limited: SendGrid's rate limit \(429\) resets at .*after wait-timeout ends/)
  })
})

describe('failures', () => {
  it('retries a 5xx a few times, then fails naming the status and SendGrid\'s message', async () => {
    const sim = await serve({ fault: () => ({ status: 503, body: { errors: [{ field: null, message: 'internal server error' }] } }) })
    const run = await runInProcess(inputs(sim))

    expect(scoreRequests(sim)).toBe(4)
    expect(run.outputs.result).toBe('error')
    expect(annotations(run.stdout, 'error')[0]).toBe(
      'parent account: SendGrid answered 503 (internal server error) (gave up after 4 attempts, 3 retries)'
    )
  })

  it('recovers when a 5xx passes', async () => {
    const sim = await serve({ parent: { username: 'acme' }, fault: (_request, n) => (n === 1 ? { status: 502, body: '<html><title>Bad gateway</title></html>' } : undefined) })
    const run = await runInProcess(inputs(sim))

    expect(run.exitCode).toBe(0)
    expect(scoreRequests(sim)).toBe(2)
  })

  it('stops sending once SendGrid has stopped answering, and says which accounts were not asked again', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    const sim = await serve({ subusers: names.map((username) => ({ username })), fault: () => ({ kind: 'hang' }) })
    // More days than names, so each name is asked for on its own (the listing could not be cheaper).
    const run = await runInProcess(inputs(sim, { subusers: names.join(','), 'request-timeout': '50ms', from: '-14d' }))

    expect(run.outputs.result).toBe('error')
    // Each account is tried, four at a time; once one has given up after four attempts, nothing more
    // is sent. (A request that times out before it reaches the simulator is not counted there.)
    expect(scoreRequests(sim)).toBeLessThan(8 * 4)
    const errors = annotations(run.stdout, 'error')
    const gaveUp = errors.filter((line) => /^[a-h]: no complete answer from 127\.0\.0\.1:\d+ within 50ms .*\(gave up after 4 attempts/.test(line))
    const notRequested = errors.filter((line) => /^[a-h]: (not requested|stopped retrying): no complete answer/.test(line))
    expect(gaveUp.length).toBeGreaterThan(0)
    expect(notRequested.length).toBeGreaterThan(0)
    expect(gaveUp.length + notRequested.length).toBe(8)
  })

  it('does not retry a 401, and says to check the key', async () => {
    const sim = await serve()
    const run = await runInProcess(inputs(sim, { 'api-key': 'SG.revoked' }))

    expect(scoreRequests(sim)).toBe(1)
    expect(run.exitCode).toBe(1)
    expect(annotations(run.stdout, 'error')[0]).toMatch(/^parent account: SendGrid answered 401 .*check that the api-key secret holds a current, unrevoked SendGrid API key/)
  })

  it('rejects bad inputs with an error naming each input, before any request', async () => {
    const sim = await serve()
    const run = await runInProcess(inputs(sim, { subusers: '*, marketing', evaluate: 'median', to: 'tomorrow' }))

    expect(run.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(0)
    const errors = annotations(run.stdout, 'error')
    expect(errors).toEqual([
      expect.stringMatching(/^Input "subusers": "\*" \(every subuser\) cannot be combined with names/),
      expect.stringMatching(/^Input "to": "tomorrow" is not a date; use YYYY-MM-DD, today, yesterday or -Nd/),
      expect.stringMatching(/^Input "evaluate": "median" is not accepted; use all, latest, average/),
      'Invalid input: subusers, to, evaluate; nothing was sent to SendGrid'
    ])
  })

  it('never prints the API key, even when SendGrid echoes it back', async () => {
    const apiKey = 'SG.k$y*(with)|regex[chars]\\and^shell;`meta`'
    const sim = await serve({ apiKey, fault: () => ({ status: 400, body: { errors: [{ field: 'authorization', message: `bad header Bearer ${apiKey}` }] } }) })
    const run = await runInProcess(inputs(sim, { 'api-key': apiKey }), { RUNNER_DEBUG: '1' })

    expect(run.exitCode).toBe(1)
    expect(annotations(run.stdout, 'error')[0]).toContain('bad header Bearer ***')
    const printed = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')
    for (const text of [printed, run.summary, ...Object.values(run.outputs)]) expect(text).not.toContain(apiKey)
    expect(run.stdout).toContain(`::add-mask::${apiKey}`)
  })
})
