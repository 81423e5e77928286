import type { Day } from '../dates.js'
import { DEFAULT_PACING, Pacer } from './pacing.js'
import { afterProbePage, planRequests, type PlanInput, type Probe, type Task } from './planner.js'
import { FetchFailure, untilAnswered, type PollingContext } from './polling.js'
import { PARENT_LABEL, type Collection, type Failure, type FailureCause, type Unscored } from '../records/collection.js'
import { RecordStore, type RecordDraft } from '../records/record-store.js'
import type { ScoreRecord } from '../records/score-record.js'
import { isUnnamed, pagingLoop, parseAccountScores, parseSubuserPage, UnusableResponseError, type SubuserPage } from './responses.js'
import type { ApiOutcome, SendGridClient } from './client.js'
import { FetchProgress, type Unit } from './progress.js'
import { ACTION_WORDING } from '../messages.js'

/** Label of the subusers `*` stands for when the listing named none of them. */
const EVERY_SUBUSER = 'every subuser'
const NOBODY_LISTED =
  'SendGrid listed no subuser on any day: the API key likely belongs to a subuser, or to an account without subusers in this region.'
/** Accounts or days being requested at once; one waiting out a 202 gives up its place meanwhile. */
const DEFAULT_CONCURRENCY = 4
/** Accounts or days started at once; all but `concurrency` of them wait for a place or a 202. */
const TASKS_AT_ONCE = 32

/** What the planner decides, plus the probe that decides between the listing and one request per name. */
type Job = Task | { kind: 'probe'; probe: Probe }

/** What a listing day (or the probe's first day) has read so far: kept only once the day is whole. */
interface DayRecords {
  named: RecordDraft
  unnamed: ScoreRecord[]
}

/** One run's shared state: where requests go, what came back, and whether SendGrid still answers. */
interface Run {
  client: SendGridClient
  polling: PollingContext & Required<Pick<PollingContext, 'progress' | 'wording'>>
  pacer: Pacer
  range: Pick<PlanInput, 'from' | 'to'>
  store: RecordStore
  failures: Failure[]
  /** Usernames by user_id, learnt from the listing's named entries. */
  namesById: Map<string, string>
  /** Listing entries without a username, kept aside until the run knows their names. */
  unnamed: ScoreRecord[]
  /** Accounts answered for without a single entry. */
  unscored: Unscored[]
  /** Accounts read on their own for the whole range (the parent, customers, names asked for one by one). */
  readAlone: Set<string>
  /** Days of the whole listing (`*`) read, and the entries they held. */
  listed: { days: number; entries: number }
  /** Whether the key has read anything in this run: a 401 afterwards is about the name, not the key. */
  keyWorked: boolean
  /** Failures that mean something else once the key has worked (see ApiOutcome's `onceKeyWorked`). */
  onceKeyWorked: Map<Failure, string>
  /** The listed names, once the planner chose to read them from the listing. */
  listing?: ReadonlySet<string>
  /** The key's own account as its scores name it. */
  parentAccount?: string
  /** Once SendGrid has stopped answering altogether, requests not yet sent fail at once. */
  unreachable?: FetchFailure
  places: Places
}

/**
 * At most `concurrency` accounts or days are being requested at a time. Each holds its place
 * through its retries, so a SendGrid that stops answering ties up only the first few (and the
 * circuit breaker stops the rest), but not while it waits for SendGrid to compute scores (202):
 * accounts that each wait T are then all done after about T, not T for every four.
 */
class Places {
  private readonly waiting: (() => void)[] = []

  constructor(private free: number) {}

  async take(): Promise<void> {
    while (this.free === 0) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.free--
  }

  give(): void {
    this.free++
    this.waiting.shift()?.()
  }

  async setAside(wait: () => Promise<void>): Promise<void> {
    this.give()
    try {
      await wait()
    } finally {
      await this.take()
    }
  }
}

/** How the scores are fetched: polling as for any request, and the pacer of a run that spends its rate-limit budget on more than scores. */
export interface CollectOptions extends PollingContext {
  /** The run's pacer, shared with the stats; a fresh one otherwise. */
  pacer?: Pacer
}

/**
 * Fetches what the planner chose, a few requests at a time and slower when the rate-limit budget
 * runs low; one account's failure never hides another's scores.
 */
