import { afterEach, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { DEMO_INPUTS, demoScenario } from '../sim/scenarios.js'
import {
  addDays,
  CATEGORY_SUMS_PATH,
  DEFAULT_API_KEY,
  PROVIDER_STATS_PATH,
  startSimulator,
  STATS_PATH,
  utcToday,
  type AccountSpec,
  type SimRequest,
  type Simulator,
  type SimulatorOptions
} from '../sim/simulator.js'
import { cli } from './support/cli.js'
import { startProxy, type TestProxy } from './support/proxy.js'
import { runDist, runInProcess, type ActionRun, type Inputs } from './support/runner.js'
import { HAVE_OPENSSL, makeCertificates } from './support/tls.js'
import { VirtualClock } from './support/virtual-clock.js'

/**
 * Why a score fell, as users meet it: the built dist/index.js and CLI (run npm run build first),
 * or the action in process on a virtual clock where time matters, against the simulator, whose
 * stats agree with the scores it serves (a breach's counts rise at one provider and one category).
 * The explanation never changes the verdict, costs no request on a pass or under explain: false,
 * and a key without Stats read access loses only the explanation.
 */

const TODAY = utcToday()
const day = (offset: number): string => addDays(TODAY, offset)
/** The range checked: three days to yesterday; the last two in breach. */
const FROM = day(-3)
const BREACH_FROM = day(-2)
const TO = day(-1)
const STATS_PATHS = new Set([STATS_PATH, PROVIDER_STATS_PATH, CATEGORY_SUMS_PATH])
const THRESHOLDS = 'spam_rate=3, bounce_rate=3, bounce_classification=3'
const ACCESS = 'Settings → API Keys → Stats: Read'

let simulator: Simulator | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await Promise.all([simulator?.close(), proxy?.close()])
  simulator = proxy = undefined
})

/** A subuser whose `metric` alone falls to 1 (score 2) on the last two days, its mail in `categories`. */
function breaching(username: string, metric: string, categories: string[] = []): AccountSpec {
  const steady = { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 }
  return {
    username,
    score: (date: string) => (date >= BREACH_FROM ? 2 : 4),
    metrics: (date: string) => (date >= BREACH_FROM ? { ...steady, [metric]: 1 } : undefined),
    stats: { categories }
  } as AccountSpec
}

const THREE_BREACHES = [
  breaching('promo', 'spam_rate', ['weekly-deals', 'receipts']),
  breaching('lists', 'bounce_rate', ['imports', 'newsletter']),
  breaching('blocked', 'bounce_classification', ['cold', 'warm']),
  { username: 'calm', score: 5 }
]

async function serve(options: SimulatorOptions = {}): Promise<Simulator> {
  simulator = await startSimulator({ today: TODAY, subusers: THREE_BREACHES, ...options })
  return simulator
}

function inputs(sim: Simulator, overrides: Inputs = {}): Inputs {
  return { 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, subusers: 'promo, lists, blocked, calm', from: FROM, to: TO, 'min-metric-scores': THRESHOLDS, ...overrides }
}

function statsRequests(sim: Simulator): SimRequest[] {
  return sim.requests.filter((request) => STATS_PATHS.has(request.path))
}

/** The Why lines under `account`'s entry in What to fix. */
function whyOf(markdown: string, account: string): string[] {
  const lines = markdown.split('\n')
  const entry = lines.findIndex((line) => /^\d+\. /.test(line) && line.includes(`**${account}**`))
  if (entry < 0) return []
  const under = lines.slice(entry + 1)
  const end = under.findIndex((line) => !/^ +- /.test(line))
  return under.slice(0, end < 0 ? undefined : end).map((line) => line.trim().slice(2)).filter((line) => line.startsWith('Why:'))
}

function notices(run: { stdout: string }): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::notice'))
}

/** What the verdict is made of, apart from the explanation. */
function verdictOf(run: ActionRun): unknown {
  const { result, passed, failures, warnings, missing } = run.outputs
  return { exitCode: run.exitCode, result, passed, failures, warnings, missing }
}

