import { realClock, type Clock } from './clock.js'
import { formatDuration } from './dates.js'
import type { Collection } from './records/collection.js'
import { collectScores } from './sendgrid/collect.js'
import { evaluate, type Evaluation } from './gate/evaluate.js'
import { explain, planExplanations, type Explanation } from './gate/explain.js'
import type { Config } from './inputs.js'
import { DEFAULT_PACING, Pacer } from './sendgrid/pacing.js'
import { FetchProgress } from './sendgrid/progress.js'
import { DEFAULT_POLICY, type RetryPolicy } from './sendgrid/retry-policy.js'
import { fetchAccountStats } from './sendgrid/stats.js'
import { dispatcherFromEnvironment, SendGridClient } from './sendgrid/client.js'
import { ACTION_WORDING, messageOf, type Wording } from './messages.js'

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

/**
 * What the scores and the stats of one run share: one wait-timeout (the stats get what the scores
 * left), one rate-limit budget, one retry policy.
 */
export interface RunLimits {
  startedMs: number
  deadlineMs: number
  policy: RetryPolicy
  /** Counts the scores' requests and waits, pauses for the rate limit included. */
  progress: FetchProgress
  pacer: Pacer
}

function runLimits(config: Pick<Config, 'waitTimeoutMs' | 'pollIntervalMs'>, clock: Clock): RunLimits {
  const startedMs = clock.now()
  const deadlineMs = startedMs + config.waitTimeoutMs
  const progress = new FetchProgress()
  const pacer = new Pacer(clock, deadlineMs, DEFAULT_PACING, (wait) => progress.hold('paced', wait))
  return { startedMs, deadlineMs, policy: { ...DEFAULT_POLICY, pollIntervalMs: config.pollIntervalMs }, progress, pacer }
}

/**
 * Fetches the scores and judges them; then, with explain on and an account in breach, fetches
 * SendGrid's stats for the accounts in breach and attaches why they fell. The verdict is known
 * before the first stats request, and nothing about the stats changes it.
 */
export async function runCheck(config: Config, options: EngineOptions = {}): Promise<Check> {
  const dispatcher = dispatcherFromEnvironment()
  try {
    const client = new SendGridClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, region: config.region, dispatcher, wording: options.wording })
    const limits = runLimits(config, options.clock ?? realClock)
    const collection = await fetchScores(config, client, options, limits)
    const evaluation = evaluate(collection, config)
    if (config.explain) {
      const explanation = await explainBreaches(evaluation, config, client, options, limits)
      if (explanation) evaluation.explanation = explanation
    }
    return { collection, evaluation }
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
  { clock = realClock, log = () => {}, wording = ACTION_WORDING }: EngineOptions = {},
  { startedMs, deadlineMs, policy, progress, pacer }: RunLimits = runLimits(config, clock)
): Promise<Collection> {
  log(`Fetching SendGrid engagement quality scores for ${config.from} to ${config.to} from ${client.host}`)
  const fetched = new AbortController()
  void reportProgress((waitedMs) => progress.waitingLine(waitedMs, config.waitTimeoutMs), { clock, log, startedMs, waitTimeoutMs: config.waitTimeoutMs, until: fetched.signal })
  try {
    return await collectScores(config, client, { policy, clock, deadlineMs, requestTimeoutMs: config.requestTimeoutMs, progress, wording, pacer })
  } finally {
    fetched.abort()
    log(progress.costLine(clock.now() - startedMs))
  }
}

/**
 * Why the accounts in breach fell, from SendGrid's stats, within what is left of wait-timeout;
 * undefined when no account in breach has a metric to explain. Never throws: the verdict stands
 * whatever happens here.
 */
async function explainBreaches(
  evaluation: Evaluation,
  config: Pick<Config, 'requestTimeoutMs' | 'waitTimeoutMs'>,
  client: SendGridClient,
  { clock = realClock, log = () => {}, wording = ACTION_WORDING }: EngineOptions,
  { startedMs, deadlineMs, policy, pacer }: RunLimits
): Promise<Explanation | undefined> {
  const explained = new AbortController()
  try {
    const plan = planExplanations(evaluation)
    if (plan.requests.length === 0) return undefined
    log(explainingLine(plan.requests.length, plan.notExplained))
    const waitTimeoutMs = config.waitTimeoutMs
    const statsLine = (waitedMs: number): string => `Waiting for SendGrid's stats: ${formatDuration(waitedMs)} of ${formatDuration(waitTimeoutMs)}`
    void reportProgress(statsLine, { clock, log, startedMs, waitTimeoutMs, until: explained.signal })
    const stats = await fetchAccountStats(client, plan.requests, { clock, deadlineMs, requestTimeoutMs: config.requestTimeoutMs, policy, pacer, wording })
    return explain(plan, stats)
  } catch (error) {
    // fetchAccountStats turns every failure into a gap; this is for a fault of ours, which must not cost the verdict.
    log(`Could not explain the breaches: ${messageOf(error)}`)
    return undefined
  } finally {
    explained.abort()
  }
}

function explainingLine(explained: number, notExplained: number): string {
  const accounts = `${explained} ${explained === 1 ? 'account' : 'accounts'}`
  const rest = notExplained > 0 ? ` (the worst; ${notExplained} more not explained)` : ''
  return `Explaining ${accounts} in breach from SendGrid's stats${rest}`
}

interface Ticker {
  clock: Clock
  log: (message: string) => void
  startedMs: number
  waitTimeoutMs: number
  until: AbortSignal
}

/** A progress line (given the time waited since the run began) every progressIntervalMs until `until` aborts; never awaited, never throws. */
async function reportProgress(line: (waitedMs: number) => string, { clock, log, startedMs, waitTimeoutMs, until }: Ticker): Promise<void> {
  const intervalMs = progressIntervalMs(waitTimeoutMs)
  try {
    for (;;) {
      await clock.sleep(intervalMs, until)
      if (until.aborted) return
      log(line(clock.now() - startedMs))
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
