import { METRICS, type Metric, type ScoreRecord } from '../records/score-record.js'
import type { AccountVerdict, Breach, Row, Warning } from './evaluate.js'

/**
 * Which of SendGrid's five metrics is behind an overall score or a drop: the report names it
 * beside the score, and the explanation fetches the stats behind it.
 */

export interface Cause {
  metric: Metric
  value: number
  /** For a drop: the metric's value on the best day. */
  from?: number
}

/** For the score, its lowest metric on its worst day; for a drop, the metric that fell most; for a metric, none (it is its own cause). */
export function causeOf(worst: Breach | Warning, rows: Row[], verdict: AccountVerdict): Cause | undefined {
  if (worst.metric === 'score') return lowestMetric(rows.find((row) => row.date === worst.date))
  if (worst.metric === 'drop' && worst.best) return largestFall(verdict.records(), worst.best.date, worst.date)
  return undefined
}

/** The lowest of a day's metrics; on a tie, one below its own threshold or warning level, then the first in SendGrid's order. */
export function lowestMetric(row: Row | undefined): Cause | undefined {
  const flagged = (metric: Metric): boolean => [...(row?.breaches ?? []), ...(row?.warnings ?? [])].some((finding) => finding.metric === metric)
  let lowest: Cause | undefined
  for (const metric of METRICS) {
    const value = row?.metrics?.[metric]
    if (value === undefined) continue
    if (lowest === undefined || value < lowest.value || (value === lowest.value && flagged(metric) && !flagged(lowest.metric))) lowest = { metric, value }
  }
  return lowest
}

/** The metric that fell most from the best day to the latest; none when none fell. */
export function largestFall(records: ScoreRecord[], bestDate: string, latestDate: string): Cause | undefined {
  const [best, latest] = [records.find((record) => record.date === bestDate)?.metrics, records.find((record) => record.date === latestDate)?.metrics]
  if (!best || !latest) return undefined
  let largest: Cause | undefined
  for (const metric of METRICS) {
    const fall = best[metric] - latest[metric]
    if (fall > 0 && (largest === undefined || fall > (largest.from ?? 0) - largest.value)) largest = { metric, value: latest[metric], from: best[metric] }
  }
  return largest
}
