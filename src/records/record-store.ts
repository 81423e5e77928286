import type { Day } from '../dates.js'
import type { Metrics, ScoreRecord } from './score-record.js'

/** Records per chunk of a column: 4,096, so a day's draft is small and growing wastes little. */
const CHUNK_BITS = 12
const CHUNK_LENGTH = 1 << CHUNK_BITS
const IN_CHUNK = CHUNK_LENGTH - 1
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

type NumberArray = Uint16Array | Uint32Array | Float64Array

/**
 * A growing list of numbers kept in equal typed-array chunks: growing adds a chunk instead of
 * copying everything into an array twice as long, so at most one chunk lies unused.
 */
class Column {
  private readonly chunks: NumberArray[] = []

  constructor(private readonly Chunk: new (length: number) => NumberArray) {}

  at(position: number): number {
    return (this.chunks[position >>> CHUNK_BITS] as NumberArray)[position & IN_CHUNK] as number
  }

  set(position: number, value: number): void {
    const chunk = (this.chunks[position >>> CHUNK_BITS] ??= new this.Chunk(CHUNK_LENGTH))
    chunk[position & IN_CHUNK] = value
  }
}

/**
 * Records kept off the JavaScript heap: `*` over 20,000 subusers and 30 days is 600,000 of them.
 * Each record is a few numbers in typed arrays (which account, user id and day, its score, which
 * metrics), 22 bytes; a record object exists only while someone reads it.
 */
export class RecordStore implements Iterable<ScoreRecord> {
  private size = 0
  private readonly accountAt = new Column(Uint32Array)
  private readonly userIdAt = new Column(Uint32Array)
  private readonly dayAt = new Column(Uint16Array)
  /** NaN where the record has no score. */
  private readonly scoreAt = new Column(Float64Array)
  private readonly metricsAt = new Column(Uint32Array)
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
    this.accountAt.set(position, this.tables.accounts.of(record.account))
    this.userIdAt.set(position, this.tables.userIds.of(record.user_id))
    this.dayAt.set(position, this.tables.days.of(record.date))
    this.scoreAt.set(position, record.score ?? Number.NaN)
    this.metricsAt.set(position, this.tables.metricsPosition(record.metrics))
  }

  addAll(records: Iterable<ScoreRecord>): void {
    for (const record of records) this.add(record)
  }

  /** Moves every record of `draft` (made by this store's `draft`) to the end of this store. */
  append(draft: RecordStore): void {
    if (draft.tables !== this.tables) throw new Error('only a draft of this store can be appended to it')
    for (let position = 0; position < draft.size; position++) {
      const to = this.nextPosition()
      this.accountAt.set(to, draft.accountAt.at(position))
      this.userIdAt.set(to, draft.userIdAt.at(position))
      this.dayAt.set(to, draft.dayAt.at(position))
      this.scoreAt.set(to, draft.scoreAt.at(position))
      this.metricsAt.set(to, draft.metricsAt.at(position))
    }
  }

  /** The record at `position`, made now: each read makes a new object. */
  at(position: number): ScoreRecord {
    const { accounts, userIds, days, metrics: metricsTable } = this.tables
    const account = accounts.values[this.accountAt.at(position)] as string
    const user_id = userIds.values[this.userIdAt.at(position)] as string
    const date = days.values[this.dayAt.at(position)] as Day
    const score = this.scoreAt.at(position)
    const metrics = metricsTable.values[this.metricsAt.at(position)]
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
    for (let position = 0; position < this.size; position++) names.add(values[this.accountAt.at(position)] as string)
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
    for (let position = 0; position < this.size; position++) (starts[this.accountAt.at(position) + 1] as number)++
    for (let account = 1; account < starts.length; account++) starts[account] = (starts[account] as number) + (starts[account - 1] as number)
    const sorted = new Uint32Array(this.size)
    const filled = starts.slice(0, -1)
    for (let position = 0; position < this.size; position++) sorted[(filled[this.accountAt.at(position)] as number)++] = position
    const dayOf = (position: number): Day => days.values[this.dayAt.at(position)] as Day
    const byDate = (a: number, b: number): number => (dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : a - b)
    const groups = new Map<string, Uint32Array>()
    for (let account = 0; account < accounts.values.length; account++) {
      const positions = sorted.subarray(starts[account], starts[account + 1])
      if (positions.length > 0) groups.set(accounts.values[account] as string, positions.sort(byDate))
    }
    return groups
  }

  private nextPosition(): number {
    this.byAccount = undefined
    return this.size++
  }
}
