import { afterEach, describe, expect, it } from '@jest/globals'
// The real clock itself is under test below: a fetch on it must leave no timer behind.
// eslint-disable-next-line no-restricted-imports
import { realClock, type Clock } from '../src/clock.js'
import { eachDay, formatDuration } from '../src/dates.js'
import { fetchScores, progressIntervalMs } from '../src/engine.js'
import { parseConfig, type Config } from '../src/inputs.js'
import type { ApiOutcome, ScoresQuery, SendGridClient } from '../src/sendgrid/client.js'
import { FetchProgress } from '../src/sendgrid/progress.js'
import { demoScenario } from '../sim/scenarios.js'
import { addDays, DEFAULT_API_KEY, startSimulator, utcToday, type Simulator } from '../sim/simulator.js'
import { cli } from './support/cli.js'
import { runDist } from './support/runner.js'
import { VirtualClock } from './support/virtual-clock.js'

/** What the engine says while a fetch waits, and what it cost: on a virtual clock, and from the built Action. */

const TODAY = '2026-06-15'
const WAITING = /^Waiting for SendGrid to compute scores: (\d+) of (\d+) accounts? pending, (.+) of (\S+)$/

function config(inputs: Record<string, string>): Config {
  const values: Record<string, string> = { 'api-key': DEFAULT_API_KEY, ...inputs }
  return parseConfig((name) => values[name] ?? '', TODAY)
}

/** A SendGrid that computes each account's scores until its time comes (202 before), counting what it answers. */
function computingClient(clock: Clock, readyAtMs: (account: string) => number) {
  const answered = { requests: 0, pending: 0 }
  const scores = async ({ from, to, onBehalfOf = 'parent' }: ScoresQuery): Promise<ApiOutcome> => {
    answered.requests++
    if (clock.now() < readyAtMs(onBehalfOf)) {
      answered.pending++
      return { kind: 'pending', rateLimit: {} }
    }
    const metrics = { engagement_recency: 4, open_rate: 4, bounce_classification: 4, bounce_rate: 4, spam_rate: 4 }
    return { kind: 'ok', body: { result: eachDay(from, to).map((date) => ({ user_id: '1', date, score: 4, metrics })) }, rateLimit: {} }
  }
  const client = { host: 'api.sendgrid.com', scores, subuserScores: () => Promise.reject(new Error('not used')) } as unknown as SendGridClient
  return { client, answered }
}

const customers = (count: number): string[] => Array.from({ length: count }, (_, index) => `account-id ${index + 1}`)

describe('progress while a fetch waits, on a virtual clock', () => {
  it('says every 15 s how many accounts are still computed, against wait-timeout, then what the fetch cost', async () => {
    const clock = new VirtualClock(0)
    // Nine accounts ready after a minute, three after three minutes.
    const { client, answered } = computingClient(clock, (account) => (Number(account.split(' ')[1]) <= 9 ? 60_000 : 180_000))
    const lines: string[] = []
    const { value: collection } = await clock.drive(() => fetchScores(config({ subusers: customers(12).join(','), from: '-2d' }), client, { clock, log: (line) => lines.push(line) }))

    expect(collection.failures).toEqual([])
    expect(collection.records).toHaveLength(12 * 2)
    const [fetching, ...rest] = lines
    const waiting = rest.slice(0, -1)
    expect(fetching).toBe('Fetching SendGrid engagement quality scores for 2026-06-13 to 2026-06-14 from api.sendgrid.com')
    const parsed = waiting.map((line) => WAITING.exec(line))
    expect(parsed.every(Boolean)).toBe(true)
    // Exactly every 15 s of the wait, each against the whole wait-timeout.
    expect(parsed.map((match) => match?.[3])).toEqual(waiting.map((_, index) => formatDuration((index + 1) * 15_000)))
    expect(parsed.every((match) => match?.[2] === '12' && match[4] === '10m')).toBe(true)
    expect(waiting.length).toBe(Math.floor(clock.now() / 15_000))
    // The pending count only falls, from all twelve to the three computed longest.
    const pending = parsed.map((match) => Number(match?.[1]))
    expect(pending.slice(0, 3)).toEqual([12, 12, 12])
    expect(pending).toEqual([...pending].sort((a, b) => b - a))
    expect(pending).toContain(3)
    expect(rest.at(-1)).toBe(`Fetched in ${formatDuration(clock.now())}: ${answered.requests} requests, ${answered.pending} polls after 202, 0 retries`)
    expect(answered.requests).toBe(answered.pending + 12)
  })

  it('says nothing between the first line and the cost when the answers come before the first interval', async () => {
    const clock = new VirtualClock(0)
    const { client, answered } = computingClient(clock, () => 5_000)
    const lines: string[] = []
    await clock.drive(() => fetchScores(config({ 'poll-interval': '2s' }), client, { clock, log: (line) => lines.push(line) }))

    expect(clock.now()).toBeLessThan(15_000)
    expect(answered.pending).toBeGreaterThanOrEqual(2)
    expect(lines).toEqual([
      expect.stringMatching(/^Fetching /),
      `Fetched in ${formatDuration(clock.now())}: ${answered.pending + 1} requests, ${answered.pending} polls after 202, 0 retries`
    ])
  })

  it('keeps a steady pace: every wait-timeout/40, between 5 and 15 s', () => {
    expect(progressIntervalMs(600_000)).toBe(15_000)
    expect(progressIntervalMs(6 * 3_600_000)).toBe(15_000)
    expect(progressIntervalMs(300_000)).toBe(7_500)
    expect(progressIntervalMs(60_000)).toBe(5_000)
    expect(progressIntervalMs(1_000)).toBe(5_000)
  })

  it('leaves no timer behind on the real clock once the fetch is over', async () => {
    const { client } = computingClient(realClock, () => 0)
    const timers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length
    const before = timers()
    await fetchScores(config({}), client, { clock: realClock })
    expect(timers()).toBe(before)
  })
})

