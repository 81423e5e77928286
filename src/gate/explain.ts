import { addDays, type Day } from '../dates.js'
import { isUnnamedLabel, METRICS, type Metric } from '../records/score-record.js'
import type { AccountStats, CategorySum, DayRange, DayStats, ProviderStats, StatName, StatsGap, StatsRequest } from '../records/stats.js'
import { causeOf } from './causes.js'
import { sumOf, type AccountVerdict, type Breach, type BreachMetric, type Evaluation, type Row } from './evaluate.js'

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

/** A stat counted against its denominator: spam reports per delivered message. */
type StatPer = Pick<Measure, 'stat' | 'per'>

/** What each metric is explained by: its stat per its denominator, or for engagement recency the nearest two. */
export const MEASURED: Readonly<Record<Metric, readonly StatPer[]>> = {
  spam_rate: [{ stat: 'spam_reports', per: 'delivered' }],
  bounce_rate: [{ stat: 'bounces', per: 'requests' }],
  bounce_classification: [{ stat: 'blocks', per: 'requests' }],
  open_rate: [{ stat: 'unique_opens', per: 'delivered' }],
  engagement_recency: [
    { stat: 'unique_opens', per: 'delivered' },
    { stat: 'unique_clicks', per: 'delivered' }
  ]
}

/** Engagement recency has no stat of its own. */
const NEAREST: readonly Metric[] = ['engagement_recency']
/**
 * Stats a metric falls with (opens, clicks): the providers that explain the fall are those where the
 * stat fell furthest short of its rate in the days before, not those with most of it.
 */
export const FEWER_IS_WORSE: readonly StatName[] = ['unique_opens', 'unique_clicks']
/** Providers and categories named per metric. */
const SEGMENTS = 3

/** The stats to fetch for one account, and the metrics they explain, worst first. */
export interface ExplanationRequest extends StatsRequest {
  metrics: Metric[]
}

/** The requests for the accounts explained, and how many accounts in breach are left unexplained. */
export interface ExplanationPlan {
  requests: ExplanationRequest[]
  notExplained: number
}

/**
 * What to fetch to explain the accounts in breach: worst first (the evaluation's order), at most
 * `limit`; the rest in breach are counted as not explained. An account whose breaches name no
 * metric (a score without metrics, a drop no metric fell in) has nothing to explain and costs no
 * request. Only the accounts looked at are judged again: 20,000 in breach cost no more than 10.
 */
export function planExplanations(evaluation: Pick<Evaluation, 'accounts'>, limit = EXPLAINED_ACCOUNTS): ExplanationPlan {
  const requests: ExplanationRequest[] = []
  let breaching = 0
  for (const verdict of evaluation.accounts) {
    if (verdict.breaches === 0) continue
    breaching++
    const request = requests.length < limit ? requestFor(verdict) : undefined
    if (request) requests.push(request)
  }
  return { requests, notExplained: breaching - requests.length }
}

function requestFor(verdict: AccountVerdict): ExplanationRequest | undefined {
  // Its stats could only be asked for on behalf of a name SendGrid never gave: a refusal would read as a key without Stats access.
  if (isUnnamedLabel(verdict.account)) return undefined
  const rows = verdict.rows()
  const metrics = metricsBehind(verdict.worstBreaches, rows, verdict)
  const [worst] = metrics
  if (worst === undefined) return undefined
  const window = windowOf(rows.flatMap((row) => row.breaches))
  return {
    account: verdict.account,
    // The key's own account is read without the header; a subuser or `account-id <id>` by its name.
    ...(verdict.parent ? {} : { onBehalfOf: verdict.account }),
    window,
    baseline: { from: addDays(window.from, -BASELINE_DAYS), to: addDays(window.from, -1) },
    sortCategoriesBy: (MEASURED[worst][0] as StatPer).stat,
    metrics
  }
}

/**
 * The metrics behind an account's worst breaches, lowest score first: each metric in breach, and
 * the metric that pulled the overall score down or fell most in a drop.
 */
function metricsBehind(worstBreaches: readonly Breach[], rows: Row[], verdict: AccountVerdict): Metric[] {
  const lowest = new Map<Metric, number>()
  for (const breach of worstBreaches) {
    const cause = causeOf(breach, rows, verdict)
    const [metric, value] = cause ? [cause.metric, cause.value] : [breach.metric, breach.value]
    if (!isMetric(metric)) continue
    if (!lowest.has(metric) || value < (lowest.get(metric) as number)) lowest.set(metric, value)
  }
  return [...lowest.keys()].sort((a, b) => (lowest.get(a) as number) - (lowest.get(b) as number) || METRICS.indexOf(a) - METRICS.indexOf(b))
}

function isMetric(subject: BreachMetric): subject is Metric {
  return (METRICS as readonly string[]).includes(subject)
}

/**
 * The first to the last day in breach. A breach's date is its day (under `latest`, the judged
 * day; for a drop, the latest day) or, under `average`, the range `from..to`.
 */
