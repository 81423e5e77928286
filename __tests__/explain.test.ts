import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { addDays, eachDay, type Day } from '../src/dates.js'
import { evaluate, type EvaluationConfig } from '../src/gate/evaluate.js'
import { explain, planExplanations, rateOf, shortfall, type ExplanationPlan, type ExplanationRequest, type Segment } from '../src/gate/explain.js'
import { RecordStore } from '../src/records/record-store.js'
import type { Metrics, ScoreRecord } from '../src/records/score-record.js'
import { STAT_NAMES, type AccountStats, type DayStats, type StatCounts, type StatsGap } from '../src/records/stats.js'
import { rec } from './support/records.js'

/** A range of ten days: 11-21 to 11-30. */
const FROM = '2026-11-21'
const TO = '2026-11-30'

function config(overrides: Partial<EvaluationConfig> = {}): EvaluationConfig {
  return { subusers: 'all', from: FROM, to: TO, minScore: 3, minMetricScores: { spam_rate: 3, bounce_rate: 3, bounce_classification: 3, open_rate: 3, engagement_recency: 3 }, evaluate: 'all', missingScores: 'warn', ...overrides }
}

/** An account scored 4 with every metric 4 on each day of the range, but `low` on the days it names. */
function account(name: string, low: Record<Day, { score?: number } & Partial<Metrics>> = {}): ScoreRecord[] {
  return eachDay(FROM, TO).map((day) => {
    const { score = 4, ...metrics } = low[day] ?? {}
    return rec(name, day, score, { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4, ...metrics })
  })
}

function plan(records: ScoreRecord[], overrides: Partial<EvaluationConfig> = {}, parentAccount?: string): ExplanationPlan {
  return planExplanations(evaluate({ records: RecordStore.of(records), failures: [], parentAccount }, config(overrides)))
}

