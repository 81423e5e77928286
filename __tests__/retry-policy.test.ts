import { describe, it, expect } from '@jest/globals'
import {
  DEFAULT_POLICY,
  decide,
  emptyHistory,
  pollWaitMs,
  record,
  type Decision,
  type History,
  type RetryPolicy,
  type Setback
} from '../src/sendgrid/retry-policy.js'

const policy: RetryPolicy = { ...DEFAULT_POLICY, pollIntervalMs: 15_000 }
const FAR = 1e12
const PENDING: Setback = { kind: 'pending' }
const TRANSIENT: Setback = { kind: 'transient' }

function history(counts: Partial<History> = {}): History {
  return { ...emptyHistory(), ...counts }
}

function waitOf(decision: Decision): number {
  if (!('retryInMs' in decision)) throw new Error(`expected a retry, got ${JSON.stringify(decision)}`)
  return decision.retryInMs
}

describe('DEFAULT_POLICY', () => {
  it('grows the poll wait 1.5 times up to 60s, as action.yml says, and retries 3 times', () => {
    expect(DEFAULT_POLICY).toEqual({
      pollBackoff: 1.5,
      maxPollIntervalMs: 60_000,
      maxTransientRetries: 3,
      transientBaseMs: 1000,
      rateLimitMarginMs: 500
    })
  })
})

describe('record', () => {
  it('counts each kind of setback on its own, without changing the history it is given', () => {
    const start = emptyHistory()
    expect(start).toEqual({ polls: 0, rateLimits: 0, transientFailures: 0 })
    let current = start
    for (const setback of [PENDING, PENDING, { kind: 'rate-limited' } as const, TRANSIENT, PENDING, { kind: 'rate-limited', resetAtMs: 5 } as const])
      current = record(current, setback)
    expect(current).toEqual({ polls: 3, rateLimits: 2, transientFailures: 1 })
    expect(start).toEqual({ polls: 0, rateLimits: 0, transientFailures: 0 })
    const before = history({ polls: 4 })
    expect(record(before, PENDING)).not.toBe(before)
    expect(before.polls).toBe(4)
  })
})