export async function collectScores(
  config: PlanInput,
  client: SendGridClient,
  { pacer, ...polling }: CollectOptions,
  concurrency = DEFAULT_CONCURRENCY
): Promise<Collection> {
  const places = new Places(concurrency)
  const { progress = new FetchProgress(), wording = ACTION_WORDING } = polling
  const run: Run = {
    client,
    polling: { ...polling, progress, wording, whileComputing: (wait) => places.setAside(wait) },
    places,
    pacer: pacer ?? new Pacer(polling.clock, polling.deadlineMs, DEFAULT_PACING, (wait) => progress.hold('paced', wait)),
    range: config,
    store: new RecordStore(),
    failures: [],
    namesById: new Map(),
    unnamed: [],
    unscored: [],
    readAlone: new Set(),
    listed: { days: 0, entries: 0 },
    keyWorked: false,
    onceKeyWorked: new Map()
  }
  const plan = planRequests(config)
  const jobs: Job[] = plan.probe ? [{ kind: 'probe', probe: plan.probe }, ...plan.tasks] : plan.tasks
  const planned = (more: Job[]): Job[] => {
    for (const job of more) progress.plan(unitOf(job))
    return more
  }
  const work = (job: Job, add: (jobs: Job[]) => void): Promise<void> => perform(run, job, (more) => add(planned(more)))
  await runPool(planned(jobs), TASKS_AT_ONCE, work)
  nameUnnamed(run)
  // A listed name the listing never named (say, never scored, so never given a username there) is
  // asked for on its own: SendGrid's answer says whether it is unknown (403) or just unscored.
  if (run.listing) await runPool(planned(unlisted(run.listing, run.store)), TASKS_AT_ONCE, work)
  return settled(run, config)
}

/** What only the whole run can tell: whether the key read anything, and whether `*` found anyone. */
function settled(run: Run, { subusers, parent }: PlanInput): Collection {
  if (run.keyWorked) for (const [failure, message] of run.onceKeyWorked) failure.message = message
  if (run.listing) nameHidden(run, run.listing)
  if (subusers === 'all' && run.listed.days > 0 && run.listed.entries === 0) run.unscored.push({ account: EVERY_SUBUSER, note: NOBODY_LISTED })
  const parentAccount = parent ? (run.parentAccount ?? PARENT_LABEL) : undefined
  return { records: run.store, failures: run.failures, unscored: run.unscored, readAlone: run.readAlone, parentAccount }
}

/** A failed day of the listing read for listed names hid those of them the listing was to read: all but those asked for on their own. */
function nameHidden(run: Run, names: ReadonlySet<string>): void {
  const failedDays = run.failures.filter((failure) => failure.account === undefined)
  if (failedDays.length === 0) return
  const askedAlone = new Set([...run.readAlone, ...run.failures.flatMap((failure) => failure.account ?? [])])
  const hidden = [...names].filter((name) => !askedAlone.has(name))
  for (const failure of failedDays) failure.listed = hidden
}

async function perform(run: Run, job: Job, add: (jobs: Job[]) => void): Promise<void> {
  await run.places.take()
  try {
    await performInPlace(run, job, add)
  } finally {
    run.places.give()
    run.polling.progress.finish(unitOf(job))
  }
}

function unitOf(job: Job): Unit {
  return job.kind === 'account' ? 'account' : 'listing-day'
}

async function performInPlace(run: Run, job: Job, add: (jobs: Job[]) => void): Promise<void> {
  if (job.kind === 'probe') return add(await probe(run, job.probe))
  try {
    if (run.polling.clock.now() >= run.polling.deadlineMs) throw new FetchFailure('pending', `not requested: ${run.polling.wording.setting('wait-timeout')} ran out first`, {})
    if (job.kind === 'account') run.store.addAll(await fetchAccount(run, job.onBehalfOf))
    else await readListingDay(run, job.date, job.only)
  } catch (error) {
    const account = job.kind === 'account' ? (job.onBehalfOf ?? PARENT_LABEL) : undefined
    const date = job.kind === 'subusers-day' ? job.date : undefined
    const failure: Failure = { account, date, ...failureOf(error, job.kind === 'account' ? 'scores' : 'listing') }
    run.failures.push(failure)
    if (error instanceof FetchFailure && error.onceKeyWorked !== undefined) run.onceKeyWorked.set(failure, error.onceKeyWorked)
  }
}

/**
 * Reads the first day's listing page by page until the planner can tell which way is cheaper,
 * and returns the requests that follow. If the listing cannot be read, each name is asked for
 * on its own, so every failure is reported against the name it concerns.
 */
async function probe(run: Run, { names, date, otherDays }: Probe): Promise<Task[]> {
  const wanted = new Set(names)
  const found = dayRecords(run)
  let pagesRead = 0
  try {
    for await (const page of subuserPages(run, date)) {
      pagesRead++
      keep(run, page, wanted, found)
      const decision = afterProbePage({ names: names.length, days: otherDays.length + 1, pagesRead, complete: page.afterKey === undefined })
      if (decision === 'per-account') break
      if (decision === 'listing') {
        run.listing = wanted
        keepDay(run, found)
        return otherDays.map((day): Task => ({ kind: 'subusers-day', date: day, only: wanted }))
      }
    }
  } catch (error) {
    if (!(error instanceof FetchFailure || error instanceof UnusableResponseError)) throw error
  }
  return names.map((name): Task => ({ kind: 'account', onBehalfOf: name }))
}

