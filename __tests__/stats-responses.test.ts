import { afterEach, describe, expect, it } from '@jest/globals'
import { CATEGORY_SUMS_PATH, DEFAULT_API_KEY, PROVIDER_STATS_PATH, startSimulator, STATS_PATH, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import type { StatCounts } from '../src/records/stats.js'
import { OffSchemaError, UnusableResponseError } from '../src/sendgrid/responses.js'
import { parseCategorySums, parseDailyStats, parseProviderPage, ProviderPages, UNNAMED_CATEGORY, UNNAMED_PROVIDER } from '../src/sendgrid/stats-responses.js'

// The examples of /work/shared/reference/sendgrid-stats-openapi.json, as SendGrid documents them (one day or item of each).
const SPEC_GLOBAL_METRICS = {
  blocks: 0, bounce_drops: 0, bounces: 0, clicks: 0, deferred: 0, delivered: 0, invalid_emails: 0, opens: 0, processed: 0,
  requests: 0, spam_report_drops: 0, spam_reports: 0, unique_clicks: 0, unique_opens: 0, unsubscribe_drops: 0, unsubscribes: 0
}
const SPEC_STATS_200 = [{ date: '2015-11-03', stats: [{ metrics: SPEC_GLOBAL_METRICS }] }, { date: '2015-11-04', stats: [{ metrics: SPEC_GLOBAL_METRICS }] }]
const SPEC_PROVIDER_METRICS = {
  blocks: 0, bounces: 0, clicks: 0, deferred: 0, delivered: 0, drops: 0, opens: 0, processed: 0, requests: 0, spam_reports: 0, unique_clicks: 0, unique_opens: 0
}
const SPEC_PROVIDERS_200 = [
  { date: '2015-10-11', stats: [{ type: 'mailbox_provider', name: 'Gmail', metrics: SPEC_PROVIDER_METRICS }] },
  { date: '2015-10-12', stats: [{ type: 'mailbox_provider', name: 'Gmail', metrics: SPEC_PROVIDER_METRICS }] }
]
const SPEC_CATEGORY_SUMS_200 = {
  date: '2015-01-01',
  stats: [
    { metrics: { ...SPEC_GLOBAL_METRICS, clicks: 20, delivered: 20, opens: 20, requests: 20, unique_clicks: 20, unique_opens: 20, unsubscribes: 20 }, name: 'cat1', type: 'category' },
    { metrics: { ...SPEC_GLOBAL_METRICS, blocks: 1, clicks: 19, delivered: 19, opens: 19, requests: 20, unique_clicks: 19, unique_opens: 19, unsubscribes: 19 }, name: 'cat2', type: 'category' }
  ]
}

const ZERO: StatCounts = { requests: 0, delivered: 0, bounces: 0, blocks: 0, spam_reports: 0, unique_opens: 0, unique_clicks: 0 }
const counts = (given: Partial<StatCounts>): StatCounts => ({ ...ZERO, ...given })
const RANGE = { from: '2026-11-19', to: '2026-11-27' }

/** The message of the error `parse` throws, checked to be of `kind`. */
function thrown(parse: () => unknown, kind: typeof UnusableResponseError = OffSchemaError): string {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(kind)
    return (error as Error).message
  }
  throw new Error('expected an error')
}

describe('the spec examples', () => {
  it('reads /v3/stats as a day each', () => {
    expect(parseDailyStats(SPEC_STATS_200, { from: '2015-11-03', to: '2015-11-04' })).toEqual([
      { date: '2015-11-03', counts: ZERO },
      { date: '2015-11-04', counts: ZERO }
    ])
  })

  it('reads /v3/mailbox_providers/stats as a row per provider and day, grouped by provider', () => {
    const rows = parseProviderPage(SPEC_PROVIDERS_200, { from: '2015-10-11', to: '2015-10-12' })
    expect(rows).toEqual([
      { date: '2015-10-11', name: 'Gmail', counts: ZERO },
      { date: '2015-10-12', name: 'Gmail', counts: ZERO }
    ])
    const pages = new ProviderPages()
    pages.add(rows)
    expect(pages.providers()).toEqual([{ name: 'Gmail', days: [{ date: '2015-10-11', counts: ZERO }, { date: '2015-10-12', counts: ZERO }] }])
  })

  it('reads /v3/categories/stats/sums as one object, a sum per category', () => {
    expect(parseCategorySums(SPEC_CATEGORY_SUMS_200)).toEqual([
      { name: 'cat1', counts: counts({ requests: 20, delivered: 20, unique_opens: 20, unique_clicks: 20 }) },
      { name: 'cat2', counts: counts({ requests: 20, delivered: 19, blocks: 1, unique_opens: 19, unique_clicks: 19 }) }
    ])
  })
})