describe('decide: pending (202)', () => {
  it('waits half the time waited since the request was first sent, at least pollIntervalMs, at most maxPollIntervalMs', () => {
    const waits = [0, 10_000, 30_000, 45_000, 67_500, 101_250, 200_000].map((now) =>
      waitOf(decide(policy, PENDING, history({ startedMs: 0, polls: 1 }), now, FAR, 0))
    )
    expect(waits).toEqual([15_000, 15_000, 15_000, 22_500, 33_750, 50_625, 60_000])
    // Measured from the first send, whatever the clock reads.
    expect(waitOf(decide(policy, PENDING, history({ startedMs: 1_000_000 }), 1_045_000, FAR, 0))).toBe(22_500)
  })

  it('pollWaitMs is (pollBackoff - 1) times the time waited, between pollIntervalMs and maxPollIntervalMs', () => {
    expect([0, 29_999, 30_000, 40_000, 100_000, 119_999, 120_000, 1e9].map((waited) => pollWaitMs(policy, waited))).toEqual([
      15_000, 15_000, 15_000, 20_000, 50_000, 59_999.5, 60_000, 60_000
    ])
    expect(pollWaitMs({ ...policy, pollBackoff: 2, pollIntervalMs: 1000, maxPollIntervalMs: 10_000 }, 3000)).toBe(3000)
  })

  it('grows each wait by pollBackoff once past the first pollIntervalMs waits', () => {
    const waits = [3, 4, 5].map((polls) => waitOf(decide(policy, PENDING, history({ polls }), 0, FAR, 0)))
    expect(waits[1]! / waits[0]!).toBe(1.5)
    expect(waits[2]! / waits[1]!).toBe(1.5)
  })

  it('without a start time, reckons the time waited from the number of polls', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 10].map((polls) => waitOf(decide(policy, PENDING, history({ polls }), 0, FAR, 0)))
    expect(waits).toEqual([15_000, 15_000, 15_000, 22_500, 33_750, 50_625, 60_000, 60_000])
  })

  it('follows the policy it is given', () => {
    const custom: RetryPolicy = { ...policy, pollIntervalMs: 1000, pollBackoff: 2, maxPollIntervalMs: 5000 }
    const waits = [0, 1, 2, 3, 4].map((polls) => waitOf(decide(custom, PENDING, history({ polls }), 0, FAR, 0)))
    expect(waits).toEqual([1000, 1000, 2000, 4000, 5000])
  })

  it('ignores rate limits and transient failures when growing the poll wait', () => {
    expect(waitOf(decide(policy, PENDING, history({ rateLimits: 3, transientFailures: 2 }), 0, FAR, 0))).toBe(15_000)
  })

  it('only ever shortens the wait with jitter, to no less than 80%', () => {
    expect(waitOf(decide(policy, PENDING, history(), 0, FAR, 0))).toBe(15_000)
    expect(waitOf(decide(policy, PENDING, history(), 0, FAR, 0.5))).toBe(13_500)
    expect(waitOf(decide(policy, PENDING, history(), 0, FAR, 0.999))).toBe(12_003)
    expect(waitOf(decide(policy, PENDING, history({ polls: 8 }), 0, FAR, 0.999))).toBe(48_012)
    for (let polls = 0; polls < 12; polls++) {
      const nominal = waitOf(decide(policy, PENDING, history({ polls }), 0, FAR, 0))
      for (const random of [0, 0.1, 0.37, 0.5, 0.9, 0.999]) {
        const wait = waitOf(decide(policy, PENDING, history({ polls }), 0, FAR, random))
        expect(wait).toBeLessThanOrEqual(Math.round(nominal))
        expect(wait).toBeGreaterThanOrEqual(Math.floor(nominal * 0.8))
      }
    }
  })

  it('lands the last poll on the deadline rather than past it', () => {
    expect(decide(policy, PENDING, history(), 100_000, 110_000, 0)).toEqual({ retryInMs: 10_000 })
    expect(decide(policy, PENDING, history({ polls: 6 }), 100_000, 100_001, 0)).toEqual({ retryInMs: 1 })
    expect(decide(policy, PENDING, history(), 100_000, 110_000, 0.999)).toEqual({ retryInMs: 10_000 })
    expect(decide(policy, PENDING, history(), 100_000, 120_000, 0.999)).toEqual({ retryInMs: 12_003 })
  })

  it('gives up at and after the deadline', () => {
    expect(decide(policy, PENDING, history(), 100_000, 100_000, 0)).toEqual({ giveUp: 'deadline' })
    expect(decide(policy, PENDING, history(), 100_001, 100_000, 0)).toEqual({ giveUp: 'deadline' })
  })
})

describe('decide: rate-limited (429)', () => {
  it('waits until the reset plus the margin, more margin with more random', () => {
    const limited = (resetAtMs: number): Setback => ({ kind: 'rate-limited', resetAtMs })
    expect(decide(policy, limited(31_000), history(), 1000, FAR, 0)).toEqual({ retryInMs: 30_500 })
    expect(decide(policy, limited(31_000), history(), 1000, FAR, 0.5)).toEqual({ retryInMs: 30_750 })
    expect(decide(policy, limited(31_000), history(), 1000, FAR, 0.999)).toEqual({ retryInMs: 30_999.5 })
    // However many rate limits came before.
    expect(decide(policy, limited(31_000), history({ rateLimits: 9 }), 1000, FAR, 0)).toEqual({ retryInMs: 30_500 })
  })

  it('waits only the margin when the reset has passed', () => {
    expect(decide(policy, { kind: 'rate-limited', resetAtMs: 500 }, history(), 10_000, FAR, 0)).toEqual({ retryInMs: 500 })
    expect(decide(policy, { kind: 'rate-limited', resetAtMs: 10_000 }, history(), 10_000, FAR, 0)).toEqual({ retryInMs: 500 })
  })

  it('gives up at once when the reset (with its margin) lies beyond the deadline', () => {
    expect(decide(policy, { kind: 'rate-limited', resetAtMs: 20_000 }, history(), 0, 10_000, 0)).toEqual({
      giveUp: 'reset-after-deadline'
    })
    expect(decide(policy, { kind: 'rate-limited', resetAtMs: 9_700 }, history(), 0, 10_000, 0)).toEqual({
      giveUp: 'reset-after-deadline'
    })
    expect(decide(policy, { kind: 'rate-limited', resetAtMs: 9_500 }, history(), 0, 10_000, 0)).toEqual({ retryInMs: 10_000 })
  })

  it('backs off exponentially (up to 32x) without a reset header', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 20].map((rateLimits) =>
      waitOf(decide(policy, { kind: 'rate-limited' }, history({ rateLimits }), 0, FAR, 0))
    )
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 32_000, 32_000])
    expect(decide(policy, { kind: 'rate-limited' }, history({ rateLimits: 1 }), 0, FAR, 0.5)).toEqual({ retryInMs: 1800 })
  })

  it('gives up without a reset header when the backoff would pass the deadline', () => {
    expect(decide(policy, { kind: 'rate-limited' }, history({ rateLimits: 3 }), 0, 7_999, 0)).toEqual({
      giveUp: 'reset-after-deadline'
    })
    expect(decide(policy, { kind: 'rate-limited' }, history({ rateLimits: 3 }), 0, 8_000, 0)).toEqual({ retryInMs: 8000 })
  })

  it('gives up at the deadline', () => {
    expect(decide(policy, { kind: 'rate-limited', resetAtMs: 0 }, history(), 5000, 5000, 0)).toEqual({ giveUp: 'deadline' })
  })
})

