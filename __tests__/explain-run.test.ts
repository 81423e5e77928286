import { afterEach, describe, expect, it } from '@jest/globals'
import { runCheck, type Check } from '../src/engine.js'
import { parseConfig } from '../src/inputs.js'
import {
  addDays,
  CATEGORY_SUMS_PATH,
  DEFAULT_API_KEY,
  PROVIDER_STATS_PATH,
  startSimulator,
  STATS_PATH,
  utcToday,
  type Simulator,
  type SimulatorOptions
} from '../sim/simulator.js'
import { VirtualClock } from './support/virtual-clock.js'

/**
 * The engine explains the accounts in breach from SendGrid's stats after the verdict, against the
 * simulator on a virtual clock: with the scores' deadline, pacer and client, and never changing
 * the verdict.
 */

const TODAY = utcToday()
const YESTERDAY = addDays(TODAY, -1)
const STATS = new Set([STATS_PATH, PROVIDER_STATS_PATH, CATEGORY_SUMS_PATH])

let simulator: Simulator | undefined
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

/** promo's spam rate falls to 2 on the last two days, its spam reports at Gmail and in weekly-deals; fine stays at 4. */
const PROMO = {
  username: 'promo',
  metrics: (date: string) => ({ spam_rate: date >= addDays(TODAY, -2) ? 2 : 4 }),
  stats: { categories: ['weekly-deals', 'receipts'] }
}

interface Run {
  check: Check
  lines: string[]
  elapsedMs: number
  /** The Stats requests the simulator received. */
  statsRequests: { path: string; onBehalfOf?: string }[]
}

async function run(inputs: Record<string, string>, simulated: SimulatorOptions = {}): Promise<Run> {
  const clock = new VirtualClock()
  simulator = await startSimulator({ subusers: [PROMO, { username: 'fine' }], clock, ...simulated })
  const values: Record<string, string> = { 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, subusers: 'promo, fine', 'min-metric-scores': 'spam_rate=3', ...inputs }
  const config = parseConfig((name) => values[name] ?? '', TODAY)
  const lines: string[] = []
  const { value: check, elapsedMs } = await clock.drive(() => runCheck(config, { clock, log: (line) => lines.push(line) }))
  const statsRequests = simulator.requests.filter((request) => STATS.has(request.path)).map(({ path, onBehalfOf }) => ({ path, onBehalfOf }))
  return { check, lines, elapsedMs, statsRequests }
}

/** What the verdict is made of: nothing of it may depend on the explanation. */
function verdictOf({ evaluation }: Check) {
  return { result: evaluation.result, breaches: [...evaluation.breaches], failures: evaluation.failures, lowestScore: evaluation.lowestScore }
}

describe('explaining the accounts in breach', () => {
  it('fetches the stats of the account in breach alone, on its behalf, and says why its score fell', async () => {
    const { check, lines, statsRequests } = await run({})

    expect(check.evaluation.result).toBe('failed')
    expect(lines).toContain("Explaining 1 account in breach from SendGrid's stats")
    expect(statsRequests).toEqual([
      { path: STATS_PATH, onBehalfOf: 'promo' },
      { path: PROVIDER_STATS_PATH, onBehalfOf: 'promo' },
      { path: CATEGORY_SUMS_PATH, onBehalfOf: 'promo' }
    ])
    const { explanation } = check.evaluation
    expect(explanation).toMatchObject({ notExplained: 0, accessDenied: false })
    const [promo] = explanation?.accounts ?? []
    expect(promo).toMatchObject({ account: 'promo', window: { from: addDays(TODAY, -2), to: YESTERDAY }, baseline: { from: addDays(TODAY, -9), to: addDays(TODAY, -3) }, gaps: [] })
    const [spam] = promo?.metrics ?? []
    expect(spam?.metric).toBe('spam_rate')
    const [measure] = spam?.measures ?? []
    expect(measure?.stat).toBe('spam_reports')
    expect(measure?.window.rate).toBeGreaterThan(5 * (measure?.baseline?.rate ?? Infinity))
    expect(spam?.providers[0]?.name).toBe('Gmail')
    expect(spam?.categories[0]?.name).toBe('weekly-deals')
  })

  it('sends no stats request when nothing breaches', async () => {
    const { check, statsRequests, lines } = await run({ 'min-metric-scores': '' })
    expect(check.evaluation.result).toBe('passed')
    expect(check.evaluation.explanation).toBeUndefined()
    expect(statsRequests).toEqual([])
    expect(lines.some((line) => line.startsWith('Explaining'))).toBe(false)
  })

  it('sends no stats request under explain: false, and judges the same', async () => {
    const explained = await run({})
    await simulator?.close()
    const { check, statsRequests } = await run({ explain: 'false' })
    expect(statsRequests).toEqual([])
    expect(check.evaluation.explanation).toBeUndefined()
    expect(verdictOf(check)).toEqual(verdictOf(explained.check))
  })
})

