import { afterAll, describe, expect, it } from '@jest/globals'
import { startSimulator, utcToday, addDays, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import { annotations, runDist, runInProcess, type ActionRun, type Inputs } from './support/runner.js'
import { unusedPort } from './support/net.js'
import { startProxy, type TestProxy } from './support/proxy.js'
import { VirtualClock } from './support/virtual-clock.js'

/**
 * The action in every kind of failure, with API keys full of regex and shell metacharacters.
 * Everything it prints (bar the `::add-mask::` command the runner consumes), the job summary and
 * every output are searched for the key: verbatim, in the forms it takes when escaped for a
 * workflow command, JSON or a URL, and either half of it (a message cut to length could keep part
 * of it). Every key meets every scenario in process, on a virtual clock; each way a run can go
 * also runs once in the built dist/index.js, as the runner runs it, for what only a real process
 * shows (its stderr, the worker that checks, anything Node itself prints).
 */

const KEYS = [
  'SG.k$y*(with)|regex[chars]\\and^shell;`meta`',
  `SG.'q"&&!{x}?+<b>#~%25%0A@$HOME.end`,
  'SG.aB3_dE-fG4hI9jK.Lm0nOp-QrSt_uVwXyZ0123456789abcdefghij'
]

/** The forms of the key that would give it away. */
function forms(key: string): string[] {
  const half = Math.floor(key.length / 2)
  return [
    key,
    key.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'), // @actions/core's escaping
    JSON.stringify(key).slice(1, -1),
    encodeURIComponent(key),
    key.slice(0, half),
    key.slice(half)
  ]
}

/** Every place a key could surface: what was printed (bar ::add-mask::), the summary, each output. */
function leaks(run: ActionRun, key: string): string[] {
  const printed = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  const places: [string, string][] = [['printed', printed], ['summary', run.summary], ...Object.entries(run.outputs).map(([name, value]): [string, string] => [`output ${name}`, value])]
  return places.flatMap(([where, text]) => forms(key).filter((form) => text.includes(form)).map((form) => `${where} contains ${JSON.stringify(form)}`))
}

const TODAY = utcToday()
const entry = (date: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  user_id: '1', username: 'acme', date, score: 4,
  metrics: { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 },
  ...overrides
})

interface Context {
  key: string
  sim?: Simulator
  proxy?: TestProxy
  closedPort: number
}

interface Scenario {
  name: string
  sim?: (key: string) => SimulatorOptions
  /** Start a proxy: a working one, or one that refuses CONNECT with this status. */
  proxy?: 'forward' | number
  inputs?: (context: Context) => Inputs
  env?: (context: Context) => Record<string, string>
  exitCode: number
  result?: string
  /** Something the run must print, proving the scenario did what it says (e.g. the echo, redacted). */
  printed?: RegExp
  /** Whether the bundle runs it too (default true); false where another scenario takes the same path. */
  bundle?: boolean
}

const echo = (key: string): string => `invalid Authorization header "Bearer ${key}"`
/** Puts the key across the 120th character, where a description of a body is cut. */
const straddling = (key: string): string => `${'x'.repeat(120 - Math.floor(key.length / 2) - 'Authorization: Bearer '.length)}Authorization: Bearer ${key} was refused`