describe('decide: transient failures (5xx, network, timeout)', () => {
  it('retries with a doubling wait up to maxTransientRetries, then gives up with retries', () => {
    const decisions = [0, 1, 2, 3, 4].map((transientFailures) => decide(policy, TRANSIENT, history({ transientFailures }), 0, FAR, 0))
    expect(decisions).toEqual([{ retryInMs: 1000 }, { retryInMs: 2000 }, { retryInMs: 4000 }, { giveUp: 'retries' }, { giveUp: 'retries' }])
  })

  it('applies jitter and the policy retry count', () => {
    expect(decide(policy, TRANSIENT, history({ transientFailures: 2 }), 0, FAR, 0.5)).toEqual({ retryInMs: 3600 })
    expect(decide({ ...policy, maxTransientRetries: 0 }, TRANSIENT, history(), 0, FAR, 0)).toEqual({ giveUp: 'retries' })
    expect(decide({ ...policy, maxTransientRetries: 5 }, TRANSIENT, history({ transientFailures: 4 }), 0, FAR, 0)).toEqual({
      retryInMs: 16_000
    })
  })

  it('is not counted against by polls or rate limits', () => {
    expect(decide(policy, TRANSIENT, history({ polls: 10, rateLimits: 10 }), 0, FAR, 0)).toEqual({ retryInMs: 1000 })
  })

  it('gives up at the deadline, and when the wait would pass it', () => {
    expect(decide(policy, TRANSIENT, history(), 0, 999, 0)).toEqual({ giveUp: 'deadline' })
    expect(decide(policy, TRANSIENT, history(), 0, 1000, 0)).toEqual({ retryInMs: 1000 })
    expect(decide(policy, TRANSIENT, history(), 1000, 1000, 0)).toEqual({ giveUp: 'deadline' })
  })
})

interface PollRun {
  polls: number
  /** When the ready score was first seen, or undefined when the loop gave up. */
  noticedAtMs?: number
  gaveUp?: string
  lastPollAtMs: number
}

/**
 * The polling loop with a fake clock: every poll before `readyAtMs` is a 202, the first one at or
 * after it is a 200.
 */
function pollUntilReady(
  readyAtMs: number,
  options: { policy?: RetryPolicy; random?: () => number; deadlineMs?: number } = {}
): PollRun {
  const { policy: used = policy, random = () => 0, deadlineMs = FAR } = options
  let now = 0
  let polls = 0
  let seen = emptyHistory(now)
  for (;;) {
    polls++
    if (now >= readyAtMs) return { polls, noticedAtMs: now, lastPollAtMs: now }
    const decision = decide(used, PENDING, seen, now, deadlineMs, random())
    if ('giveUp' in decision) return { polls, gaveUp: decision.giveUp, lastPollAtMs: now }
    expect(decision.retryInMs).toBeGreaterThan(0)
    seen = record(seen, PENDING)
    now += decision.retryInMs
  }
}

