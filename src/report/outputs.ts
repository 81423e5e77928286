import type { Evaluation } from '../gate/evaluate.js'
import type { Collection } from '../records/collection.js'
import { LazyList } from '../records/lazy-list.js'
import type { ScoreRecord } from '../records/score-record.js'
import { byteLength } from './bytes.js'

/** GitHub refuses an output over 1 MB; stay clear of it. */
export const OUTPUT_LIMIT_BYTES = 900_000

export interface Outputs {
  passed: string
  result: string
  'lowest-score': string
  failures: string
  missing: string
  scores: string
}

export interface BuiltOutputs {
  outputs: Outputs
  /** Entries left out of each JSON output to stay under GitHub's output limit. */
  omitted: Record<'scores' | 'failures' | 'missing', number>
}

/** Every output at once, as the command line prints them. */
export function buildOutputs(evaluation: Evaluation, collection: Collection, limitBytes = OUTPUT_LIMIT_BYTES): BuiltOutputs {
  const outputs: Partial<Outputs> = {}
  const omitted: Partial<BuiltOutputs['omitted']> = {}
  for (const output of eachOutput(evaluation, collection, limitBytes)) {
    outputs[output.name] = output.value
    if (output.omitted !== undefined) omitted[output.name as keyof BuiltOutputs['omitted']] = output.omitted
  }
  // eachOutput yields every output, and a count for each list.
  return { outputs: outputs as Outputs, omitted: omitted as BuiltOutputs['omitted'] }
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
  yield { name: 'passed', value: String(evaluation.result === 'passed') }
  yield { name: 'result', value: evaluation.result }
  yield { name: 'lowest-score', value: evaluation.lowestScore === undefined ? '' : String(evaluation.lowestScore) }
  const lists: [name: keyof BuiltOutputs['omitted'], items: LazyList<unknown>][] = [
    ['failures', evaluation.breaches],
    ['missing', evaluation.missing],
    ['scores', recordsWorstFirst(evaluation, collection)]
  ]
  for (const [name, items] of lists) {
    const { json, omitted } = boundedJsonArray(items, limitBytes)
    yield { name, value: json, omitted }
  }
}

/**
 * Every record fetched, worst accounts first, each by date, without absent fields. Made as they
 * are read: the scores output stops after its first 900 KB of 600,000, and the report file streams them.
 */
export function recordsWorstFirst(evaluation: Evaluation, collection: Collection): LazyList<ScoreRecord> {
  return new LazyList(collection.records.length, () => worstFirst(evaluation, collection))
}

function* worstFirst(evaluation: Evaluation, { records }: Collection): Generator<ScoreRecord> {
  const byAccount = records.positionsByAccount()
  for (const { account } of evaluation.accounts) {
    for (const position of byAccount.get(account) ?? []) {
      const { user_id, date, score, metrics } = records.at(position)
      yield { account, user_id, date, score, metrics }
    }
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
