import { daysBetween } from '../dates.js'
import { EXPLAINED_ACCOUNTS, FEWER_IS_WORSE, MEASURED, type AccountExplanation, type Explanation, type Measure, type MetricExplanation, type Rate, type Segment } from '../gate/explain.js'
import type { Wording } from '../messages.js'
import type { DayRange, StatName, StatsGap } from '../records/stats.js'
import { listed } from './fixes.js'
import { capitalized } from './phrases.js'
import { METRIC_NAMES, plural } from './verdict.js'

/**
 * Why a score fell, in words every format shares: under an explained account's entry in What to
 * fix, a `Why:` line per breaching metric (the stat behind it in the breach days against the days
 * before, the mailbox providers and the categories that carry it) and a line per part of the stats
 * SendGrid could not give; beneath the list, how many accounts were not explained and whether the
 * key lacks Stats read access. `literal` makes text from outside (names, SendGrid's messages) safe.
 *
 * Dates are whole and ASCII, as everywhere in the report, so that a reader finds and copies them.
 * A rate is shown only from a denominator of COUNTS_BELOW or more; below it, the counts are.
 */

/**
 * Below this many messages a rate is shown as its counts (`3 of 40 delivered`): one message would
 * move it by 0.1 point or more, as far as Gmail's whole spam budget, so a percentage would claim a
 * precision the counts lack. No rate at all comes from a denominator of 0.
 */
export const COUNTS_BELOW = 1000

/** Where SendGrid grants the access the explanation needs. */
export const STATS_ACCESS = 'Settings → API Keys → Stats: Read'

type Literal = (text: string) => string

const STAT_WORDS: Record<StatName, [one: string, many: string]> = {
  requests: ['request', 'requests'],
  delivered: ['delivered', 'delivered'],
  bounces: ['bounce', 'bounces'],
  blocks: ['block', 'blocks'],
  spam_reports: ['spam report', 'spam reports'],
  unique_opens: ['unique open', 'unique opens'],
  unique_clicks: ['unique click', 'unique clicks']
}

/** What a denominator of 0 means, said instead of a rate. */
const NONE_OF: Record<StatName, string> = {
  requests: 'no requests',
  delivered: 'nothing delivered',
  bounces: 'no bounces',
  blocks: 'no blocks',
  spam_reports: 'no spam reports',
  unique_opens: 'no opens',
  unique_clicks: 'no clicks'
}

const PART_NAMES: Record<StatsGap['part'], string> = {
  daily: 'daily stats',
  providers: 'mailbox providers',
  categories: 'categories'
}

/** How many accounts a run explains at most, as the report says it. */
const AT_MOST = `at most ${EXPLAINED_ACCOUNTS} per run`

/** Each account's Why lines (see whyLines), by the name What to fix gives it; none for an account not explained. */
export function whyByAccount(explanation: Explanation | undefined, literal: Literal): (account: string) => string[] {
  const explained = new Map((explanation?.accounts ?? []).map((account) => [account.account, account]))
  const accessDenied = explanation?.accessDenied ?? false
  return (name) => {
    const account = explained.get(name)
    return account ? whyLines(account, literal, accessDenied) : []
  }
}

/**
 * An account's lines under its entry: `Why: …` per metric that has anything to say, then what
 * SendGrid could not give, a line per cause. A refused access is said once beneath the list, not
 * per account.
 */
export function whyLines(account: AccountExplanation, literal: Literal, accessDenied = false): string[] {
  const gaps = account.gaps.filter((gap) => !(accessDenied && gap.reason === 'access'))
  const said = account.metrics.filter((metric) => metric.measures.length > 0 || metric.providers.length > 0 || metric.categories.length > 0)
  return [...said.map((metric) => whyLine(metric, account, literal)), ...gapLines(gaps, literal)]
}

/**
 * `Mailbox providers not available: SendGrid answered 500.`; parts that failed alike share a line
 * (`Daily stats, mailbox providers and categories not available: …`), with the first one's words.
 */
export function gapLines(gaps: readonly StatsGap[], literal: Literal): string[] {
  const alike = new Map<string, StatsGap[]>()
  for (const gap of gaps) {
    const key = JSON.stringify([gap.reason, gap.cause])
    alike.set(key, [...(alike.get(key) ?? []), gap])
  }
  return [...alike.values()].map((group) => {
    const [first] = group as [StatsGap]
    const parts = listed(group.map((gap) => PART_NAMES[gap.part]))
    return `${capitalized(parts)} not available: ${literal(first.message.replace(/\.\s*$/, ''))}.`
  })
}

/**
 * `Why: spam reports 0.45% of delivered (236 of 52,000) from 2026-11-26 to 2026-11-27, against
 * 0.040% in the 7 days before; by provider: Gmail 0.52% (41 of 7,900; was 0.050%), Yahoo 0.082% (9
 * of 11,000); by category: weekly-deals 38 of the 236 spam reports, receipts 9.`
 */
