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
  /**
   * For a day of the listing read for listed subusers: those it would have read (all but those read
   * on their own). Absent under `*`: every subuser.
   */
  listed?: readonly string[]
  outcome: 'error' | 'pending'
  message: string
  /** What failed, apart from the words: the same on every run that fails the same way. */
  cause: FailureCause
}

/** What a request ended with instead of scores. */
export interface FailureCause {
  /** `scores` (one account over the range) or `listing` (a day of the subuser listing). */
  endpoint: 'scores' | 'listing'
  /**
   * SendGrid's last HTTP status: 202 still computing, 429 rate limited, 4xx or 5xx refused, 200
   * with an answer that cannot be used. Absent when it gave none.
   */
  status?: number
  /**
   * Without an HTTP answer: `timeout`, the network error's code (`ECONNREFUSED`, `ENOTFOUND`, a TLS
   * code) or `proxy <status>`. Without either, the request was not sent: wait-timeout ran out first.
   */
  network?: string
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

/**
 * What a failure kept from being read: the account, or for a day of the listing `every subuser on
 * <day>`, or the listed subusers it hid (`promo, receipts, welcome and 37 other listed subusers on <day>`).
 */
export function failedSubject({ account, date, listed }: Failure): string {
  if (account !== undefined) return account
  if (listed === undefined) return `every subuser on ${date}`
  if (listed.length === 0) return `the subuser listing on ${date}`
  const rest = listed.length - LISTED_NAMED
  const items = rest > 0 ? [...listed.slice(0, LISTED_NAMED), `${rest} other listed ${rest === 1 ? 'subuser' : 'subusers'}`] : listed
  const last = items.length - 1
  return `${last > 0 ? `${items.slice(0, last).join(', ')} and ` : ''}${items[last]} on ${date}`
}

/** How many subusers a failed day of the listing names before it counts the rest. */
const LISTED_NAMED = 3
