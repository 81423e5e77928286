import { eachDay, type Day } from '../dates.js'
import type { Collection, Failure } from '../records/collection.js'
import type { Config, ThresholdRule } from '../inputs.js'
import { LazyList } from '../records/lazy-list.js'
import type { Explanation } from './explain.js'
import type { RecordStore } from '../records/record-store.js'
import { METRICS, type Metric, type Metrics, type ScoreRecord } from '../records/score-record.js'
import { thresholdsFor, type AppliedThresholds, type Thresholds } from './thresholds.js'
import { breachesMaxDrop, dropOf, round2, type DailyScore } from './trends.js'

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

/**
 * A score at or above its threshold but below its warning level: `threshold` ≤ `value` < `level`
 * (no threshold: `value` < `level`). Never a failure. For `drop`, the latest score lies `value`
 * below `best`, and `level` is warn-drop: `level` ≤ `value` < max-drop.
 */
export interface Warning {
  account: string
  date: string
  metric: BreachMetric
  value: number
  /** The warning level applied to that account. */
  level: number
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
  /** Subjects below their warning level but not their threshold. */
  warnings: Warning[]
  /** No score where one was expected. */
  missing: boolean
}

/**
 * `failed` (a breach, or a missing score under missing-scores: fail) outranks `error` (an account
 * could not be read), which outranks `pending` (still 202 at wait-timeout).
 */
export type Result = 'passed' | 'failed' | 'error' | 'pending'

export interface Evaluation {
  result: Result
  /** Worst account first, then by date. */
  rows: LazyList<Row>
  /** Worst account first. */
  breaches: LazyList<Breach>
  /** Worst account first; accounts in breach included (they are not at risk, they fail). */
  warnings: LazyList<Warning>
  /** Accounts at risk: with a warning and no breach. */
  atRisk: number
  /** Accounts (and, under `all`, days) without a score; day-less under latest and average. */
  missing: LazyList<Missing>
  lowestScore?: number
  /** Worst first: breaches, then unreadable accounts, then by lowest score. */
  accounts: AccountVerdict[]
  failures: Failure[]
  /** Why the accounts in breach fell, from SendGrid's stats; only when explain is on and something breached. Never changes the rest. */
  explanation?: Explanation
}

export interface Missing {
  account: string
  date?: Day
}

export type EvaluationConfig = Pick<
  Config,
  'subusers' | 'from' | 'to' | 'minScore' | 'minMetricScores' | 'evaluate' | 'missingScores' | 'maxDrop'
> &
  Partial<Pick<Config, 'accountThresholds' | 'warnScore' | 'warnMetricScores' | 'warnDrop'>>

/** What every account is judged against: the config, the days of the range, and the days whose listing failed. */
interface Judging {
  store: RecordStore
  config: EvaluationConfig
  days: Day[]
  /** Days whose listing failed: accounts read from the listing have no record for them, missing or not. */
  failedDays: Set<Day | undefined>
  readAlone?: ReadonlySet<string>
  parentAccount?: string
}

/** An account whose records the store holds, or its failure when it could not be read; and its thresholds. */
interface AccountRecords {
  account: string
  failure?: Failure
  applied: AppliedThresholds
  /** What a missing score likely means, when SendGrid's answer said more than "not eligible". */
  note?: string
}

/**
 * How one account fared, in counts and its worst breaches. Its rows and scores are judged again
 * from the store each time they are read: kept as objects for 20,000 accounts, they would take
 * more room than the store.
 */
export class AccountVerdict {
  readonly account: string
  /** Whether this is the key's own account rather than a subuser. */
  readonly parent: boolean
  readonly failure?: Failure
  /** What its missing scores likely mean (say, `every subuser` when the listing named no one). */
  readonly note?: string
  readonly lowestScore?: number
  readonly breaches: number
  readonly missing: number
  /** Rows judged: days under `all`, one under latest and average (none when not read). */
  readonly judged: number
  /** Rows with a score or metric below its threshold (a drop alone does not count). */
  readonly below: number
  /** The worst breach of each metric the account breaches: the lowest value, the first on a tie (and its one drop). */
  readonly worstBreaches: readonly Breach[]
  /** How many rows breach each metric. */
  readonly breachCounts: Readonly<Partial<Record<BreachMetric, number>>>
  readonly warnings: number
  /** Rows with a score or metric below its warning level but not its threshold (a drop alone does not count). */
  readonly belowWarning: number
  /** The worst warning of each metric, as worstBreaches: the lowest value, the first on a tie (and its one drop). */
  readonly worstWarnings: readonly Warning[]
  readonly #records: AccountRecords
  readonly #judging: Judging

