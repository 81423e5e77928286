import { realClock, type Clock } from './clock.js'
import type { Collection } from './records/collection.js'
import { collectScores } from './sendgrid/collect.js'
import { evaluate, type Evaluation } from './gate/evaluate.js'
import type { Config } from './inputs.js'
import { FetchProgress } from './sendgrid/progress.js'
import { DEFAULT_POLICY } from './sendgrid/retry-policy.js'
import { dispatcherFromEnvironment, SendGridClient } from './sendgrid/client.js'
import { ACTION_WORDING, type Wording } from './messages.js'

/** The whole check behind every face (the Action, the CLI): config in, scores and verdicts out. */

export interface Check {
  collection: Collection
  evaluation: Evaluation
}

export interface EngineOptions {
  clock?: Clock
  /** Where the engine's lines go: what it fetches, progress while it waits, and what the fetch cost. */
  log?: (message: string) => void
  /** How messages name settings; the Action's by default. */
  wording?: Wording
}

export async function runCheck(config: Config, options: EngineOptions = {}): Promise<Check> {
  const dispatcher = dispatcherFromEnvironment()
  try {
    const client = new SendGridClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, region: config.region, dispatcher, wording: options.wording })
    const collection = await fetchScores(config, client, options)
    return { collection, evaluation: evaluate(collection, config) }
  } finally {
    await dispatcher.destroy()
  }
}

/** Progress lines come this often while a fetch waits: every wait-timeout/40, but never more often than every 5 s nor less than every 15 s. */
export function progressIntervalMs(waitTimeoutMs: number): number {
  return Math.min(Math.max(waitTimeoutMs / 40, 5_000), 15_000)
}

/**
 * Fetches every score the config asks for, saying what it fetches, a line of progress at a steady
 * pace while it waits, and at the end what the fetch cost.
 */
export async function fetchScores(
  config: Config,
  client: SendGridClient,
  { clock = realClock, log = () => {}, wording = ACTION_WORDING }: EngineOptions = {}
): Promise<Collection> {
  log(`Fetching SendGrid engagement quality scores for ${config.from} to ${config.to} from ${client.host}`)
  const startedMs = clock.now()
  const progress = new FetchProgress()
  const fetched = new AbortController()
  void reportProgress(progress, { clock, log, startedMs, waitTimeoutMs: config.waitTimeoutMs, until: fetched.signal })
  try {
    return await collectScores(config, client, {
      policy: { ...DEFAULT_POLICY, pollIntervalMs: config.pollIntervalMs },
      clock,
      deadlineMs: startedMs + config.waitTimeoutMs,
      requestTimeoutMs: config.requestTimeoutMs,
      progress,
      wording
    })
  } finally {
    fetched.abort()
    log(progress.costLine(clock.now() - startedMs))
  }
}

interface Ticker {
  clock: Clock
  log: (message: string) => void
  startedMs: number
  waitTimeoutMs: number
  until: AbortSignal
}

/** A line of `progress` every progressIntervalMs until the fetch ends; never awaited, never throws. */
async function reportProgress(progress: FetchProgress, { clock, log, startedMs, waitTimeoutMs, until }: Ticker): Promise<void> {
  const intervalMs = progressIntervalMs(waitTimeoutMs)
  try {
    for (;;) {
      await clock.sleep(intervalMs, until)
      if (until.aborted) return
      log(progress.waitingLine(clock.now() - startedMs, waitTimeoutMs))
    }
  } catch {
    // A log that fails must not end the fetch; the next line or the cost line will tell.
  }
}

/** Whether the run should end as a failure: breaches per fail-on-breach, outages per on-error. */
export function shouldFail(evaluation: Evaluation, config: Pick<Config, 'failOnBreach' | 'onError'>): boolean {
  // Each cause follows its own setting: a report-only breach must not hide an outage, nor the reverse.
  const breached = evaluation.result === 'failed' && config.failOnBreach
  const unreadable = evaluation.failures.length > 0 && config.onError === 'fail'
  return breached || unreadable
}