export function whyLine(metric: MetricExplanation, account: Pick<AccountExplanation, 'window' | 'baseline' | 'gaps'>, literal: Literal): string {
  const [first, ...others] = metric.measures
  const missing = (part: StatsGap['part']): boolean => account.gaps.some((gap) => gap.part === part)
  // Without the account's totals (a gap says why), the providers and categories still tell where the stat rose.
  const counted: StatPer = first ?? (MEASURED[metric.metric][0] as StatPer)
  const segments = [providersText(metric, counted, first?.window.count, missing('providers'), literal), categoriesText(metric, counted, first?.window.count, missing('categories'), literal)]
  if (first === undefined) return `Why: ${STAT_WORDS[counted.stat][1]} ${when(account.window)}: ${segments.filter(Boolean).join('; ')}.`
  const before = `the ${daysBefore(account.baseline)} before`
  const measures = [
    `${measureText(first)} ${when(account.window)}${baselineText(first, ` in ${before}`)}`,
    ...others.map((measure) => `${measureText(measure)}${baselineText(measure, '')}`)
  ]
  const nearest = metric.nearest ? `${METRIC_NAMES[metric.metric]} has no SendGrid stat of its own, the nearest are ` : ''
  const parts = [`${nearest}${measures.join('; ')}`, first.baseline === undefined ? `SendGrid returned no stats for ${before}` : '', ...segments]
  return `Why: ${parts.filter(Boolean).join('; ')}.`
}

/** A stat and what it is counted against. */
type StatPer = Pick<Measure, 'stat' | 'per'>

/** `spam reports 0.45% of delivered (236 of 52,000)`, `3 spam reports, nothing delivered`. */
function measureText(measure: Measure): string {
  const { text, counts } = rateParts(measure.window, measure, true)
  if (!hasRate(measure.window)) return text
  return `${STAT_WORDS[measure.stat][1]} ${text}${counts ? ` (${counts})` : ''}`
}

/** `, against 0.040% in the 7 days before`; nothing when SendGrid gave no stats for them (the line says so once). */
function baselineText({ baseline, per, stat }: Measure, inBefore: string): string {
  if (baseline === undefined) return ''
  return `, against ${rateParts(baseline, { per, stat }, false).text}${inBefore}`
}

/**
 * `by provider: Gmail 0.52% (41 of 7,900; was 0.050%), Yahoo 0.082% (9 of 11,000)`; empty when the
 * providers could not be had (a gap says so) or nothing was counted.
 */
function providersText({ providers }: MetricExplanation, counted: StatPer, total: number | undefined, failed: boolean, literal: Literal): string {
  if (failed) return ''
  if (FEWER_IS_WORSE.includes(counted.stat)) return providers.length === 0 ? '' : `fell most at ${providers.map((provider) => segmentText(provider, counted, literal)).join(', ')}`
  if (providers.length === 0) return total !== undefined && total > 0 ? 'SendGrid named no mailbox provider' : ''
  return `by provider: ${providers.map((provider) => segmentText(provider, counted, literal)).join(', ')}`
}

/** `Gmail 0.52% (41 of 7,900; was 0.050%)`, `Yahoo 3 of 40 (was 0 of 31)`. */
function segmentText({ name, window, baseline }: Segment, counted: StatPer, literal: Literal): string {
  const { text, counts } = rateParts(window, counted, false)
  const notes = [counts, baseline && `was ${rateParts(baseline, counted, false).text}`].filter(Boolean)
  return `${literal(name)} ${text}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`
}

/**
 * `by category: weekly-deals 38 of the 236 spam reports, receipts 9`; `none of them in a category`
 * when the sender sets none or no category carries the stat; the share of the whole only where the whole is known.
 */
function categoriesText({ categories }: MetricExplanation, { stat }: StatPer, total: number | undefined, failed: boolean, literal: Literal): string {
  if (failed) return ''
  if (categories.length === 0) return total !== undefined && total > 0 ? 'none of them in a category' : ''
  const [first, ...rest] = categories as [Segment, ...Segment[]]
  // The stat named once, after the first category.
  const most = total !== undefined && first.window.count <= total ? `${count(first.window.count)} of the ${count(total)} ${statWord(stat, total)}` : `${count(first.window.count)} ${statWord(stat, first.window.count)}`
  const others = rest.map((category) => `${literal(category.name)} ${count(category.window.count)}`)
  return `by category: ${[`${literal(first.name)} ${most}`, ...others].join(', ')}`
}

/**
 * A rate as a reader can trust it: `0.45%` with its counts `236 of 52,000` apart; below
 * COUNTS_BELOW the counts alone, `3 of 40`; from a denominator of 0 no rate: `2 spam reports,
 * nothing delivered`. `long` names what it is counted against (`0.45% of delivered`), and what
 * was not counted (`no spam reports, nothing delivered`).
 */
