import type { Clock } from '../clock.js'
import { ACTION_WORDING, messageOf, type Wording } from '../messages.js'
import type { AccountStats, ProviderStats, StatsGap, StatsRequest } from '../records/stats.js'
import { PROVIDER_PAGE_LIMIT, type ApiOutcome, type SendGridClient, type StatsQuery } from './client.js'
import { runPool } from './collect.js'
import { Pacer } from './pacing.js'
import { FetchFailure, untilAnswered, type PollingContext } from './polling.js'
import { UnusableResponseError } from './responses.js'
import type { RetryPolicy } from './retry-policy.js'
import { parseCategorySums, parseDailyStats, parseProviderPage, ProviderPages, unusableStats } from './stats-responses.js'

/**
 * SendGrid's Stats for the accounts in breach, fetched after the verdict is known: at most three
 * requests per account plus pages, through the same client, pacing, retries and wait-timeout as
 * the scores. Nothing here can fail the run: every request that ends without stats becomes a gap.
 */

export interface StatsFetchOptions {
  clock: Clock
  /** When every request must be over (what is left of wait-timeout), in the clock's ms. */
  deadlineMs: number
  requestTimeoutMs: number
  policy: RetryPolicy
  /** The scores' pacer, so the stats spend the same rate-limit budget; a fresh one otherwise. */
  pacer?: Pacer
  wording?: Wording
}

/** Accounts whose stats are being requested at once. */
const ACCOUNTS_AT_ONCE = 4
/**
 * More full pages than this means the server is not paging as asked: ~100 days of 30 providers
 * fill 6 pages of 500.
 */
const MAX_PROVIDER_PAGES = 20

/** One run's shared state: where requests go, and whether any more may be sent. */
interface StatsRun {
  client: SendGridClient
  polling: PollingContext & { wording: Wording }
  pacer: Pacer
  /** The first request of the run, which goes alone: a key without Stats read costs one request, not one per account at once. */
  first?: Promise<unknown>
  /** Whether SendGrid has answered a Stats request of this run: a 401/403 after that is about one account or part, not the key. */
  answered?: boolean
  /** The first refusal of the key's access (401/403 before any Stats answer): nothing more is sent. */
  refused?: FetchFailure
  /** The first request that ended without any answer from SendGrid: nothing more is sent. */
  unreachable?: FetchFailure
}

/** One AccountStats per request, in the same order; never throws. */
export async function fetchAccountStats(client: SendGridClient, requests: readonly StatsRequest[], options: StatsFetchOptions): Promise<AccountStats[]> {
  const { clock, deadlineMs, requestTimeoutMs, policy, wording = ACTION_WORDING } = options
  const run: StatsRun = {
    client,
    polling: { clock, deadlineMs, requestTimeoutMs, policy, wording },
    pacer: options.pacer ?? new Pacer(clock, deadlineMs)
  }
  const results: AccountStats[] = []
  const indexes = requests.map((_, index) => index)
  await runPool(indexes, ACCOUNTS_AT_ONCE, async (index) => {
    results[index] = await accountStats(run, requests[index] as StatsRequest)
  })
  return results
}

/** The three parts of one account's stats, one after another; each that fails is a gap. */
async function accountStats(run: StatsRun, request: StatsRequest): Promise<AccountStats> {
  const stats: AccountStats = { account: request.account, gaps: [] }
  const { onBehalfOf } = request
  const whole: StatsQuery = { from: request.baseline.from, to: request.window.to, onBehalfOf }
  const window: StatsQuery = { ...request.window, onBehalfOf }
  await part(run, stats, 'daily', async () => {
    stats.daily = parseDailyStats(await ask(run, (timeoutMs) => run.client.dailyStats(whole, timeoutMs)), whole)
  })
  await part(run, stats, 'providers', async () => {
    stats.providers = await providerStats(run, whole)
  })
  await part(run, stats, 'categories', async () => {
    stats.categories = parseCategorySums(await ask(run, (timeoutMs) => run.client.categorySums(window, request.sortCategoriesBy, timeoutMs)))
  })
  return stats
}

async function part(run: StatsRun, stats: AccountStats, name: StatsGap['part'], read: () => Promise<void>): Promise<void> {
  try {
    await read()
  } catch (error) {
    stats.gaps.push(gapOf(name, error, run))
  }
}

/** Every page of the mailbox provider stats, until a short one. */
async function providerStats(run: StatsRun, query: StatsQuery): Promise<ProviderStats[]> {
  const pages = new ProviderPages()
  for (let page = 0; page < MAX_PROVIDER_PAGES; page++) {
    const offset = page * PROVIDER_PAGE_LIMIT
    const rows = parseProviderPage(await ask(run, (timeoutMs) => run.client.mailboxProviderStats(query, offset, timeoutMs)), query)
    pages.add(rows)
    if (rows.length < PROVIDER_PAGE_LIMIT) return pages.providers()
  }
  throw unusableStats(
    `it sent ${MAX_PROVIDER_PAGES} full pages of ${PROVIDER_PAGE_LIMIT} mailbox provider stats for ${query.from} to ${query.to} and the paging would not end`
  )
}

/**
 * One request until SendGrid answers it, through the pacer and the retry policy. None is sent once
 * the key's access was refused, SendGrid stopped answering, or wait-timeout ran out.
 */
async function ask(run: StatsRun, send: (timeoutMs: number) => Promise<ApiOutcome>): Promise<unknown> {
  if (run.first !== undefined) await run.first
  stopIfOver(run)
  let retry = false
  const attempt = (timeoutMs: number): Promise<ApiOutcome> => {
    if (retry) stopIfStopped(run, 'stopped retrying')
    retry = true
    return run.pacer.send(() => send(timeoutMs))
  }
  const answer = untilAnswered(attempt, run.polling)
  run.first ??= answer.catch(() => undefined)
  try {
    const body = await answer
    run.answered = true
    return body
  } catch (error) {
    if (error instanceof FetchFailure && isRefusal(error) && !run.answered) run.refused ??= error
    if (error instanceof FetchFailure && error.unreachable) run.unreachable ??= error
    throw error
  }
}

/** A request is not sent once wait-timeout has run out, or the run has stopped sending. */
function stopIfOver(run: StatsRun): void {
  stopIfStopped(run, 'not requested')
  if (run.polling.clock.now() >= run.polling.deadlineMs)
    throw new FetchFailure('error', `not requested: ${run.polling.wording.setting('wait-timeout')} ran out first`, {})
}

/** Once the key's access was refused or SendGrid stopped answering, nothing more is sent, not even a retry. */
function stopIfStopped(run: StatsRun, ending: 'not requested' | 'stopped retrying'): void {
  const stop = run.refused ?? run.unreachable
  if (stop !== undefined) throw new FetchFailure('error', `${ending}: ${stop.message}`, stop.end)
}

function isRefusal(failure: FetchFailure): boolean {
  return failure.end.status === 401 || failure.end.status === 403
}

/** A refusal is the key's missing Stats access only when it came before any Stats answer (see StatsRun.refused). */
function gapOf(part: StatsGap['part'], error: unknown, run: StatsRun): StatsGap {
  if (error instanceof FetchFailure) return { part, reason: isRefusal(error) && run.refused !== undefined ? 'access' : 'error', message: error.message, cause: error.end }
  // SendGrid answered 200, with something that cannot be used.
  if (error instanceof UnusableResponseError) return { part, reason: 'error', message: error.message, cause: { status: 200 } }
  // The explanation never fails the run: even a fault of ours is only a gap in it.
  return { part, reason: 'error', message: messageOf(error), cause: {} }
}
