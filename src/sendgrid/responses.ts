import { isDay, type Day } from '../dates.js'
import type { Metric, Metrics, ScoreRecord } from '../records/score-record.js'
import { isObject } from '../json.js'

/**
 * Turns SendGrid's 200 bodies into records, checking them against the schema rather than trusting
 * them: a wrong value would give a wrong verdict, so anything off-schema is an error.
 */

export class OffSchemaError extends Error {
  constructor(detail: string) {
    super(`SendGrid sent data outside its schema: ${detail}`)
    this.name = 'OffSchemaError'
  }
}

/** The body of `/v3/engagementquality/scores` for one account over `from`..`to`. */
export function parseAccountScores(body: unknown, from: Day, to: Day, account: string | undefined): ScoreRecord[] {
  const entries = resultOf(body)
  if (entries.length === 0) throw new OffSchemaError(`result is empty, expected the days ${from} to ${to}`)
  // SendGrid may leave `username` out on days without a score: name the account once, for every day.
  const label = account ?? firstUsername(entries)
  const records = entries.map((entry, index) => parseEntry(entry, index, label))
  for (const [index, record] of records.entries()) {
    if (record.date < from || record.date > to)
      throw new OffSchemaError(`result[${index}].date is ${record.date}, outside the requested ${from} to ${to}`)
  }
  rejectDuplicates(records, (record) => record.date)
  return records
}

export interface SubuserPage {
  records: ScoreRecord[]
  /** Where the next page starts; undefined on the last page. */
  afterKey?: string
}

/** One page of `/v3/engagementquality/subusers/scores` for `date`. */
export function parseSubuserPage(body: unknown, date: Day): SubuserPage {
  const records = resultOf(body).map((entry, index) => parseEntry(entry, index, undefined, date))
  for (const [index, record] of records.entries()) {
    if (record.date !== date) throw new OffSchemaError(`result[${index}].date is ${record.date}, expected ${date}`)
  }
  rejectDuplicates(records, (record) => record.account)
  return { records, afterKey: afterKeyOf(body) }
}

function firstUsername(entries: unknown[]): string | undefined {
  for (const entry of entries) if (isObject(entry) && typeof entry.username === 'string' && entry.username !== '') return entry.username
  return undefined
}

function resultOf(body: unknown): unknown[] {
  if (!isObject(body) || !Array.isArray(body.result)) throw new OffSchemaError('the body has no "result" array')
  return body.result
}

function afterKeyOf(body: unknown): string | undefined {
  const metadata = isObject(body) ? body._metadata : undefined
  const next = isObject(metadata) ? metadata.next_params : undefined
  const key = isObject(next) ? next.after_key : undefined
  if (key === undefined || key === null) return undefined
  if ((typeof key !== 'string' || key === '') && typeof key !== 'number')
    throw new OffSchemaError(`_metadata.next_params.after_key is ${JSON.stringify(key)}, expected a string`)
  return String(key)
}

/**
 * The label of an entry that came without a username: SendGrid's own example leaves it out on an
 * unscored subuser's day. The collector renames it once another day names the same user_id.
 */
export function unnamedLabel(userId: string): string {
  return `user_id ${userId}`
}

export function isUnnamed(record: ScoreRecord): boolean {
  return record.account === unnamedLabel(record.user_id)
}

/** `expectedDate`, a valid day, spares the full date check of each of a listing page's 1,000 entries that carry it. */
function parseEntry(entry: unknown, index: number, account: string | undefined, expectedDate?: Day): ScoreRecord {
  if (!isObject(entry)) throw new OffSchemaError(`${entryAt(index)} is ${JSON.stringify(entry)}, expected an object`)
  const userId = entry.user_id
  if ((typeof userId !== 'string' || userId === '') && typeof userId !== 'number')
    throw new OffSchemaError(`${entryAt(index)}.user_id is missing`)
  const date = entry.date
  if (typeof date !== 'string' || (date !== expectedDate && !isDay(date)))
    throw new OffSchemaError(`${entryAt(index)}.date is ${JSON.stringify(date)}, expected YYYY-MM-DD`)
  const username = typeof entry.username === 'string' && entry.username !== '' ? entry.username : undefined
  const record: ScoreRecord = { account: account ?? username ?? unnamedLabel(String(userId)), user_id: String(userId), date }
  if (entry.score !== undefined) record.score = scoreAt(entry.score, index, 'score')
  if (entry.metrics !== undefined) record.metrics = parseMetrics(entry.metrics, index)
  return record
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
  const seen = new Set<string>()
  for (const record of records) {
    const value = key(record)
    if (seen.has(value)) throw new OffSchemaError(`${record.account} appears twice for ${record.date}`)
    seen.add(value)
  }
}
