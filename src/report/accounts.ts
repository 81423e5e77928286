import { eachDay, type Day } from '../dates.js'
import type { AccountVerdict, BreachMetric, Row } from '../gate/evaluate.js'
import { trendOf, type DailyScore, type Trend } from '../gate/trends.js'
import type { EvaluateMode } from '../inputs.js'
import { METRICS, type Metric } from '../records/score-record.js'
import { plural } from './verdict.js'

/**
 * One line per account, whatever the face prints it as (a Markdown table, aligned text): how it
 * stands, its scores, its lowest metrics and its days, each value marked where it breaches.
 */
export interface AccountLine {
  account: string
  parent: boolean
  /** Whether an account-thresholds rule, not min-score and min-metric-scores, set its thresholds. */
  ownThresholds: boolean
  status: Status
  /** `2 of 14 days`, `no score`, `not read`: what the status is about. */
  statusDetail: string
  /** Under `all` and `latest` the latest scored day; under `average` the average over the range. */
  headline?: MarkedValue & { date: string }
  /** The lowest daily score in the range. */
  lowest?: MarkedValue & { date: Day }
  /** Per metric, the value judged: the lowest in the range under `all`, the latest day's or the average otherwise. */
  metrics: Record<Metric, MarkedValue | undefined>
  /**
   * The Daily column: one cell per `daysPerCell` days, oldest first, the last ending on the range's
   * last day: the lowest score of its days, undefined where none had one.
   */
  daily: (number | undefined)[]
  trend?: Trend
}

/** `risk`: at or above every threshold, but below a warning level. */
export type Status = 'breach' | 'error' | 'pending' | 'missing' | 'risk' | 'ok'

/** Each metric's name as a column title, short enough for a narrow column; a legend says the rest. */
export const SHORT_NAMES: Record<Metric, string> = {
  engagement_recency: 'Recency',
  open_rate: 'Opens',
  bounce_classification: 'Blocks',
  bounce_rate: 'Bounces',
  spam_rate: 'Spam'
}

export interface MarkedValue {
  value: number
  breached: boolean
  /** Below its warning level, not its threshold. */
  atRisk: boolean
}

function accountLine(verdict: AccountVerdict, mode: EvaluateMode, days: Day[]): AccountLine {
  const rows = verdict.rows()
  const scores = verdict.scores
  const foundIn = (findings: (row: Row) => { metric: BreachMetric }[]) => (subject: BreachMetric, date?: string): boolean =>
    rows.some((row) => (date === undefined || row.date === date) && findings(row).some((finding) => finding.metric === subject))
  const [breached, warned] = [foundIn((row) => row.breaches), foundIn((row) => row.warnings)]
  // A value shown for the whole range is its lowest: a breach, if any day breached.
  const marks: Marks = (subject, date) => {
    const breach = breached(subject, date)
    return { breached: breach, atRisk: !breach && warned(subject, date) }
  }
  const lowest = lowestDay(scores)
  const unmarked = { breached: false, atRisk: false }
  return {
    account: verdict.account,
    parent: verdict.parent,
    ownThresholds: verdict.rule !== undefined,
    ...statusOf(verdict, mode),
    headline: headlineOf(rows, scores, mode, marks),
    lowest: lowest && { ...lowest, value: lowest.score, ...(mode === 'all' ? marks('score', lowest.date) : unmarked) },
    metrics: metricsOf(rows, mode, marks),
    daily: dailyScores(scores, days),
    trend: trendOf(scores)
  }
}

/** Every account's line, worst first; made as they are read. */
export function* accountLines(accounts: AccountVerdict[], mode: EvaluateMode, range: { from: Day; to: Day }): Generator<AccountLine> {
  const days = eachDay(range.from, range.to)
  for (const verdict of accounts) yield accountLine(verdict, mode, days)
}

function statusOf(verdict: AccountVerdict, mode: EvaluateMode): Pick<AccountLine, 'status' | 'statusDetail'> {
  if (verdict.failure) return { status: verdict.failure.outcome, statusDetail: verdict.failure.outcome === 'pending' ? 'pending' : 'not read' }
  if (verdict.breaches > 0) return { status: 'breach', statusDetail: statusDetail(verdict.below, verdict.worstBreaches, verdict.judged, mode, 'below') }
  if (verdict.missing > 0) {
    const detail = verdict.missing === verdict.judged ? 'no score' : `${verdict.missing} of ${plural(verdict.judged, 'day')}`
    return { status: 'missing', statusDetail: detail }
  }
  if (verdict.atRisk) return { status: 'risk', statusDetail: statusDetail(verdict.belowWarning, verdict.worstWarnings, verdict.judged, mode, 'at risk') }
  return { status: 'ok', statusDetail: '' }
}