describe('the plan', () => {
  it('asks for the first to the last breach day against the 7 days before, on behalf of the subuser', () => {
    const records = account('promo', { '2026-11-26': { spam_rate: 2 }, '2026-11-27': { spam_rate: 1 } })
    expect(plan(records)).toEqual({
      requests: [
        {
          account: 'promo',
          onBehalfOf: 'promo',
          window: { from: '2026-11-26', to: '2026-11-27' },
          baseline: { from: '2026-11-19', to: '2026-11-25' },
          sortCategoriesBy: 'spam_reports',
          metrics: ['spam_rate']
        }
      ],
      notExplained: 0
    })
  })

  it('spans days in between when the breaches are apart', () => {
    const [request] = plan(account('promo', { '2026-11-22': { bounce_rate: 2 }, '2026-11-29': { bounce_rate: 1 } })).requests
    expect(request?.window).toEqual({ from: '2026-11-22', to: '2026-11-29' })
    expect(request?.baseline).toEqual({ from: '2026-11-15', to: '2026-11-21' })
  })

  it('asks for the 7 days before the range when the breach is on its first day', () => {
    const [request] = plan(account('promo', { [FROM]: { bounce_classification: 1 } })).requests
    expect(request?.window).toEqual({ from: FROM, to: FROM })
    expect(request?.baseline).toEqual({ from: '2026-11-14', to: '2026-11-20' })
    expect(request?.sortCategoriesBy).toBe('blocks')
  })

  it('sends no on-behalf-of for the key’s own account, and the name for a customer account', () => {
    const records = [...account('acme', { '2026-11-30': { open_rate: 1 } }), ...account('account-id 7', { '2026-11-30': { open_rate: 2 } })]
    const requests = plan(records, {}, 'acme').requests
    expect(requests.map((request) => [request.account, request.onBehalfOf])).toEqual([
      ['account-id 7', 'account-id 7'],
      ['acme', undefined]
    ])
    expect(requests[1]).not.toHaveProperty('onBehalfOf')
  })

  it('explains a score breach by its lowest metric, and sorts the categories by that metric’s count', () => {
    const records = account('promo', { '2026-11-28': { score: 2, bounce_classification: 3.5, open_rate: 3.2 } })
    const [request] = plan(records, { minMetricScores: {} }).requests
    expect(request?.metrics).toEqual(['open_rate'])
    expect(request?.sortCategoriesBy).toBe('unique_opens')
    expect(request?.window).toEqual({ from: '2026-11-28', to: '2026-11-28' })
  })

  it('lists each metric once, lowest first, and sorts the categories by the worst', () => {
    const records = account('promo', { '2026-11-27': { score: 2, spam_rate: 2.5, bounce_rate: 1 }, '2026-11-28': { spam_rate: 2 } })
    const [request] = plan(records).requests
    expect(request?.metrics).toEqual(['bounce_rate', 'spam_rate'])
    expect(request?.sortCategoriesBy).toBe('bounces')
  })

  it('explains a drop by the metric that fell most, over the latest day', () => {
    const records = account('promo', { '2026-11-21': { score: 5 }, '2026-11-30': { score: 3.5, spam_rate: 3.5, engagement_recency: 2 } })
    const [request] = plan(records, { minScore: 1, minMetricScores: {}, maxDrop: 1 }).requests
    expect(request?.metrics).toEqual(['engagement_recency'])
    expect(request?.window).toEqual({ from: TO, to: TO })
    expect(request?.sortCategoriesBy).toBe('unique_opens')
  })

  it('under evaluate latest, asks for the judged day', () => {
    const records = account('promo', { '2026-11-25': { spam_rate: 1 }, '2026-11-29': { spam_rate: 2 } }).filter((record) => record.date < TO)
    const [request] = plan(records, { evaluate: 'latest' }).requests
    expect(request?.window).toEqual({ from: '2026-11-29', to: '2026-11-29' })
    expect(request?.baseline).toEqual({ from: '2026-11-22', to: '2026-11-28' })
  })

  it('under evaluate average, asks for the whole range, and for one day when the range is one', () => {
    const low = Object.fromEntries(eachDay(FROM, TO).map((day) => [day, { spam_rate: 2 }]))
    expect(plan(account('promo', low), { evaluate: 'average' }).requests[0]?.window).toEqual({ from: FROM, to: TO })
    expect(plan(account('promo', low).slice(0, 1), { evaluate: 'average', to: FROM }).requests[0]).toMatchObject({
      window: { from: FROM, to: FROM },
      baseline: { from: '2026-11-14', to: '2026-11-20' }
    })
  })

  it('asks for the accounts in breach only, worst first, at most 10, and counts the rest', () => {
    const breaching = Array.from({ length: 12 }, (_, index) => account(`b${String(index).padStart(2, '0')}`, { '2026-11-30': { score: 1 + index / 10, spam_rate: 1 } }))
    const atRisk = account('risky', { '2026-11-30': { score: 3.5 } })
    const passing = account('fine')
    const result = plan([...passing, ...atRisk, ...breaching.flat().reverse()], { warnScore: 4.5 })
    expect(result.requests.map((request) => request.account)).toEqual(['b00', 'b01', 'b02', 'b03', 'b04', 'b05', 'b06', 'b07', 'b08', 'b09'])
    expect(result.notExplained).toBe(2)
  })

  it('asks nothing for an account SendGrid listed without a name, which it counts as not explained', () => {
    // No request can go on behalf of `user_id 1007`: a refusal would read as a key without Stats access.
    const requests = plan([...account('user_id 1007', { '2026-11-30': { score: 2, spam_rate: 1 } }), ...account('promo', { '2026-11-30': { score: 2, spam_rate: 1 } })])
    expect(requests).toEqual({ requests: [expect.objectContaining({ account: 'promo' })], notExplained: 1 })
  })

  it('asks nothing when nothing breaches, nor for a score without metrics to explain it, which it counts as not explained', () => {
    expect(plan(account('fine'))).toEqual({ requests: [], notExplained: 0 })
    const bare = rec('bare', '2026-11-30', 1)
    const requests = plan([bare, ...account('promo', { '2026-11-30': { score: 2, spam_rate: 1 } })], { minMetricScores: {} })
    expect(requests).toEqual({ requests: [expect.objectContaining({ account: 'promo', metrics: ['spam_rate'] })], notExplained: 1 })
  })
})

/** Counts with every stat 0 but those given. */
function counts(given: Partial<StatCounts> = {}): StatCounts {
  return { ...(Object.fromEntries(STAT_NAMES.map((name) => [name, 0])) as unknown as StatCounts), ...given }
}

function days(from: Day, ...given: Partial<StatCounts>[]): DayStats[] {
  return given.map((day, index) => ({ date: addDays(from, index), counts: counts(day) }))
}

function request(overrides: Partial<ExplanationRequest> = {}): ExplanationRequest {
  return {
    account: 'promo',
    onBehalfOf: 'promo',
    window: { from: '2026-11-26', to: '2026-11-27' },
    baseline: { from: '2026-11-19', to: '2026-11-25' },
    sortCategoriesBy: 'spam_reports',
    metrics: ['spam_rate'],
    ...overrides
  }
}

