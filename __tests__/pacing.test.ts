import { describe, expect, it } from '@jest/globals'
import { DEFAULT_PACING, observe, pace, Pacer, type Budget } from '../src/sendgrid/pacing.js'
import type { Clock } from '../src/clock.js'
import type { RateLimit } from '../src/sendgrid/client.js'

const FAR = 1e12
const policy = { reserve: 1, marginMs: 250 }

describe('observe', () => {
  it('learns the budget from the first answer that carries both headers', () => {
    expect(observe(undefined, {})).toBeUndefined()
    expect(observe(undefined, { remaining: 5 })).toBeUndefined()
    expect(observe(undefined, { limit: 10, remaining: 5, resetAtMs: 60_000 })).toEqual({ remaining: 5, resetAtMs: 60_000 })
    const budget: Budget = { remaining: 5, resetAtMs: 60_000 }
    expect(observe(budget, {})).toBe(budget)
  })

  it('keeps the lowest remaining within a window, whatever order the answers arrive in', () => {
    const budget: Budget = { remaining: 5, resetAtMs: 60_000 }
    expect(observe(budget, { remaining: 3, resetAtMs: 60_000 })).toEqual({ remaining: 3, resetAtMs: 60_000 })
    expect(observe(budget, { remaining: 7, resetAtMs: 60_000 })).toEqual({ remaining: 5, resetAtMs: 60_000 })
  })

  it('starts afresh with a later window and ignores answers from an earlier one', () => {
    const budget: Budget = { remaining: 0, resetAtMs: 60_000 }
    expect(observe(budget, { remaining: 99, resetAtMs: 120_000 })).toEqual({ remaining: 99, resetAtMs: 120_000 })
    expect(observe({ remaining: 99, resetAtMs: 120_000 }, { remaining: 0, resetAtMs: 60_000 })).toEqual({ remaining: 99, resetAtMs: 120_000 })
  })
})

describe('pace', () => {
  it('sends while nothing is known, and while the budget left after the requests in flight exceeds the reserve', () => {
    expect(pace(undefined, 8, 0, FAR, policy)).toEqual({ send: true })
    expect(pace({ remaining: 10, resetAtMs: 60_000 }, 8, 0, FAR, policy)).toEqual({ send: true })
  })

  it('waits for the reset (plus the margin) once the budget runs low, counting requests still in flight', () => {
    expect(pace({ remaining: 10, resetAtMs: 60_000 }, 9, 1000, FAR, policy)).toEqual({ waitMs: 59_250 })
    expect(pace({ remaining: 1, resetAtMs: 60_000 }, 0, 1000, FAR, policy)).toEqual({ waitMs: 59_250 })
    expect(pace({ remaining: 0, resetAtMs: 60_000 }, 0, 59_999, FAR, policy)).toEqual({ waitMs: 251 })
    expect(pace({ remaining: 2, resetAtMs: 60_000 }, 0, 1000, FAR, policy)).toEqual({ send: true })
    expect(pace({ remaining: 5, resetAtMs: 60_000 }, 0, 1000, FAR, { ...policy, reserve: 5 })).toEqual({ waitMs: 59_250 })
  })

  it('sends again once the window has reset, when what it knew is stale', () => {
    expect(pace({ remaining: 0, resetAtMs: 60_000 }, 3, 60_000, FAR, policy)).toEqual({ send: true })
  })

  it('does not wait for a reset that comes after the deadline: the request goes, and a 429 will say why it ended', () => {
    expect(pace({ remaining: 0, resetAtMs: 60_000 }, 0, 1000, 60_000, policy)).toEqual({ send: true })
    expect(pace({ remaining: 0, resetAtMs: 60_000 }, 0, 1000, 60_251, policy)).toEqual({ waitMs: 59_250 })
  })

  it('keeps one request of each window in reserve by default', () => {
    expect(DEFAULT_PACING.reserve).toBeGreaterThanOrEqual(1)
  })
})

/** A clock that only moves when someone sleeps on it, recording each sleep. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    }
  }
}

describe('Pacer', () => {
  it('holds a request back until the reset the previous answer announced, then sends it', async () => {
    const clock = fakeClock()
    const pacer = new Pacer(clock, FAR, policy)
    const answer = (rateLimit: RateLimit) => async () => ({ rateLimit })

    await pacer.send(answer({ remaining: 2, resetAtMs: 10_000 }))
    expect(clock.sleeps).toEqual([])
    await pacer.send(answer({ remaining: 1, resetAtMs: 10_000 }))
    expect(clock.sleeps).toEqual([])
    const sent: number[] = []
    await pacer.send(async () => {
      sent.push(clock.now())
      return { rateLimit: { remaining: 9, resetAtMs: 20_000 } }
    })
    expect(clock.sleeps).toEqual([10_250])
    expect(sent).toEqual([10_250])
  })

  it('counts requests in flight against the budget', async () => {
    const clock = fakeClock()
    const pacer = new Pacer(clock, FAR, policy)
    await pacer.send(async () => ({ rateLimit: { remaining: 2, resetAtMs: 5_000 } }))
    let release: () => void = () => {}
    const inFlight = pacer.send(() => new Promise<{ rateLimit: RateLimit }>((resolve) => (release = () => resolve({ rateLimit: {} }))))
    expect(clock.sleeps).toEqual([])
    // 2 left less 1 in flight leaves only the reserve: the next request waits for the reset.
    await pacer.send(async () => ({ rateLimit: {} }))
    expect(clock.sleeps).toEqual([5_250])
    release()
    await inFlight
  })
})
