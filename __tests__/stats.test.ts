import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { Agent, ProxyAgent, request as send, type Dispatcher } from 'undici'
import { CULPRITS } from '../sim/stats.js'
import {
  CATEGORY_SUMS_PATH,
  DEFAULT_API_KEY,
  PROVIDER_STATS_PATH,
  startSimulator,
  STATS_PATH,
  type AccountSpec,
  type FaultAction,
  type SimRequest,
  type Simulator,
  type SimulatorOptions
} from '../sim/simulator.js'
import type { AccountStats, CategorySum, DayStats, StatCounts, StatsRequest } from '../src/records/stats.js'
import { SendGridClient, STATS_PATHS, type Region } from '../src/sendgrid/client.js'
import { DEFAULT_POLICY } from '../src/sendgrid/retry-policy.js'
import { fetchAccountStats, type StatsFetchOptions } from '../src/sendgrid/stats.js'
import { startProxy, type TestProxy } from './support/proxy.js'
import { HAVE_OPENSSL, makeCertificates, type Certificates } from './support/tls.js'
import { VirtualClock } from './support/virtual-clock.js'

/**
 * The Stats fetch layer against the simulator over a real socket, on a virtual clock: which
 * requests it sends for an account in breach, that the counts it reads say where the breach came
 * from, and that every failure is a gap in the stats, never an error of the run.
 */

const TODAY = '2026-11-28'
const WINDOW = { from: '2026-11-26', to: '2026-11-27' }
const BASELINE = { from: '2026-11-19', to: '2026-11-25' }
const inBreach = (date: string): boolean => date >= WINDOW.from

/** A subuser whose `metric` scores 1 on the window's days, and 4 on every other day. */
function breaching(username: string, metric: keyof typeof CULPRITS, more: Partial<AccountSpec> = {}): AccountSpec {
  return { username, score: (date) => (inBreach(date) ? 2 : 4), metrics: (date) => (inBreach(date) ? { ...FOURS, [metric]: 1 } : FOURS), ...more }
}
const FOURS = { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 }

const SUBUSERS: AccountSpec[] = [
  breaching('promo', 'spam_rate', { stats: { categories: ['weekly-deals', 'receipts', 'news'] } }),
  breaching('bulk', 'bounce_rate'),
  breaching('digest', 'bounce_classification', { stats: { categories: ['daily-digest', 'alerts'] } }),
  breaching('stale', 'open_rate')
]

function request(account: string, sortCategoriesBy: StatsRequest['sortCategoriesBy'] = 'spam_reports'): StatsRequest {
  return { account, onBehalfOf: account, window: WINDOW, baseline: BASELINE, sortCategoriesBy }
}

let simulator: Simulator | undefined
let proxy: TestProxy | undefined
const agent = new Agent()
afterEach(async () => {
  await simulator?.close()
  await proxy?.close()
  simulator = proxy = undefined
})
afterAll(() => agent.close())

interface Run {
  stats: AccountStats[]
  requests: SimRequest[]
  elapsedMs: number
}

interface Setup {
  sim?: SimulatorOptions
  fetch?: Partial<StatsFetchOptions>
  client?: { baseUrl: string; region: Region; dispatcher: Dispatcher }
}

/** fetchAccountStats for `requests` against a fresh simulator that shares its virtual clock. */
async function fetchStats(requests: StatsRequest[], { sim = {}, fetch = {}, client }: Setup = {}): Promise<Run> {
  const clock = new VirtualClock(Date.parse(`${TODAY}T12:00:00Z`))
  await simulator?.close()
  simulator = await startSimulator({ today: TODAY, parent: { username: 'acme' }, subusers: SUBUSERS, clock, ...sim })
  const sendgrid = new SendGridClient({ apiKey: sim.apiKey ?? DEFAULT_API_KEY, baseUrl: simulator.url, dispatcher: agent, ...client })
  const options: StatsFetchOptions = {
    clock,
    deadlineMs: clock.now() + 60_000,
    requestTimeoutMs: 10_000,
    policy: { ...DEFAULT_POLICY, pollIntervalMs: 1000 },
    ...fetch
  }
  const { value, elapsedMs } = await clock.drive(() => fetchAccountStats(sendgrid, requests, options))
  return { stats: value, requests: [...simulator.requests], elapsedMs }
}