/** The explanation of one account's one metric. */
function explainOne(stats: Omit<AccountStats, 'account' | 'gaps'> & { gaps?: StatsGap[] }, overrides: Partial<ExplanationRequest> = {}) {
  const explanation = explain({ requests: [request(overrides)], notExplained: 0 }, [{ account: 'promo', gaps: [], ...stats }])
  return explanation.accounts[0]?.metrics[0]
}

const WEEK_BEFORE = '2026-11-19'

describe('rates against the baseline', () => {
  it('sums the window and the baseline days apart, each stat per its denominator', () => {
    const baseline = Array.from({ length: 7 }, () => ({ delivered: 1000, spam_reports: 1 }))
    const daily = days(WEEK_BEFORE, ...baseline, { delivered: 4000, spam_reports: 20 }, { delivered: 4000, spam_reports: 16 }, { delivered: 9999, spam_reports: 999 })
    expect(explainOne({ daily })?.measures).toEqual([
      { stat: 'spam_reports', per: 'delivered', window: { count: 36, of: 8000, rate: 0.0045 }, baseline: { count: 7, of: 7000, rate: 0.001 } }
    ])
  })

  it('counts bounces and blocks per request, opens per delivered', () => {
    const daily = days('2026-11-26', { requests: 200, delivered: 100, bounces: 10, blocks: 30, unique_opens: 25 })
    const [bounces, blocks, opens] = (['bounce_rate', 'bounce_classification', 'open_rate'] as const).map((metric) => explainOne({ daily }, { metrics: [metric] })?.measures[0])
    expect(bounces).toMatchObject({ stat: 'bounces', per: 'requests', window: { count: 10, of: 200, rate: 0.05 } })
    expect(blocks).toMatchObject({ stat: 'blocks', per: 'requests', window: { count: 30, of: 200, rate: 0.15 } })
    expect(opens).toMatchObject({ stat: 'unique_opens', per: 'delivered', window: { count: 25, of: 100, rate: 0.25 } })
  })

  it('gives engagement recency the nearest stats, opens and clicks per delivered', () => {
    const explained = explainOne({ daily: days('2026-11-26', { delivered: 50, unique_opens: 10, unique_clicks: 5 }) }, { metrics: ['engagement_recency'] })
    expect(explained?.nearest).toBe(true)
    expect(explained?.measures.map(({ stat, per, window }) => [stat, per, window.rate])).toEqual([
      ['unique_opens', 'delivered', 0.2],
      ['unique_clicks', 'delivered', 0.1]
    ])
    expect(explainOne({ daily: [] })?.nearest).toBe(false)
  })

  it('gives no rate where nothing was delivered, in the window or the baseline', () => {
    const daily = days(WEEK_BEFORE, { delivered: 0, spam_reports: 0 }, ...Array.from({ length: 6 }, () => ({})), { spam_reports: 3 }, {})
    const [measure] = explainOne({ daily })?.measures ?? []
    expect(measure).toEqual({ stat: 'spam_reports', per: 'delivered', window: { count: 3, of: 0 }, baseline: { count: 0, of: 0 } })
    expect(measure?.window).not.toHaveProperty('rate')
  })

  it('leaves the baseline out when SendGrid returned no day of it', () => {
    const [measure] = explainOne({ daily: days('2026-11-26', { delivered: 10, spam_reports: 1 }) })?.measures ?? []
    expect(measure).toEqual({ stat: 'spam_reports', per: 'delivered', window: { count: 1, of: 10, rate: 0.1 } })
  })

  it('sums the days SendGrid returned when some are missing, and gives 0 of 0 for a window without any', () => {
    const daily = [...days('2026-11-20', { delivered: 100, spam_reports: 1 }), ...days('2026-11-27', { delivered: 50, spam_reports: 5 })]
    expect(explainOne({ daily })?.measures[0]).toMatchObject({ window: { count: 5, of: 50, rate: 0.1 }, baseline: { count: 1, of: 100, rate: 0.01 } })
    expect(explainOne({ daily: days(WEEK_BEFORE, { delivered: 100 }) })?.measures[0]?.window).toEqual({ count: 0, of: 0 })
  })

  it('measures nothing without the daily stats, and keeps why', () => {
    const gap: StatsGap = { part: 'daily', reason: 'error', message: 'SendGrid answered 500', cause: { status: 500 } }
    const explanation = explain({ requests: [request()], notExplained: 3 }, [{ account: 'promo', gaps: [gap] }])
    expect(explanation).toEqual({
      accounts: [{ account: 'promo', window: request().window, baseline: request().baseline, metrics: [{ metric: 'spam_rate', measures: [], nearest: false, providers: [], categories: [] }], gaps: [gap] }],
      notExplained: 3,
      accessDenied: false
    })
  })

  it('says access was denied when any part of any account was refused for access', () => {
    const refused: StatsGap = { part: 'categories', reason: 'access', message: 'SendGrid answered 403', cause: { status: 403 } }
    const requests = [request(), request({ account: 'news', onBehalfOf: 'news' })]
    expect(explain({ requests, notExplained: 0 }, [{ account: 'promo', gaps: [] }, { account: 'news', gaps: [refused] }]).accessDenied).toBe(true)
  })
})