async function fetchAccount(run: Run, onBehalfOf: string | undefined): Promise<ScoreRecord[]> {
  const { from, to } = run.range
  const body = await ask(run, (timeoutMs) => run.client.scores({ from, to, onBehalfOf }, timeoutMs))
  const records = parseAccountScores(body, from, to, onBehalfOf)
  if (onBehalfOf === undefined) run.parentAccount = records[0]?.account
  const account = records[0]?.account ?? onBehalfOf ?? PARENT_LABEL
  run.readAlone.add(account)
  if (records.length === 0) run.unscored.push({ account })
  return records
}

/** Every page of one day's listing; with `only`, the records of those usernames alone are kept. */
async function readListingDay(run: Run, date: Day, only: ReadonlySet<string> | undefined): Promise<void> {
  const records = dayRecords(run)
  let entries = 0
  for await (const page of subuserPages(run, date)) {
    entries += page.records.length
    keep(run, page, only, records)
  }
  // Kept only once the day is whole: a day that fails halfway is reported as failed, not half shown.
  keepDay(run, records)
  if (only === undefined) {
    run.listed.days++
    run.listed.entries += entries
  }
}

function dayRecords(run: Run): DayRecords {
  return { named: run.store.draft(), unnamed: [] }
}

/**
 * Adds a page's records worth keeping to the day's: with `only`, those usernames and the unnamed
 * entries (which may turn out to be one of them). Every named entry teaches its user_id's username.
 * The parsed page is left behind at once, so it dies young instead of growing the heap.
 */
function keep(run: Run, page: SubuserPage, only: ReadonlySet<string> | undefined, day: DayRecords): void {
  for (const record of page.records) {
    const unnamed = isUnnamed(record)
    // Set only when new: replacing every name on every page would keep 40,000 fresh strings alive a day.
    if (!unnamed && run.namesById.get(record.user_id) !== record.account) run.namesById.set(record.user_id, record.account)
    if (unnamed) day.unnamed.push(record)
    else if (!only || only.has(record.account)) day.named.add(record)
  }
}

function keepDay(run: Run, day: DayRecords): void {
  run.store.append(day.named)
  for (const record of day.unnamed) run.unnamed.push(record)
}

/**
 * Gives the unnamed listing entries the username another day gave their user_id. With `*` an
 * entry never named keeps its `user_id` label; reading listed names, only theirs are kept.
 */
function nameUnnamed(run: Run): void {
  const names = run.listing
  for (const record of run.unnamed) {
    const name = run.namesById.get(record.user_id)
    if (names && !(name !== undefined && names.has(name))) continue
    run.store.add({ ...record, account: name ?? record.account })
  }
}

/** Account requests for the listed names that no record names. */
function unlisted(names: ReadonlySet<string>, records: RecordStore): Job[] {
  const seen = records.accounts()
  return [...names].filter((name) => !seen.has(name)).map((name): Job => ({ kind: 'account', onBehalfOf: name }))
}

async function* subuserPages(run: Run, date: Day): AsyncGenerator<SubuserPage> {
  const seenKeys = new Set<string>()
  let afterKey: string | undefined
  do {
    const key = afterKey
    const body = await ask(run, (timeoutMs) => run.client.subuserScores(date, key, timeoutMs))
    const page = parseSubuserPage(body, date)
    afterKey = page.afterKey
    if (afterKey !== undefined && seenKeys.has(afterKey)) throw pagingLoop(afterKey)
    if (afterKey !== undefined) seenKeys.add(afterKey)
    yield page
  } while (afterKey !== undefined)
}

/**
 * One request until SendGrid answers it (polling a 202, retrying what may pass), sent through the
 * pacer. When it ends without any answer at all, the run stops sending.
 */
async function ask(run: Run, send: (timeoutMs: number) => Promise<ApiOutcome>): Promise<unknown> {
  try {
    let sent = false
    const attempt = (timeoutMs: number): Promise<ApiOutcome> => {
      const outcome = paced(run, () => send(timeoutMs), sent)
      sent = true
      return outcome
    }
    const body = await untilAnswered(attempt, run.polling)
    run.keyWorked = true
    return body
  } catch (error) {
    if (error instanceof FetchFailure && error.unreachable) run.unreachable ??= error
    throw error
  }
}

/**
 * Sends through the pacer; once SendGrid has stopped answering altogether, sends nothing more: a
 * request not sent yet ends `not requested`, one being retried `stopped retrying`.
 */
function paced(run: Run, request: () => Promise<ApiOutcome>, retry: boolean): Promise<ApiOutcome> {
  if (run.unreachable) throw new FetchFailure('error', `${retry ? 'stopped retrying' : 'not requested'}: ${run.unreachable.message}`, run.unreachable.end)
  return run.pacer.send(request)
}

function failureOf(error: unknown, endpoint: FailureCause['endpoint']): Pick<Failure, 'outcome' | 'message' | 'cause'> {
  if (error instanceof FetchFailure) return { outcome: error.outcome, message: error.message, cause: { endpoint, ...error.end } }
  // SendGrid answered 200, with something that cannot be used.
  if (error instanceof UnusableResponseError) return { outcome: 'error', message: error.message, cause: { endpoint, status: 200 } }
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
