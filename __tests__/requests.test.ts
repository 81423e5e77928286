import { afterEach, describe, expect, it } from '@jest/globals'
import { Agent } from 'undici'
import { bulkScenario, bulkUsername, demoScenario } from '../sim/scenarios.js'
import { DEFAULT_API_KEY, startSimulator, type Simulator, type SimulatorOptions } from '../sim/simulator.js'
import { failedSubject, type Collection, type Failure } from '../src/records/collection.js'
import { collectScores } from '../src/sendgrid/collect.js'
import { addDays } from '../src/dates.js'
import type { Config } from '../src/inputs.js'
import { DEFAULT_POLICY } from '../src/sendgrid/retry-policy.js'
import { SendGridClient, SCORES_PATH, SUBUSER_SCORES_PATH } from '../src/sendgrid/client.js'
import { VirtualClock } from './support/virtual-clock.js'

/**
 * How many requests the collector sends for a run, counted by the simulator over real sockets. Both
 * run on one virtual clock: a 202 that lasts 500 ms or a rate-limit window of a second costs no
 * real time, and which request comes before which is decided by the code, not by the machine's load.
 */

const TODAY = '2026-11-20'
let simulator: Simulator | undefined
const agent = new Agent()
afterEach(async () => {
  await simulator?.close()
  simulator = undefined
})

async function collect(options: SimulatorOptions, config: Pick<Config, 'parent' | 'subusers'> & { days: number }, deadlineInMs = 60_000): Promise<Collection> {
  const clock = new VirtualClock()
  simulator = await startSimulator({ today: TODAY, clock, ...options })
  const client = new SendGridClient({ apiKey: DEFAULT_API_KEY, baseUrl: simulator.url, dispatcher: agent })
  const range = { from: addDays(TODAY, -config.days), to: addDays(TODAY, -1) }
  const polling = { policy: { ...DEFAULT_POLICY, pollIntervalMs: 20 }, clock, deadlineMs: clock.now() + deadlineInMs, requestTimeoutMs: 10_000 }
  return (await clock.drive(() => collectScores({ ...config, ...range }, client, polling))).value
}

const usernames = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, index) => bulkUsername(from + index))
const listings = (sim: Simulator) => sim.requests.filter((request) => request.path === SUBUSER_SCORES_PATH)
const perAccount = (sim: Simulator) => sim.requests.filter((request) => request.path === SCORES_PATH)