/** A request as path and query, in the order sent. */
const sent = (requests: SimRequest[]): string[] => requests.map(({ path, query }) => `${path}?${new URLSearchParams(query)}`)

function total(days: readonly DayStats[] | undefined, inWindow: boolean, count: keyof StatCounts): number {
  return (days ?? []).filter((day) => inBreach(day.date) === inWindow).reduce((sum, day) => sum + day.counts[count], 0)
}

/** The provider with the most `count` in the window. */
function topProvider(stats: AccountStats, count: keyof StatCounts): string | undefined {
  const providers = [...(stats.providers ?? [])].sort((a, b) => total(b.days, true, count) - total(a.days, true, count))
  return providers[0]?.name
}

const names = (categories: CategorySum[] | undefined): string[] => (categories ?? []).map((category) => category.name)

describe('the request plan', () => {
  it('asks three requests per account: the daily stats and the providers over baseline and window, the categories over the window', async () => {
    const run = await fetchStats([request('promo')])

    expect(sent(run.requests)).toEqual([
      `${STATS_PATH}?start_date=2026-11-19&end_date=2026-11-27&aggregated_by=day`,
      `${PROVIDER_STATS_PATH}?start_date=2026-11-19&end_date=2026-11-27&aggregated_by=day&limit=500&offset=0`,
      `${CATEGORY_SUMS_PATH}?start_date=2026-11-26&end_date=2026-11-27&sort_by_metric=spam_reports&sort_by_direction=desc&limit=10`
    ])
    expect(run.requests.map((sentRequest) => sentRequest.onBehalfOf)).toEqual(['promo', 'promo', 'promo'])
    expect(Object.values(STATS_PATHS)).toEqual([STATS_PATH, PROVIDER_STATS_PATH, CATEGORY_SUMS_PATH])
    const [promo] = run.stats
    expect(promo?.gaps).toEqual([])
    expect(promo?.daily?.map((day) => day.date)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'])
    expect(promo?.providers).toHaveLength(6)
    for (const provider of promo?.providers ?? []) expect(provider.days).toHaveLength(9)
  })

  it('sends nothing for the key\'s own account without on-behalf-of, and keeps one result per request in order', async () => {
    const parent: StatsRequest = { account: 'acme', window: WINDOW, baseline: BASELINE, sortCategoriesBy: 'bounces' }
    const run = await fetchStats([request('stale'), parent, request('bulk'), request('digest'), request('promo')])

    expect(run.stats.map((stats) => stats.account)).toEqual(['stale', 'acme', 'bulk', 'digest', 'promo'])
    expect(run.requests).toHaveLength(15)
    expect(run.requests.filter((sentRequest) => sentRequest.onBehalfOf === undefined).map((sentRequest) => sentRequest.path)).toEqual([
      STATS_PATH,
      PROVIDER_STATS_PATH,
      CATEGORY_SUMS_PATH
    ])
  })

  it('pages the mailbox provider stats with limit and offset until a short page, a day split across two pages', async () => {
    const providers = Array.from({ length: 60 }, (_, index) => `provider-${index + 1}`)
    const run = await fetchStats([request('wide')], { sim: { subusers: [breaching('wide', 'spam_rate', { stats: { providers: ['Gmail', ...providers] } })] } })

    // 61 providers on 9 days: 549 rows, 500 and then 49.
    expect(run.requests.filter((sentRequest) => sentRequest.path === PROVIDER_STATS_PATH).map((sentRequest) => sentRequest.query.offset)).toEqual(['0', '500'])
    expect(run.requests).toHaveLength(4)
    const [wide] = run.stats
    expect(wide?.gaps).toEqual([])
    expect(wide?.providers).toHaveLength(61)
    for (const provider of wide?.providers ?? []) expect(provider.days.map((day) => day.date)).toEqual(wide?.daily?.map((day) => day.date))
  })

  it('stops paging a server that ignores the offset, and one whose pages never end, with a gap', async () => {
    const page = (offset: number): unknown[] => [
      { date: '2026-11-26', stats: Array.from({ length: 500 }, (_, index) => ({ type: 'mailbox_provider', name: `p${offset + index}`, metrics: { delivered: 1 } })) }
    ]
    const ignoring = await fetchStats([request('promo')], {
      sim: { fault: (sentRequest) => (sentRequest.path === PROVIDER_STATS_PATH ? { kind: 'body', body: page(0) } : undefined) }
    })
    expect(ignoring.stats[0]?.gaps).toEqual([
      {
        part: 'providers',
        reason: 'error',
        message: "SendGrid's stats cannot be used: the mailbox provider stats give p0 on 2026-11-26 twice (the pages overlap)",
        cause: { status: 200 }
      }
    ])
    expect(ignoring.requests.filter((sentRequest) => sentRequest.path === PROVIDER_STATS_PATH)).toHaveLength(2)

    const endless = await fetchStats([request('promo')], {
      sim: { fault: (sentRequest) => (sentRequest.path === PROVIDER_STATS_PATH ? { kind: 'body', body: page(Number(sentRequest.query.offset)) } : undefined) }
    })
    expect(endless.stats[0]?.gaps.map((gap) => gap.message)).toEqual([
      "SendGrid's stats cannot be used: it sent 20 full pages of 500 mailbox provider stats for 2026-11-19 to 2026-11-27 and the paging would not end"
    ])
    expect(endless.requests.filter((sentRequest) => sentRequest.path === PROVIDER_STATS_PATH)).toHaveLength(20)
    expect(endless.stats[0]?.daily).toHaveLength(9)
    expect(endless.stats[0]?.categories).toHaveLength(3)
  })
})

describe('the stats agree with the scores', () => {
  it.each([
    ['promo', 'spam_rate', 'spam_reports', 'delivered', 'Gmail', 'weekly-deals'],
    ['bulk', 'bounce_rate', 'bounces', 'requests', 'Yahoo', undefined],
    ['digest', 'bounce_classification', 'blocks', 'requests', 'Outlook.com', 'daily-digest']
  ] as const)('%s: its %s breach brings %s at one provider and one category', async (account, metric, count, per, provider, category) => {
    const run = await fetchStats([request(account, count)])
    const [stats] = run.stats as [AccountStats]

    const rate = (inWindow: boolean): number => total(stats.daily, inWindow, count) / total(stats.daily, inWindow, per)
    expect(rate(true)).toBeGreaterThan(5 * rate(false))
    expect(CULPRITS[metric]).toBe(provider)
    expect(topProvider(stats, count)).toBe(provider)
    const carried = total(stats.providers?.find((each) => each.name === provider)?.days, true, count)
    expect(carried).toBeGreaterThan(0.8 * total(stats.daily, true, count))
    if (category === undefined) expect(stats.categories).toEqual([])
    else expect(names(stats.categories)[0]).toBe(category)
    expect(stats.gaps).toEqual([])
  })

  it('open rate: fewer unique opens per delivered in the window, most of the fall at one provider', async () => {
    const [stale] = (await fetchStats([request('stale', 'unique_opens')])).stats as [AccountStats]
    const opens = (days: readonly DayStats[] | undefined, inWindow: boolean): number => total(days, inWindow, 'unique_opens') / total(days, inWindow, 'delivered')

    expect(opens(stale.daily, true)).toBeLessThan(0.8 * opens(stale.daily, false))
    const gmail = stale.providers?.find((provider) => provider.name === CULPRITS.open_rate)?.days
    const yahoo = stale.providers?.find((provider) => provider.name === 'Yahoo')?.days
    expect(opens(gmail, true)).toBeLessThan(0.5 * opens(gmail, false))
    expect(opens(yahoo, true)).toBeCloseTo(opens(yahoo, false), 2)
  })

  it('gives the same counts on every run', async () => {
    const first = await fetchStats([request('promo')])
    const second = await fetchStats([request('promo')])
    expect(second.stats).toEqual(first.stats)
  })
})

describe('what SendGrid does not give is a gap, and never an error of the run', () => {
  it('a key without Stats read: one request, then an access gap for every part of every account without another request', async () => {
    const run = await fetchStats([request('promo'), request('bulk'), request('digest'), request('stale'), request('acme')], { sim: { statsAccess: 'none' } })

    expect(run.requests).toHaveLength(1)
    const refusal =
      "SendGrid answered 403 (access forbidden): the API key may not read Stats; give it that access (Settings → API Keys → Stats: Read)"
    expect(run.stats[0]?.gaps[0]).toEqual({ part: 'daily', reason: 'access', message: refusal, cause: { status: 403 } })
    for (const stats of run.stats) {
      expect(stats.gaps.map((gap) => [gap.part, gap.reason, gap.cause])).toEqual([
        ['daily', 'access', { status: 403 }],
        ['providers', 'access', { status: 403 }],
        ['categories', 'access', { status: 403 }]
      ])
      expect(stats.daily ?? stats.providers ?? stats.categories).toBeUndefined()
    }
    expect(run.stats[4]?.gaps[2]?.message).toBe(`not requested: ${refusal}`)
  })

  it('a refusal after SendGrid has answered a Stats request is that account\'s gap, not the key\'s: the others go on', async () => {
    // promo's first request goes alone and is answered; then bulk meets a 500 and retries while digest is refused.
    const fault = (sentRequest: SimRequest): FaultAction | undefined =>
      sentRequest.path !== STATS_PATH ? undefined : sentRequest.onBehalfOf === 'bulk' ? { status: 500 } : sentRequest.onBehalfOf === 'digest' ? { status: 403 } : undefined
    const run = await fetchStats([request('promo'), request('bulk'), request('digest')], { sim: { fault } })

    expect(run.requests.filter((sentRequest) => sentRequest.onBehalfOf === 'bulk' && sentRequest.path === STATS_PATH).length).toBeGreaterThan(1)
    expect(run.stats[2]?.gaps[0]).toEqual(expect.objectContaining({ part: 'daily', reason: 'error', cause: { status: 403 } }))
    expect(run.stats[2]?.providers).toBeDefined()
    expect(run.stats.flatMap((stats) => stats.gaps).some((gap) => gap.reason === 'access')).toBe(false)
    expect(run.stats[0]?.daily).toHaveLength(9)
  })

  it('a 401 on Stats is the same access gap, naming the access to add', async () => {
    const run = await fetchStats([request('promo')], { sim: { fault: (sentRequest) => (sentRequest.path === STATS_PATH ? { status: 401, body: { errors: [{ message: 'authorization required' }] } } : undefined) } })
    expect(run.stats[0]?.gaps).toEqual([
      expect.objectContaining({ part: 'daily', reason: 'access', message: expect.stringContaining('(Settings → API Keys → Stats: Read)') as unknown }),
      expect.objectContaining({ part: 'providers', reason: 'access', message: expect.stringMatching(/^not requested: SendGrid answered 401/) as unknown }),
      expect.objectContaining({ part: 'categories', reason: 'access' })
    ])
    expect(run.requests).toHaveLength(1)
  })

  it('500s: an error gap for that part after the retries, and the other parts still read', async () => {
    const run = await fetchStats([request('promo')], { sim: { fault: (sentRequest) => (sentRequest.path === STATS_PATH ? { status: 500, body: 'Internal Server Error' } : undefined) } })

    expect(run.stats[0]?.gaps).toEqual([
      {
        part: 'daily',
        reason: 'error',
        message: 'SendGrid answered 500 ("Internal Server Error") (gave up after 4 attempts, 3 retries)',
        cause: { status: 500 }
      }
    ])
    expect(run.requests.filter((sentRequest) => sentRequest.path === STATS_PATH)).toHaveLength(1 + DEFAULT_POLICY.maxTransientRetries)
    expect(run.stats[0]?.providers).toHaveLength(6)
    // Those without a spam report tie, and come in name order.
    expect(names(run.stats[0]?.categories)).toEqual(['weekly-deals', 'news', 'receipts'])
  })

  it('a hang: each attempt ends at request-timeout, and once SendGrid stops answering nothing more is sent', async () => {
    const run = await fetchStats([request('promo'), request('bulk')], { sim: { fault: () => ({ kind: 'hang' }) }, fetch: { requestTimeoutMs: 100 } })

    expect(run.requests).toHaveLength(1 + DEFAULT_POLICY.maxTransientRetries)
    const timedOut = 'no complete answer from 127.0.0.1'
    for (const stats of run.stats) {
      expect(stats.gaps.map((gap) => [gap.part, gap.reason, gap.cause])).toEqual([
        ['daily', 'error', { network: 'timeout' }],
        ['providers', 'error', { network: 'timeout' }],
        ['categories', 'error', { network: 'timeout' }]
      ])
      for (const gap of stats.gaps) expect(gap.message).toContain(timedOut)
    }
    expect(run.stats[1]?.gaps[0]?.message).toMatch(/^not requested: no complete answer from 127\.0\.0\.1:\d+ within 100ms \(request-timeout\)/)
  })

  it('a hang that outlasts the deadline: no retry after wait-timeout, and no request once it has passed', async () => {
    const run = await fetchStats([request('promo')], {
      sim: { fault: (sentRequest) => (sentRequest.path === STATS_PATH ? { kind: 'hang' } : undefined) },
      fetch: { requestTimeoutMs: 100, deadlineMs: Date.parse(`${TODAY}T12:00:01.500Z`) }
    })

    expect(run.elapsedMs).toBeLessThanOrEqual(1500)
    expect(run.stats[0]?.gaps[0]?.message).toMatch(/\(wait-timeout ran out while retrying, after [\d.]+m?s\)$/)
    expect(run.stats[0]?.gaps.slice(1).map((gap) => gap.message)).toEqual([
      expect.stringMatching(/^not requested: no complete answer/),
      expect.stringMatching(/^not requested: no complete answer/)
    ])

    const late = await fetchStats([request('promo')], { fetch: { deadlineMs: Date.parse(`${TODAY}T11:59:59Z`) } })
    expect(late.requests).toEqual([])
    expect(late.stats[0]?.gaps).toEqual(
      (['daily', 'providers', 'categories'] as const).map((part) => ({ part, reason: 'error', message: 'not requested: wait-timeout ran out first', cause: {} }))
    )
  })

  it('an unknown shape is a gap that says what was wrong; missing counts read as 0', async () => {
    const bodies: Record<string, unknown> = {
      [STATS_PATH]: [{ date: '2026-11-26', stats: [{ metrics: { delivered: 10 } }] }, { date: '2026-11-27', stats: [] }],
      [PROVIDER_STATS_PATH]: { result: [] },
      [CATEGORY_SUMS_PATH]: [{ date: '2026-11-26', stats: [] }]
    }
    const run = await fetchStats([request('promo')], { sim: { fault: (sentRequest) => ({ kind: 'body', body: bodies[sentRequest.path] }) } })

    expect(run.stats[0]?.daily).toEqual([
      { date: '2026-11-26', counts: { requests: 0, delivered: 10, bounces: 0, blocks: 0, spam_reports: 0, unique_opens: 0, unique_clicks: 0 } },
      { date: '2026-11-27', counts: { requests: 0, delivered: 0, bounces: 0, blocks: 0, spam_reports: 0, unique_opens: 0, unique_clicks: 0 } }
    ])
    expect(run.stats[0]?.gaps).toEqual([
      { part: 'providers', reason: 'error', message: 'SendGrid sent data outside its schema: the stats are {"result":[]}, expected an array of days', cause: { status: 200 } },
      { part: 'categories', reason: 'error', message: 'SendGrid sent data outside its schema: the category sums are an array, expected one object with "stats"', cause: { status: 200 } }
    ])
  })

  it('never puts the API key in a gap, even when SendGrid echoes it', async () => {
    const apiKey = 'SG.stats-secret-key'
    const echo = { status: 403, body: { errors: [{ message: `key Bearer ${apiKey} may not read stats` }] } }
    const run = await fetchStats([request('promo'), request('bulk')], { sim: { apiKey, fault: (sentRequest) => (sentRequest.path === STATS_PATH ? echo : undefined) } })

    const text = JSON.stringify(run.stats)
    expect(text).not.toContain(apiKey)
    expect(text).toContain('key Bearer *** may not read stats')
  })
})

const describeTls = HAVE_OPENSSL ? describe : describe.skip
const SKIP_REASON = HAVE_OPENSSL ? '' : ' (SKIPPED: openssl is not on PATH, so no certificate can be generated)'

describeTls(`an EU account${SKIP_REASON}`, () => {
  let certificates: Certificates
  beforeAll(() => {
    certificates = makeCertificates()
  })
  afterAll(() => rmSync(certificates.dir, { recursive: true, force: true }))

  it('reads its stats from the EU host, the one host that knows it', async () => {
    // The simulator plays api.eu.sendgrid.com: the proxy sends the tunnel there, so nothing reaches SendGrid.
    const clock = new VirtualClock(Date.parse(`${TODAY}T12:00:00Z`))
    const euPromo = breaching('eu-promo', 'spam_rate', { region: 'eu', stats: { categories: ['angebote'] } })
    const sim = await startSimulator({ today: TODAY, parent: { username: 'acme' }, subusers: [euPromo, breaching('us-promo', 'spam_rate')], clock, tls: certificates.otherHost })
    simulator = sim
    const hosts = ['api.eu.sendgrid.com:443', 'api.sendgrid.com:443']
    proxy = await startProxy({ route: (target) => (hosts.includes(target) ? `127.0.0.1:${sim.port}` : undefined) })
    const dispatcher = new ProxyAgent({ uri: proxy.url, requestTls: { ca: readFileSync(certificates.caFile, 'utf8') } })
    const options: StatsFetchOptions = { clock, deadlineMs: clock.now() + 60_000, requestTimeoutMs: 10_000, policy: { ...DEFAULT_POLICY, pollIntervalMs: 1000 } }
    const statsFrom = async (region: Region, baseUrl: string): Promise<AccountStats | undefined> => {
      const client = new SendGridClient({ apiKey: DEFAULT_API_KEY, baseUrl, region, dispatcher })
      return (await clock.drive(() => fetchAccountStats(client, [request('eu-promo')], options))).value[0]
    }
    try {
      const stats = await statsFrom('eu', 'https://api.eu.sendgrid.com')

      expect(stats?.gaps).toEqual([])
      expect(topProvider(stats as AccountStats, 'spam_reports')).toBe('Gmail')
      expect(names(stats?.categories)).toEqual(['angebote'])
      expect(sim.requests.map((sentRequest) => sentRequest.headers.host)).toEqual(['api.eu.sendgrid.com', 'api.eu.sendgrid.com', 'api.eu.sendgrid.com'])
      expect(new Set(proxy.requests.map((crossed) => crossed.target))).toEqual(new Set(['api.eu.sendgrid.com:443']))

      const listing = await send(`https://api.eu.sendgrid.com/v3/engagementquality/subusers/scores?date=${WINDOW.to}`, { dispatcher, headers: { authorization: `Bearer ${DEFAULT_API_KEY}` } })
      expect(((await listing.body.json()) as { result: { username: string }[] }).result.map((entry) => entry.username)).toEqual(['eu-promo'])

      // The global host does not know an EU subuser: its stats come from the EU host or not at all.
      sim.reset()
      const fromGlobal = await statsFrom('global', 'https://api.sendgrid.com')
      expect(fromGlobal?.gaps[0]?.cause).toEqual({ status: 403 })
      expect(sim.requests.map((sentRequest) => sentRequest.headers.host)).toEqual(['api.sendgrid.com'])
    } finally {
      await dispatcher.close()
    }
  })
})
