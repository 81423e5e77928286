import type { Day } from '../dates.js'

/** The five inputs SendGrid combines into the overall score, in the order its docs list them. */
export const METRICS = ['engagement_recency', 'open_rate', 'bounce_classification', 'bounce_rate', 'spam_rate'] as const
export type Metric = (typeof METRICS)[number]
export type Metrics = Record<Metric, number>

/**
 * The label of a listing entry that came without a username: SendGrid's own example leaves it out
 * on an unscored subuser's day. The collector renames it once another day names the same user_id.
 */
export function unnamedLabel(userId: string): string {
  return `user_id ${userId}`
}

/** Whether `account` is such a label: a name SendGrid never gave, which no request can be made on behalf of. */
export function isUnnamedLabel(account: string): boolean {
  return /^user_id \S+$/.test(account)
}

/** One account's engagement quality on one UTC day, as SendGrid reported it. */
export interface ScoreRecord {
  /** The subuser as the user named it, `account-id <id>`, or the parent's username. */
  account: string
  user_id: string
  date: Day
  /** Absent on days the account was not eligible for a score. */
  score?: number
  metrics?: Metrics
}
