import { isDay, type Day } from '../dates.js'
import { isObject } from '../json.js'
import { STAT_NAMES, type CategorySum, type DayRange, type DayStats, type ProviderStats, type StatCounts } from '../records/stats.js'
import { OffSchemaError, rejectRepeated, UnusableResponseError } from './responses.js'

/**
 * Turns the Stats endpoints' 200 bodies into counts, checking them as `responses.ts` checks the
 * scores: what the schema leaves out (a count, a day's `stats`, a category's name) reads as 0 or a
 * plain label; what it forbids is an OffSchemaError; a day outside the range asked for, or given
 * twice, is an UnusableResponseError. Either way that part of the stats is a gap, never a wrong rate.
 */

/** One mailbox provider's stats on one day, as a page of `/v3/mailbox_providers/stats` lists them. */
export interface ProviderRow {
  date: Day
  name: string
  counts: StatCounts
}

/** The label of a provider or category SendGrid sent without a name (the schema does not require one). */
export const UNNAMED_PROVIDER = 'unnamed provider'
export const UNNAMED_CATEGORY = 'unnamed category'

/** The body of `/v3/stats?aggregated_by=day` over `range`: one entry a day, the account's whole stats. */
export function parseDailyStats(body: unknown, range: DayRange): DayStats[] {
  const days = daysOf(body, range).map(({ date, items }) => ({ date, counts: sumCounts(items.map((item) => item.counts)) }))
  rejectRepeated(days, (day) => day.date, (day) => unusableStats(`the account's stats give ${day.date} twice`))
  return days.sort(byDate)
}

/** One page of `/v3/mailbox_providers/stats?aggregated_by=day` over `range`, a row per provider and day. */
export function parseProviderPage(body: unknown, range: DayRange): ProviderRow[] {
  return daysOf(body, range).flatMap(({ date, items }) => items.map((item) => ({ date, name: item.name ?? UNNAMED_PROVIDER, counts: item.counts })))
}

/**
 * The rows of every page, gathered provider by provider. A provider given twice for a day means
 * the pages overlap: the server did not page as asked, and summing would count twice.
 */
export class ProviderPages {
  private readonly byName = new Map<string, Map<Day, StatCounts>>()

  add(rows: readonly ProviderRow[]): void {
    for (const { name, date, counts } of rows) {
      const days = this.byName.get(name) ?? new Map<Day, StatCounts>()
      if (days.has(date)) throw unusableStats(`the mailbox provider stats give ${name} on ${date} twice (the pages overlap)`)
      this.byName.set(name, days.set(date, counts))
    }
  }

  /** Each provider's days in order. */
  providers(): ProviderStats[] {
    return [...this.byName].map(([name, days]) => ({ name, days: [...days].map(([date, counts]) => ({ date, counts })).sort(byDate) }))
  }
}

/**
 * The body of `/v3/categories/stats/sums`: one object, `{date, stats: [{name, type, metrics}]}`.
 * No `stats` (most senders set no category) is no categories.
 */
export function parseCategorySums(body: unknown): CategorySum[] {
  if (Array.isArray(body)) throw new OffSchemaError('the category sums are an array, expected one object with "stats"')
  if (!isObject(body)) throw new OffSchemaError(`the category sums are ${JSON.stringify(body)}, expected an object`)
  return itemsOf(body.stats, 'stats').map((item) => ({ name: item.name ?? UNNAMED_CATEGORY, counts: item.counts }))
}

/** An entry of `stats`: a segment (provider, category) or, for the whole account, none. */
interface Item {
  name?: string
  counts: StatCounts
}

/** The per-day entries of a Stats body, each checked to be a day of `range`. */
function daysOf(body: unknown, range: DayRange): { date: Day; items: Item[] }[] {
  if (!Array.isArray(body)) throw new OffSchemaError(`the stats are ${describe(body)}, expected an array of days`)
  return body.map((entry: unknown, index) => {
    const where = `[${index}]`
    if (!isObject(entry) || Array.isArray(entry)) throw new OffSchemaError(`${where} is ${describe(entry)}, expected an object`)
    return { date: dateOf(entry.date, where, range), items: itemsOf(entry.stats, `${where}.stats`) }
  })
}

function dateOf(date: unknown, where: string, { from, to }: DayRange): Day {
  if (typeof date !== 'string' || !isDay(date)) throw new OffSchemaError(`${where}.date is ${describe(date)}, expected YYYY-MM-DD`)
  if (date < from || date > to) throw unusableStats(`${where} is for ${date}, but the request asked for ${from} to ${to}`)
  return date
}

/** A `stats` array; absent or null is empty. */
function itemsOf(stats: unknown, where: string): Item[] {
  if (stats === undefined || stats === null) return []
  if (!Array.isArray(stats)) throw new OffSchemaError(`${where} is ${describe(stats)}, expected an array`)
  return stats.map((item: unknown, index) => {
    const at = `${where}[${index}]`
    if (!isObject(item) || Array.isArray(item)) throw new OffSchemaError(`${at} is ${describe(item)}, expected an object`)
    const name = typeof item.name === 'string' && item.name !== '' ? item.name : undefined
    return { name, counts: countsOf(item.metrics, `${at}.metrics`) }
  })
}

/** The counts that explain a breach; any SendGrid left out is 0. */
function countsOf(metrics: unknown, where: string): StatCounts {
  if (metrics === undefined || metrics === null) return zeroCounts()
  if (!isObject(metrics) || Array.isArray(metrics)) throw new OffSchemaError(`${where} is ${describe(metrics)}, expected an object`)
  const counts = zeroCounts()
  for (const name of STAT_NAMES) {
    const value = metrics[name]
    if (value === undefined || value === null) continue
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new OffSchemaError(`${where}.${name} is ${describe(value)}, expected a count (a whole number, 0 or more)`)
    counts[name] = value
  }
  return counts
}

export function zeroCounts(): StatCounts {
  return { requests: 0, delivered: 0, bounces: 0, blocks: 0, spam_reports: 0, unique_opens: 0, unique_clicks: 0 }
}

function sumCounts(all: readonly StatCounts[]): StatCounts {
  const sum = zeroCounts()
  for (const counts of all) for (const name of STAT_NAMES) sum[name] += counts[name]
  return sum
}

/** Stats that keep their schema but cannot be summed right: a gap, never a wrong rate. */
export function unusableStats(detail: string): UnusableResponseError {
  return new UnusableResponseError(`SendGrid's stats cannot be used: ${detail}`)
}

function byDate(a: { date: Day }, b: { date: Day }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0
}

/** A value as a message quotes it: short, on one line. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? 'missing'
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}
