import { eachDay, type Day } from './dates.js'
import type { Collection, Failure } from './collect.js'
import type { Config } from './inputs.js'
import type { RecordStore } from './record-store.js'
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
  /** Every day the account was scored, oldest first (none when it could not be read): read from the store each time. */
  readonly scores: DailyScore[]
}

/**
 * `failed` (a breach, or a missing score under missing-scores: fail) outranks `error` (an account
 * could not be read), which outranks `pending` (still 202 at wait-timeout).
 */
export type Result = 'passed' | 'failed' | 'error' | 'pending'

export interface Evaluation {
  result: Result
  /** Worst account first, then by date. */
  rows: Rows
  breaches: Breach[]
  /** Accounts (and, under `all`, days) without a score; day-less under latest and average. */
  missing: Missing[]
  lowestScore?: number
  /** Worst first: breaches, then unreadable accounts, then by lowest score. */
  accounts: AccountVerdict[]
  failures: Failure[]
}

export interface Missing {
  account: string
  date?: Day
}

export type EvaluationConfig = Pick<
  Config,
  'subusers' | 'from' | 'to' | 'minScore' | 'minMetricScores' | 'evaluate' | 'missingScores' | 'maxDrop'
>

/** What every account is judged against: the config, the days of the range, and the days whose listing failed. */
interface Judging {
  store: RecordStore
  config: EvaluationConfig
  days: Day[]
  failedDays: Set<Day | undefined>
}

/** Where an account's records lie in the store, by date, or its failure when it could not be read. */
interface AccountRecords {
  account: string
  positions: Uint32Array
  failure?: Failure
}

/**
 * The report's lines, worst account first, then by date. Made as they are read, never held all at
 * once: `*` over 20,000 subusers and 30 days has 600,000 of them, and a summary shows what fits.
 * JSON shows them as an array.
 */
export class Rows implements Iterable<Row> {
  constructor(
    private readonly accounts: readonly AccountRecords[],
    private readonly judging: Judging,
    readonly length: number
  ) {}

  *[Symbol.iterator](): Iterator<Row> {
    for (const account of this.accounts) yield* rowsOf(account, this.judging)
  }

  toJSON(): Row[] {
    return [...this]
  }
}

/** One account judged: its verdict, and its breaches and missing scores for the run's lists. */
interface Judged {
  source: AccountRecords
  verdict: AccountVerdict
  breaches: Breach[]
  missing: Missing[]
  rows: number
}

export function evaluate(collection: Collection, config: EvaluationConfig): Evaluation {
  const judging: Judging = {
    store: collection.records,
    config,
    days: eachDay(config.from, config.to),
    failedDays: new Set(collection.failures.filter((failure) => failure.account === undefined).map((failure) => failure.date))
  }
  const judged = accountsOf(collection, config).map((source) => judgeAccount(source, judging))
  judged.sort((a, b) => compareVerdicts(a.verdict, b.verdict))

  const breaches = judged.flatMap((account) => account.breaches)
  const missing = judged.flatMap((account) => account.missing)
  return {
    result: resultOf(breaches.length, config.missingScores === 'fail' ? missing.length : 0, collection.failures),
    rows: new Rows(
      judged.map((account) => account.source),
      judging,
      judged.reduce((sum, account) => sum + account.rows, 0)
    ),
    breaches,
    missing,
    lowestScore: lowestOf(judged.map((account) => account.verdict.lowestScore)),
    accounts: judged.map((account) => account.verdict),
    failures: collection.failures
  }
}

function judgeAccount(source: AccountRecords, judging: Judging): Judged {
  const rows = rowsOf(source, judging)
  const breaches = rows.flatMap((row) => row.breaches)
  const missing = rows.filter((row) => row.missing).map((row) => missingOf(row, judging.config))
  const verdict: AccountVerdict = {
    account: source.account,
    lowestScore: lowestOf(rows.map((row) => row.score)),
    breaches: breaches.length,
    missing: missing.length,
    failure: source.failure,
    // Made when read: 20,000 accounts' scores kept as objects would take more room than the store.
    get scores(): DailyScore[] {
      return source.failure ? [] : scoredDays(recordsOf(source, judging.store))
    }
  }
  return { source, verdict, breaches, missing, rows: rows.length }
}

/** An account's records, made from the store. */
function recordsOf({ positions }: AccountRecords, store: RecordStore): ScoreRecord[] {
  return Array.from(positions, (position) => store.at(position))
}