/** `2 of 14 days`, `dropped 1.5`, or under latest and average `below` (`at risk`): how many rows a breach or warning is on. */
function statusDetail(rows: number, worst: readonly { metric: BreachMetric; value: number }[], judged: number, mode: EvaluateMode, word: string): string {
  const drop = worst.find((finding) => finding.metric === 'drop')
  const dropped = drop ? `dropped ${drop.value}` : ''
  const below = rows === 0 ? '' : mode === 'all' ? `${rows} of ${plural(judged, 'day')}` : word
  return [below, dropped].filter(Boolean).join(', ')
}

/** How a value of `subject` (on `date`, or anywhere in the range) is marked. */
type Marks = (subject: BreachMetric, date?: string) => Pick<MarkedValue, 'breached' | 'atRisk'>

function headlineOf(rows: Row[], scores: DailyScore[], mode: EvaluateMode, marks: Marks): AccountLine['headline'] {
  if (mode === 'average') {
    const [row] = rows
    return row?.score === undefined ? undefined : { value: row.score, date: row.date, ...marks('score') }
  }
  const latest = scores.at(-1)
  return latest && { value: latest.score, date: latest.date, ...marks('score', latest.date) }
}

function metricsOf(rows: Row[], mode: EvaluateMode, marks: Marks): AccountLine['metrics'] {
  const judged = mode === 'all' ? rows : rows.slice(0, 1)
  const entries = METRICS.map((metric): [Metric, MarkedValue | undefined] => {
    const values = judged.flatMap((row) => (row.metrics?.[metric] === undefined ? [] : [row.metrics[metric] as number]))
    return [metric, values.length === 0 ? undefined : { value: Math.min(...values), ...marks(metric) }]
  })
  return Object.fromEntries(entries) as AccountLine['metrics']
}

/** The lowest score, on its latest day. */
function lowestDay(scores: DailyScore[]): DailyScore | undefined {
  let lowest: DailyScore | undefined
  for (const day of scores) if (lowest === undefined || day.score <= lowest.score) lowest = day
  return lowest
}

function dailyScores(scores: DailyScore[], days: Day[]): (number | undefined)[] {
  const byDay = new Map(scores.map((day) => [day.date, day.score]))
  const perCell = daysPerCell(days.length)
  const cells: (number | undefined)[] = []
  // From the last day back, so that the latest cell is a whole one; the oldest holds what is left.
  for (let end = days.length; end > 0; end -= perCell) cells.unshift(lowestScore(days.slice(Math.max(end - perCell, 0), end).map((day) => byDay.get(day))))
  return cells
}

function lowestScore(scores: (number | undefined)[]): number | undefined {
  let lowest: number | undefined
  for (const score of scores) if (score !== undefined && (lowest === undefined || score < lowest)) lowest = score
  return lowest
}

/** The Daily column's most cells whatever the range, so that a row of 30 or 90 days fits the page. */
export const DAILY_CELLS = 14

/** How many days a cell of the Daily column holds: 1 up to 14 days, 3 for 30, 7 for 90. */
export function daysPerCell(days: number): number {
  return Math.max(Math.ceil(days / DAILY_CELLS), 1)
}

/** What a bar of the Daily column stands for: `one bar per day`, `one bar per 3 days, the lowest of their scores`. */
export function barsText(days: number): string {
  const perCell = daysPerCell(days)
  if (perCell === 1) return 'one bar per day'
  const oldest = days % perCell
  return `one bar per ${perCell} days${oldest === 0 ? '' : ` (the oldest bar: ${plural(oldest, 'day')})`}, the lowest of their scores`
}

/**
 * The day (`11-29`) shown beside a score in a table: none for an average, nor, unless `always`, for
 * a latest score on the last day of the range, which the reader takes for granted.
 */
export function dayBeside({ date }: { date: string }, lastDay: Day, always: boolean): string | undefined {
  return date.includes('..') || (!always && date === lastDay) ? undefined : date.slice(5)
}

const BARS = '▁▂▃▄▅▆▇█'
/** Where a day had no score: a dot, not a space, which a table cell could collapse or wrap at. */
export const NO_SCORE_MARK = '·'

/** One block character per cell, higher for a higher score (1 to 5). */
export function sparkline(daily: (number | undefined)[]): string {
  return daily.map((score) => (score === undefined ? NO_SCORE_MARK : BARS[Math.round(((score - 1) / 4) * (BARS.length - 1))])).join('')
}

export const TREND_ARROWS = { up: '↗', down: '↘', flat: '→', varies: '↕' } as const

/** `↘ down`, `↗ up`, `→ flat`, `↕ varies`; '' with fewer than two scored days. */
export function trendText(trend: Trend | undefined): string {
  return trend === undefined ? '' : `${TREND_ARROWS[trend.direction]} ${trend.direction}`
}