describe('dist/index.js explains each breach from SendGrid’s stats', () => {
  it('names the provider and the category that carry spam reports, bounces and blocks', async () => {
    const sim = await serve()
    const run = await runDist(inputs(sim))

    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('failed')
    const window = `from ${BREACH_FROM} to ${TO}`
    const [spam] = whyOf(run.summary, 'promo')
    expect(spam).toMatch(new RegExp(`^Why: spam reports [\\d.]+% of delivered \\([\\d,]+ of [\\d,]+\\) ${window}, against [\\d.]+% in the 7 days before; by provider: Gmail `))
    expect(spam).toMatch(/; by category: weekly-deals [\d,]+ of the [\d,]+ spam reports/)
    const [bounces] = whyOf(run.summary, 'lists')
    expect(bounces).toMatch(new RegExp(`^Why: bounces [\\d.]+% of requests .* ${window}, .*; by provider: Yahoo `))
    expect(bounces).toMatch(/; by category: imports [\d,]+ of the [\d,]+ bounces/)
    const [blocks] = whyOf(run.summary, 'blocked')
    expect(blocks).toMatch(new RegExp(`^Why: blocks [\\d.]+% of requests .* ${window}, .*; by provider: Outlook\\.com `))
    expect(blocks).toMatch(/; by category: cold [\d,]+ of the [\d,]+ blocks/)
    // The same words reach the markdown output (check run, comment, tracking issue).
    expect(whyOf(run.outputs.markdown ?? '', 'promo')).toEqual([spam])

    // At most three requests per account explained, none for the account that passed.
    const byAccount = new Map<string, number>()
    for (const request of statsRequests(sim)) byAccount.set(request.onBehalfOf ?? '', (byAccount.get(request.onBehalfOf ?? '') ?? 0) + 1)
    expect([...byAccount.keys()].sort()).toEqual(['blocked', 'lists', 'promo'])
    expect([...byAccount.values()].every((count) => count <= 3)).toBe(true)
  })

  it('gives the command line the same explanation, as values in its JSON and as words in its text', async () => {
    const sim = await serve()
    const json = await cli(['--base-url', sim.url, '--subusers', 'promo,lists,blocked,calm', '--from', FROM, '--to', TO, '--min-metric-scores', THRESHOLDS, '--format', 'json'])
    const text = await cli(['--base-url', sim.url, '--subusers', 'promo,lists,blocked,calm', '--from', FROM, '--to', TO, '--min-metric-scores', THRESHOLDS, '--format', 'text'])

    expect([json.exitCode, text.exitCode]).toEqual([1, 1])
    expect(json.stdout).not.toMatch(/NaN|Infinity/)
    type Document = { explanation: { accounts: { account: string; window: unknown; metrics: { metric: string; measures: { stat: string; window: { count: number; of: number; rate: number | null } }[]; providers: { name: string }[]; categories: { name: string }[] }[] }[]; notExplained: number; accessDenied: boolean } }
    const { explanation } = JSON.parse(json.stdout) as Document
    const found = explanation.accounts.map(({ account, window, metrics: [metric] }) => ({
      account,
      window,
      metric: metric?.metric,
      stat: metric?.measures[0]?.stat,
      provider: metric?.providers[0]?.name,
      category: metric?.categories[0]?.name
    }))
    const window = { from: BREACH_FROM, to: TO }
    expect(found.sort((a, b) => a.account.localeCompare(b.account))).toEqual([
      { account: 'blocked', window, metric: 'bounce_classification', stat: 'blocks', provider: 'Outlook.com', category: 'cold' },
      { account: 'lists', window, metric: 'bounce_rate', stat: 'bounces', provider: 'Yahoo', category: 'imports' },
      { account: 'promo', window, metric: 'spam_rate', stat: 'spam_reports', provider: 'Gmail', category: 'weekly-deals' }
    ])
    const measure = explanation.accounts[0]?.metrics[0]?.measures[0]?.window
    expect(measure?.rate).toBeCloseTo((measure?.count ?? 0) / (measure?.of ?? 1), 12)
    expect([explanation.notExplained, explanation.accessDenied]).toEqual([0, false])
    expect(text.stdout).toMatch(/\n {5}Why: spam reports .* by provider: Gmail /)
  })

  // Without openssl no certificate for the EU host can be made.
  const itWithTls = HAVE_OPENSSL ? it : it.skip
  itWithTls('explains an EU account through the EU host', async () => {
    const certificates = makeCertificates()
    try {
      // The simulator plays api.eu.sendgrid.com: the proxy sends the tunnel there, so nothing reaches SendGrid.
      simulator = await startSimulator({ today: TODAY, parent: { username: 'acme', region: 'eu' }, subusers: [{ ...breaching('eu-promo', 'spam_rate', ['offers']), region: 'eu' }], tls: certificates.euHost })
      const port = simulator.port
      proxy = await startProxy({ route: (target) => (target === 'api.eu.sendgrid.com:443' ? `127.0.0.1:${port}` : undefined) })
      const run = await runDist(
        { 'api-key': DEFAULT_API_KEY, region: 'eu', subusers: 'eu-promo', from: FROM, to: TO, 'min-metric-scores': THRESHOLDS },
        { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificates.caFile }
      )

      expect(run.exitCode).toBe(1)
      expect(new Set(proxy.requests.map((request) => request.target))).toEqual(new Set(['api.eu.sendgrid.com:443']))
      const stats = statsRequests(simulator)
      expect(stats.length).toBeGreaterThan(0)
      expect(stats.every((request) => request.headers.host === 'api.eu.sendgrid.com' && request.onBehalfOf === 'eu-promo')).toBe(true)
      expect(whyOf(run.summary, 'eu-promo')[0]).toMatch(/^Why: spam reports .* by provider: Gmail .* by category: offers /)
    } finally {
      rmSync(certificates.dir, { recursive: true, force: true })
    }
  })
})

