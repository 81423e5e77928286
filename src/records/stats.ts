import type { Day } from '../dates.js'
import type { FailureCause } from './collection.js'

/**
 * What SendGrid's Stats API says about an account, for explaining a breach: the fetch layer
 * (`sendgrid/stats.ts`) fills these, the gate (`gate/explain.ts`) turns them into rates against a
 * baseline, and neither knows the other.
 */

/** The counts every Stats endpoint gives (a day, a mailbox provider's day, a category's sum); a count SendGrid left out is 0. */
export interface StatCounts {
  requests: number
  delivered: number
  bounces: number
  blocks: number
  spam_reports: number
  unique_opens: number
  unique_clicks: number
}

export const STAT_NAMES = ['requests', 'delivered', 'bounces', 'blocks', 'spam_reports', 'unique_opens', 'unique_clicks'] as const
export type StatName = (typeof STAT_NAMES)[number]

/** Days from `from` to `to`, both included. */
export interface DayRange {
  from: Day
  to: Day
}

/** Which stats to fetch for one account in breach: at most three requests, plus pages. */
export interface StatsRequest {
  /** The account as the report names it. */
  account: string
  /** The `on-behalf-of` header: the subuser's name or `account-id <id>`; absent for the key's own account. */
  onBehalfOf?: string
  /** The days in breach, first to last. */
  window: DayRange
  /** The days before the window it is compared with (the 7 days before its first day). */
  baseline: DayRange
  /** What the categories are sorted by: the count behind the worst breaching metric. */
  sortCategoriesBy: StatName
}

/** One day of an account's or a mailbox provider's stats. */
export interface DayStats {
  date: Day
  counts: StatCounts
}

/** A mailbox provider's stats per day. */
export interface ProviderStats {
  name: string
  days: DayStats[]
}

/** A category's stats summed over the window. */
export interface CategorySum {
  name: string
  counts: StatCounts
}

/** A part of the stats that could not be had, and why, apart from the words. */
export interface StatsGap {
  part: 'daily' | 'providers' | 'categories'
  /** `access` for a 401/403 (a key without Stats read), `error` for anything else. */
  reason: 'access' | 'error'
  message: string
  cause: Omit<FailureCause, 'endpoint'>
}

/** What the Stats API answered for one account; each part absent when its request failed (see `gaps`). */
export interface AccountStats {
  account: string
  /** The account's whole stats per day, over the baseline and the window (`GET /v3/stats`). */
  daily?: DayStats[]
  /** Each mailbox provider's stats per day over the baseline and the window (`GET /v3/mailbox_providers/stats`). */
  providers?: ProviderStats[]
  /** The categories with the most `sortCategoriesBy` over the window, summed (`GET /v3/categories/stats/sums`); empty when the sender sets none. */
  categories?: CategorySum[]
  gaps: StatsGap[]
}
