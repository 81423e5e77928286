import type { Day } from './dates.js'
import type { Metrics, ScoreRecord } from './records.js'

/** Records a store has room for before it first grows. */
const FIRST_CAPACITY = 1024
/** The metrics position of a record without metrics. */
const NO_METRICS = 0

/**
 * The names, user ids, days and metrics that records share, each kept once. A store and the drafts
 * made from it share one set of tables, so moving a draft's records into its store is a copy of numbers.
 */
class Tables {
  readonly accounts = new Table<string>()
  readonly userIds = new Table<string>()
  readonly days = new Table<Day>()
  /** Position 0 stands for "no metrics". */
  readonly metrics = new Table<Readonly<Metrics> | undefined>([undefined])

  metricsPosition(metrics: Metrics | undefined): number {
    if (metrics === undefined) return NO_METRICS
    // Shared between records, so frozen: nobody may change one record's metrics through another's.
    const key = `${metrics.engagement_recency},${metrics.open_rate},${metrics.bounce_classification},${metrics.bounce_rate},${metrics.spam_rate}`
    return this.metrics.position(key, () => Object.freeze({ ...metrics }))
  }
}

/** Values kept once each, found by a key. */
class Table<T> {
  private readonly positions = new Map<string, number>()

  constructor(readonly values: T[] = []) {}

  position(key: string, value: () => T): number {
    const known = this.positions.get(key)
    if (known !== undefined) return known
    this.positions.set(key, this.values.length)
    this.values.push(value())
    return this.values.length - 1
  }

  /** The position of `key`, which is its own value (a name, an id, a day). */
  of(key: T & string): number {
    const known = this.positions.get(key)
    if (known !== undefined) return known
    this.positions.set(key, this.values.length)
    this.values.push(key)
    return this.values.length - 1
  }
}

/**
 * Records kept off the JavaScript heap: `*` over 20,000 subusers and 30 days is 600,000 of them.
 * Each record is a few numbers in typed arrays (which account, user id and day, its score, which
 * metrics), about 22 bytes; a record object exists only while someone reads it.
 */
export class RecordStore implements Iterable<ScoreRecord> {
  private size = 0
  private accountAt = new Uint32Array(FIRST_CAPACITY)
  private userIdAt = new Uint32Array(FIRST_CAPACITY)
  private dayAt = new Uint16Array(FIRST_CAPACITY)
  /** NaN where the record has no score. */
  private scoreAt = new Float64Array(FIRST_CAPACITY)
  private metricsAt = new Uint32Array(FIRST_CAPACITY)
  private byAccount?: Map<string, Uint32Array>

  constructor(private readonly tables = new Tables()) {}

  /** A store holding `records`, in their order. */
  static of(records: Iterable<ScoreRecord>): RecordStore {
    const store = new RecordStore()
    for (const record of records) store.add(record)
    return store
  }

  /** An empty store whose records can later be moved into this one with `append`. */
  draft(): RecordStore {
    return new RecordStore(this.tables)
  }

  get length(): number {
    return this.size
  }

  add(record: ScoreRecord): void {
    const position = this.nextPosition()
    this.accountAt[position] = this.tables.accounts.of(record.account)
    this.userIdAt[position] = this.tables.userIds.of(record.user_id)
    this.dayAt[position] = this.tables.days.of(record.date)
    this.scoreAt[position] = record.score ?? Number.NaN
    this.metricsAt[position] = this.tables.metricsPosition(record.metrics)
  }

  addAll(records: Iterable<ScoreRecord>): void {
    for (const record of records) this.add(record)
  }

  /** Moves every record of `draft` (made by this store's `draft`) to the end of this store. */
  append(draft: RecordStore): void {
    if (draft.tables !== this.tables) throw new Error('only a draft of this store can be appended to it')
    for (let position = 0; position < draft.size; position++) {
      const to = this.nextPosition()
      this.accountAt[to] = draft.accountAt[position] as number
      this.userIdAt[to] = draft.userIdAt[position] as number
      this.dayAt[to] = draft.dayAt[position] as number
      this.scoreAt[to] = draft.scoreAt[position] as number
      this.metricsAt[to] = draft.metricsAt[position] as number
    }
  }

  /** The record at `position`, made now: each read makes a new object. */
  at(position: number): ScoreRecord {
    const { accounts, userIds, days, metrics: metricsTable } = this.tables
    const account = accounts.values[this.accountAt[position] as number] as string
    const user_id = userIds.values[this.userIdAt[position] as number] as string
    const date = days.values[this.dayAt[position] as number] as Day
    const score = this.scoreAt[position] as number
    const metrics = metricsTable.values[this.metricsAt[position] as number]
    // Each shape is one literal, so every field lies inside the object and absent fields are absent.
    if (metrics === undefined) return Number.isNaN(score) ? { account, user_id, date } : { account, user_id, date, score }
    return Number.isNaN(score) ? { account, user_id, date, metrics } : { account, user_id, date, score, metrics }
  }

  *[Symbol.iterator](): Iterator<ScoreRecord> {
    for (let position = 0; position < this.size; position++) yield this.at(position)
  }

  /** The accounts that have at least one record. */
  accounts(): Set<string> {
    const { values } = this.tables.accounts
    const names = new Set<string>()
    for (let position = 0; position < this.size; position++) names.add(values[this.accountAt[position] as number] as string)
    return names
  }

  /**
   * Each account's record positions, by date (records of one day in the order they came). Worked
   * out once and kept until the store changes: evaluation and the reports both read it.
   */
  positionsByAccount(): Map<string, Uint32Array> {
    this.byAccount ??= this.groupByAccount()
    return this.byAccount
  }

  private groupByAccount(): Map<string, Uint32Array> {
    const { accounts, days } = this.tables
    // A counting sort: one array of positions, each account's a slice of it.
    const starts = new Uint32Array(accounts.values.length + 1)
    for (let position = 0; position < this.size; position++) (starts[(this.accountAt[position] as number) + 1] as number)++
    for (let account = 1; account < starts.length; account++) starts[account] = (starts[account] as number) + (starts[account - 1] as number)
    const sorted = new Uint32Array(this.size)
    const filled = starts.slice(0, -1)
    for (let position = 0; position < this.size; position++) {
      const account = this.accountAt[position] as number
      sorted[(filled[account] as number)++] = position
    }
    const dayOf = (position: number): Day => days.values[this.dayAt[position] as number] as Day
    const byDate = (a: number, b: number): number => (dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : a - b)
    const groups = new Map<string, Uint32Array>()
    for (let account = 0; account < accounts.values.length; account++) {
      const positions = sorted.subarray(starts[account], starts[account + 1])
      if (positions.length > 0) groups.set(accounts.values[account] as string, positions.sort(byDate))
    }
    return groups
  }

  private nextPosition(): number {
    if (this.size === this.accountAt.length) this.grow()
    this.byAccount = undefined
    return this.size++
  }

  private grow(): void {
    const capacity = this.accountAt.length * 2
    const grown = <T extends Uint32Array | Uint16Array | Float64Array>(array: T, make: (length: number) => T): T => {
      const bigger = make(capacity)
      bigger.set(array)
      return bigger
    }
    this.accountAt = grown(this.accountAt, (length) => new Uint32Array(length))
    this.userIdAt = grown(this.userIdAt, (length) => new Uint32Array(length))
    this.dayAt = grown(this.dayAt, (length) => new Uint16Array(length))
    this.scoreAt = grown(this.scoreAt, (length) => new Float64Array(length))
    this.metricsAt = grown(this.metricsAt, (length) => new Uint32Array(length))
  }
}