  constructor(records: AccountRecords, judging: Judging, rows: Row[]) {
    const breaches = rows.flatMap((row) => row.breaches)
    const warnings = rows.flatMap((row) => row.warnings)
    this.account = records.account
    this.parent = records.account === judging.parentAccount
    this.failure = records.failure
    this.note = records.note
    this.lowestScore = lowestOf(rows.map((row) => row.score))
    this.breaches = breaches.length
    this.missing = rows.filter((row) => row.missing).length
    this.judged = rows.length
    this.below = rows.filter((row) => row.breaches.some((breach) => breach.metric !== 'drop')).length
    this.worstBreaches = worstOfEachMetric(breaches)
    this.breachCounts = countsByMetric(breaches)
    this.warnings = warnings.length
    this.belowWarning = rows.filter((row) => row.warnings.some((warning) => warning.metric !== 'drop')).length
    this.worstWarnings = worstOfEachMetric(warnings)
    this.#records = records
    this.#judging = judging
  }

  /** At risk: below a warning level somewhere, and nowhere below a threshold (an account in breach fails instead). */
  get atRisk(): boolean {
    return this.warnings > 0 && this.breaches === 0
  }

  /** What the account is held to: its account-thresholds rule's, else min-score and min-metric-scores (and their warning levels). */
  get thresholds(): Thresholds {
    return this.#records.applied.thresholds
  }

  /** The account-thresholds rule that set its thresholds; undefined when none matched it. */
  get rule(): ThresholdRule | undefined {
    return this.#records.applied.rule
  }