export function rateParts(rate: Rate, { per, stat }: StatPer, long: boolean): { text: string; counts?: string } {
  if (!hasRate(rate)) {
    const counted = rate.count > 0 ? `${count(rate.count)} ${statWord(stat, rate.count)}` : long ? NONE_OF[stat] : undefined
    return { text: counted === undefined ? NONE_OF[per] : `${counted}, ${NONE_OF[per]}` }
  }
  const counts = `${count(rate.count)} of ${count(rate.of)}`
  const against = long ? ` ${STAT_WORDS[per][1]}` : ''
  if (rate.of < COUNTS_BELOW) return { text: `${counts}${against}` }
  return { text: `${percent(rate.rate)}${long ? ' of' : ''}${against}`, counts }
}

function hasRate(rate: Rate): rate is Rate & { rate: number } {
  return rate.of > 0 && rate.rate !== undefined && Number.isFinite(rate.rate)
}

function statWord(stat: StatName, amount: number): string {
  return STAT_WORDS[stat][amount === 1 ? 0 : 1]
}

const COUNT = new Intl.NumberFormat('en-US')
const SMALL_PERCENT = new Intl.NumberFormat('en-US', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 })
const LARGE_PERCENT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** `7,900`. */
function count(amount: number): string {
  return COUNT.format(amount)
}

/** Two significant digits below 10% (`0.45%`, `0.90%`, `0.0021%`), one decimal from there (`12.3%`). */
export function percent(rate: number): string {
  const points = rate * 100
  // Chosen on the value as rounded: 9.97 has two significant digits only as 10.0.
  return `${(points < 9.95 ? SMALL_PERCENT : LARGE_PERCENT).format(points)}%`
}

/** `on 2026-11-27`, `from 2026-11-26 to 2026-11-27`: whole dates, which a reader can find and copy. */
function when({ from, to }: DayRange): string {
  return from === to ? `on ${from}` : `from ${from} to ${to}`
}

/** `7 days`, `day`. */
function daysBefore({ from, to }: DayRange): string {
  const days = daysBetween(from, to) + 1
  return days === 1 ? 'day' : plural(days, 'day')
}

/** Beneath What to fix: how many accounts in breach were not explained, and the access the explanation needs. */
export function explanationNotes(explanation: Explanation | undefined, wording: Wording): string[] {
  if (explanation === undefined) return []
  const { notExplained, accessDenied } = explanation
  const more = notExplained > 0 ? [`${plural(notExplained, 'more account')} in breach ${notExplained === 1 ? 'was' : 'were'} not explained (${AT_MOST}).`] : []
  return [...more, ...(accessDenied ? [accessNeeded(wording)] : [])]
}

/** What the report says when SendGrid refused the stats: the verdict stands, the explanation needs Stats read access. */
function accessNeeded(wording: Wording): string {
  return `Why the scores fell is not shown: the explanation needs Stats read access, which the key in ${wording.keySource} lacks (${STATS_ACCESS}).`
}

/** The one notice a run gives when SendGrid refused the stats: the access to add, and that nothing else changed. */
export function statsAccessNotice(wording: Wording): string {
  return `The breaches are not explained: SendGrid refused its stats to the key in ${wording.keySource}. Add Stats read access to that key (${STATS_ACCESS}) to see why a score fell; the verdict does not depend on it.`
}

/** A rate in the report file and the command line's JSON: `rate` is null where nothing was counted against. */
export interface RateDocument {
  count: number
  of: number
  rate: number | null
}

/** The explanation in the report file and the command line's JSON: every rate a number or null, never NaN. */
export interface ExplanationDocument {
  accounts: {
    account: string
    window: DayRange
    baseline: DayRange
    metrics: {
      metric: MetricExplanation['metric']
      nearest: boolean
      measures: { stat: StatName; per: StatName; window: RateDocument; baseline: RateDocument | null }[]
      providers: { name: string; window: RateDocument; baseline: RateDocument | null }[]
      categories: { name: string; window: RateDocument }[]
    }[]
    gaps: StatsGap[]
  }[]
  notExplained: number
  accessDenied: boolean
}

/** The explanation as its JSON document; null when the run explained nothing (it passed, or explain was off). */
export function explanationDocument(explanation: Explanation | undefined): ExplanationDocument | null {
  if (explanation === undefined) return null
  const accounts = explanation.accounts.map(({ account, window, baseline, metrics, gaps }) => ({
    account,
    window,
    baseline,
    metrics: metrics.map(({ metric, nearest, measures, providers, categories }) => ({
      metric,
      nearest,
      measures: measures.map(({ stat, per, window: inWindow, baseline: before }) => ({ stat, per, window: rateDocument(inWindow), baseline: before ? rateDocument(before) : null })),
      providers: providers.map(({ name, window: inWindow, baseline: before }) => ({ name, window: rateDocument(inWindow), baseline: before ? rateDocument(before) : null })),
      categories: categories.map(({ name, window: inWindow }) => ({ name, window: rateDocument(inWindow) }))
    })),
    gaps
  }))
  return { accounts, notExplained: explanation.notExplained, accessDenied: explanation.accessDenied }
}

function rateDocument(rate: Rate): RateDocument {
  return { count: finite(rate.count), of: finite(rate.of), rate: hasRate(rate) ? rate.rate : null }
}

function finite(amount: number): number {
  return Number.isFinite(amount) ? amount : 0
}
