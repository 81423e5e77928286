import type { Day } from './dates.js'
import { Pacer } from './pacing.js'
import { afterProbePage, planRequests, type PlanInput, type Probe, type Task } from './planner.js'
import { FetchFailure, untilAnswered, type PollingContext } from './polling.js'
import { RecordStore } from './record-store.js'
import type { ScoreRecord } from './records.js'
import { OffSchemaError, parseAccountScores, parseSubuserPage, type SubuserPage } from './responses.js'
import type { ApiOutcome, SendGridClient } from './sendgrid.js'

/** An account, or a day of the subuser listing, that could not be read. */
export interface Failure {
  /** Absent when the whole subuser listing for `date` failed. */
  account?: string
  /** Absent when the account failed for the whole range. */
  date?: Day
  outcome: 'error' | 'pending'
  message: string
}

export interface Collection {
  records: ScoreRecord[]
  failures: Failure[]
}

/** Label of the key's own account when SendGrid's answer did not name it. */
export const PARENT_LABEL = 'parent account'
export const DEFAULT_CONCURRENCY = 4

/** What the planner decides, plus the probe that decides between the listing and one request per name. */
type Job = Task | { kind: 'probe'; probe: Probe }

/** Listed names read from the listing: which of them it named, and whether any day was read whole. */
interface ListingWatch {
  names: string[]
  seen: Set<string>
  daysRead: number
}

/** One run's shared state: where requests go, what came back, and whether SendGrid still answers. */
interface Run {
  client: SendGridClient
  polling: PollingContext
  pacer: Pacer
  range: Pick<PlanInput, 'from' | 'to'>
  store: RecordStore
  failures: Failure[]
  listing?: ListingWatch
  /** Once SendGrid has stopped answering altogether, requests not yet sent fail at once. */
  unreachable?: FetchFailure
}

/**
 * Fetches what the planner chose, a few requests at a time and slower when the rate-limit budget
 * runs low; one account's failure never hides another's scores.
 */
export async function collectScores(
  config: PlanInput,
  client: SendGridClient,
  polling: PollingContext,
  concurrency = DEFAULT_CONCURRENCY
): Promise<Collection> {
  const run: Run = {
    client,
    polling,
    pacer: new Pacer(polling.clock, polling.deadlineMs),
    range: config,
    store: new RecordStore(),
    failures: []
  }
  const plan = planRequests(config)
  const jobs: Job[] = plan.probe ? [{ kind: 'probe', probe: plan.probe }, ...plan.tasks] : plan.tasks
  await runPool(jobs, concurrency, (job, add) => perform(run, job, add))
  if (run.listing) run.failures.push(...unlisted(run.listing))
  return { records: run.store.records, failures: run.failures }
}

async function perform(run: Run, job: Job, add: (jobs: Job[]) => void): Promise<void> {
  if (job.kind === 'probe') return add(await probe(run, job.probe))
  try {
    if (run.unreachable) throw new FetchFailure('error', `not requested: ${run.unreachable.message}`, true)
    if (job.kind === 'account') run.store.add(await fetchAccount(run, job.onBehalfOf))
    else await readListingDay(run, job.date, job.only)
  } catch (error) {
    if (error instanceof FetchFailure && error.unreachable) run.unreachable ??= error
    const account = job.kind === 'account' ? (job.onBehalfOf ?? PARENT_LABEL) : undefined
    const date = job.kind === 'subusers-day' ? job.date : undefined
    run.failures.push({ account, date, ...failureOf(error) })
  }
}

/**
 * Reads the first day's listing page by page until the planner can tell which way is cheaper,
 * and returns the requests that follow. If the listing cannot be read, each name is asked for
 * on its own, so every failure is reported against the name it concerns.
 */
