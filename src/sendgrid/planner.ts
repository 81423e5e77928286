import { eachDay, type Day } from '../dates.js'

/**
 * Which SendGrid requests a run sends: the fewest the API allows. A pure module: it decides, the
 * collector sends.
 *
 * Two ways to read a subuser: one `on-behalf-of` request for the whole range, or the subusers
 * endpoint, which lists every subuser of the account for one day, 1,000 a page. With `*` the
 * listing is the only way. For a list of names the cheaper one depends on how many subusers the
 * account has, which nobody knows up front; the first day's listing pages tell (see `afterProbePage`).
 * Customer accounts (`account-id <id>`) and the key's own account never appear in the listing, so
 * they are always read on their own.
 */

export type Task =
  /** One account over the whole range; no `onBehalfOf` for the key's own account. */
  | { kind: 'account'; onBehalfOf?: string }
  /** Every page of the subuser listing for one day; with `only`, just those usernames are kept. */
  | { kind: 'subusers-day'; date: Day; only?: ReadonlySet<string> }

export interface Plan {
  /** Requests whose number does not depend on the account's size. */
  tasks: Task[]
  /** Listed usernames that might be cheaper to read from the listing: probe its first day to decide. */
  probe?: Probe
}

export interface Probe {
  names: string[]
  /** The first day, read page by page while deciding. */
  date: Day
  /** The other days, read whole if the listing wins. */
  otherDays: Day[]
}

/** What a run asks for: the key's own account or not, subusers by name or all, and the days. */
export interface PlanInput {
  parent: boolean
  subusers: string[] | 'all'
  from: Day
  to: Day
}

export function planRequests({ parent, subusers, from, to }: PlanInput): Plan {
  const days = eachDay(from, to)
  const own: Task[] = parent ? [{ kind: 'account' }] : []
  if (subusers === 'all') return { tasks: [...own, ...days.map((date): Task => ({ kind: 'subusers-day', date }))] }

  const customers = subusers.filter(isCustomerAccount)
  const names = subusers.filter((name) => !isCustomerAccount(name))
  const tasks = [...own, ...customers.map(perAccount)]
  // The listing costs at least one request per day: it can only win with more names than days.
  if (names.length <= days.length) return { tasks: [...tasks, ...names.map(perAccount)] }
  const [date, ...otherDays] = days as [Day, ...Day[]]
  return { tasks, probe: { names, date, otherDays } }
}

export type ProbeDecision = 'read-next-page' | 'per-account' | 'listing'

export interface ProbeState {
  names: number
  days: number
  /** Pages of the first day's listing read so far (at least one). */
  pagesRead: number
  /** Whether the last page read was the day's last. */
  complete: boolean
}

/**
 * After each page of the first day's listing: switch to one request per name, take the listing
 * for every day, or read one more page to learn more. The pages already read count on both sides.
 * The listing costs `pages × days` in all; per account costs `names` more.
 */
export function afterProbePage({ names, days, pagesRead, complete }: ProbeState): ProbeDecision {
  if (complete) return pagesRead * days < pagesRead + names ? 'listing' : 'per-account'
  // More pages follow, so the listing costs at least one more page per day than read so far.
  const listingAtLeast = (pagesRead + 1) * days
  if (listingAtLeast >= pagesRead + names) return 'per-account'
  // Over a single day every extra page might still win; stop probing once it has cost as much
  // as reading each name would have, so a huge account never costs more than twice the best.
  return pagesRead >= names ? 'per-account' : 'read-next-page'
}

function isCustomerAccount(name: string): boolean {
  return name.startsWith('account-id ')
}

function perAccount(onBehalfOf: string): Task {
  return { kind: 'account', onBehalfOf }
}
