import type { Failure } from '../../src/records/collection.js'
import type { Metrics, ScoreRecord } from '../../src/records/score-record.js'

/** Test data for the pure modules: records, metrics and failures with readable defaults. */

export function metrics(overrides: Partial<Metrics> = {}): Metrics {
  return { engagement_recency: 5, open_rate: 5, bounce_classification: 5, bounce_rate: 5, spam_rate: 5, ...overrides }
}

/** A record; without a score when `score` is undefined, with metrics only when given. */
export function rec(account: string, date: string, score?: number, withMetrics?: Partial<Metrics>): ScoreRecord {
  const record: ScoreRecord = { account, user_id: `id-${account}`, date }
  if (score !== undefined) record.score = score
  if (withMetrics) record.metrics = metrics(withMetrics)
  return record
}

export function failure(overrides: Partial<Failure> = {}): Failure {
  return { outcome: 'error', message: 'SendGrid answered 500', cause: { endpoint: 'scores', status: 500 }, ...overrides }
}