describe('the explanation costs nothing it should not', () => {
  it('sends no stats request when nothing breaches', async () => {
    const sim = await serve({ subusers: [{ username: 'calm', score: 5 }] })
    const run = await runDist(inputs(sim, { subusers: 'calm' }))

    expect(run.outputs.result).toBe('passed')
    expect(sim.requests.length).toBeGreaterThan(0)
    expect(statsRequests(sim)).toEqual([])
  })

  it('sends none under explain: false, nor --no-explain, and reports as before', async () => {
    const sim = await serve()
    const run = await runDist(inputs(sim, { explain: 'false' }))
    const command = await cli(['--base-url', sim.url, '--subusers', 'promo', '--from', FROM, '--to', TO, '--min-metric-scores', THRESHOLDS, '--no-explain'])

    expect([run.exitCode, command.exitCode]).toEqual([1, 1])
    expect(statsRequests(sim)).toEqual([])
    expect(run.summary).not.toContain('Why:')
    expect(command.stdout).not.toContain('Why:')
  })

  it('explains the worst 10 of 30 accounts in breach and counts the rest', async () => {
    const subusers = Array.from({ length: 30 }, (_, index) => breaching(`promo-${String(index + 1).padStart(2, '0')}`, 'spam_rate'))
    const sim = await serve({ subusers })
    const run = await runDist(inputs(sim, { subusers: subusers.map((subuser) => subuser.username).join(',') }))

    expect(run.exitCode).toBe(1)
    expect(new Set(statsRequests(sim).map((request) => request.onBehalfOf)).size).toBe(10)
    expect(run.summary.split('\n').filter((line) => line.trim().startsWith('- Why:'))).toHaveLength(10)
    expect(run.summary).toContain('_20 more accounts in breach were not explained (at most 10 per run)._')
  })
})

describe('whatever SendGrid answers for stats, the verdict stands', () => {
  it('a key without Stats read access: the same verdict and exit code, one notice naming the access, one line in the report', async () => {
    const sim = await serve({ statsAccess: 'none' })
    const refused = await runDist(inputs(sim))
    const unexplained = await runDist(inputs(sim, { explain: 'false' }))

    expect(verdictOf(refused)).toEqual(verdictOf(unexplained))
    expect(notices(refused)).toHaveLength(1)
    expect(notices(refused)[0]).toContain(ACCESS)
    expect(notices(unexplained)).toEqual([])
    expect(refused.summary.split(ACCESS)).toHaveLength(2)
    expect(refused.summary).not.toContain('Why:')
    // A refusal stops the fetch: no request after the first 403.
    expect(statsRequests(sim).filter((request) => request.onBehalfOf !== undefined).length).toBeLessThanOrEqual(1 + 3)

    const command = await cli(['--base-url', sim.url, '--subusers', 'promo,lists,blocked,calm', '--from', FROM, '--to', TO, '--min-metric-scores', THRESHOLDS, '--format', 'json'])
    expect(command.exitCode).toBe(1)
    expect(command.stderr.split('\n').filter((line) => line.includes(ACCESS))).toHaveLength(1)
    expect((JSON.parse(command.stdout) as { explanation: { accessDenied: boolean } }).explanation.accessDenied).toBe(true)
  })

  it('500s on every stats request: the same verdict, each account says what was not available, within wait-timeout', async () => {
    const clock = new VirtualClock()
    const sim = await serve({ clock, fault: (request) => (STATS_PATHS.has(request.path) ? { status: 500, body: { errors: [{ message: 'internal error' }] } } : undefined) })
    const failing = await runInProcess(inputs(sim, { 'wait-timeout': '2m' }), {}, clock)
    const unexplained = await runInProcess(inputs(sim, { explain: 'false' }), {}, new VirtualClock())

    expect(verdictOf(failing)).toEqual(verdictOf(unexplained))
    expect(failing.elapsedMs).toBeLessThanOrEqual(120_000)
    expect(failing.summary).toMatch(/\n +- [^\n]*not available: [^\n]*500/)
    expect(failing.summary).not.toContain('Why:')
  })

  it('a hang on stats: the same verdict, and the run ends within wait-timeout', async () => {
    const clock = new VirtualClock()
    const sim = await serve({ clock, fault: (request) => (STATS_PATHS.has(request.path) ? { kind: 'hang' } : undefined) })
    const hung = await runInProcess(inputs(sim, { 'wait-timeout': '1500ms', 'request-timeout': '100ms' }), {}, clock)
    const unexplained = await runInProcess(inputs(sim, { explain: 'false' }), {}, new VirtualClock())

    expect(verdictOf(hung)).toEqual(verdictOf(unexplained))
    expect(hung.elapsedMs).toBeLessThanOrEqual(1500)
    expect(hung.summary).toMatch(/\n +- [^\n]*not available: /)
  })
})

describe('the demo', () => {
  it('shows a Why line', async () => {
    const sim = await startSimulator({ ...demoScenario(TODAY), pending: undefined })
    simulator = sim
    const run = await runDist({ 'api-key': DEFAULT_API_KEY, 'base-url': sim.url, ...DEMO_INPUTS })

    expect(whyOf(run.summary, 'newsletters')[0]).toMatch(/^Why: spam reports .* by provider: Gmail /)
  })
})