describe('providers and categories', () => {
  const provider = (name: string, baseline: Partial<StatCounts> | undefined, ...window: Partial<StatCounts>[]) => ({
    name,
    days: [...(baseline ? days('2026-11-25', baseline) : []), ...days('2026-11-26', ...window)]
  })

  it('names the three providers with most of the stat in the window, with their rates then and before', () => {
    const providers = [
      provider('Yahoo', { delivered: 100, spam_reports: 1 }, { delivered: 1000, spam_reports: 4 }, { delivered: 1000, spam_reports: 4 }),
      provider('Gmail', { delivered: 500, spam_reports: 1 }, { delivered: 4000, spam_reports: 20 }, { delivered: 3900, spam_reports: 21 }),
      provider('Outlook', undefined, { delivered: 800, spam_reports: 8 }),
      provider('AOL', { delivered: 10, spam_reports: 9 }, { delivered: 200, spam_reports: 1 }),
      provider('Quiet', { delivered: 10, spam_reports: 9 }, { delivered: 9000 })
    ]
    expect(explainOne({ providers })?.providers).toEqual([
      { name: 'Gmail', window: { count: 41, of: 7900, rate: 41 / 7900 }, baseline: { count: 1, of: 500, rate: 0.002 } },
      { name: 'Outlook', window: { count: 8, of: 800, rate: 0.01 } },
      { name: 'Yahoo', window: { count: 8, of: 2000, rate: 0.004 }, baseline: { count: 1, of: 100, rate: 0.01 } }
    ])
  })

  it('names, for opens, the three providers furthest short of their rate before, not those with most opens nor those within a tenth of it', () => {
    const providers = [
      provider('Yahoo', { delivered: 1000, unique_opens: 220 }, { delivered: 10_000, unique_opens: 2200 }),
      provider('Gmail', { delivered: 1000, unique_opens: 135 }, { delivered: 20_000, unique_opens: 1200 }),
      provider('Outlook', { delivered: 1000, unique_opens: 200 }, { delivered: 5000, unique_opens: 0 }),
      provider('Comcast', { delivered: 1000, unique_opens: 200 }, { delivered: 5000, unique_opens: 950 }),
      provider('New', undefined, { delivered: 5000, unique_opens: 10 })
    ]
    expect(explainOne({ providers }, { metrics: ['open_rate'] })?.providers).toEqual([
      { name: 'Gmail', window: { count: 1200, of: 20_000, rate: 0.06 }, baseline: { count: 135, of: 1000, rate: 0.135 } },
      { name: 'Outlook', window: { count: 0, of: 5000, rate: 0 }, baseline: { count: 200, of: 1000, rate: 0.2 } }
    ])
  })

  it('names the three categories with most of the stat, each per its own denominator, from the first measure', () => {
    const categories = [
      { name: 'receipts', counts: counts({ delivered: 900, spam_reports: 1, unique_opens: 600 }) },
      { name: 'weekly-deals', counts: counts({ delivered: 5000, spam_reports: 38, unique_opens: 100 }) },
      { name: 'onboarding', counts: counts({ delivered: 0, spam_reports: 2 }) },
      { name: 'digest', counts: counts({ delivered: 400, spam_reports: 2, unique_opens: 40 }) },
      { name: 'silent', counts: counts({ delivered: 400 }) }
    ]
    expect(explainOne({ categories })?.categories).toEqual([
      { name: 'weekly-deals', window: { count: 38, of: 5000, rate: 0.0076 } },
      { name: 'digest', window: { count: 2, of: 400, rate: 0.005 } },
      { name: 'onboarding', window: { count: 2, of: 0 } }
    ])
    expect(explainOne({ categories }, { metrics: ['engagement_recency'] })?.categories.map((category) => category.name)).toEqual(['receipts', 'weekly-deals', 'digest'])
  })

  it('names none when SendGrid gave none (most senders set no category)', () => {
    expect(explainOne({ providers: [], categories: [] })).toMatchObject({ providers: [], categories: [] })
  })
})

