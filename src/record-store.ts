import { METRICS, type Metrics, type ScoreRecord } from './records.js'

/**
 * Records kept compactly: `*` over 20,000 subusers and 30 days is 600,000 of them. Each answer
 * brings its own copy of every account name, user id, date and metrics object; the store keeps
 * one of each, so a record costs one small object.
 */
export class RecordStore {
  readonly records: ScoreRecord[] = []
  private readonly strings = new Map<string, string>()
  private readonly metrics = new Map<string, Metrics>()

  add(records: readonly ScoreRecord[]): void {
    for (const record of records) this.records.push(this.compact(record))
  }

  /** Records already made compact, kept as they are. */
  keep(records: readonly ScoreRecord[]): void {
    for (const record of records) this.records.push(record)
  }

  /**
   * The compact form of `record`. Compacting each page as it arrives lets the parsed page die
   * young, before the garbage collector moves it to the old generation and the heap grows.
   */
  compact(record: ScoreRecord): ScoreRecord {
    const [account, user_id, date] = [this.string(record.account), this.string(record.user_id), this.string(record.date)]
    const { score } = record
    // Each shape is one literal, so every field lies inside the object: adding score and metrics
    // afterwards would give each record a separate property store, a third more memory.
    if (record.metrics === undefined) return score === undefined ? { account, user_id, date } : { account, user_id, date, score }
    const metrics = this.sharedMetrics(record.metrics)
    return score === undefined ? { account, user_id, date, metrics } : { account, user_id, date, score, metrics }
  }

  private string(text: string): string {
    const kept = this.strings.get(text)
    if (kept !== undefined) return kept
    this.strings.set(text, text)
    return text
  }

  /** Shared between records, so frozen: nobody may change one record's metrics through another's. */
  private sharedMetrics(metrics: Metrics): Metrics {
    const key = METRICS.map((metric) => metrics[metric]).join(',')
    const kept = this.metrics.get(key)
    if (kept !== undefined) return kept
    const frozen = Object.freeze({ ...metrics })
    this.metrics.set(key, frozen)
    return frozen
  }
}
