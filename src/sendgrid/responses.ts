import { isDay, type Day } from '../dates.js'
import { unnamedLabel, type Metric, type Metrics, type ScoreRecord } from '../records/score-record.js'
import { isObject } from '../json.js'

/**
 * Turns SendGrid's 200 bodies into records, checking them rather than trusting them: a wrong value
 * would give a wrong verdict. What the schema leaves out (no `result`, no entry, no score, a null
 * optional field) is a missing score, judged by missing-scores. What the schema forbids is an
 * OffSchemaError; what it allows but cannot be judged (a day outside the range asked for, a day
 * given twice) is an UnusableResponseError. Either way the account or day counts as unreadable.
 */

export class UnusableResponseError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnusableResponseError'
  }
}

export class OffSchemaError extends UnusableResponseError {
  constructor(detail: string) {
    super(`SendGrid sent data outside its schema: ${detail}`)
    this.name = 'OffSchemaError'
  }
}

/** Data the schema allows that still cannot be judged. */
function unjudgeable(detail: string): UnusableResponseError {
  return new UnusableResponseError(`SendGrid's answer cannot be judged: ${detail}`)
}

/** The days a request asked for. */
interface Requested {
  from: Day
  to: Day
}

/**
 * The body of `/v3/engagementquality/scores` for one account over `from`..`to`. No `result`, or an
 * empty one, gives no records: SendGrid has no score for the account (most likely not eligible).
 */
export function parseAccountScores(body: unknown, from: Day, to: Day, account: string | undefined): ScoreRecord[] {
  const entries = resultOf(body, { required: false })
  // SendGrid may leave `username` out on days without a score: name the account once, for every day.
  const label = account ?? firstUsername(entries)
  const records = entries.map((entry, index) => parseEntry(entry, index, label, { from, to }))
  rejectDuplicates(records, (record) => record.date)
  return records
}

export interface SubuserPage {
  records: ScoreRecord[]
  /** Where the next page starts; undefined on the last page. */
  afterKey?: string
}

/** One page of `/v3/engagementquality/subusers/scores` for `date`, whose schema requires `result`. */
export function parseSubuserPage(body: unknown, date: Day): SubuserPage {
  const records = resultOf(body, { required: true }).map((entry, index) => parseEntry(entry, index, undefined, { from: date, to: date }))
  rejectDuplicates(records, (record) => record.account)
  return { records, afterKey: afterKeyOf(body) }
}

function firstUsername(entries: unknown[]): string | undefined {
  for (const entry of entries) if (isObject(entry) && typeof entry.username === 'string' && entry.username !== '') return entry.username
  return undefined
}

/** An optional field that is absent or null: SendGrid omitted it. */
function omitted(value: unknown): value is undefined | null {
  return value === undefined || value === null
}

function resultOf(body: unknown, { required }: { required: boolean }): unknown[] {
  const object = isObject(body) && !Array.isArray(body)
  if (object && !required && omitted(body.result)) return []
  if (!object || !Array.isArray(body.result)) throw new OffSchemaError('the body has no "result" array')
  return body.result
}

/** The next page's key; absent, null and "" all end the paging. */
function afterKeyOf(body: unknown): string | undefined {
  const metadata = isObject(body) ? body._metadata : undefined
  const next = isObject(metadata) ? metadata.next_params : undefined
  const key = isObject(next) ? next.after_key : undefined
  if (omitted(key) || key === '') return undefined
  if (typeof key !== 'string' && typeof key !== 'number')
    throw new OffSchemaError(`_metadata.next_params.after_key is ${JSON.stringify(key)}, expected a string`)
  return String(key)
}

export function isUnnamed(record: ScoreRecord): boolean {
  return record.account === unnamedLabel(record.user_id)
}

/**
 * An entry of a request for `requested`. Without a date it is the requested day, when there was
 * only one. A listing page's 1,000 entries each carry that one day, which spares their full check.
 */
function parseEntry(entry: unknown, index: number, account: string | undefined, requested: Requested): ScoreRecord {
  if (!isObject(entry)) throw new OffSchemaError(`${entryAt(index)} is ${JSON.stringify(entry)}, expected an object`)
  const userId = entry.user_id
  if ((typeof userId !== 'string' || userId === '') && typeof userId !== 'number')
    throw new OffSchemaError(`${entryAt(index)}.user_id is missing`)
  const date = dateOf(entry.date, index, requested)
  const username = typeof entry.username === 'string' && entry.username !== '' ? entry.username : undefined
  const record: ScoreRecord = { account: account ?? username ?? unnamedLabel(String(userId)), user_id: String(userId), date }
  if (!omitted(entry.score)) record.score = scoreAt(entry.score, index, 'score')
  if (!omitted(entry.metrics)) record.metrics = parseMetrics(entry.metrics, index)
  return record
}

function dateOf(date: unknown, index: number, { from, to }: Requested): Day {
  if (date === from && from === to) return date
  if (omitted(date)) {
    if (from === to) return from
    throw unjudgeable(`${entryAt(index)} has no date, and the request covered ${from} to ${to}`)
  }
  if (typeof date !== 'string' || !isDay(date)) throw new OffSchemaError(`${entryAt(index)}.date is ${JSON.stringify(date)}, expected YYYY-MM-DD`)
  if (date < from || date > to) throw unjudgeable(`${entryAt(index)} is for ${date}, but the request asked for ${from === to ? from : `${from} to ${to}`}`)
  return date
}

/**
 * One literal in METRICS order. Places are named only when something is wrong there: a page holds
 * 1,000 entries, and strings and arrays made for every valid one would only feed the garbage collector.
 */
function parseMetrics(value: unknown, index: number): Metrics {
  if (!isObject(value)) throw new OffSchemaError(`${entryAt(index)}.metrics is ${JSON.stringify(value)}, expected an object`)
  const metric = (name: Metric): number => scoreAt(value[name], index, 'metrics', name)
  return {
    engagement_recency: metric('engagement_recency'),
    open_rate: metric('open_rate'),
    bounce_classification: metric('bounce_classification'),
    bounce_rate: metric('bounce_rate'),
    spam_rate: metric('spam_rate')
  }
}

/** A score from 1 to 5 found at `result[index].field(.subfield)`. */
function scoreAt(value: unknown, index: number, field: string, subfield?: string): number {
  if (typeof value !== 'number' || !(value >= 1 && value <= 5)) {
    const where = `${entryAt(index)}.${field}${subfield === undefined ? '' : `.${subfield}`}`
    throw new OffSchemaError(`${where} is ${JSON.stringify(value) ?? 'missing'}, expected a number from 1 to 5`)
  }
  return value
}

function entryAt(index: number): string {
  return `result[${index}]`
}

function rejectDuplicates(records: ScoreRecord[], key: (record: ScoreRecord) => string): void {
  rejectRepeated(records, key, (record) => unjudgeable(`${record.account} appears twice for ${record.date}`))
}

/** Throws `error(item)` for the first item whose key an earlier item had: an answer that gives one thing twice. */
export function rejectRepeated<T>(items: readonly T[], key: (item: T) => string, error: (item: T) => Error): void {
  const seen = new Set<string>()
  for (const item of items) {
    const value = key(item)
    if (seen.has(value)) throw error(item)
    seen.add(value)
  }
}

/** A paging key that came back again: following it would read the same pages forever. */
export function pagingLoop(afterKey: string): UnusableResponseError {
  return unjudgeable(`_metadata.next_params.after_key "${afterKey}" came back twice (the pages would loop)`)
}
