import type { Metric } from '../records/score-record.js'
import type { DayRange, StatName, StatsGap } from '../records/stats.js'

/**
 * Why a score fell, from SendGrid's own stats: for each account in breach (worst first, at most
 * EXPLAINED_ACCOUNTS), the stat behind each breaching metric in the breach days against the 7 days
 * before, the mailbox providers that carry it and the categories with most of it. Pure: the stats
 * come in as records, the explanation goes out as values; words belong to report/why.ts.
 */

/** Accounts in breach explained per run; the report counts the rest. */
export const EXPLAINED_ACCOUNTS = 10
/** Days before the first breach day the window is compared with. */
export const BASELINE_DAYS = 7

/** `count` of `of` (spam reports of delivered); `rate` is count / of, absent when `of` is 0. */
export interface Rate {
  count: number
  of: number
  rate?: number
}

/** One stat per its denominator, in the window and in the baseline. */
export interface Measure {
  /** The count: `spam_reports`, `bounces`, `blocks`, `unique_opens`, `unique_clicks`. */
  stat: StatName
  /** What it is counted against: `delivered` or `requests`. */
  per: StatName
  window: Rate
  /** Absent when SendGrid returned no stats for any baseline day. */
  baseline?: Rate
}

/** A mailbox provider or a category, with its share of the stat in the window. */
export interface Segment {
  name: string
  /** The stat per its denominator in the window (categories: the category's own denominator). */
  window: Rate
  /** Providers only: the provider's rate over the baseline, when it had any. */
  baseline?: Rate
}

/** Why one metric of an account fell. */
export interface MetricExplanation {
  metric: Metric
  /** The stats behind it: one, or for engagement recency (which has no stat of its own) the nearest two, opens and clicks. */
  measures: Measure[]
  /** True when the measures are the nearest stat, not the metric's own (engagement recency). */
  nearest: boolean
  /** The providers that carry most of the first measure's count in the window, most first (at most 3). */
  providers: Segment[]
  /** The categories with most of the first measure's count in the window, most first (at most 3). */
  categories: Segment[]
}

/** One account's explanation: its breach window, the baseline, each breaching metric, and what SendGrid could not give. */
export interface AccountExplanation {
  account: string
  window: DayRange
  baseline: DayRange
  metrics: MetricExplanation[]
  /** Parts of the stats that could not be had (see StatsGap), said in one line each. */
  gaps: StatsGap[]
}

/** Every explanation of a run. */
export interface Explanation {
  accounts: AccountExplanation[]
  /** Accounts in breach that were not explained (beyond EXPLAINED_ACCOUNTS). */
  notExplained: number
  /** True when the key may not read stats (401/403): the explanation needs Stats read access. */
  accessDenied: boolean
}
