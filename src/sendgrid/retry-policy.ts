/**
 * When to try a SendGrid request again, and after how long: a pure function of what happened,
 * how often it happened, the time and the deadline. The sleeping happens in polling.ts.
 */

export interface RetryPolicy {
  /** First wait after a 202 (scores still being computed). */
  pollIntervalMs: number
  /**
   * Growth of the wait between polls: each wait is (pollBackoff - 1) times the time waited so far,
   * so 1.5 notices a score that turns ready at T by 1.5 T (or T + pollIntervalMs when T is short).
   */
  pollBackoff: number
  maxPollIntervalMs: number
  /** Retries after a 5xx, a network error or a timeout, before giving up. */
  maxTransientRetries: number
  transientBaseMs: number
  /** Added to a rate-limit reset so the retry lands after SendGrid's window has turned. */
  rateLimitMarginMs: number
}

export const DEFAULT_POLICY: Omit<RetryPolicy, 'pollIntervalMs'> = {
  pollBackoff: 1.5,
  maxPollIntervalMs: 60_000,
  maxTransientRetries: 3,
  transientBaseMs: 1000,
  rateLimitMarginMs: 500
}

/** What stood in the way of an answer. */
export type Setback =
  | { kind: 'pending' }
  | { kind: 'rate-limited'; resetAtMs?: number }
  | { kind: 'transient' }

/** How many setbacks of each kind one request has met so far. */
export interface History {
  polls: number
  rateLimits: number
  transientFailures: number
  /** When the request was first sent; without it, the time waited is reckoned from `polls`. */
  startedMs?: number
}

export type GiveUpReason = 'deadline' | 'retries' | 'reset-after-deadline'
export type Decision = { retryInMs: number } | { giveUp: GiveUpReason }

export function emptyHistory(startedMs?: number): History {
  return { polls: 0, rateLimits: 0, transientFailures: 0, startedMs }
}

export function record(history: History, setback: Setback): History {
  switch (setback.kind) {
    case 'pending':
      return { ...history, polls: history.polls + 1 }
    case 'rate-limited':
      return { ...history, rateLimits: history.rateLimits + 1 }
    case 'transient':
      return { ...history, transientFailures: history.transientFailures + 1 }
  }
}

/**
 * Decides the next step after `setback`, given the setbacks before it (`history` does not yet
 * include `setback`). `random` in [0, 1) spreads concurrent retries apart; jitter only ever
 * shortens a wait, so the backoff factor stays an upper bound.
 */
export function decide(
  policy: RetryPolicy,
  setback: Setback,
  history: History,
  nowMs: number,
  deadlineMs: number,
  random: number
): Decision {
  const remainingMs = deadlineMs - nowMs
  if (remainingMs <= 0) return { giveUp: 'deadline' }
  switch (setback.kind) {
    case 'pending': {
      const waitedMs = history.startedMs === undefined ? scheduledWaitMs(policy, history.polls) : nowMs - history.startedMs
      // The last poll lands on the deadline rather than past it.
      return { retryInMs: Math.min(jitter(pollWaitMs(policy, waitedMs), random), remainingMs) }
    }
    case 'rate-limited': {
      const wait =
        setback.resetAtMs === undefined
          ? jitter(policy.transientBaseMs * 2 ** Math.min(history.rateLimits, 5), random)
          : Math.max(setback.resetAtMs - nowMs, 0) + policy.rateLimitMarginMs * (1 + random)
      return wait > remainingMs ? { giveUp: 'reset-after-deadline' } : { retryInMs: wait }
    }
    case 'transient': {
      if (history.transientFailures >= policy.maxTransientRetries) return { giveUp: 'retries' }
      const wait = jitter(policy.transientBaseMs * 2 ** history.transientFailures, random)
      return wait > remainingMs ? { giveUp: 'deadline' } : { retryInMs: wait }
    }
  }
}

/** The wait after a 202 once `waitedMs` have passed since the request was first sent. */
export function pollWaitMs(policy: RetryPolicy, waitedMs: number): number {
  const grown = (policy.pollBackoff - 1) * waitedMs
  return Math.min(Math.max(grown, policy.pollIntervalMs), policy.maxPollIntervalMs)
}

/** The time waited before the `polls`-th poll, had every wait been exactly `pollWaitMs`. */
function scheduledWaitMs(policy: RetryPolicy, polls: number): number {
  let waitedMs = 0
  for (let poll = 0; poll < polls; poll++) waitedMs += pollWaitMs(policy, waitedMs)
  return waitedMs
}

/** Between 80% and 100% of `ms`. */
function jitter(ms: number, random: number): number {
  return Math.round(ms * (1 - 0.2 * random))
}
