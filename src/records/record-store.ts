import type { Day } from '../dates.js'
import type { ScoreRecord } from './score-record.js'

/** Slots per chunk of a column: 4,096, so a small store stays small and growing wastes little. */
const CHUNK_BITS = 12
const CHUNK_LENGTH = 1 << CHUNK_BITS
const IN_CHUNK = CHUNK_LENGTH - 1
/** Records per block of an account's chain: a few slots unused per account, a link per 16 records. */
const BLOCK_LENGTH = 16
/** Where a chain or a link leads nowhere. Blocks are numbered from 1 in heads, tails and links. */
const NO_BLOCK = 0
/** The position, in the readings table, of a record with neither a score nor metrics. */
const NOTHING_READ = 0

type UintArray = Uint8Array | Uint16Array | Uint32Array

/**
 * A growing list of unsigned integers in equal typed-array chunks, each a byte wide until a value
 * needs two, two until one needs four: a store's days and readings are a few distinct values
 * each, so they take a byte or two per record. Growing adds a chunk rather than copying the list.
 */
export class NarrowColumn {
  private chunks: UintArray[] = []
  private largest = 0xff

  /** 0 where nothing was set. */
  at(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]?.[index & IN_CHUNK] ?? 0
  }

  set(index: number, value: number): void {
    if (value > this.largest) this.widenFor(value)
    const chunk = (this.chunks[index >>> CHUNK_BITS] ??= this.chunk())
    chunk[index & IN_CHUNK] = value
  }

  /** Bytes per value: 1, 2 or 4. */
  get width(): number {
    return this.largest === 0xff ? 1 : this.largest === 0xffff ? 2 : 4
  }

  private chunk(): UintArray {
    const Chunk = this.width === 1 ? Uint8Array : this.width === 2 ? Uint16Array : Uint32Array
    return new Chunk(CHUNK_LENGTH)
  }

  private widenFor(value: number): void {
    this.largest = value > 0xffff ? 0xffffffff : 0xffff
    this.chunks = this.chunks.map((narrow) => {
      const wide = this.chunk()
      wide.set(narrow)
      return wide
    })
  }
}

/** Values kept once each, each at a position found by its key. */
class Table<Key, Value> {
  private readonly positions = new Map<Key, number>()

  constructor(readonly values: Value[] = []) {}

  find(key: Key): number | undefined {
    return this.positions.get(key)
  }

  position(key: Key, value: () => Value): number {
    const known = this.positions.get(key)
    if (known !== undefined) return known
    this.positions.set(key, this.values.length)
    this.values.push(value())
    return this.values.length - 1
  }

  /** The position of `key`, which is its own value (a name, an id, a day, a score). */
  of(key: Key & Value): number {
    return this.position(key, () => key)
  }
}

/** A record as positions in its store's tables. */
interface Encoded {
  account: number
  userId: number
  day: number
  reading: number
}

/** What a record read on its day: its score and metrics, either or both absent. Shared between records. */
type Reading = Readonly<Pick<ScoreRecord, 'score' | 'metrics'>>

/**
 * The names, user ids, days and readings that records share, each kept once. A reading is a score
 * with its metrics: SendGrid's score follows from the metrics, so there are about as many readings
 * as metrics, and one position says both. A store and its drafts share one set of tables, so moving
 * a draft's records into its store is a copy of numbers.
 */
class Tables {
  readonly accounts = new Table<string, string>()
  readonly userIds = new Table<string, string>()
  readonly days = new Table<Day, Day>()
  readonly readings = new Table<string, Reading>([{}])
  /** Filled again by every `encode`: a record added is not worth an object of its own. */
  private readonly encoded: Encoded = { account: 0, userId: 0, day: 0, reading: 0 }

  encode(record: ScoreRecord): Readonly<Encoded> {
    const encoded = this.encoded
    encoded.account = this.accounts.of(record.account)
    encoded.userId = this.userIds.of(record.user_id)
    encoded.day = this.days.of(record.date)
    encoded.reading = this.readingPosition(record)
    return encoded
  }

  private readingPosition({ score, metrics }: ScoreRecord): number {
    if (score === undefined && metrics === undefined) return NOTHING_READ
    const metricsKey = metrics ? `${metrics.engagement_recency},${metrics.open_rate},${metrics.bounce_classification},${metrics.bounce_rate},${metrics.spam_rate}` : ''
    // Shared between records, so frozen: nobody may change one record's metrics through another's.
    return this.readings.position(`${score ?? ''}|${metricsKey}`, () => ({ score, metrics: metrics && Object.freeze({ ...metrics }) }))
  }
}

/**
 * Records kept off the JavaScript heap: `*` over 100,000 subusers and 90 days, SendGrid's whole
 * retention, is 9,000,000 of them. Each account's records lie together, in a chain of blocks of
 * 16, so a record is only its day and its reading (score and metrics): two or three bytes, as
 * positions in tables of the values records share. The account and user id are the block's. A
 * record object exists only while someone reads it.
 *
 * Records are read account by account, in the order the accounts first came, each account's by
 * date (those of one day in the order they came).
 */
export class RecordStore implements Iterable<ScoreRecord> {
  private size = 0
  private blocks = 0
  /** By account: its first and last block. */
  private readonly head = new NarrowColumn()
  private readonly tail = new NarrowColumn()
  /** By block: the next block of its account, its user id, how many of its slots are filled. */
  private readonly next = new NarrowColumn()
  private readonly userIdOf = new NarrowColumn()
  private readonly filled = new NarrowColumn()
  /** By slot (block x 16 + index in the block). */
  private readonly dayAt = new NarrowColumn()
  private readonly readingAt = new NarrowColumn()