const SCENARIOS: Scenario[] = [
  {
    name: 'a passing run',
    bundle: false, // the RUNNER_DEBUG=1 run takes the same path, printing more
    sim: () => ({}),
    exitCode: 0,
    result: 'passed'
  },
  {
    name: 'a passing run with RUNNER_DEBUG=1',
    sim: () => ({}),
    env: () => ({ RUNNER_DEBUG: '1' }),
    exitCode: 0,
    result: 'passed'
  },
  {
    name: '401 whose body echoes the key',
    sim: (key) => ({ fault: () => ({ status: 401, body: { errors: [{ field: null, message: echo(key) }] } }) }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid answered 401 \(invalid Authorization header "Bearer \*\*\*"\)/
  },
  {
    name: '401 from a wrong key (the simulator\'s own answer), with RUNNER_DEBUG=1',
    sim: () => ({ apiKey: 'SG.another-key' }),
    env: () => ({ RUNNER_DEBUG: '1' }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid answered 401 \(authorization required\)/
  },
  {
    name: '400 echoing the key in SendGrid\'s error format',
    bundle: false, // the same error body as the 401 echo
    sim: (key) => ({ fault: () => ({ status: 400, body: { errors: [{ field: 'authorization', message: echo(key) }] } }) }),
    env: () => ({ RUNNER_DEBUG: '1' }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid answered 400 \(authorization: invalid Authorization header "Bearer \*\*\*"\)/
  },
  {
    name: '400 echoing the key in plain text, across the point where the description is cut',
    sim: (key) => ({ fault: () => ({ status: 400, body: straddling(key) }) }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid answered 400 \("x+Authorization: Bearer \*\*\* was refused"\)/
  },
  {
    name: '5xx storm echoing the key',
    sim: (key) => ({ fault: () => ({ status: 503, body: { message: echo(key) } }) }),
    inputs: () => ({ 'wait-timeout': '1500ms' }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid answered 503 \(invalid Authorization header "Bearer \*\*\*"\) \(wait-timeout ran out/
  },
  {
    name: 'an HTML gateway page with the key in its title',
    sim: (key) => ({ fault: () => ({ status: 502, body: `<html><head><title>Bad gateway for Bearer ${key}</title></head></html>` }) }),
    inputs: () => ({ 'wait-timeout': '1500ms' }),
    exitCode: 1,
    result: 'error',
    printed: /an HTML page titled "Bad gateway for Bearer \*\*\*"/
  },
  {
    name: 'a 200 that is not JSON, echoing the key JSON-escaped',
    sim: (key) => ({ fault: () => ({ status: 200, body: `{"auth":${JSON.stringify(key)},"result":[`, headers: { 'content-type': 'application/json' } }) }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid answered 200 with a body that is not JSON: "\{"auth":"\*\*\*","result":\["/
  },
  {
    name: 'an off-schema score that is the key',
    sim: (key) => ({ fault: () => ({ kind: 'body', body: { result: [entry(addDays(TODAY, -1), { score: key })] } }) }),
    inputs: () => ({ from: 'yesterday' }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid sent data outside its schema: result\[0\]\.score is "\*\*\*", expected a number from 1 to 5/
  },
  {
    name: 'an off-schema score that is the key, its first character written as a \\u escape',
    sim: (key) => ({
      fault: () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: `{"result":[{"user_id":"1","date":"${addDays(TODAY, -1)}","score":"\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(key).slice(2, -1)}"}]}`
      })
    }),
    inputs: () => ({ from: 'yesterday' }),
    exitCode: 1,
    result: 'error',
    printed: /SendGrid sent data outside its schema: result\[0\]\.score is "\*\*\*", expected a number from 1 to 5/
  },
  {
    name: 'an off-schema date that is the key',
    bundle: false, // the same check of a parsed body as the off-schema score
    sim: (key) => ({ fault: () => ({ kind: 'body', body: { result: [entry(key)] } }) }),
    inputs: () => ({ from: 'yesterday' }),
    exitCode: 1,
    result: 'error',
    printed: /result\[0\]\.date is "\*\*\*", expected YYYY-MM-DD/
  },
  {
    name: 'a subuser listing whose after_key is the key',
    sim: (key) => ({ fault: () => ({ kind: 'body', body: { result: [entry(addDays(TODAY, -1), { user_id: '1001', username: 'sub' })], _metadata: { next_params: { after_key: key } } } }) }),
    inputs: () => ({ subusers: '*', from: 'yesterday' }),
    exitCode: 1,
    result: 'error',
    printed: /after_key "\*\*\*" came back twice/
  },
  {
    name: 'connection refused',
    inputs: ({ closedPort }) => ({ 'base-url': `http://127.0.0.1:${closedPort}`, 'wait-timeout': '1500ms' }),
    exitCode: 1,
    result: 'error',
    printed: /ECONNREFUSED/
  },
  {
    name: 'connection reset',
    bundle: false, // the same failure without an answer as connection refused
    sim: () => ({ fault: () => ({ kind: 'reset' }) }),
    inputs: () => ({ 'wait-timeout': '1500ms' }),
    env: () => ({ RUNNER_DEBUG: '1' }),
    exitCode: 1,
    result: 'error',
    printed: /other side closed/
  },
  {
    name: 'a request timeout',
    sim: () => ({ fault: () => ({ kind: 'hang' }) }),
    inputs: () => ({ 'request-timeout': '200ms', 'wait-timeout': '1500ms' }),
    exitCode: 1,
    result: 'error',
    printed: /within 200ms \(request-timeout\)/
  },
  {
    name: 'through a proxy',
    sim: () => ({}),
    proxy: 'forward',
    env: ({ proxy }) => ({ HTTPS_PROXY: proxy!.url, HTTP_PROXY: proxy!.url, RUNNER_DEBUG: '1' }),
    exitCode: 0,
    result: 'passed'
  },
  {
    name: 'a proxy refusing the tunnel',
    sim: () => ({}),
    proxy: 407,
    env: ({ proxy }) => ({ HTTPS_PROXY: proxy!.url, HTTP_PROXY: proxy!.url }),
    exitCode: 1,
    result: 'error',
    printed: /the proxy refused to connect/
  },
  // ----- the key where it does not belong (invalid inputs fail before anything is sent)
  ...(['from', 'to', 'min-score', 'min-metric-scores', 'evaluate', 'missing-scores', 'wait-timeout', 'region', 'on-error', 'base-url'] as const).map(
    (input, index): Scenario => ({
      name: `the key given as ${input}`,
      // One path for all of them (validation, before anything loads): the bundle takes it twice.
      bundle: index < 2,
      // base-url set (to a closed port, never reached) except where it would hide the input under test
      inputs: ({ key, closedPort }) => ({ 'base-url': `http://127.0.0.1:${closedPort}`, ...(input === 'region' ? { 'base-url': '' } : {}), [input]: key }),
      env: () => ({ RUNNER_DEBUG: '1' }),
      exitCode: 1,
      printed: new RegExp(`^::error::Input "${input}": `, 'm')
    })
  ),
  {
    name: 'the key given as a base-url path',
    sim: () => ({}),
    inputs: ({ key, sim }) => ({ 'base-url': `${sim!.url}/${key}` }),
    exitCode: 1,
    printed: /Input "base-url": contains the API key; the key belongs in api-key alone/
  },
  {
    name: 'the key given as a subuser',
    sim: () => ({}),
    inputs: ({ key }) => ({ subusers: `marketing, ${key}` }),
    env: () => ({ RUNNER_DEBUG: '1' }),
    exitCode: 1,
    printed: /Input "subusers": contains the API key; the key belongs in api-key alone/
  }
]

const open = new Set<{ close(): Promise<void> }>()
afterAll(async () => {
  await Promise.all([...open].map((server) => server.close()))
})

const cases = KEYS.flatMap((key, index) => SCENARIOS.map((scenario) => [`key ${index + 1}: ${scenario.name}`, key, scenario] as const))
/** Each scenario the bundle runs once, the keys taking turns. */
const bundleCases = SCENARIOS.filter((scenario) => scenario.bundle !== false).map(
  (scenario, index) => [`key ${(index % KEYS.length) + 1}: ${scenario.name}`, KEYS[index % KEYS.length] as string, scenario] as const
)

describe('the API key never appears in what the action prints, its summary or its outputs', () => {
  it('tries keys with regex and shell metacharacters that the inputs accept', () => {
    for (const key of KEYS) expect(key).toMatch(/^[\x21-\x7e]+$/)
    expect(KEYS[0]).toMatch(/[$*()|[\]\\^;`]/)
    expect(KEYS[1]).toMatch(/['"&!{}?+<>#~%@]/)
    expect(cases.length).toBeGreaterThanOrEqual(60)
    expect(new Set(bundleCases.map(([, key]) => key))).toEqual(new Set(KEYS))
  })

  describe('in process', () => {
    it.each(cases)('%s', (_name, key, scenario) => check(key, scenario, 'in process'))
  })

  describe('the built dist/index.js', () => {
    it.concurrent.each(bundleCases)('%s', (_name, key, scenario) => check(key, scenario, 'bundle'))
  })
})

async function check(key: string, scenario: Scenario, how: 'in process' | 'bundle'): Promise<void> {
  const context: Context = { key, closedPort: await unusedPort() }
  // The bundle runs on real time, so its simulator does too.
  const clock = how === 'in process' ? new VirtualClock() : undefined
  try {
    if (scenario.sim) {
      context.sim = await startSimulator({ parent: { username: 'acme' }, apiKey: key, clock, ...scenario.sim(key) })
      open.add(context.sim)
    }
    if (scenario.proxy !== undefined) {
      context.proxy = await startProxy(scenario.proxy === 'forward' ? {} : { refuseConnect: scenario.proxy })
      open.add(context.proxy)
    }
    const inputs: Inputs = { 'api-key': key, 'poll-interval': '20ms', ...(context.sim ? { 'base-url': context.sim.url } : {}), ...scenario.inputs?.(context) }
    const env = scenario.env?.(context) ?? {}
    const run = clock ? await runInProcess(inputs, env, clock) : await runDist(inputs, env)

    expect(leaks(run, key)).toEqual([])
    expect({ exitCode: run.exitCode, result: run.outputs.result }).toEqual({ exitCode: scenario.exitCode, result: scenario.result })
    if (scenario.printed) expect(run.stdout).toMatch(scenario.printed)
    expect(run.stdout).toContain('::add-mask::') // masked for the runner as well
    if (scenario.proxy === 'forward') expect(context.proxy?.requests).toHaveLength(1)
    if (scenario.env?.(context).RUNNER_DEBUG && run.exitCode === 1) expect(annotations(run.stdout, 'error').length).toBeGreaterThan(0)
  } finally {
    for (const server of [context.sim, context.proxy]) {
      if (server) {
        await server.close()
        open.delete(server)
      }
    }
  }
}
