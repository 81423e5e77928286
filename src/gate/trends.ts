import type { Day } from '../dates.js'

/** An account's overall score on one day it was scored. */
export interface DailyScore {
  date: Day
  score: number
}

/** `varies`: the score moved, but neither up nor down over the range (4, 5, 4, 5, 4). */
export type Direction = 'up' | 'down' | 'flat' | 'varies'

/** How an account's overall score moved over every scored day of the range. */
export interface Trend {
  direction: Direction
  /** The least-squares line's change from the first scored day to the last, rounded to two decimals. */
  change: number
  lowest: number
  highest: number
}

/** A fitted change of half a point or more over the range is a direction; less is noise. */
const DIRECTION_CHANGE = 0.5

/** The latest score against the best score in the range. */
export interface Drop {
  best: DailyScore
  latest: DailyScore
  /** best − latest, rounded to two decimals; 0 when the latest day is the best. */
  by: number
}

/**
 * The trend over `scores` (oldest first), from every scored day: the slope of a least-squares line
 * through them, times the days they span. Flat only when every score is the same; undefined with
 * fewer than two scored days.
 */
export function trendOf(scores: DailyScore[]): Trend | undefined {
  if (scores.length < 2) return undefined
  const values = scores.map((day) => day.score)
  const [lowest, highest] = [Math.min(...values), Math.max(...values)]
  const change = round2(fittedChange(scores))
  const direction = lowest === highest ? 'flat' : change >= DIRECTION_CHANGE ? 'up' : change <= -DIRECTION_CHANGE ? 'down' : 'varies'
  return { direction, change, lowest, highest }
}

/** The least-squares line's rise from the first scored day to the last, days counted by date. */
function fittedChange(scores: DailyScore[]): number {
  const first = Date.parse(scores[0]?.date ?? '')
  const points = scores.map((day) => ({ x: (Date.parse(day.date) - first) / 86_400_000, y: day.score }))
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length
  let [covariance, variance] = [0, 0]
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY)
    variance += (x - meanX) ** 2
  }
  const span = points.at(-1)?.x ?? 0
  return variance === 0 ? 0 : (covariance / variance) * span
}

/** How far the latest score (of `scores`, oldest first) lies below the best; the most recent best day wins ties. */
export function dropOf(scores: DailyScore[]): Drop | undefined {
  const latest = scores.at(-1)
  if (!latest) return undefined
  const best = scores.reduce((top, day) => (day.score >= top.score ? day : top))
  return { best, latest, by: round2(best.score - latest.score) }
}

/** Whether the latest score lies `maxDrop` or more below the best. */
export function breachesMaxDrop(drop: Drop | undefined, maxDrop: number): drop is Drop {
  return drop !== undefined && drop.by > 0 && drop.by >= maxDrop
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100
}
