import { eachDay, type Day } from './dates.js'
import type { Config } from './inputs.js'
import { FetchFailure, untilAnswered, type PollingContext } from './polling.js'
import type { ScoreRecord } from './records.js'
import { OffSchemaError, parseAccountScores, parseSubuserPage } from './responses.js'
import type { SendGridClient } from './sendgrid.js'

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

type Task = { kind: 'account'; onBehalfOf?: string } | { kind: 'subusers-day'; date: Day }

/** Which requests the run needs: one per named account over the range, or the listing per day. */
export function planTasks(config: Pick<Config, 'parent' | 'subusers' | 'from' | 'to'>): Task[] {
  const tasks: Task[] = config.parent ? [{ kind: 'account' }] : []
  if (config.subusers === 'all') return [...tasks, ...eachDay(config.from, config.to).map((date) => ({ kind: 'subusers-day' as const, date }))]
  return [...tasks, ...config.subusers.map((onBehalfOf) => ({ kind: 'account' as const, onBehalfOf }))]
}

/** Fetches every planned request, a few at a time; one account's failure never hides another's scores. */
export async function collectScores(
  config: Pick<Config, 'parent' | 'subusers' | 'from' | 'to'>,
  client: SendGridClient,
  polling: PollingContext,
  concurrency = DEFAULT_CONCURRENCY
): Promise<Collection> {
  const collection: Collection = { records: [], failures: [] }
  // Once SendGrid has stopped answering altogether, requests not yet sent fail at once instead of
  // each waiting out its own timeouts and retries: a dead endpoint ends the step in minutes.
  let unreachable: FetchFailure | undefined
  await forEachConcurrently(planTasks(config), concurrency, async (task) => {
    try {
      if (unreachable) throw new FetchFailure('error', `not requested: ${unreachable.message}`, true)
      const records =
        task.kind === 'account'
          ? await fetchAccount(client, polling, config, task.onBehalfOf)
          : await fetchSubusersDay(client, polling, task.date)
      collection.records.push(...records)
    } catch (error) {
      if (error instanceof FetchFailure && error.unreachable) unreachable ??= error
      const account = task.kind === 'account' ? (task.onBehalfOf ?? PARENT_LABEL) : undefined
      const date = task.kind === 'subusers-day' ? task.date : undefined
      collection.failures.push({ account, date, ...failureOf(error) })
    }
  })
  return collection
}

async function fetchAccount(
  client: SendGridClient,
  polling: PollingContext,
  { from, to }: Pick<Config, 'from' | 'to'>,
  onBehalfOf: string | undefined
): Promise<ScoreRecord[]> {
  const body = await untilAnswered((timeoutMs) => client.scores({ from, to, onBehalfOf }, timeoutMs), polling)
  return parseAccountScores(body, from, to, onBehalfOf)
}

async function fetchSubusersDay(client: SendGridClient, polling: PollingContext, date: Day): Promise<ScoreRecord[]> {
  const records: ScoreRecord[] = []
  const seenKeys = new Set<string>()
  let afterKey: string | undefined
  do {
    const key = afterKey
    const page = parseSubuserPage(await untilAnswered((timeoutMs) => client.subuserScores(date, key, timeoutMs), polling), date)
    records.push(...page.records)
    afterKey = page.afterKey
    if (afterKey !== undefined && seenKeys.has(afterKey))
      throw new OffSchemaError(`_metadata.next_params.after_key "${afterKey}" came back twice (the pages would loop)`)
    if (afterKey !== undefined) seenKeys.add(afterKey)
  } while (afterKey !== undefined)
  return records
}

function failureOf(error: unknown): Pick<Failure, 'outcome' | 'message'> {
  if (error instanceof FetchFailure) return { outcome: error.outcome, message: error.message }
  if (error instanceof OffSchemaError) return { outcome: 'error', message: error.message }
  throw error
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function forEachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