  /** The account's rows by date, judged again; none when it could not be read. */
  rows(): Row[] {
    return rowsOf(this.#records, this.#judging)
  }

  /** Every day the account was scored, oldest first; none when it could not be read. */
  get scores(): DailyScore[] {
    return scoredDays(this.records())
  }

  /** Every record read for the account, by date, scored or not; none when it could not be read. */
  records(): ScoreRecord[] {
    return this.failure ? [] : recordsOf(this.#records, this.#judging.store)
  }

  /** As JSON, what an account's verdict has always shown: its worst breaches are in the list of breaches. */
  toJSON(): object {
    const { account, lowestScore, breaches, missing, failure, scores } = this
    return { account, lowestScore, breaches, missing, failure, scores }
  }
}

export function evaluate(collection: Collection, config: EvaluationConfig): Evaluation {
  const judging: Judging = {
    store: collection.records,
    config,
    days: eachDay(config.from, config.to),
    failedDays: new Set(collection.failures.filter((failure) => failure.account === undefined).map((failure) => failure.date)),
    readAlone: collection.readAlone,
    parentAccount: collection.parentAccount
  }
  let rowCount = 0
  const accounts = accountsOf(collection, config).map((records) => {
    const rows = rowsOf(records, judging)
    rowCount += rows.length
    return new AccountVerdict(records, judging, rows)
  })
  accounts.sort(compareVerdicts)

  const breaches = sumOf(accounts, (verdict) => verdict.breaches)
  const warnings = sumOf(accounts, (verdict) => verdict.warnings)
  const missing = sumOf(accounts, (verdict) => verdict.missing)
  return {
    result: resultOf(breaches, config.missingScores === 'fail' ? missing : 0, collection.failures),
    rows: new LazyList(rowCount, function* () {
      for (const verdict of accounts) yield* verdict.rows()
    }),
    breaches: new LazyList(breaches, function* () {
      for (const verdict of accounts) if (verdict.breaches > 0) for (const row of verdict.rows()) yield* row.breaches
    }),
    warnings: new LazyList(warnings, function* () {
      for (const verdict of accounts) if (verdict.warnings > 0) for (const row of verdict.rows()) yield* row.warnings
    }),
    atRisk: sumOf(accounts, (verdict) => (verdict.atRisk ? 1 : 0)),
    missing: new LazyList(missing, () => missingOf(accounts, config)),
    lowestScore: lowestOf(accounts.map((verdict) => verdict.lowestScore)),
    accounts,
    failures: collection.failures
  }
}

export function sumOf<T>(items: T[], count: (item: T) => number): number {
  return items.reduce((sum, item) => sum + count(item), 0)
}

const NONE: readonly never[] = Object.freeze([])

/** In the order the metrics first come; accounts without any share one empty list. */
function worstOfEachMetric<Finding extends Breach | Warning>(findings: Finding[]): readonly Finding[] {
  if (findings.length === 0) return NONE
  const worst = new Map<BreachMetric, Finding>()
  for (const finding of findings) {
    const kept = worst.get(finding.metric)
    if (kept === undefined || finding.value < kept.value) worst.set(finding.metric, finding)
  }
  return [...worst.values()]
}

const NO_COUNTS: Readonly<Partial<Record<BreachMetric, number>>> = Object.freeze({})

function countsByMetric(breaches: Breach[]): Readonly<Partial<Record<BreachMetric, number>>> {
  if (breaches.length === 0) return NO_COUNTS
  const counts: Partial<Record<BreachMetric, number>> = {}
  for (const { metric } of breaches) counts[metric] = (counts[metric] ?? 0) + 1
  return counts
}

/** An account's records, made from the store, by date. */
function recordsOf({ account }: AccountRecords, store: RecordStore): ScoreRecord[] {
  return store.recordsOf(account)
}

/** Under latest and average an account is missing as a whole, so only `all` judges its rows again for the days. */
function* missingOf(accounts: AccountVerdict[], config: EvaluationConfig): Generator<Missing> {
  for (const verdict of accounts) {
    if (verdict.missing === 0) continue
    if (config.evaluate !== 'all') yield { account: verdict.account }
    else for (const row of verdict.rows()) if (row.missing) yield { account: row.account, date: row.date }
  }
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

/** Every account the run is about, each with its failure, if any. */
function accountsOf(collection: Collection, config: EvaluationConfig): AccountRecords[] {
  const byAccount = new Map<string, AccountRecords>()
  const thresholdsOf = thresholdsFor(config.accountThresholds ?? [], config)
  const add = (account: string): AccountRecords => {
    const entry = byAccount.get(account) ?? { account, applied: thresholdsOf(account) }
    byAccount.set(account, entry)
    return entry
  }
  if (config.subusers !== 'all') config.subusers.forEach(add)
  for (const failure of collection.failures) {
    if (failure.account === undefined) continue
    const entry = add(failure.account)
    if (failure.date === undefined) entry.failure ??= failure
  }
  for (const account of collection.records.accounts()) add(account)
  // Answered for without an entry (an empty listing under `*` among them): missing, never left out.
  for (const { account, note } of collection.unscored ?? []) add(account).note ??= note
  return [...byAccount.values()]
}

/** An account's rows, judged; none when it could not be read. */
const NO_DAYS: ReadonlySet<Day | undefined> = new Set()

function rowsOf(source: AccountRecords, { store, config, days, failedDays, readAlone }: Judging): Row[] {
  const { account, failure, applied } = source
  if (failure) return []
  const records = recordsOf(source, store)
  const listingDaysFailed = readAlone?.has(account) ? NO_DAYS : failedDays
  const rows = thresholdRowsOf(account, records, { ...config, ...applied.thresholds }, days, listingDaysFailed)
  judgeDrop(account, scoredDays(records), rows, config)
  return rows
}

function thresholdRowsOf(account: string, records: ScoreRecord[], config: EvaluationConfig, days: Day[], failedDays: ReadonlySet<Day | undefined>): Row[] {
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
  const row: Row = { account, date, score: scores?.score, metrics: scores?.metrics, breaches: [], warnings: [], missing: scores?.score === undefined }
  const check = (metric: Subject, value: number | undefined, threshold: number | undefined, level: number | undefined): void => {
    if (value === undefined) return
    if (threshold !== undefined && value < threshold) row.breaches.push({ account, date, metric, value, threshold })
    else if (level !== undefined && value < level) row.warnings.push({ account, date, metric, value, level })
  }
  check('score', row.score, config.minScore, config.warnScore)
  for (const metric of METRICS) check(metric, row.metrics?.[metric], config.minMetricScores[metric], config.warnMetricScores?.[metric])
  return row
}

/** The records that have a score: each is its own day's DailyScore, so none is copied. */
function scoredDays(records: ScoreRecord[]): (ScoreRecord & DailyScore)[] {
  return records.filter((record): record is ScoreRecord & DailyScore => record.score !== undefined)
}

/**
 * max-drop: when the latest overall score lies max-drop or more below the best in the range, the
 * breach goes on the latest day's row (the account's only row under average); short of max-drop,
 * warn-drop or more is a warning there.
 */
function judgeDrop(account: string, daily: DailyScore[], rows: Row[], { maxDrop, warnDrop }: Pick<EvaluationConfig, 'maxDrop' | 'warnDrop'>): void {
  const drop = dropOf(daily)
  const breached = maxDrop !== undefined && breachesMaxDrop(drop, maxDrop)
  const warned = !breached && warnDrop !== undefined && breachesMaxDrop(drop, warnDrop)
  if (!drop || !(breached || warned)) return
  const row = rows.find((candidate) => candidate.date === drop.latest.date) ?? rows.at(-1)
  const [date, value, best] = [drop.latest.date, drop.by, { date: drop.best.date, score: drop.best.score }]
  if (breached) row?.breaches.push({ account, date, metric: 'drop', value, threshold: maxDrop, best })
  else if (warned) row?.warnings.push({ account, date, metric: 'drop', value, level: warnDrop, best })
}

/** Means over the scored days, rounded to two decimals: the value shown is the value judged. */
function average(records: (ScoreRecord & DailyScore)[]): Pick<ScoreRecord, 'score' | 'metrics'> | undefined {
  if (records.length === 0) return undefined
  const mean = (values: number[]): number | undefined =>
    values.length === 0 ? undefined : round2(values.reduce((sum, value) => sum + value, 0) / values.length)
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
    verdict.atRisk ? 0 : 1,
    verdict.lowestScore ?? 6
  ]
  const [ra, rb] = [rank(a), rank(b)]
  for (let index = 0; index < ra.length; index++) if (ra[index] !== rb[index]) return (ra[index] as number) - (rb[index] as number)
  return a.account.localeCompare(b.account)
}
