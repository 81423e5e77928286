import { eachDay, type Day } from './dates.js'
import type { Collection, Failure } from './collect.js'
import type { Config } from './inputs.js'
import { METRICS, type Metric, type Metrics, type ScoreRecord } from './records.js'
import { breachesMaxDrop, dropOf, type DailyScore } from './trends.js'

/** `score` is the overall score; the rest are SendGrid's five metrics. */
export type Subject = 'score' | Metric
/** What a breach is about: a score, or `drop` (the latest overall score fell max-drop or more below the best). */
export type BreachMetric = Subject | 'drop'

/**
 * A score below its threshold: `value` < `threshold`. `date` is the day, or `from..to` for averages.
 * For `drop`, `value` is how far the latest score (on `date`) lies below `best`, and `threshold` is
 * max-drop: `value` ≥ `threshold`.
 */
export interface Breach {
  account: string
  date: string
  metric: BreachMetric
  value: number
  threshold: number
  /** Only for `drop`: the best overall score in the range and its day. */
  best?: DailyScore
}

/** One line of the report: an account on a day (or its latest day, or its average). */
export interface Row {
  account: string
  date: string
  score?: number
  metrics?: Partial<Metrics>
  breaches: Breach[]
  /** No score where one was expected. */
  missing: boolean
}

export interface AccountVerdict {
  account: string
  lowestScore?: number
  breaches: number
  missing: number
  failure?: Failure
  /** Every day the account was scored, oldest first (none when it could not be read). */
  scores: DailyScore[]
}

/**
 * `failed` (a breach, or a missing score under missing-scores: fail) outranks `error` (an account
 * could not be read), which outranks `pending` (still 202 at wait-timeout).
 */
export type Result = 'passed' | 'failed' | 'error' | 'pending'

export interface Evaluation {
  result: Result
  /** Worst account first, then by date. */
  rows: Row[]
  breaches: Breach[]
  /** Accounts (and, under `all`, days) without a score; day-less under latest and average. */
  missing: { account: string; date?: Day }[]
  lowestScore?: number
  /** Worst first: breaches, then unreadable accounts, then by lowest score. */
  accounts: AccountVerdict[]
  failures: Failure[]
}

export type EvaluationConfig = Pick<
  Config,
  'subusers' | 'from' | 'to' | 'minScore' | 'minMetricScores' | 'evaluate' | 'missingScores' | 'maxDrop'
>

export function evaluate(collection: Collection, config: EvaluationConfig): Evaluation {
  const byAccount = groupByAccount(collection, config)
  const failedDays = new Set(collection.failures.filter((failure) => failure.account === undefined).map((failure) => failure.date))
  const accountFailure = (account: string): Failure | undefined =>
    collection.failures.find((failure) => failure.account === account && failure.date === undefined)

  const verdicts: { verdict: AccountVerdict; rows: Row[] }[] = []
  for (const [account, records] of byAccount) {
    const failure = accountFailure(account)
    const rows = failure ? [] : rowsOf(account, records, config, failedDays)
    const daily = failure ? [] : dailyScores(records)
    judgeDrop(account, daily, rows, config.maxDrop)
    const scores = rows.map((row) => row.score).filter((score) => score !== undefined)
    verdicts.push({
      rows,
      verdict: {
        account,
        lowestScore: scores.length > 0 ? Math.min(...scores) : undefined,
        breaches: rows.reduce((sum, row) => sum + row.breaches.length, 0),
        missing: rows.filter((row) => row.missing).length,
        failure,
        scores: daily
      }
    })
  }
  verdicts.sort((a, b) => compareVerdicts(a.verdict, b.verdict))

  const rows = verdicts.flatMap(({ rows }) => rows)
  const breaches = rows.flatMap((row) => row.breaches)
  const missing = rows
    .filter((row) => row.missing)
    .map((row) => (config.evaluate === 'all' ? { account: row.account, date: row.date } : { account: row.account }))
  const scores = rows.map((row) => row.score).filter((score) => score !== undefined)
  return {
    result: resultOf(breaches.length, config.missingScores === 'fail' ? missing.length : 0, collection.failures),
    rows,
    breaches,
    missing,
    lowestScore: scores.length > 0 ? Math.min(...scores) : undefined,
    accounts: verdicts.map(({ verdict }) => verdict),
    failures: collection.failures
  }
}