function missingOf(row: Row, config: EvaluationConfig): Missing {
  return config.evaluate === 'all' ? { account: row.account, date: row.date } : { account: row.account }
}

/** The lowest of `scores`, in a loop: spreading 600,000 of them into Math.min overflows the stack. */
function lowestOf(scores: (number | undefined)[]): number | undefined {
  let lowest: number | undefined
  for (const score of scores) if (score !== undefined && (lowest === undefined || score < lowest)) lowest = score
  return lowest
}

function resultOf(breaches: number, failingMissing: number, failures: Failure[]): Result {
  if (breaches > 0 || failingMissing > 0) return 'failed'
  if (failures.some((failure) => failure.outcome === 'error')) return 'error'
  if (failures.length > 0) return 'pending'
  return 'passed'
}

/** Every account the run is about, each with where its records lie (by date) and its failure, if any. */
function accountsOf(collection: Collection, config: EvaluationConfig): AccountRecords[] {
  const byAccount = new Map<string, AccountRecords>()
  const add = (account: string): AccountRecords => {
    const entry = byAccount.get(account) ?? { account, positions: NO_RECORDS }
    byAccount.set(account, entry)
    return entry
  }
  if (config.subusers !== 'all') config.subusers.forEach(add)
  for (const failure of collection.failures) {
    if (failure.account === undefined) continue
    const entry = add(failure.account)
    if (failure.date === undefined) entry.failure ??= failure
  }
  for (const [account, positions] of collection.records.positionsByAccount()) add(account).positions = positions
  return [...byAccount.values()]
}

const NO_RECORDS = new Uint32Array(0)

/** An account's rows, judged; none when it could not be read. */
function rowsOf(source: AccountRecords, { store, config, days, failedDays }: Judging): Row[] {
  const { account, failure } = source
  if (failure) return []
  const records = recordsOf(source, store)
  const rows = thresholdRowsOf(account, records, config, days, failedDays)
  judgeDrop(account, scoredDays(records), rows, config.maxDrop)
  return rows
}

function thresholdRowsOf(account: string, records: ScoreRecord[], config: EvaluationConfig, days: Day[], failedDays: Set<Day | undefined>): Row[] {
  switch (config.evaluate) {
    case 'all': {
      const byDate = new Map(records.map((record) => [record.date, record]))
      return days.filter((day) => byDate.has(day) || !failedDays.has(day)).map((day) => judge(account, day, byDate.get(day), config))
    }
    case 'latest': {
      const scored = scoredDays(records)
      // No score read, but some days could not be read: missing or not is unknown, so no row.
      if (scored.length === 0 && failedDays.size > 0) return []
      const latest = scored.at(-1)
      return [judge(account, latest?.date ?? rangeOf(config), latest, config)]
    }
    case 'average': {
      const scored = scoredDays(records)
      if (scored.length === 0 && failedDays.size > 0) return []
      return [judge(account, rangeOf(config), average(scored), config)]
    }
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

/** The records that have a score: each is its own day's DailyScore, so none is copied. */
function scoredDays(records: ScoreRecord[]): (ScoreRecord & DailyScore)[] {
  return records.filter((record): record is ScoreRecord & DailyScore => record.score !== undefined)
}

/**
 * max-drop: when the latest overall score lies max-drop or more below the best in the range, the
 * breach goes on the latest day's row (the account's only row under average).
 */
function judgeDrop(account: string, daily: DailyScore[], rows: Row[], maxDrop: number | undefined): void {
  const drop = dropOf(daily)
  if (maxDrop === undefined || !breachesMaxDrop(drop, maxDrop)) return
  const row = rows.find((candidate) => candidate.date === drop.latest.date) ?? rows.at(-1)
  const best = { date: drop.best.date, score: drop.best.score }
  row?.breaches.push({ account, date: drop.latest.date, metric: 'drop', value: drop.by, threshold: maxDrop, best })
}

/** Means over the scored days, rounded to two decimals: the value shown is the value judged. */
function average(records: (ScoreRecord & DailyScore)[]): Pick<ScoreRecord, 'score' | 'metrics'> | undefined {
  if (records.length === 0) return undefined
  const mean = (values: number[]): number | undefined =>
    values.length === 0 ? undefined : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100
  const withMetrics = records.flatMap((record) => (record.metrics ? [record.metrics] : []))
  const metrics = Object.fromEntries(METRICS.map((metric) => [metric, mean(withMetrics.map((m) => m[metric]))]))
  return {
    score: mean(records.map((record) => record.score)),
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
