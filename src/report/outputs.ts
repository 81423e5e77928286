import type { Breach, Evaluation, Missing, Result, Warning } from '../gate/evaluate.js'
import type { Collection } from '../records/collection.js'
import { LazyList } from '../records/lazy-list.js'
import type { ScoreRecord } from '../records/score-record.js'
import { byteLength } from './bytes.js'

/** GitHub refuses an output over 1 MB; stay clear of it. */
export const OUTPUT_LIMIT_BYTES = 900_000

/** The Action's outputs, as the runner holds them: strings, the lists as JSON text. */
export type Outputs = Record<keyof OutputValues, string>

/**
 * The outputs as values, the one source of the Action's string outputs, the command line's JSON
 * and the report file's outcome and lists. The lists are made as they are read.
 */
export interface OutputValues {
  passed: boolean
  result: Result
  /** null when no score was read. */
  'lowest-score': number | null
  /** Every breach, worst accounts first. */
  failures: LazyList<Breach>
  /** Every warning, worst accounts first (those in breach included). */
  warnings: LazyList<Warning>
  /** Accounts with a warning and no breach. */
  'at-risk-count': number
  missing: LazyList<Missing>
  /** Every record fetched, worst accounts first. */
  scores: LazyList<ScoreRecord>
}

export function outputValues(evaluation: Evaluation, collection: Collection): OutputValues {
  return {
    passed: evaluation.result === 'passed',
    result: evaluation.result,
    'lowest-score': evaluation.lowestScore ?? null,
    failures: evaluation.breaches,
    warnings: evaluation.warnings,
    'at-risk-count': evaluation.atRisk,
    missing: evaluation.missing,
    scores: recordsWorstFirst(evaluation, collection)
  }
}

/** One output, and for a JSON list, how many entries it leaves out to stay under `limitBytes`. */
export interface Output {
  name: keyof Outputs
  value: string
  omitted?: number
}

/**
 * The outputs one by one, each list made only when its turn comes: three lists of 900 KB each
 * need not be held at once.
 */
export function* eachOutput(evaluation: Evaluation, collection: Collection, limitBytes = OUTPUT_LIMIT_BYTES): Generator<Output> {
  const values = outputValues(evaluation, collection)
  yield { name: 'passed', value: String(values.passed) }
  yield { name: 'result', value: values.result }
  yield { name: 'lowest-score', value: values['lowest-score'] === null ? '' : String(values['lowest-score']) }
  yield { name: 'at-risk-count', value: String(values['at-risk-count']) }
  for (const name of ['failures', 'warnings', 'missing', 'scores'] as const) {
    const { json, omitted } = boundedJsonArray(values[name], limitBytes)
    yield { name, value: json, omitted }
  }
}

/**
 * Every record fetched, worst accounts first, each by date, without absent fields. Made as they
 * are read: the scores output stops after its first 900 KB of 600,000, and the report file streams them.
 */
function recordsWorstFirst(evaluation: Evaluation, collection: Collection): LazyList<ScoreRecord> {
  return new LazyList(collection.records.length, () => worstFirst(evaluation, collection))
}

function* worstFirst(evaluation: Evaluation, { records }: Collection): Generator<ScoreRecord> {
  for (const { account } of evaluation.accounts) {
    for (const { user_id, date, score, metrics } of records.recordsOf(account)) yield { account, user_id, date, score, metrics }
  }
}

/** A JSON array of as many leading `items` as fit in `limitBytes`. */
export function boundedJsonArray(items: LazyList<unknown> | readonly unknown[], limitBytes: number): { json: string; omitted: number } {
  const parts: string[] = []
  let bytes = 2
  for (const item of items) {
    const part = JSON.stringify(item)
    bytes += byteLength(part) + 1
    if (bytes > limitBytes) break
    parts.push(part)
  }
  return { json: `[${parts.join(',')}]`, omitted: items.length - parts.length }
}