function windowOf(breaches: readonly Breach[]): DayRange {
  const days = breaches.flatMap((breach) => breach.date.split('..')).sort()
  return { from: days[0] as Day, to: days.at(-1) as Day }
}

/**
 * Each planned account's explanation from the stats fetched for it (`stats[i]` answers
 * `plan.requests[i]`): the window against the baseline, the providers and categories that carry
 * most of it. A part SendGrid did not give is left out, and its gap kept.
 */
export function explain(plan: ExplanationPlan, stats: readonly AccountStats[]): Explanation {
  const accounts = plan.requests.map((request, index) => explainAccount(request, stats[index] ?? { account: request.account, gaps: [] }))
  return {
    accounts,
    notExplained: plan.notExplained,
    accessDenied: accounts.some((account) => account.gaps.some((gap) => gap.reason === 'access'))
  }
}

function explainAccount(request: ExplanationRequest, stats: AccountStats): AccountExplanation {
  const { account, window, baseline } = request
  return {
    account,
    window,
    baseline,
    metrics: request.metrics.map((metric) => explainMetric(metric, stats, request)),
    gaps: stats.gaps
  }
}

function explainMetric(metric: Metric, stats: AccountStats, { window, baseline }: Pick<StatsRequest, 'window' | 'baseline'>): MetricExplanation {
  const { daily, providers = [], categories = [] } = stats
  const measured = MEASURED[metric]
  const first = measured[0] as StatPer
  return {
    metric,
    // Without the account's daily stats there is nothing to measure against: the gap says so.
    measures: daily ? measured.map((measure) => measureOf(measure, daily, window, baseline)) : [],
    nearest: NEAREST.includes(metric),
    providers: topProviders(providers, first, window, baseline),
    categories: topCategories(categories, first)
  }
}

function measureOf({ stat, per }: StatPer, daily: readonly DayStats[], window: DayRange, baseline: DayRange): Measure {
  const before = rateOver(daily, stat, per, baseline)
  return { stat, per, window: rateOver(daily, stat, per, window) ?? rateOf(0, 0), ...(before ? { baseline: before } : {}) }
}

/** `stat` per `per` summed over the days of `days` within `range`; undefined when none of them is. */
function rateOver(days: readonly DayStats[], stat: StatName, per: StatName, range: DayRange): Rate | undefined {
  const within = days.filter((day) => day.date >= range.from && day.date <= range.to)
  if (within.length === 0) return undefined
  return rateOf(sumOf(within, (day) => day.counts[stat]), sumOf(within, (day) => day.counts[per]))
}

/** `count` of `of`, with a rate only when `of` is more than 0: nothing divided by nothing is no rate. */
export function rateOf(count: number, of: number): Rate {
  return of > 0 ? { count, of, rate: count / of } : { count, of }
}

/**
 * The providers that carry the fall, with their rates in the window and the baseline: those with
 * most of `stat` in the window, most first, or for a stat that falls (FEWER_IS_WORSE) those furthest
 * short of their rate before.
 */
function topProviders(providers: readonly ProviderStats[], { stat, per }: StatPer, window: DayRange, baseline: DayRange): Segment[] {
  const segments = providers.flatMap((provider): Segment[] => {
    const during = rateOver(provider.days, stat, per, window)
    if (!during) return []
    const before = rateOver(provider.days, stat, per, baseline)
    return [{ name: provider.name, window: during, ...(before ? { baseline: before } : {}) }]
  })
  return FEWER_IS_WORSE.includes(stat) ? mostShort(segments) : mostFirst(segments.filter((segment) => segment.window.count > 0))
}

/** How many of the stat the window lacks against the rate before; 0 without a rate before. */
export function shortfall({ window, baseline }: Pick<Segment, 'window' | 'baseline'>): number {
  return baseline?.rate === undefined ? 0 : baseline.rate * window.of - window.count
}

/** A provider fell when its rate is at least a tenth below its rate before: a smaller move is noise, not a cause. */
const FELL_BY = 0.1

/** The SEGMENTS furthest short of their rate before, furthest first; none that did not fall by FELL_BY. */
function mostShort(segments: Segment[]): Segment[] {
  const short = segments.filter((segment) => shortfall(segment) > FELL_BY * (segment.baseline?.rate ?? 0) * segment.window.of)
  return short.sort((a, b) => shortfall(b) - shortfall(a) || a.name.localeCompare(b.name)).slice(0, SEGMENTS)
}

/** The categories with most of `stat` over the window, most first, each with its own rate. */
function topCategories(categories: readonly CategorySum[], { stat, per }: StatPer): Segment[] {
  const segments = categories.filter((category) => category.counts[stat] > 0).map((category): Segment => ({ name: category.name, window: rateOf(category.counts[stat], category.counts[per]) }))
  return mostFirst(segments)
}

/** The SEGMENTS largest counts, most first; on a tie, by name, so every run names the same. */
function mostFirst(segments: Segment[]): Segment[] {
  return segments.sort((a, b) => b.window.count - a.window.count || a.name.localeCompare(b.name)).slice(0, SEGMENTS)
}
