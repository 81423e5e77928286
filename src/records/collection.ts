import type { Day } from '../dates.js'
import type { RecordStore } from './record-store.js'

/** An account, or a day of the subuser listing, that could not be read. */
export interface Failure {
  /** Absent when the whole subuser listing for `date` failed. */
  account?: string
  /** Absent when the account failed for the whole range. */
  date?: Day
  outcome: 'error' | 'pending'
  message: string
}

/** What a fetch yields: every record read, and what could not be read. */
export interface Collection {
  records: RecordStore
  failures: Failure[]
}

/** What a failure kept from being read: the account, or `every subuser on <day>` for a day of the listing. */
export function failedSubject(failure: Failure): string {
  return failure.account ?? `every subuser on ${failure.date}`
}