describe('what the schema leaves out', () => {
  it('reads a count left out, null metrics and an empty or absent stats as 0', () => {
    const body = [
      { date: '2026-11-19', stats: [{ metrics: { delivered: 7, spam_reports: null } }] },
      { date: '2026-11-20', stats: [] },
      { date: '2026-11-21' },
      { date: '2026-11-22', stats: [{ metrics: null }] }
    ]
    expect(parseDailyStats(body, RANGE).map((day) => day.counts)).toEqual([counts({ delivered: 7 }), ZERO, ZERO, ZERO])
  })

  it('sums the items of a day, and puts the days in order', () => {
    const body = [
      { date: '2026-11-21', stats: [{ metrics: { delivered: 1 } }] },
      { date: '2026-11-19', stats: [{ metrics: { delivered: 2, bounces: 1 } }, { metrics: { delivered: 3 } }] }
    ]
    expect(parseDailyStats(body, RANGE)).toEqual([
      { date: '2026-11-19', counts: counts({ delivered: 5, bounces: 1 }) },
      { date: '2026-11-21', counts: counts({ delivered: 1 }) }
    ])
  })

  it('labels a provider or category SendGrid sent without a name', () => {
    expect(parseProviderPage([{ date: '2026-11-19', stats: [{ type: 'mailbox_provider', metrics: { delivered: 1 } }] }], RANGE)[0]?.name).toBe(UNNAMED_PROVIDER)
    expect(parseCategorySums({ date: '2026-11-19', stats: [{ type: 'category', name: '' }] })).toEqual([{ name: UNNAMED_CATEGORY, counts: ZERO }])
  })

  it('reads category sums without stats, or with none, as no categories (most senders set none)', () => {
    expect(parseCategorySums({ date: '2026-11-26' })).toEqual([])
    expect(parseCategorySums({ date: '2026-11-26', stats: [] })).toEqual([])
  })
})

describe('what the schema forbids, or cannot be used, says what was wrong', () => {
  it.each([
    ['an object for the days', { result: [] }, 'the stats are {"result":[]}, expected an array of days'],
    ['a day that is not an object', ['2026-11-19'], '[0] is "2026-11-19", expected an object'],
    ['a day without a date', [{ stats: [] }], '[0].date is missing, expected YYYY-MM-DD'],
    ['a date that is no day', [{ date: '2026-11-31', stats: [] }], '[0].date is "2026-11-31", expected YYYY-MM-DD'],
    ['stats that are no array', [{ date: '2026-11-19', stats: {} }], '[0].stats is {}, expected an array'],
    ['an item that is no object', [{ date: '2026-11-19', stats: [3] }], '[0].stats[0] is 3, expected an object'],
    ['metrics that are no object', [{ date: '2026-11-19', stats: [{ metrics: [1] }] }], '[0].stats[0].metrics is [1], expected an object'],
    ['a negative count', [{ date: '2026-11-19', stats: [{ metrics: { bounces: -1 } }] }], '[0].stats[0].metrics.bounces is -1, expected a count (a whole number, 0 or more)'],
    ['a fraction', [{ date: '2026-11-19', stats: [{ metrics: { delivered: 1.5 } }] }], '[0].stats[0].metrics.delivered is 1.5, expected a count (a whole number, 0 or more)'],
    ['a count as text', [{ date: '2026-11-19', stats: [{ metrics: { spam_reports: '4' } }] }], '[0].stats[0].metrics.spam_reports is "4", expected a count (a whole number, 0 or more)']
  ])('%s', (_, body, message) => {
    expect(thrown(() => parseDailyStats(body, RANGE))).toBe(`SendGrid sent data outside its schema: ${message}`)
    expect(thrown(() => parseProviderPage(body, RANGE))).toBe(`SendGrid sent data outside its schema: ${message}`)
  })

  it('category sums that are an array or no object', () => {
    expect(thrown(() => parseCategorySums(SPEC_STATS_200))).toBe('SendGrid sent data outside its schema: the category sums are an array, expected one object with "stats"')
    expect(thrown(() => parseCategorySums(null))).toBe('SendGrid sent data outside its schema: the category sums are null, expected an object')
  })

  it('a day outside the range asked for, or given twice', () => {
    expect(thrown(() => parseDailyStats([{ date: '2026-11-28', stats: [] }], RANGE), UnusableResponseError)).toBe(
      "SendGrid's stats cannot be used: [0] is for 2026-11-28, but the request asked for 2026-11-19 to 2026-11-27"
    )
    expect(thrown(() => parseDailyStats([{ date: '2026-11-19' }, { date: '2026-11-19' }], RANGE), UnusableResponseError)).toBe(
      "SendGrid's stats cannot be used: the account's stats give 2026-11-19 twice"
    )
  })

  it('pages that give a provider twice for a day overlap', () => {
    const pages = new ProviderPages()
    const row = { date: '2026-11-19', name: 'Gmail', counts: ZERO }
    pages.add([row, { ...row, date: '2026-11-20' }])
    expect(thrown(() => pages.add([row]), UnusableResponseError)).toBe("SendGrid's stats cannot be used: the mailbox provider stats give Gmail on 2026-11-19 twice (the pages overlap)")
  })
})

