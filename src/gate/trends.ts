import type { Day } from '../dates.js'

/** An account's overall score on one day it was scored. */
export interface DailyScore {
  date: Day
  score: number
}

export type Direction = 'up' | 'down' | 'flat'

/** How an account's overall score moved from its first to its last scored day in the range. */
export interface Trend {
  direction: Direction
  first: DailyScore
  last: DailyScore
}

/** The latest score against the best score in the range. */
export interface Drop {
  best: DailyScore
  latest: DailyScore
  /** best − latest, rounded to two decimals; 0 when the latest day is the best. */
  by: number
}

/** The trend over `scores` (oldest first); undefined with fewer than two scored days. */
export function trendOf(scores: DailyScore[]): Trend | undefined {
  const [first, last] = [scores[0], scores.at(-1)]
  if (!first || !last || scores.length < 2) return undefined
  const change = round2(last.score - first.score)
  return { direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat', first, last }
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
