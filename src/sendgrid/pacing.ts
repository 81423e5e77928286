import type { Clock } from '../clock.js'
import type { RateLimit } from './client.js'

/**
 * Slowing down before SendGrid says 429: every answer carries X-RateLimit-Remaining and
 * X-RateLimit-Reset; when the budget left (less the requests still on their way) runs low, no
 * request is sent until the window resets. `observe` and `pace` decide; `Pacer` only counts and sleeps.
 */

/** What SendGrid last said about the current rate-limit window. */
export interface Budget {
  remaining: number
  resetAtMs: number
}

export interface PacingPolicy {
  /** Requests left unspent in each window, for whatever else uses the key. */
  reserve: number
  /** Added to the reset so the next request lands in the new window. */
  marginMs: number
}

export const DEFAULT_PACING: PacingPolicy = { reserve: 1, marginMs: 250 }

/**
 * The budget after an answer. Answers arrive out of order: within one window the lowest
 * `remaining` is the truest; an answer from a later window starts afresh; an older one is stale.
 */
export function observe(budget: Budget | undefined, { remaining, resetAtMs }: RateLimit): Budget | undefined {
  if (remaining === undefined || resetAtMs === undefined) return budget
  if (budget === undefined || resetAtMs > budget.resetAtMs) return { remaining, resetAtMs }
  if (resetAtMs < budget.resetAtMs) return budget
  return { remaining: Math.min(remaining, budget.remaining), resetAtMs }
}

export type PaceDecision = { send: true } | { waitMs: number }

/**
 * Whether one more request may go now. `inFlight` requests were sent but not yet answered: they
 * will spend budget the last answer did not count yet. A reset after the deadline is not waited
 * for: the request goes, and a 429 ends it with the reset named.
 */
export function pace(budget: Budget | undefined, inFlight: number, nowMs: number, deadlineMs: number, policy: PacingPolicy): PaceDecision {
  if (budget === undefined || nowMs >= budget.resetAtMs) return { send: true }
  if (budget.remaining - inFlight > policy.reserve) return { send: true }
  const resumeAtMs = budget.resetAtMs + policy.marginMs
  if (resumeAtMs >= deadlineMs) return { send: true }
  return { waitMs: resumeAtMs - nowMs }
}

/** Sends requests as `pace` allows, learning the budget from each answer. */
export class Pacer {
  private budget: Budget | undefined
  private inFlight = 0

  constructor(
    private readonly clock: Clock,
    private readonly deadlineMs: number,
    private readonly policy: PacingPolicy = DEFAULT_PACING,
    /** Runs each wait for the budget; the collector counts them as pauses. */
    private readonly whileHeld: (wait: () => Promise<void>) => Promise<void> = (wait) => wait()
  ) {}

  async send<T extends { rateLimit: RateLimit }>(request: () => Promise<T>): Promise<T> {
    for (;;) {
      const decision = pace(this.budget, this.inFlight, this.clock.now(), this.deadlineMs, this.policy)
      if ('send' in decision) break
      await this.whileHeld(() => this.clock.sleep(decision.waitMs))
    }
    this.inFlight++
    try {
      const outcome = await request()
      this.budget = observe(this.budget, outcome.rateLimit)
      return outcome
    } finally {
      this.inFlight--
    }
  }
}