/** A repeatable stand-in for Math.random. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

describe('the polling loop over decide', () => {
  const MINUTE = 60_000
  const uncapped: RetryPolicy = { ...policy, maxPollIntervalMs: Number.POSITIVE_INFINITY }

  it('notices a score ready after 5 minutes on the 10th poll, well within half the wait late', () => {
    // Polls at 0, 15, 30, 45, 67.5, 101.25, 151.875 s, then every 60s: 211.875, 271.875, 331.875 s.
    expect(pollUntilReady(5 * MINUTE)).toEqual({ polls: 10, noticedAtMs: 331_875, lastPollAtMs: 331_875 })
  })

  it('polls a logarithmic number of times while the wait grows', () => {
    const short = pollUntilReady(1 * MINUTE, { policy: uncapped })
    const long = pollUntilReady(16 * MINUTE, { policy: uncapped })
    expect(short.polls).toBe(5)
    expect(long.polls).toBe(12)
    // 16 times longer costs log1.5(16) ≈ 6.8 more polls, not 16 times as many.
    expect(long.polls - short.polls).toBeLessThanOrEqual(Math.ceil(Math.log(16) / Math.log(1.5)))
    for (let minutes = 1; minutes <= 64; minutes *= 2) {
      const once = pollUntilReady(minutes * MINUTE, { policy: uncapped }).polls
      const twice = pollUntilReady(2 * minutes * MINUTE, { policy: uncapped }).polls
      expect(twice - once).toBeLessThanOrEqual(2)
    }
  })

  it('with the 60s cap, polls about log(cap / interval) times plus once a minute after', () => {
    const long = pollUntilReady(16 * MINUTE)
    expect(long.polls).toBe(21)
    expect(long.polls).toBeLessThanOrEqual(Math.ceil(Math.log(60_000 / 15_000) / Math.log(1.5)) + Math.ceil((16 * MINUTE) / 60_000) + 1)
  })

  it('notices the ready score by 1.5 T (T + one interval when T is short), and by T + one cap with the cap', () => {
    for (let readyAtMs = 1000; readyAtMs <= 40 * MINUTE; readyAtMs += 7_919) {
      const bound = Math.max(1.5 * readyAtMs, readyAtMs + policy.pollIntervalMs)
      const uncappedRun = pollUntilReady(readyAtMs, { policy: uncapped })
      expect(uncappedRun.noticedAtMs).toBeGreaterThanOrEqual(readyAtMs)
      expect(uncappedRun.noticedAtMs).toBeLessThanOrEqual(bound)
      const capped = pollUntilReady(readyAtMs)
      expect(capped.noticedAtMs).toBeLessThanOrEqual(Math.min(bound, readyAtMs + 60_000))
    }
  })

  it('keeps that bound under jitter, which only ever shortens a wait', () => {
    for (const seed of [1, 2, 3, 42]) {
      const random = seededRandom(seed)
      for (let readyAtMs = 1000; readyAtMs <= 40 * MINUTE; readyAtMs += 12_345) {
        const run = pollUntilReady(readyAtMs, { random })
        expect(run.noticedAtMs).toBeGreaterThanOrEqual(readyAtMs)
        expect(run.noticedAtMs).toBeLessThanOrEqual(Math.min(Math.max(1.5 * readyAtMs, readyAtMs + policy.pollIntervalMs), readyAtMs + 60_000))
      }
    }
    const alwaysShort = pollUntilReady(16 * MINUTE, { random: () => 0.999 })
    expect(alwaysShort.noticedAtMs).toBeLessThanOrEqual(16 * MINUTE + 60_000)
  })

  it('polls for the last time on the deadline and then gives up', () => {
    // 0, 15, 30, 45, 67.5, 101.25, 151.875, then every 60s to 571.875, then 28.125s later on the deadline.
    const run = pollUntilReady(20 * MINUTE, { deadlineMs: 10 * MINUTE })
    expect(run).toEqual({ polls: 15, gaveUp: 'deadline', lastPollAtMs: 10 * MINUTE })
    const jittered = pollUntilReady(20 * MINUTE, { deadlineMs: 10 * MINUTE, random: seededRandom(7) })
    expect(jittered.gaveUp).toBe('deadline')
    expect(jittered.lastPollAtMs).toBe(10 * MINUTE)
  })
})