function resultOf(breaches: number, failingMissing: number, failures: Failure[]): Result {
  if (breaches > 0 || failingMissing > 0) return 'failed'
  if (failures.some((failure) => failure.outcome === 'error')) return 'error'
  if (failures.length > 0) return 'pending'
  return 'passed'
}

/** Every account the run is about, each with its records sorted by date. */
function groupByAccount(collection: Collection, config: EvaluationConfig): Map<string, ScoreRecord[]> {
  const byAccount = new Map<string, ScoreRecord[]>()
  const add = (account: string): ScoreRecord[] => {
    const records = byAccount.get(account) ?? []
    byAccount.set(account, records)
    return records
  }
  if (config.subusers !== 'all') config.subusers.forEach(add)
  for (const failure of collection.failures) if (failure.account !== undefined) add(failure.account)
  for (const record of collection.records) add(record.account).push(record)
  for (const records of byAccount.values()) records.sort((a, b) => a.date.localeCompare(b.date))
  return byAccount
}

function rowsOf(account: string, records: ScoreRecord[], config: EvaluationConfig, failedDays: Set<Day | undefined>): Row[] {
  const scored = records.filter((record) => record.score !== undefined)
  switch (config.evaluate) {
    case 'all': {
      const byDate = new Map(records.map((record) => [record.date, record]))
      return eachDay(config.from, config.to)
        .filter((day) => byDate.has(day) || !failedDays.has(day))
        .map((day) => judge(account, day, byDate.get(day), config))
    }
    case 'latest':
      return [judge(account, scored.at(-1)?.date ?? rangeOf(config), scored.at(-1), config)]
    case 'average':
      return [judge(account, rangeOf(config), average(scored), config)]
  }
}

function judge(account: string, date: string, scores: Pick<ScoreRecord, 'score' | 'metrics'> | undefined, config: EvaluationConfig): Row {
  const row: Row = { account, date, score: scores?.score, metrics: scores?.metrics, breaches: [], missing: scores?.score === undefined }
  const check = (metric: Subject, value: number | undefined, threshold: number | undefined): void => {
    if (value !== undefined && threshold !== undefined && value < threshold)
      row.breaches.push({ account, date, metric, value, threshold })
  }
  check('score', row.score, config.minScore)
  for (const metric of METRICS) check(metric, row.metrics?.[metric], config.minMetricScores[metric])
  return row
}

function dailyScores(records: ScoreRecord[]): DailyScore[] {
  return records.flatMap((record) => (record.score === undefined ? [] : [{ date: record.date, score: record.score }]))
}

/**
 * max-drop: when the latest overall score lies max-drop or more below the best in the range, the
 * breach goes on the latest day's row (the account's only row under average).
 */
function judgeDrop(account: string, daily: DailyScore[], rows: Row[], maxDrop: number | undefined): void {
  const drop = dropOf(daily)
  if (maxDrop === undefined || !breachesMaxDrop(drop, maxDrop)) return
  const row = rows.find((candidate) => candidate.date === drop.latest.date) ?? rows.at(-1)
  row?.breaches.push({ account, date: drop.latest.date, metric: 'drop', value: drop.by, threshold: maxDrop, best: drop.best })
}

/** Means over the scored days, rounded to two decimals: the value shown is the value judged. */
function average(records: ScoreRecord[]): Pick<ScoreRecord, 'score' | 'metrics'> | undefined {
  if (records.length === 0) return undefined
  const mean = (values: number[]): number | undefined =>
    values.length === 0 ? undefined : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100
  const withMetrics = records.flatMap((record) => (record.metrics ? [record.metrics] : []))
  const metrics = Object.fromEntries(METRICS.map((metric) => [metric, mean(withMetrics.map((m) => m[metric]))]))
  return {
    score: mean(records.map((record) => record.score as number)),
    metrics: withMetrics.length > 0 ? (metrics as Metrics) : undefined
  }
}

export function rangeOf({ from, to }: Pick<Config, 'from' | 'to'>): string {
  return from === to ? from : `${from}..${to}`
}

function compareVerdicts(a: AccountVerdict, b: AccountVerdict): number {
  const rank = (verdict: AccountVerdict): number[] => [
    verdict.breaches > 0 ? 0 : 1,
    verdict.failure ? 0 : 1,
    verdict.missing > 0 ? 0 : 1,
    verdict.lowestScore ?? 6
  ]
  const [ra, rb] = [rank(a), rank(b)]
  for (let index = 0; index < ra.length; index++) if (ra[index] !== rb[index]) return (ra[index] as number) - (rb[index] as number)
  return a.account.localeCompare(b.account)
}