describe('properties', () => {
  const countsArb = fc.record(Object.fromEntries(STAT_NAMES.map((name) => [name, fc.oneof(fc.constant(0), fc.nat({ max: 1e7 }))])) as Record<keyof StatCounts, fc.Arbitrary<number>>)
  const daysArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), countsArb), { maxLength: 9 }).map((entries) => {
    const byDate = new Map(entries.map(([offset, dayCounts]) => [addDays(WEEK_BEFORE, offset), dayCounts]))
    return [...byDate].map(([date, dayCounts]) => ({ date, counts: dayCounts }))
  })
  const statsArb = fc.record({
    daily: daysArb,
    providers: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), days: daysArb }), { maxLength: 6 }),
    categories: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), counts: countsArb }), { maxLength: 6 })
  })
  const metricArb = fc.constantFrom('spam_rate', 'bounce_rate', 'bounce_classification', 'open_rate', 'engagement_recency' as const)

  it('every rate is finite, there exactly when its denominator is not 0; at most 3 segments, most first', () => {
    fc.assert(
      fc.property(statsArb, metricArb, (stats, metric) => {
        const explained = explainOne(stats, { metrics: [metric] })
        if (!explained) return false
        const rates = [...explained.measures.flatMap((measure) => [measure.window, measure.baseline]), ...[...explained.providers, ...explained.categories].flatMap((segment) => [segment.window, segment.baseline])].filter((rate) => rate !== undefined)
        for (const rate of rates) expect(rate.rate === undefined ? rate.of === 0 : rate.of > 0 && Number.isFinite(rate.rate) && rate.rate === rate.count / rate.of).toBe(true)
        // Opens and clicks fall: their providers are ranked by how far short of their rate before they fell.
        const falling = metric === 'open_rate' || metric === 'engagement_recency'
        for (const segments of [explained.providers, explained.categories]) {
          expect(segments.length).toBeLessThanOrEqual(3)
          const ranked = segments.map(falling && segments === explained.providers ? shortfall : (segment: Segment) => segment.window.count)
          expect(ranked).toEqual([...ranked].sort((a, b) => b - a))
          expect(ranked.every((value) => value > 0)).toBe(true)
        }
        return true
      })
    )
  })

  const recordsArb = fc.array(
    fc.record({
      account: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'),
      offset: fc.integer({ min: 0, max: 9 }),
      score: fc.option(fc.integer({ min: 10, max: 50 }).map((tenths) => tenths / 10), { nil: undefined }),
      metric: fc.constantFrom('spam_rate', 'bounce_rate', 'bounce_classification', 'open_rate', 'engagement_recency' as const),
      low: fc.integer({ min: 1, max: 5 })
    }),
    { maxLength: 60 }
  )

  it('the plan: at most 10 accounts in breach, worst first, each over its breach days against the 7 before', () => {
    fc.assert(
      fc.property(recordsArb, fc.constantFrom('all', 'latest', 'average' as const), fc.option(fc.constantFrom(0.5, 1, 2), { nil: undefined }), (drawn, mode, maxDrop) => {
        const byKey = new Map(drawn.map(({ account, offset, score, metric, low }) => [`${account} ${offset}`, rec(account, addDays(FROM, offset), score, score === undefined ? undefined : { [metric]: low })]))
        const evaluation = evaluate({ records: RecordStore.of([...byKey.values()]), failures: [] }, config({ evaluate: mode, maxDrop, minMetricScores: { spam_rate: 3, bounce_rate: 3 } }))
        const { requests, notExplained } = planExplanations(evaluation)
        const breaching = evaluation.accounts.filter((verdict) => verdict.breaches > 0).map((verdict) => verdict.account)
        expect(requests.length).toBeLessThanOrEqual(10)
        expect(requests.length + notExplained).toBe(breaching.length)
        const order = requests.map((request) => breaching.indexOf(request.account))
        expect(order.every((position, index) => position >= 0 && (index === 0 || position > (order[index - 1] as number)))).toBe(true)
        for (const { window, baseline, metrics, sortCategoriesBy } of requests) {
          expect(FROM <= window.from && window.from <= window.to && window.to <= TO).toBe(true)
          expect(baseline).toEqual({ from: addDays(window.from, -7), to: addDays(window.from, -1) })
          expect(metrics.length).toBeGreaterThan(0)
          expect(new Set(metrics).size).toBe(metrics.length)
          expect(STAT_NAMES).toContain(sortCategoriesBy)
        }
        return true
      })
    )
  })

  it('rateOf never divides by nothing', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), (count, of) => (of === 0 ? rateOf(count, of).rate === undefined : rateOf(count, of).rate === count / of)))
  })
})