describe('a progress line', () => {
  /** Holds a wait of `reason` open while `line` is read. */
  async function whileHolding(progress: FetchProgress, reason: Parameters<FetchProgress['hold']>[0], line: () => string): Promise<string> {
    let release = (): void => {}
    const held = progress.hold(reason, () => new Promise<void>((resolve) => (release = resolve)))
    const text = line()
    release()
    await held
    return text
  }

  it('names what the requests under way wait for, computing scores first', async () => {
    const progress = new FetchProgress()
    progress.plan('account')
    const line = (): string => progress.waitingLine(45_000, 600_000)

    expect(line()).toBe('Waiting for SendGrid to answer: 1 of 1 account pending, 45s of 10m')
    expect(await whileHolding(progress, 'retry', line)).toBe('Retrying after a failed request: 1 of 1 account pending, 45s of 10m')
    expect(await whileHolding(progress, 'paced', line)).toBe("Waiting for SendGrid's rate limit to reset: 1 of 1 account pending, 45s of 10m")
    expect(await whileHolding(progress, 'rate-limited', line)).toBe("Waiting for SendGrid's rate limit to reset: 1 of 1 account pending, 45s of 10m")
    let release = (): void => {}
    const retrying = progress.hold('retry', () => new Promise<void>((resolve) => (release = resolve)))
    expect(await whileHolding(progress, 'computing', line)).toBe('Waiting for SendGrid to compute scores: 1 of 1 account pending, 45s of 10m')
    release()
    await retrying
    expect(line()).toBe('Waiting for SendGrid to answer: 1 of 1 account pending, 45s of 10m')
  })

  it('counts accounts and days of the subuser listing apart, each while some of it is pending', () => {
    const progress = new FetchProgress()
    progress.plan('account')
    for (let day = 0; day < 30; day++) progress.plan('listing-day')
    for (let day = 0; day < 25; day++) progress.finish('listing-day')
    expect(progress.waitingLine(75_000, 3_600_000)).toBe('Waiting for SendGrid to answer: 1 of 1 account and 5 of 30 days of the subuser listing pending, 1m 15s of 1h')
    progress.finish('account')
    expect(progress.waitingLine(75_000, 3_600_000)).toBe('Waiting for SendGrid to answer: 5 of 30 days of the subuser listing pending, 1m 15s of 1h')
  })

  it('ends with the cost: requests, polls after 202, retries, and pauses for the rate limit when there were any', async () => {
    const progress = new FetchProgress()
    expect(progress.costLine(300)).toBe('Fetched in 300ms: 0 requests, 0 polls after 202, 0 retries')
    progress.sent()
    await progress.hold('computing', async () => {})
    await progress.hold('retry', async () => {})
    await progress.hold('rate-limited', async () => {})
    await progress.hold('paced', async () => {})
    expect(progress.costLine(47_000)).toBe('Fetched in 47s: 1 request, 1 poll after 202, 2 retries, 1 pause for the rate limit')
  })
})

describe('the built faces', () => {
  let simulator: Simulator | undefined
  afterEach(async () => {
    await simulator?.close()
    simulator = undefined
  })

  /** The waiting lines and the cost line among `lines`, each checked against the run's own requests. */
  function progressOf(lines: string[], requestsSent: number): string[] {
    const waiting = lines.filter((line) => line.startsWith('Waiting'))
    for (const line of waiting) expect(line).toMatch(/^Waiting for SendGrid to compute scores: 1 of 1 account pending, \d+s of 1m$/)
    const [, requests, polls] = lines.map((line) => /^Fetched in \d+s: (\d+) requests, (\d+) polls after 202, 0 retries$/.exec(line)).find(Boolean) ?? []
    expect(Number(polls)).toBeGreaterThanOrEqual(1)
    expect(Number(requests)).toBe(Number(polls) + 1)
    expect(Number(requests)).toBe(requestsSent)
    return waiting
  }

  it('say what is pending while SendGrid computes scores, and the cost: the Action in its step log, the CLI on stderr with stdout one JSON document (run npm run build first)', async () => {
    // Scores ready 6.5 s after each run's first request; under wait-timeout 1m a line comes every 5 s.
    // A real wait, as only a real process shows what it prints; the two faces wait side by side.
    simulator = await startSimulator({ ...demoScenario(), pending: { ms: 6_500 } })
    const wait = ['wait-timeout', '1m', 'poll-interval', '1s'] as const
    const [action, cliRun] = await Promise.all([
      runDist({ 'api-key': DEFAULT_API_KEY, 'base-url': simulator.url, from: '-7d', [wait[0]]: wait[1], [wait[2]]: wait[3], 'check-run': 'false' }),
      cli(['--base-url', simulator.url, '--from', '-3d', `--${wait[0]}`, wait[1], `--${wait[2]}`, wait[3], '--format', 'json'])
    ])
    const sentFrom = (days: number): number => simulator?.requests.filter((request) => request.query.from === addDays(utcToday(), -days)).length ?? 0

    expect(action.exitCode).toBe(0)
    expect(progressOf(action.stdout.split('\n'), sentFrom(7)).length).toBeGreaterThanOrEqual(1)
    expect(cliRun.exitCode).toBe(0)
    expect(progressOf(cliRun.stderr.split('\n'), sentFrom(3)).length).toBeGreaterThanOrEqual(1)
    expect(JSON.parse(cliRun.stdout)).toMatchObject({ outcome: { result: 'passed' } })
  })
})