describe('the simulator serves the spec shapes', () => {
  let simulator: Simulator | undefined
  afterEach(async () => {
    await simulator?.close()
    simulator = undefined
  })

  async function get(path: string, options: SimulatorOptions = {}): Promise<{ status: number; json: unknown }> {
    simulator ??= await startSimulator({ today: '2026-11-28', parent: { username: 'acme', stats: { categories: ['weekly-deals', 'receipts'] } }, ...options })
    const response = await fetch(`${simulator.url}${path}`, { headers: { authorization: `Bearer ${DEFAULT_API_KEY}` } })
    return { status: response.status, json: await response.json() }
  }
  const keys = (value: unknown): string[] => Object.keys(value as object).sort()

  it('with every metric the spec examples have, and nothing else', async () => {
    const days = '?start_date=2026-11-26&end_date=2026-11-27'
    const daily = (await get(`${STATS_PATH}${days}&aggregated_by=day`)).json as typeof SPEC_STATS_200
    expect(daily.map((day) => day.date)).toEqual(['2026-11-26', '2026-11-27'])
    expect(keys(daily[0])).toEqual(keys(SPEC_STATS_200[0]))
    expect(keys(daily[0]?.stats[0]?.metrics)).toEqual(keys(SPEC_GLOBAL_METRICS))

    const providers = (await get(`${PROVIDER_STATS_PATH}${days}&aggregated_by=day&limit=500&offset=0`)).json as typeof SPEC_PROVIDERS_200
    expect(keys(providers[0]?.stats[0])).toEqual(keys(SPEC_PROVIDERS_200[0]?.stats[0]))
    expect(keys(providers[0]?.stats[0]?.metrics)).toEqual(keys(SPEC_PROVIDER_METRICS))
    expect(providers[0]?.stats[0]?.type).toBe('mailbox_provider')

    const sums = (await get(`${CATEGORY_SUMS_PATH}${days}&sort_by_metric=delivered&limit=10`)).json as typeof SPEC_CATEGORY_SUMS_200
    expect(keys(sums)).toEqual(keys(SPEC_CATEGORY_SUMS_200))
    expect(sums.date).toBe('2026-11-26')
    expect(sums.stats.map((category) => [category.name, category.type])).toEqual([['weekly-deals', 'category'], ['receipts', 'category']])
    expect(keys(sums.stats[0]?.metrics)).toEqual(keys(SPEC_GLOBAL_METRICS))
  })

  it('every parser reads what the simulator serves', async () => {
    const range = { from: '2026-11-20', to: '2026-11-27' }
    const days = `?start_date=${range.from}&end_date=${range.to}&aggregated_by=day`
    expect(parseDailyStats((await get(`${STATS_PATH}${days}`)).json, range)).toHaveLength(8)
    expect(parseProviderPage((await get(`${PROVIDER_STATS_PATH}${days}`)).json, range)).toHaveLength(8 * 6)
    expect(parseCategorySums((await get(`${CATEGORY_SUMS_PATH}${days}`)).json).map((category) => category.name)).toEqual(['weekly-deals', 'receipts'])
  })

  it('aggregates by week from Monday, and keeps provider stats for providerStatsDays only', async () => {
    const weeks = (await get(`${STATS_PATH}?start_date=2026-11-19&end_date=2026-11-27&aggregated_by=week`, { providerStatsDays: 2 })).json as typeof SPEC_STATS_200
    // 2026-11-23 was a Monday.
    expect(weeks.map((week) => week.date)).toEqual(['2026-11-19', '2026-11-23'])
    const providers = (await get(`${PROVIDER_STATS_PATH}?start_date=2026-11-25&end_date=2026-11-28`)).json as typeof SPEC_PROVIDERS_200
    expect(providers.map((day) => day.date)).toEqual(['2026-11-27', '2026-11-28'])
  })

  it('refuses a query the spec does not allow, naming the field', async () => {
    expect(await get(STATS_PATH)).toEqual({ status: 400, json: { errors: [{ field: 'start_date', message: 'start_date is required' }] } })
    expect(await get(`${STATS_PATH}?start_date=2026-11-26&end_date=2026-11-25`)).toEqual({
      status: 400,
      json: { errors: [{ field: 'end_date', message: 'end_date must not be before start_date' }] }
    })
    expect((await get(`${STATS_PATH}?start_date=2026-11-26&aggregated_by=hour`)).status).toBe(400)
    expect((await get(`${PROVIDER_STATS_PATH}?start_date=2026-11-26&limit=0`)).status).toBe(400)
    expect((await get(`${CATEGORY_SUMS_PATH}?start_date=2026-11-26&sort_by_metric=nonsense`)).status).toBe(400)
  })
})
