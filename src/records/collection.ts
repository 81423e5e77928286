import type { Day } from '../dates.js'
import type { RecordStore } from './record-store.js'

/** Label of the key's own account when SendGrid's answer did not name it. */
export const PARENT_LABEL = 'parent account'

/** An account, or a day of the subuser listing, that could not be read. */
export interface Failure {
  /** Absent when the whole subuser listing for `date` failed. */
  account?: string
  /** Absent when the account failed for the whole range. */
  date?: Day
  outcome: 'error' | 'pending'
  message: string
}

/**
 * An account SendGrid answered for without a single entry: missing on every day that was read.
 * `every subuser` when the subuser listing named no one on any day.
 */
export interface Unscored {
  account: string
  /** What that likely means, when it is more than "not eligible for a score". */
  note?: string
}

/** What a fetch yields: every record read, what could not be read, and who was read without any entry. */
export interface Collection {
  records: RecordStore
  failures: Failure[]
  unscored?: Unscored[]
  /** Accounts read on their own for the whole range: a day of the listing that failed says nothing about them. */
  readAlone?: ReadonlySet<string>
  /** The key's own account as the records name it, when it was checked. */
  parentAccount?: string
}

/** What a failure kept from being read: the account, or `every subuser on <day>` for a day of the listing. */
export function failedSubject(failure: Failure): string {
  return failure.account ?? `every subuser on ${failure.date}`
}