describe('requests for listed subusers', () => {
  it('reads 500 of 800 subusers over 30 days from the listing: 30 requests, not 500', async () => {
    const names = usernames(101, 500)
    const collection = await collect(bulkScenario(800, { today: TODAY }), { parent: false, subusers: names, days: 30 })

    const sim = simulator as Simulator
    expect(sim.requests).toHaveLength(30)
    expect(listings(sim)).toHaveLength(30)
    expect(new Set(listings(sim).map((request) => request.query.date)).size).toBe(30)
    expect(collection.failures).toEqual([])
    expect(collection.records).toHaveLength(500 * 30)
    expect(new Set([...collection.records].map((record) => record.account))).toEqual(new Set(names))
  })

  it('asks for each name on its own when there are no more names than days', async () => {
    const collection = await collect(bulkScenario(800, { today: TODAY }), { parent: false, subusers: usernames(1, 30), days: 30 })

    const sim = simulator as Simulator
    expect(perAccount(sim).map((request) => request.onBehalfOf).sort()).toEqual(usernames(1, 30))
    expect(listings(sim)).toHaveLength(0)
    expect(collection.records).toHaveLength(30 * 30)
  })

  it('pages the first day to learn the account is large, then takes the listing when it is still cheaper (900 of 2,500 over 30 days: 90)', async () => {
    const collection = await collect(bulkScenario(2500, { today: TODAY }), { parent: false, subusers: usernames(1000, 900), days: 30 })

    const sim = simulator as Simulator
    expect(sim.requests).toHaveLength(90)
    expect(perAccount(sim)).toHaveLength(0)
    expect(collection.records).toHaveLength(900 * 30)
  })

  it('falls back to one request per name once the probe shows the listing is dearer (60 of 5,000 over 20 days: 3 pages + 60)', async () => {
    const names = usernames(4000, 60)
    const collection = await collect(bulkScenario(5000, { today: TODAY }), { parent: false, subusers: names, days: 20 })

    const sim = simulator as Simulator
    expect(listings(sim).map((request) => request.query.after_key)).toEqual([undefined, '2000', '3000'])
    expect(perAccount(sim).map((request) => request.onBehalfOf).sort()).toEqual(names)
    expect(collection.records).toHaveLength(60 * 20)
    expect(new Set([...collection.records].map((record) => record.account))).toEqual(new Set(names))
  })

  it('asks on its own for a listed name the listing does not contain, and reports SendGrid\'s answer', async () => {
    const collection = await collect(
      { ...demoScenario(TODAY), pending: undefined },
      { parent: true, subusers: ['marketing', 'ghost', 'newsletters', 'account-id 8001'], days: 1 }
    )

    const sim = simulator as Simulator
    // One listing page for the names, the parent and the customer account on their own, then the name it lacked.
    expect(listings(sim)).toHaveLength(1)
    expect(perAccount(sim).map((request) => request.onBehalfOf ?? 'parent').sort()).toEqual(['account-id 8001', 'ghost', 'parent'])
    expect(collection.failures).toEqual([
      { account: 'ghost', outcome: 'error', message: expect.stringMatching(/^SendGrid answered 403 .*check that "ghost" is a subuser/), cause: { endpoint: 'scores', status: 403 } }
    ])
    expect(new Set([...collection.records].map((record) => record.account))).toEqual(new Set(['acme', 'marketing', 'newsletters', 'account-id 8001']))
  })

  it('names the listed subusers a failed day of the listing hid, not every subuser, leaving out those asked for on their own', async () => {
    const names = usernames(101, 40)
    const failedDay = addDays(TODAY, -3)
    const internalError = { status: 500, body: { errors: [{ field: null, message: 'internal server error' }] } }
    const collection = await collect(
      { ...bulkScenario(800, { today: TODAY }), fault: (request) => (request.path === SUBUSER_SCORES_PATH && request.query.date === failedDay ? internalError : undefined) },
      { parent: false, subusers: [...names, 'ghost'], days: 7 }
    )

    // The names were read from the listing: one page a day.
    expect(listings(simulator as Simulator).filter((request) => request.query.date !== failedDay)).toHaveLength(6)
    const [day, ghost] = collection.failures
    expect(day).toMatchObject({ date: failedDay, listed: names, cause: { endpoint: 'listing', status: 500 } })
    expect(day?.account).toBeUndefined()
    expect(failedSubject(day as Failure)).toBe(`sub-00101, sub-00102, sub-00103 and 37 other listed subusers on ${failedDay}`)
    expect(ghost).toMatchObject({ account: 'ghost', cause: { endpoint: 'scores', status: 403 } })
  })

  it('asks for each name when the listing cannot be read, so each failure names its account', async () => {
    const collection = await collect(
      { ...demoScenario(TODAY), pending: undefined, fault: (request) => (request.path === SUBUSER_SCORES_PATH ? { status: 403, body: { errors: [{ message: 'access forbidden' }] } } : undefined) },
      { parent: false, subusers: ['marketing', 'ghost'], days: 1 }
    )

    const sim = simulator as Simulator
    expect(listings(sim)).toHaveLength(1)
    expect(perAccount(sim).map((request) => request.onBehalfOf).sort()).toEqual(['ghost', 'marketing'])
    expect(collection.failures).toEqual([expect.objectContaining({ account: 'ghost', outcome: 'error' })])
    expect(collection.failures[0]?.message).toMatch(/SendGrid answered 403 \(access forbidden\)/)
  })
})

describe('requests for every subuser', () => {
  it('sends one listing page per 1,000 subusers per day, plus the parent', async () => {
    const collection = await collect(bulkScenario(2500, { today: TODAY }), { parent: true, subusers: 'all', days: 3 })

    const sim = simulator as Simulator
    expect(listings(sim)).toHaveLength(3 * 3)
    expect(perAccount(sim)).toHaveLength(1)
    expect(collection.records).toHaveLength(2500 * 3 + 3)
  })
})