describe('the verdict stands whatever the stats do', () => {
  it('a key without Stats read: one request, access denied, the same verdict', async () => {
    const unexplained = await run({ explain: 'false' })
    await simulator?.close()
    const { check, statsRequests } = await run({}, { statsAccess: 'none' })

    expect(verdictOf(check)).toEqual(verdictOf(unexplained.check))
    expect(statsRequests).toHaveLength(1)
    expect(check.evaluation.explanation?.accessDenied).toBe(true)
    expect(check.evaluation.explanation?.accounts[0]?.gaps.map((gap) => [gap.part, gap.reason])).toEqual([
      ['daily', 'access'],
      ['providers', 'access'],
      ['categories', 'access']
    ])
  })

  it('500s on every stats request: each part a gap, the same verdict', async () => {
    const unexplained = await run({ explain: 'false' })
    await simulator?.close()
    const fault = (request: { path: string }) => (STATS.has(request.path) ? { status: 500, body: { errors: [{ field: null, message: 'internal error' }] } } : undefined)
    const { check } = await run({}, { fault })

    expect(verdictOf(check)).toEqual(verdictOf(unexplained.check))
    const [promo] = check.evaluation.explanation?.accounts ?? []
    expect(promo?.gaps.map((gap) => [gap.part, gap.reason, gap.cause.status])).toEqual([
      ['daily', 'error', 500],
      ['providers', 'error', 500],
      ['categories', 'error', 500]
    ])
    expect(promo?.metrics[0]).toMatchObject({ metric: 'spam_rate', measures: [], providers: [], categories: [] })
    expect(check.evaluation.explanation?.accessDenied).toBe(false)
  })

  it('the stats get what the scores left of wait-timeout: the run ends within it', async () => {
    // The scores take 50 s of 70; ten accounts' stats answered 503 would take far longer alone.
    // Customer accounts are each read on their own, all at once, so all their scores come at 50 s.
    const subusers = Array.from({ length: 10 }, (_, index) => ({ ...PROMO, username: `promo-${index}`, customerAccountId: String(index + 1) }))
    const fault = (request: { path: string }) => (STATS.has(request.path) ? { status: 503 } : undefined)
    const { check, elapsedMs, statsRequests } = await run(
      { subusers: subusers.map((subuser) => `account-id ${subuser.customerAccountId}`).join(','), 'wait-timeout': '70s' },
      { subusers, pending: { ms: 50_000 }, fault }
    )

    expect(check.evaluation.result).toBe('failed')
    expect(check.evaluation.explanation?.accounts).toHaveLength(10)
    expect(statsRequests.length).toBeGreaterThan(0)
    expect(elapsedMs).toBeGreaterThanOrEqual(50_000)
    expect(elapsedMs).toBeLessThanOrEqual(70_000)
  })
})

describe('the step log while the stats are fetched', () => {
  it('goes on saying what it waits for, every 5 s here, so that stats being retried are not taken for a hang', async () => {
    const fault = (request: { path: string }) => (STATS.has(request.path) ? { status: 503 } : undefined)
    const { lines, elapsedMs } = await run({ 'wait-timeout': '70s' }, { fault })

    const explaining = lines.findIndex((line) => line.startsWith('Explaining '))
    const waiting = lines.slice(explaining + 1).filter((line) => line.startsWith("Waiting for SendGrid's stats: "))
    // Retrying the 503s takes about 18 s of virtual time before the retry policy gives up.
    expect(elapsedMs).toBeGreaterThan(15_000)
    expect(waiting.slice(0, 3)).toEqual(['5s', '10s', '15s'].map((waited) => `Waiting for SendGrid's stats: ${waited} of 1m 10s`))
  })
})

describe('one rate-limit budget', () => {
  it('paces the stats with what the scores spent: no window ever takes more than the limit less the reserve', async () => {
    const clock = new VirtualClock()
    const arrivals: number[] = []
    const fault = () => {
      arrivals.push(clock.now())
      return undefined
    }
    simulator = await startSimulator({ subusers: [PROMO], clock, rateLimit: { limit: 2, windowMs: 60_000 }, fault })
    const values: Record<string, string> = { 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, subusers: 'promo', 'min-metric-scores': 'spam_rate=3' }
    const config = parseConfig((name) => values[name] ?? '', TODAY)
    const { value: check } = await clock.drive(() => runCheck(config, { clock }))

    expect(check.evaluation.explanation?.accounts[0]?.gaps).toEqual([])
    // The simulator's windows: each starts with the first request after the last one ended.
    const perWindow: number[] = []
    let windowEndMs = -Infinity
    for (const atMs of arrivals) {
      if (atMs >= windowEndMs) {
        windowEndMs = atMs + 60_000
        perWindow.push(1)
      } else perWindow.push((perWindow.pop() ?? 0) + 1)
    }
    expect(perWindow.every((count) => count <= 1)).toBe(true)
    expect(arrivals.length).toBeGreaterThanOrEqual(4)
  })
})
