import { formatDuration } from '../dates.js'

/** What the collector reads in one go: an account on its own, or one day of the subuser listing. */
export type Unit = 'account' | 'listing-day'

/**
 * What holds a request back: SendGrid computing scores (202), a 429 to wait out, a failure to retry,
 * or the pacer keeping the rate-limit budget.
 */
export type Hold = 'computing' | 'rate-limited' | 'retry' | 'paced'

const NOUNS: Record<Unit, [one: string, many: string]> = {
  account: ['account', 'accounts'],
  'listing-day': ['day of the subuser listing', 'days of the subuser listing']
}

/**
 * A fetch's progress, counted as it goes: how many accounts and listing days are still to read,
 * what the requests under way wait for, and what the fetch has cost. The collector and the poller
 * count; the engine prints a line of it while the fetch waits, and its cost at the end.
 */
export class FetchProgress {
  private readonly planned: Record<Unit, number> = { account: 0, 'listing-day': 0 }
  private readonly finished: Record<Unit, number> = { account: 0, 'listing-day': 0 }
  private readonly holding: Record<Hold, number> = { computing: 0, 'rate-limited': 0, retry: 0, paced: 0 }
  /** Requests sent that came back, answered or failed. */
  requests = 0
  /** Waits after a 202, each followed by a poll. */
  polls = 0
  /** Waits after a 429 or a failure, each followed by a retry. */
  retries = 0
  /** Times a request was held back to keep the rate-limit budget. */
  pauses = 0

  plan(unit: Unit): void {
    this.planned[unit]++
  }

  finish(unit: Unit): void {
    this.finished[unit]++
  }

  sent(): void {
    this.requests++
  }

  /** Runs `wait`, counted as held back for `reason` while it lasts. */
  async hold(reason: Hold, wait: () => Promise<void>): Promise<void> {
    if (reason === 'computing') this.polls++
    else if (reason === 'paced') this.pauses++
    else this.retries++
    this.holding[reason]++
    try {
      await wait()
    } finally {
      this.holding[reason]--
    }
  }

  /** `Waiting for SendGrid to compute scores: 3 of 12 accounts pending, 45s of 10m` */
  waitingLine(waitedMs: number, waitTimeoutMs: number): string {
    return `${this.headline()}: ${this.pending()}, ${formatDuration(waitedMs)} of ${formatDuration(waitTimeoutMs)}`
  }

  /** `Fetched in 47s: 14 requests, 9 polls after 202, 1 retry` */
  costLine(tookMs: number): string {
    const pauses = this.pauses > 0 ? `, ${count(this.pauses, 'pause', 'pauses')} for the rate limit` : ''
    const counts = [count(this.requests, 'request', 'requests'), count(this.polls, 'poll after 202', 'polls after 202'), count(this.retries, 'retry', 'retries')]
    return `Fetched in ${formatDuration(tookMs)}: ${counts.join(', ')}${pauses}`
  }

  /** What the requests under way wait for, the longest wait first. */
  private headline(): string {
    if (this.holding.computing > 0) return 'Waiting for SendGrid to compute scores'
    if (this.holding['rate-limited'] + this.holding.paced > 0) return "Waiting for SendGrid's rate limit to reset"
    if (this.holding.retry > 0) return 'Retrying after a failed request'
    return 'Waiting for SendGrid to answer'
  }

  /** `3 of 12 accounts pending`; each kind of unit once some of it is pending. */
  private pending(): string {
    const units = (Object.keys(NOUNS) as Unit[]).filter((unit) => this.planned[unit] > 0)
    const open = units.filter((unit) => this.planned[unit] > this.finished[unit])
    const parts = (open.length > 0 ? open : units).map((unit) => {
      const [one, many] = NOUNS[unit]
      return `${this.planned[unit] - this.finished[unit]} of ${count(this.planned[unit], one, many)}`
    })
    return `${parts.join(' and ') || 'nothing'} pending`
  }
}

function count(amount: number, one: string, many: string): string {
  return `${amount} ${amount === 1 ? one : many}`
}