  constructor(private readonly tables = new Tables()) {}

  /** A store holding `records`. */
  static of(records: Iterable<ScoreRecord>): RecordStore {
    const store = new RecordStore()
    store.addAll(records)
    return store
  }

  /** An empty draft whose records can later be moved into this store at once with `append`. */
  draft(): RecordDraft {
    return new RecordDraft(this.tables)
  }

  get length(): number {
    return this.size
  }

  add(record: ScoreRecord): void {
    this.place(this.tables.encode(record))
  }

  addAll(records: Iterable<ScoreRecord>): void {
    for (const record of records) this.add(record)
  }

  /** Moves every record of `draft` (made by this store's `draft`) into this store. */
  append(draft: RecordDraft): void {
    if (!draft.madeWith(this.tables)) throw new Error('only a draft of this store can be appended to it')
    draft.moveEach((encoded) => this.place(encoded))
  }

  /** The accounts that have at least one record, in the order they first came. */
  accounts(): Set<string> {
    const names = new Set<string>()
    this.tables.accounts.values.forEach((name, account) => {
      if (this.head.at(account) !== NO_BLOCK) names.add(name)
    })
    return names
  }

  /** Every record of `account`, made now, by date (those of one day in the order they came). */
  recordsOf(account: string): ScoreRecord[] {
    const position = this.tables.accounts.find(account)
    if (position === undefined) return []
    const records: ScoreRecord[] = []
    for (let link = this.head.at(position); link !== NO_BLOCK; link = this.next.at(link - 1)) {
      const block = link - 1
      const userId = this.tables.userIds.values[this.userIdOf.at(block)] as string
      const first = block * BLOCK_LENGTH
      for (let slot = first; slot < first + this.filled.at(block); slot++) records.push(this.recordAt(account, userId, slot))
    }
    return byDate(records)
  }

  *[Symbol.iterator](): Iterator<ScoreRecord> {
    for (const account of this.accounts()) yield* this.recordsOf(account)
  }

  private recordAt(account: string, user_id: string, slot: number): ScoreRecord {
    const { days, readings } = this.tables
    const date = days.values[this.dayAt.at(slot)] as Day
    const { score, metrics } = readings.values[this.readingAt.at(slot)] as Reading
    // Each shape is one literal, so every field lies inside the object and absent fields are absent.
    if (metrics === undefined) return score === undefined ? { account, user_id, date } : { account, user_id, date, score }
    return score === undefined ? { account, user_id, date, metrics } : { account, user_id, date, score, metrics }
  }

  /** Puts a record in the last block of its account's chain, or in a new block when that one is full or another user id's. */
  private place({ account, userId, day, reading }: Readonly<Encoded>): void {
    let block = this.tail.at(account) - 1
    if (block < 0 || this.filled.at(block) === BLOCK_LENGTH || this.userIdOf.at(block) !== userId) block = this.chainBlock(account, userId)
    const filled = this.filled.at(block)
    const slot = block * BLOCK_LENGTH + filled
    this.filled.set(block, filled + 1)
    this.dayAt.set(slot, day)
    this.readingAt.set(slot, reading)
    this.size++
  }

  /** A new, empty block at the end of the account's chain. */
  private chainBlock(account: number, userId: number): number {
    const block = this.blocks++
    this.userIdOf.set(block, userId)
    const last = this.tail.at(account)
    if (last === NO_BLOCK) this.head.set(account, block + 1)
    else this.next.set(last - 1, block + 1)
    this.tail.set(account, block + 1)
    return block
  }
}

/**
 * Records gathered for a store in the order they come, moved into it at once (a day of the
 * subuser listing is kept only once it is whole). A draft is short-lived and holds one day of many
 * accounts, so its records lie side by side rather than in chains: about ten bytes each.
 */
export class RecordDraft {
  private size = 0
  private readonly accountAt = new NarrowColumn()
  private readonly userIdAt = new NarrowColumn()
  private readonly dayAt = new NarrowColumn()
  private readonly readingAt = new NarrowColumn()

  constructor(private readonly tables: Tables) {}

  get length(): number {
    return this.size
  }

  add(record: ScoreRecord): void {
    const { account, userId, day, reading } = this.tables.encode(record)
    const index = this.size++
    this.accountAt.set(index, account)
    this.userIdAt.set(index, userId)
    this.dayAt.set(index, day)
    this.readingAt.set(index, reading)
  }

  addAll(records: Iterable<ScoreRecord>): void {
    for (const record of records) this.add(record)
  }

  madeWith(tables: Tables): boolean {
    return tables === this.tables
  }

  /** Hands each record over, in the order it came, and empties the draft. */
  moveEach(take: (record: Readonly<Encoded>) => void): void {
    const encoded: Encoded = { account: 0, userId: 0, day: 0, reading: 0 }
    for (let index = 0; index < this.size; index++) {
      encoded.account = this.accountAt.at(index)
      encoded.userId = this.userIdAt.at(index)
      encoded.day = this.dayAt.at(index)
      encoded.reading = this.readingAt.at(index)
      take(encoded)
    }
    this.size = 0
  }
}

/** `records` by date, those of one day kept in their order: a chain is by date already unless days came out of order. */
function byDate(records: ScoreRecord[]): ScoreRecord[] {
  for (let index = 1; index < records.length; index++)
    if ((records[index - 1] as ScoreRecord).date > (records[index] as ScoreRecord).date) return records.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return records
}
