import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { demoScenario } from '../sim/scenarios.js'
import { addDays, DEFAULT_API_KEY, startSimulator, utcToday, type FaultAction, type SimRequest, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import type { Collection, Failure } from '../src/records/collection.js'
import { collectScores } from '../src/sendgrid/collect.js'
import { formatDuration } from '../src/dates.js'
import { INPUT_DEFAULTS, parseConfig } from '../src/inputs.js'
import { DEFAULT_POLICY } from '../src/sendgrid/retry-policy.js'
import type { ApiOutcome, SendGridClient } from '../src/sendgrid/client.js'
import { unusedPort } from './support/net.js'
import { annotations, runDist, runInProcess, type ActionRun, type InProcessRun, type Inputs } from './support/runner.js'
import { VirtualClock } from './support/virtual-clock.js'

/**
 * Fault injection: every row is one run of the real action (src/action/main.ts in process, or the built
 * dist/index.js in a child process) against the SEQ simulator over a real socket, with the
 * `result` output, exit code and annotation it must end with. In process, the run and the simulator
 * share a virtual clock: retries, polls and rate-limit windows take no real time, and how many
 * requests a run sends does not depend on how busy the machine is.
 */

type Result = 'passed' | 'failed' | 'error' | 'pending'

interface Fault {
  name: string
  /** Simulator options; absent for rows that need no server (a closed port). */
  sim?: SimulatorOptions
  /** The base-url input; default the simulator's URL. */
  baseUrl?: (sim: Simulator | undefined) => string
  inputs?: Inputs
  result: Result
  exitCode: 0 | 1
  /** One annotation of `level` (default error) must match; absent for a clean pass. */
  message?: RegExp
  level?: 'error' | 'warning'
  /** Exactly this many requests reached the simulator. */
  requests?: number
  /** The run waited (virtual time, in process) at most this long. */
  maxMs?: number
  /**
   * Run the built bundle instead of run() in process. It runs on real time, so a row that the
   * bundle runs must end the same however long its requests take (see ONE_ATTEMPT).
   */
  dist?: boolean
  check?: (run: ActionRun, sim: Simulator | undefined) => void
  /** What the failures are, apart from their words: `endpoint status` or `endpoint network-error`, as the report file has them. */
  causes?: string[]
}

const TODAY = utcToday()
const day = (offset: number): string => addDays(TODAY, offset)
/** from -3d to yesterday: three days. */
const RANGE = { from: '-3d', to: 'yesterday' }
const DAYS = [day(-3), day(-2), day(-1)]

interface Entry {
  user_id?: unknown
  username?: string
  date?: unknown
  score?: unknown
  metrics?: unknown
}
const entry = (date: string, overrides: Entry = {}): Entry => ({
  user_id: '1',
  username: 'acme',
  date,
  score: 4,
  metrics: { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 },
  ...overrides
})
/** A 200 carrying `body` for every request. */
const always = (body: unknown): SimulatorOptions => ({ fault: () => ({ kind: 'body', body }) })
/** The three good days with `last` as the third. */
const lastDay = (overrides: Entry): SimulatorOptions => always({ result: [entry(DAYS[0]!), entry(DAYS[1]!), entry(DAYS[2]!, overrides)] })
const subuserEntry = (userId: string, overrides: Entry = {}): Entry => entry(day(-1), { user_id: userId, username: `sub-${userId}`, ...overrides })
const faultFor = (account: string, action: FaultAction) => (request: SimRequest) => (request.onBehalfOf === account ? action : undefined)
const accountsIn = (run: ActionRun): Set<string> =>
  new Set((JSON.parse(run.outputs.scores ?? '[]') as { account: string }[]).map((record) => record.account))

/** Each distinct cause of the failures in the run's report file, sorted. */
async function causesIn(run: ActionRun): Promise<string[]> {
  const { failures } = JSON.parse(await readFile(run.outputs['report-file'] ?? '', 'utf8')) as { failures: Failure[] }
  const causes = failures.map(({ cause }) => `${cause.endpoint} ${cause.status ?? cause.network ?? 'not sent'}`)
  return [...new Set(causes)].sort()
}

const gatewayPage = (title: string): string =>
  `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><hr>nginx</body></html>`
const SENDGRID_500 = { errors: [{ field: null, message: 'internal server error' }] }
const TOO_MANY = { errors: [{ field: null, message: 'too many requests' }] }
/** A run that may retry is bounded by wait-timeout: one retry after ~1 s, then the deadline. */
const SHORT_WAIT = { 'wait-timeout': '1500ms' }
/**
 * For the bundle, on real time: shorter than the first backoff (0.8 to 1 s), so it gives up after
 * one attempt whatever the machine's load. Retrying until the deadline is the in-process rows' part.
 */
const ONE_ATTEMPT = { 'wait-timeout': '500ms' }
/** An hour from now; a row's virtual clock starts at the real time the row begins. */
// eslint-disable-next-line no-restricted-properties -- the real now only places the reset an hour after the clock's start
const farReset = (): string => String(Math.ceil(Date.now() / 1000) + 3600)

const FAULTS: Fault[] = [
  // ----- the connection
  {
    name: 'connection refused (nothing listens on the port)',
    baseUrl: () => `http://127.0.0.1:${closedPort}`,
    inputs: ONE_ATTEMPT,
    result: 'error',
    exitCode: 1,
    message: /^parent account: could not talk to 127\.0\.0\.1:\d+: .*ECONNREFUSED.* \(wait-timeout ran out while retrying, after \d+(ms|s)\)$/,
    dist: true
  },
  {
    name: 'connection reset before any response',
    causes: ['scores UND_ERR_SOCKET'],
    sim: { fault: () => ({ kind: 'reset' }) },
    inputs: SHORT_WAIT,
    result: 'error',
    exitCode: 1,
    message: /^parent account: could not talk to 127\.0\.0\.1:\d+: other side closed \(UND_ERR_SOCKET\) \(wait-timeout ran out while retrying, after \d+(ms|s)\)$/,
    requests: 2
  },
  {
    name: 'connection reset mid-body',
    sim: { fault: () => ({ kind: 'reset-mid-body' }) },
    inputs: ONE_ATTEMPT,
    result: 'error',
    exitCode: 1,
    message: /^parent account: could not talk to 127\.0\.0\.1:\d+: other side closed \(UND_ERR_SOCKET\) \(wait-timeout ran out while retrying/,
    requests: 1,
    dist: true
  },
  {
    name: 'connection reset mid-body once, then a good answer',
    sim: { parent: { username: 'acme' }, fault: (_request, n) => (n === 1 ? { kind: 'reset-mid-body' } : undefined) },
    result: 'passed',
    exitCode: 0,
    requests: 2,
    check: (run) => {
      expect(annotations(run.stdout, 'error')).toEqual([])
      expect(accountsIn(run)).toEqual(new Set(['acme']))
    }
  },
  {
    name: 'server hangs past request-timeout',
    causes: ['scores timeout'],
    sim: { fault: () => ({ kind: 'hang' }) },
    inputs: { ...SHORT_WAIT, 'request-timeout': '100ms' },
    result: 'error',
    exitCode: 1,
    message: /^parent account: no complete answer from 127\.0\.0\.1:\d+ within 100ms \(request-timeout\) \(wait-timeout ran out while retrying/,
    // No request count: one that times out before it reaches the simulator is still one attempt.
    maxMs: 1500
  },
  {
    name: 'body drips one byte per 20 ms, past request-timeout',
    sim: { fault: () => ({ kind: 'drip', intervalMs: 20 }) },
    inputs: { ...SHORT_WAIT, 'request-timeout': '100ms' },
    result: 'error',
    exitCode: 1,
    message: /^parent account: no complete answer from 127\.0\.0\.1:\d+ within 100ms \(request-timeout\) \(wait-timeout ran out while retrying/,
    maxMs: 1500
  },
  {
    name: 'truncated JSON (valid HTTP, half the body)',
    causes: ['scores 200'],
    sim: { fault: () => ({ kind: 'truncate' }) },
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 200 with a body that is not JSON: "\{"result":\[\{"user_id":"1",/,
    requests: 1
  },
  {
    name: 'HTML 502 page from a gateway, every time',
    sim: { fault: () => ({ status: 502, body: gatewayPage('502 Bad Gateway') }) },
    inputs: ONE_ATTEMPT,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 502 \(an HTML page titled "502 Bad Gateway", probably from a proxy or gateway\) \(wait-timeout ran out while retrying/,
    requests: 1,
    dist: true
  },
  {
    name: 'HTML page answered with 200 (a captive portal or login page)',
    causes: ['scores 200'],
    sim: { fault: () => ({ status: 200, body: gatewayPage('Sign in to continue') }) },
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 200 with a body that is not JSON: an HTML page titled "Sign in to continue", probably from a proxy or gateway$/,
    requests: 1
  },
  {
    name: '5xx storm until wait-timeout',
    causes: ['scores 503'], // the last of the two answers
    sim: { fault: (_request, n) => ({ status: [500, 502, 503, 504][n % 4]!, body: SENDGRID_500 }) },
    inputs: SHORT_WAIT,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 50[0-4] \(internal server error\) \(wait-timeout ran out while retrying, after \d+(ms|s)\)$/,
    requests: 2
  },
  // ----- rate limits
  {
    name: '429 storm from a gateway without X-RateLimit-Reset',
    sim: { fault: () => ({ status: 429, body: TOO_MANY }) },
    inputs: SHORT_WAIT,
    result: 'error',
    exitCode: 1,
    message: /^parent account: rate limited: SendGrid kept answering 429, after wait-timeout ends; raise wait-timeout or check what else uses this key$/,
    requests: 2
  },
  {
    name: '429 storm from SendGrid\'s own limiter (no budget left in any window)',
    sim: { rateLimit: { limit: 0, windowMs: 300 } },
    inputs: SHORT_WAIT,
    result: 'error',
    exitCode: 1,
    message: /^parent account: rate limited: SendGrid's rate limit \(429\) resets at \d{4}-\d\d-\d\dT[\d:.]+Z, after (wait-timeout ends|waiting \d+(ms|s)); raise wait-timeout/,
    maxMs: 1500
  },
  {
    name: '429 whose reset lies an hour away gives up at once',
    causes: ['scores 429'],
    sim: { fault: () => ({ status: 429, body: TOO_MANY, headers: { 'X-RateLimit-Reset': farReset() } }) },
    inputs: { 'wait-timeout': '10m' },
    result: 'error',
    exitCode: 1,
    message: /^parent account: rate limited: SendGrid's rate limit \(429\) resets at \S+Z, after wait-timeout ends; raise wait-timeout/,
    requests: 1,
    maxMs: 0
  },
  // ----- SendGrid says no
  {
    name: '401: the key is rejected, not retried',
    sim: { apiKey: 'SG.the-real-key' },
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 401 \(authorization required\): the API key was rejected; check that the api-key secret holds a current, unrevoked SendGrid API key$/,
    requests: 1,
    dist: true
  },
  {
    name: '403 for the key\'s own account: missing scope',
    sim: { fault: () => ({ status: 403, body: { errors: [{ field: null, message: 'access forbidden' }] } }) },
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 403 \(access forbidden\): the API key may not read Engagement Quality scores; check its permissions \(SendGrid does not document which permission that takes; a Full Access key has it\)$/,
    requests: 1
  },
  {
    name: '403 for one of three subusers: the other two are still fetched, evaluated and shown',
    causes: ['scores 403'],
    sim: { ...demoScenario(TODAY), pending: undefined },
    inputs: { subusers: 'marketing, ghost, transactional' },
    result: 'error',
    exitCode: 1,
    message: /^ghost: SendGrid answered 403 \(access forbidden\): check that "ghost" is a subuser or customer account of the key's account/,
    requests: 3,
    check: (run) => {
      expect(accountsIn(run)).toEqual(new Set(['marketing', 'transactional']))
      expect(run.summary.match(/^\| marketing \|/gm)).toHaveLength(7)
      expect(run.summary.match(/^\| transactional \|/gm)).toHaveLength(7)
      expect(run.summary).toMatch(/### Not checked[\s\S]*\*\*ghost\*\* \(error\): SendGrid answered 403/)
      expect(run.outputs['lowest-score']).toBe('4')
    }
  },
  {
    name: '400 from SendGrid (its calendar is behind ours: "to" is in its future)',
    sim: { today: day(-5) },
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 400 \(to: failed to parse request: "to" cannot be in the future\): check to: a UTC day not in the future \(SendGrid's UTC date decides\), and not before from$/,
    requests: 1
  },
  {
    name: '404: base-url points somewhere without the API',
    baseUrl: (sim) => `${sim!.url}/not-sendgrid`,
    sim: {},
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid answered 404 \(not found\): 127\.0\.0\.1:\d+ has no Engagement Quality API; check base-url and region$/,
    requests: 1
  },
  // ----- still computing
  {
    name: '202 forever: pending at wait-timeout',
    causes: ['scores 202'],
    sim: { pending: { polls: 1_000_000 } },
    inputs: { 'wait-timeout': '500ms' },
    result: 'pending',
    exitCode: 1,
    message: /^parent account: SendGrid was still computing the scores \(202\) after waiting 500ms; raise wait-timeout or run later$/,
    maxMs: 500,
    check: (run) => expect(run.outputs.passed).toBe('false')
  },
  {
    name: 'on-error: warn turns 202-forever into a warning and exit 0',
    sim: { pending: { polls: 1_000_000 } },
    inputs: { 'wait-timeout': '300ms', 'on-error': 'warn' },
    result: 'pending',
    exitCode: 0,
    level: 'warning',
    message: /^parent account: SendGrid was still computing the scores \(202\)/,
    dist: true,
    check: (run) => expect(annotations(run.stdout, 'error')).toEqual([])
  },
  {
    name: 'on-error: warn turns an error into a warning and exit 0',
    sim: { fault: () => ({ status: 403, body: { errors: [{ field: null, message: 'access forbidden' }] } }) },
    inputs: { 'on-error': 'warn' },
    result: 'error',
    exitCode: 0,
    level: 'warning',
    message: /^parent account: SendGrid answered 403 \(access forbidden\)/,
    check: (run) => expect(annotations(run.stdout, 'error')).toEqual([])
  },
  {
    name: 'on-error: warn never hides a breach in another account: failed wins over error',
    sim: { ...demoScenario(TODAY), pending: undefined },
    inputs: { subusers: 'newsletters, ghost', 'on-error': 'warn' },
    result: 'failed',
    exitCode: 1,
    message: /^newsletters: score is 2 on \d{4}-\d\d-\d\d, below 3/,
    check: (run) => {
      expect(annotations(run.stdout, 'warning')).toContainEqual(expect.stringMatching(/^ghost: SendGrid answered 403/))
      expect(accountsIn(run)).toEqual(new Set(['newsletters']))
    }
  },
  {
    name: 'error wins over pending when one subuser fails and another is still computing',
    causes: ['scores 202', 'scores 500'],
    sim: {
      ...demoScenario(TODAY),
      pending: undefined,
      fault: (request) =>
        request.onBehalfOf === 'marketing'
          ? { status: 202, body: { message: 'We are processing the score for this date range. Please try again later.' } }
          : request.onBehalfOf === 'transactional'
            ? { status: 500, body: SENDGRID_500 }
            : undefined
    },
    inputs: { subusers: 'marketing, transactional', ...SHORT_WAIT },
    result: 'error',
    exitCode: 1,
    message: /^transactional: SendGrid answered 500 \(internal server error\)/,
    check: (run) => expect(annotations(run.stdout, 'error')).toContainEqual(expect.stringMatching(/^marketing: SendGrid was still computing the scores \(202\)/))
  },
  // ----- off-schema bodies (the account counts as unreadable; never a verdict on bad data)
  {
    name: 'score 0',
    sim: lastDay({ score: 0 }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[2\]\.score is 0, expected a number from 1 to 5$/,
    dist: true
  },
  {
    name: 'score 6',
    sim: lastDay({ score: 6 }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[2\]\.score is 6, expected a number from 1 to 5$/
  },
  {
    name: 'score "3" (a string)',
    sim: lastDay({ score: '3' }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[2\]\.score is "3", expected a number from 1 to 5$/
  },
  {
    name: 'score null: read as omitted, a missing score',
    sim: lastDay({ score: null }),
    inputs: RANGE,
    result: 'passed',
    exitCode: 0,
    level: 'warning',
    message: new RegExp(`^acme: no engagement quality score on ${DAYS[2]}\\. SendGrid scores only accounts`)
  },
  {
    name: 'a metric out of range (spam_rate 9)',
    sim: lastDay({ metrics: { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 9 } }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[2\]\.metrics\.spam_rate is 9, expected a number from 1 to 5$/
  },
  {
    name: 'a metric missing from metrics',
    sim: lastDay({ metrics: { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4 } }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[2\]\.metrics\.spam_rate is missing, expected a number from 1 to 5$/
  },
  {
    name: 'a date before the requested range',
    sim: always({ result: [entry(day(-4)), entry(DAYS[1]!), entry(DAYS[2]!)] }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: new RegExp(`^parent account: SendGrid's answer cannot be judged: result\\[0\\] is for ${day(-4)}, but the request asked for ${DAYS[0]} to ${DAYS[2]}$`)
  },
  {
    name: 'a date after the requested range (today)',
    sim: lastDay({ date: TODAY }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: new RegExp(`^parent account: SendGrid's answer cannot be judged: result\\[2\\] is for ${TODAY}, but the request asked for`)
  },
  {
    name: 'a date that is not YYYY-MM-DD',
    sim: lastDay({ date: '2025-02-30' }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[2\]\.date is "2025-02-30", expected YYYY-MM-DD$/
  },
  {
    name: 'duplicate days',
    sim: always({ result: [entry(DAYS[0]!), entry(DAYS[1]!), entry(DAYS[1]!, { score: 5 })] }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: new RegExp(`^parent account: SendGrid's answer cannot be judged: acme appears twice for ${DAYS[1]}$`)
  },
  {
    name: 'missing user_id',
    sim: lastDay({ user_id: undefined }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[2\]\.user_id is missing$/
  },
  {
    name: 'an entry that is not an object',
    sim: always({ result: [entry(DAYS[0]!), 'n/a'] }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: result\[1\] is "n\/a", expected an object$/
  },
  {
    name: 'empty result: no score for the account, a missing score',
    sim: always({ result: [] }),
    inputs: RANGE,
    result: 'passed',
    exitCode: 0,
    level: 'warning',
    message: new RegExp(`^parent account: no engagement quality score on 3 days \\(${DAYS[0]} to ${DAYS[2]}\\)\\.`)
  },
  {
    name: 'no result at all: no score for the account, a missing score',
    sim: always({ data: [entry(DAYS[0]!)] }),
    inputs: RANGE,
    result: 'passed',
    exitCode: 0,
    level: 'warning',
    message: /^parent account: no engagement quality score on 3 days/
  },
  {
    name: 'result is an object, not an array',
    sim: always({ result: { [DAYS[0]!]: 4 } }),
    inputs: RANGE,
    result: 'error',
    exitCode: 1,
    message: /^parent account: SendGrid sent data outside its schema: the body has no "result" array$/
  },
  {
    name: 'pagination loop: after_key repeats',
    causes: ['listing 200'],
    sim: always({ result: [subuserEntry('1001')], _metadata: { next_params: { after_key: '1001' } } }),
    inputs: { subusers: '*', from: 'yesterday' },
    result: 'error',
    exitCode: 1,
    message: new RegExp(`^every subuser on ${day(-1)}: SendGrid's answer cannot be judged: _metadata\\.next_params\\.after_key "1001" came back twice \\(the pages would loop\\)$`),
    requests: 2
  },
  {
    name: 'after_key of a wrong type (an object)',
    sim: always({ result: [subuserEntry('1001')], _metadata: { next_params: { after_key: { id: 1001 } } } }),
    inputs: { subusers: '*', from: 'yesterday' },
    result: 'error',
    exitCode: 1,
    message: /^every subuser on \d{4}-\d\d-\d\d: SendGrid sent data outside its schema: _metadata\.next_params\.after_key is \{"id":1001\}, expected a string$/,
    requests: 1
  },
  {
    name: 'subuser listing for another day than asked',
    sim: always({ result: [subuserEntry('1001', { date: day(-2) })], _metadata: {} }),
    inputs: { subusers: '*', from: 'yesterday' },
    result: 'error',
    exitCode: 1,
    message: new RegExp(`^every subuser on ${day(-1)}: SendGrid's answer cannot be judged: result\\[0\\] is for ${day(-2)}, but the request asked for ${day(-1)}$`)
  },
  {
    name: 'subuser listing naming the same subuser twice',
    sim: always({ result: [subuserEntry('1001'), subuserEntry('1001')], _metadata: {} }),
    inputs: { subusers: '*', from: 'yesterday' },
    result: 'error',
    exitCode: 1,
    message: new RegExp(`^every subuser on ${day(-1)}: SendGrid's answer cannot be judged: sub-1001 appears twice for ${day(-1)}$`)
  },
  {
    name: 'off-schema data for one subuser never hides the others\' scores or a breach',
    sim: {
      ...demoScenario(TODAY),
      pending: undefined,
      fault: faultFor('marketing', { kind: 'body', body: { result: [entry(DAYS[0]!, { score: 42 })] } })
    },
    // two names over three days: one on-behalf-of request each (the planner's cheaper way here)
    inputs: { subusers: 'marketing, newsletters', ...RANGE },
    result: 'failed',
    exitCode: 1,
    message: /^newsletters: score is 2 on \d{4}-\d\d-\d\d, below 3 \(and 1 more\)$/,
    check: (run) => {
      expect(annotations(run.stdout, 'error')).toContainEqual('marketing: SendGrid sent data outside its schema: result[0].score is 42, expected a number from 1 to 5')
      expect(accountsIn(run)).toEqual(new Set(['newsletters']))
      expect(run.summary).toMatch(/\*\*marketing\*\* \(error\): SendGrid sent data outside its schema/)
    }
  }
]

let closedPort = 0
let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

describe('fault injection', () => {
  it('has at least 30 rows, each with a distinct name', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(30)
    expect(new Set(FAULTS.map((fault) => fault.name)).size).toBe(FAULTS.length)
    expect(FAULTS.filter((fault) => fault.dist).length).toBeGreaterThanOrEqual(5)
  })

  it.each(FAULTS.map((fault) => [`${fault.dist ? '[dist] ' : ''}${fault.name}`, fault] as const))('%s', async (_name, fault) => {
    closedPort ||= await unusedPort()
    // The bundle runs on real time, so its simulator does too.
    const clock = fault.dist ? undefined : new VirtualClock()
    simulator = fault.sim ? await startSimulator({ clock, ...fault.sim }) : undefined
    const inputs: Inputs = {
      'api-key': DEFAULT_API_KEY,
      'base-url': fault.baseUrl ? fault.baseUrl(simulator) : simulator!.url,
      'poll-interval': '20ms',
      ...fault.inputs
    }
    const run = clock ? await runInProcess(inputs, {}, clock) : await runDist(inputs)

    const context = `${fault.name}\n--- printed:\n${run.stdout}`
    expect({ result: run.outputs.result, exitCode: run.exitCode, context }).toEqual({ result: fault.result, exitCode: fault.exitCode, context })
    if (fault.message) expect(annotations(run.stdout, fault.level ?? 'error')).toContainEqual(expect.stringMatching(fault.message))
    expect(run.outputs.passed).toBe(fault.result === 'passed' ? 'true' : 'false')
    expect(run.stdout).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m) // no stack trace
    expect(run.stdout).not.toContain('Unexpected failure')
    if (fault.result === 'error' || fault.result === 'pending') expect(run.summary).toContain('### Not checked')
    if (fault.requests !== undefined) expect(simulator?.requests.length).toBe(fault.requests)
    if (fault.maxMs !== undefined) expect((run as InProcessRun).elapsedMs).toBeLessThanOrEqual(fault.maxMs)
    if (fault.causes) expect(await causesIn(run)).toEqual(fault.causes)
    fault.check?.(run, simulator)
  })
})

/**
 * With every default (request-timeout 30s, three retries, wait-timeout 10m), how long does a
 * SendGrid that accepts connections and never answers keep the step running? The real collector,
 * poller and retry policy on a virtual clock, with a client that hangs until its request times
 * out, as the 'server hangs past request-timeout' row shows the real client does.
 */
describe('a SendGrid that stops answering, with default settings', () => {
  const BOUND_MS = 4 * 30_000 + 1000 + 2000 + 4000
  const names = (count: number): string => Array.from({ length: count }, (_, index) => `user-${index + 1}`).join(',')
  /** Every way the collector reads accounts: the key's own, a few names, many names, every subuser. */
  const SHAPES: [string, Record<string, string>][] = [
    ['the key\'s own account', {}],
    ['three subusers (one request each)', { subusers: names(3) }],
    ['five subusers, more than run at once', { subusers: names(5) }],
    ['twelve subusers (the listing is probed first)', { subusers: names(12) }],
    ['every subuser (the listing, one day at a time)', { subusers: '*' }],
    ['the parent and every subuser over 30 days', { subusers: '*', 'include-parent': 'true', from: '-30d' }]
  ]

  async function hangingRun(given: Record<string, string>, random: number): Promise<{ collection: Collection; tookMs: number; attempts: number }> {
    const values: Record<string, string> = { 'api-key': DEFAULT_API_KEY, ...given }
    const config = parseConfig((name) => values[name] ?? '', TODAY)
    const clock = new VirtualClock()
    let attempts = 0
    const hang = async (timeoutMs: number): Promise<ApiOutcome> => {
      attempts++
      await clock.sleep(timeoutMs)
      return { kind: 'failed', retryable: true, message: `no complete answer from api.sendgrid.com within ${formatDuration(timeoutMs)} (request-timeout)`, network: 'timeout', rateLimit: {} }
    }
    const client = {
      host: 'api.sendgrid.com',
      scores: (_query: unknown, timeoutMs: number) => hang(timeoutMs),
      subuserScores: (_date: unknown, _afterKey: unknown, timeoutMs: number) => hang(timeoutMs)
    } as unknown as SendGridClient
    // The polling context runCheck (src/engine.ts) builds from the config.
    const { value: collection, elapsedMs } = await clock.drive(() =>
      collectScores(config, client, {
        policy: { ...DEFAULT_POLICY, pollIntervalMs: config.pollIntervalMs },
        clock,
        deadlineMs: clock.now() + config.waitTimeoutMs,
        requestTimeoutMs: config.requestTimeoutMs,
        random: () => random
      })
    )
    return { collection, tookMs: elapsedMs, attempts }
  }

  it('uses the defaults the bound is computed from', () => {
    expect(INPUT_DEFAULTS['request-timeout']).toBe('30s')
    expect(INPUT_DEFAULTS['wait-timeout']).toBe('10m')
    expect(DEFAULT_POLICY).toMatchObject({ maxTransientRetries: 3, transientBaseMs: 1000 })
    expect(BOUND_MS).toBe(127_000)
  })

  // random 0: no jitter, so every backoff is at its longest.
  it.each(SHAPES)('%s: ends after 127 s (4 attempts × 30 s + 1 + 2 + 4 s of backoff), every account reported', async (_shape, given) => {
    const { collection, tookMs, attempts } = await hangingRun(given, 0)

    expect(tookMs).toBe(BOUND_MS)
    expect(attempts % 4).toBe(0) // whatever was sent was tried four times...
    expect(attempts).toBeLessThanOrEqual(4 * 4) // ...and no more than four at once were sent
    expect([...collection.records]).toEqual([])
    expect(collection.failures.length).toBeGreaterThan(0)
    for (const failure of collection.failures) {
      expect(failure.outcome).toBe('error')
      expect(failure.message).toMatch(/^((not requested|stopped retrying): )?no complete answer from api\.sendgrid\.com within 30s \(request-timeout\) \(gave up after 4 attempts, 3 retries\)$/)
      // Those not sent or stopped once SendGrid stopped answering carry the cause that stopped them.
      expect(failure.cause).toEqual({ endpoint: failure.account === undefined ? 'listing' : 'scores', network: 'timeout' })
    }
  })

  it('ends sooner, never later, with jitter', async () => {
    const { tookMs } = await hangingRun({ subusers: names(5) }, 0.999)
    expect(tookMs).toBeLessThan(BOUND_MS)
    expect(tookMs).toBeGreaterThanOrEqual(4 * 30_000 + 0.8 * 7000 - 10)
  })

  it('really does: a hanging server with the default retries and wait-timeout, and a short request-timeout', async () => {
    const accounts = ['a', 'b', 'c', 'd', 'e']
    const clock = new VirtualClock()
    simulator = await startSimulator({ subusers: accounts.map((username) => ({ username })), fault: () => ({ kind: 'hang' }), clock })
    const run = await runInProcess({ 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, subusers: accounts.join(','), 'request-timeout': '50ms' }, {}, clock)

    // 0.8..1 × 7 s of backoff; the time requests hang is real time, which the virtual clock does not count.
    expect(run.elapsedMs).toBeGreaterThanOrEqual(0.8 * 7000)
    expect(run.elapsedMs).toBeLessThanOrEqual(7000)
    // Once one account has given up, no account sends another request (a request that times out
    // before it reaches the simulator is not counted, so this bound is from above only).
    expect(simulator.requests.length).toBeLessThanOrEqual(4 * 4)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('error')
    const errors = annotations(run.stdout, 'error')
    const gaveUp = errors.filter((line) => /^[a-e]: no complete answer from 127\.0\.0\.1:\d+ within 50ms \(request-timeout\) \(gave up after 4 attempts, 3 retries\)$/.test(line))
    const notRequested = errors.filter((line) => /^[a-e]: (not requested|stopped retrying): no complete answer/.test(line))
    expect(gaveUp.length).toBeGreaterThanOrEqual(1)
    expect(notRequested.length).toBeGreaterThanOrEqual(1)
    expect(gaveUp.length + notRequested.length).toBe(5)
  })
})

afterAll(async () => {
  await simulator?.close()
})