async function probe(run: Run, { names, date, otherDays }: Probe): Promise<Task[]> {
  const wanted = new Set(names)
  const found: ScoreRecord[] = []
  let pagesRead = 0
  try {
    for await (const page of subuserPages(run, date)) {
      pagesRead++
      for (const record of page.records) if (wanted.has(record.account)) found.push(run.store.compact(record))
      const decision = afterProbePage({ names: names.length, days: otherDays.length + 1, pagesRead, complete: page.afterKey === undefined })
      if (decision === 'per-account') break
      if (decision === 'listing') {
        run.listing = { names, seen: new Set(), daysRead: 0 }
        noteListed(run, found)
        return otherDays.map((day): Task => ({ kind: 'subusers-day', date: day, only: wanted }))
      }
    }
  } catch (error) {
    if (!(error instanceof FetchFailure || error instanceof OffSchemaError)) throw error
    if (error instanceof FetchFailure && error.unreachable) run.unreachable ??= error
  }
  return names.map((name): Task => ({ kind: 'account', onBehalfOf: name }))
}

async function fetchAccount(run: Run, onBehalfOf: string | undefined): Promise<ScoreRecord[]> {
  const { from, to } = run.range
  const body = await untilAnswered((timeoutMs) => paced(run, () => run.client.scores({ from, to, onBehalfOf }, timeoutMs)), run.polling)
  return parseAccountScores(body, from, to, onBehalfOf)
}

/** Every page of one day's listing; with `only`, the records of those usernames alone are kept. */
async function readListingDay(run: Run, date: Day, only: ReadonlySet<string> | undefined): Promise<void> {
  const records: ScoreRecord[] = []
  for await (const page of subuserPages(run, date))
    for (const record of page.records) if (!only || only.has(record.account)) records.push(run.store.compact(record))
  // Kept only once the day is whole: a day that fails halfway is reported as failed, not half shown.
  if (only) noteListed(run, records)
  else run.store.keep(records)
}

function noteListed(run: Run, records: ScoreRecord[]): void {
  const listing = run.listing as ListingWatch
  for (const record of records) listing.seen.add(record.account)
  listing.daysRead++
  run.store.keep(records)
}

/** Listed names that a listing read whole did not name: like an unknown name asked for on its own. */
function unlisted({ names, seen, daysRead }: ListingWatch): Failure[] {
  if (daysRead === 0) return []
  return names
    .filter((name) => !seen.has(name))
    .map((name) => ({
      account: name,
      outcome: 'error',
      message:
        `SendGrid's subuser listing does not name "${name}": check that it is a subuser of the key's account ` +
        '(customer accounts need "account-id <id>"), and the region (EU subusers need region: eu)'
    }))
}

async function* subuserPages(run: Run, date: Day): AsyncGenerator<SubuserPage> {
  const seenKeys = new Set<string>()
  let afterKey: string | undefined
  do {
    const key = afterKey
    const body = await untilAnswered((timeoutMs) => paced(run, () => run.client.subuserScores(date, key, timeoutMs)), run.polling)
    const page = parseSubuserPage(body, date)
    afterKey = page.afterKey
    if (afterKey !== undefined && seenKeys.has(afterKey))
      throw new OffSchemaError(`_metadata.next_params.after_key "${afterKey}" came back twice (the pages would loop)`)
    if (afterKey !== undefined) seenKeys.add(afterKey)
    yield page
  } while (afterKey !== undefined)
}

function paced(run: Run, request: () => Promise<ApiOutcome>): Promise<ApiOutcome> {
  return run.pacer.send(request)
}

function failureOf(error: unknown): Pick<Failure, 'outcome' | 'message'> {
  if (error instanceof FetchFailure) return { outcome: error.outcome, message: error.message }
  if (error instanceof OffSchemaError) return { outcome: 'error', message: error.message }
  throw error
}

/**
 * Runs `work` over `items` with at most `limit` at once. `work` may `add` items it finds are
 * needed; they join the same queue, under the same limit.
 */
export function runPool<T>(items: T[], limit: number, work: (item: T, add: (more: T[]) => void) => Promise<void>): Promise<void> {
  const queue = [...items]
  let next = 0
  let running = 0
  const add = (more: T[]): void => {
    for (const item of more) queue.push(item)
  }
  return new Promise((resolve, reject) => {
    const startMore = (): void => {
      while (running < limit && next < queue.length) {
        running++
        work(queue[next++] as T, add).then(() => {
          running--
          startMore()
        }, reject)
      }
      if (running === 0 && next === queue.length) resolve()
    }
    startMore()
  })
}