describe('pacing', () => {
  it('waits out a low rate-limit budget instead of running into 429s', async () => {
    const collection = await collect(
      { ...bulkScenario(20, { today: TODAY }), rateLimit: { limit: 8, windowMs: 1000 } },
      { parent: false, subusers: usernames(1, 20), days: 30 }
    )

    // Each 429 would have been retried: exactly one request per name means none was sent.
    expect(simulator?.requests.length).toBe(20)
    expect(collection.failures).toEqual([])
    expect(collection.records).toHaveLength(20 * 30)
  })
})

describe('entries without a username (SendGrid leaves it out on unscored days)', () => {
  const sometimes = (date: string): number | undefined => (date === addDays(TODAY, -2) ? undefined : 4)

  it('with "*", names a subuser\'s unscored days after its scored ones', async () => {
    const collection = await collect(
      { usernames: 'scored-only', subusers: [{ username: 'bob', userId: '1002', score: sometimes }, { username: 'quiet', userId: '1003', score: () => undefined }] },
      { parent: false, subusers: 'all', days: 3 }
    )

    const byAccount = Map.groupBy(collection.records, (record) => record.account)
    expect(byAccount.get('bob')?.map((record) => record.date).sort()).toEqual([addDays(TODAY, -3), addDays(TODAY, -2), addDays(TODAY, -1)])
    // Never named in the range: it keeps its user_id rather than being dropped.
    expect(byAccount.get('user_id 1003')).toHaveLength(3)
    expect(collection.failures).toEqual([])
  })

  it('reading listed names from the listing, keeps their unscored days and asks for a never-named one on its own', async () => {
    const names = ['bob', 'quiet', ...usernames(1, 8)]
    const subusers = [
      { username: 'bob', userId: '1002', score: sometimes },
      { username: 'quiet', userId: '1003', score: () => undefined },
      ...usernames(1, 8).map((username, index) => ({ username, userId: String(2000 + index) }))
    ]
    const collection = await collect({ usernames: 'scored-only', subusers }, { parent: false, subusers: names, days: 3 })

    const sim = simulator as Simulator
    expect(listings(sim)).toHaveLength(3)
    expect(perAccount(sim).map((request) => request.onBehalfOf)).toEqual(['quiet'])
    expect(collection.failures).toEqual([])
    const byAccount = Map.groupBy(collection.records, (record) => record.account)
    expect(byAccount.get('bob')).toHaveLength(3)
    expect(byAccount.get('quiet')?.every((record) => record.score === undefined)).toBe(true)
    expect([...byAccount.keys()].sort()).toEqual([...names].sort())
  })
})

describe('waiting', () => {
  it('waits out 202s for every account at once: a waiting account holds no place', async () => {
    const collection = await collect(
      { pending: { ms: 500 }, subusers: usernames(1, 9).map((username) => ({ username })) },
      { parent: false, subusers: usernames(1, 9), days: 9 }
    )

    expect(collection.failures).toEqual([])
    expect(new Set([...collection.records].map((record) => record.account)).size).toBe(9)
    // Every account is asked before any is asked again: none waited for another's scores.
    const firstNine = (simulator as Simulator).requests.slice(0, 9).map((request) => request.onBehalfOf)
    expect(new Set(firstNine).size).toBe(9)
  })

  it('sends nothing once wait-timeout has run out, and says so', async () => {
    const collection = await collect(
      { pending: { polls: 1_000_000 }, subusers: usernames(1, 3).map((username) => ({ username })) },
      { parent: true, subusers: usernames(1, 3), days: 7 },
      -1
    )

    expect(simulator?.requests).toEqual([])
    expect(collection.failures).toHaveLength(4)
    for (const failure of collection.failures)
      expect(failure).toMatchObject({ outcome: 'pending', message: 'not requested: wait-timeout ran out first', cause: { endpoint: 'scores' } })
    expect(collection.failures.filter((failure) => 'status' in failure.cause || 'network' in failure.cause)).toEqual([])
  })
})
