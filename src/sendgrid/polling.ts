import { decide, emptyHistory, record, type GiveUpReason, type RetryPolicy, type Setback } from './retry-policy.js'
import type { Clock } from '../clock.js'
import { formatDuration } from '../dates.js'
import type { ApiOutcome } from './client.js'
import { FetchProgress, type Hold } from './progress.js'
import { ACTION_WORDING, type Wording } from '../messages.js'
import type { FailureCause } from '../records/collection.js'

/** What ended a request without scores, whichever endpoint it was sent to. */
export type RequestEnd = Omit<FailureCause, 'endpoint'>

/** Why a request ended without scores: `pending` when SendGrid was still computing them. */
export class FetchFailure extends Error {
  constructor(
    readonly outcome: 'error' | 'pending',
    message: string,
    readonly end: RequestEnd,
    /** What the failure more likely means once the same key has read another account (see ApiOutcome). */
    readonly onceKeyWorked?: string
  ) {
    super(message)
    this.name = 'FetchFailure'
  }

  /** SendGrid gave no HTTP answer at all (timeouts, refused or reset connections). */
  get unreachable(): boolean {
    return this.end.network !== undefined
  }
}

export interface PollingContext {
  policy: RetryPolicy
  clock: Clock
  /** When the whole fetch must be over (wait-timeout), in the clock's ms. */
  deadlineMs: number
  requestTimeoutMs: number
  random?: () => number
  /** Runs the wait for a 202 (scores being computed); the collector gives up its place meanwhile. */
  whileComputing?: (wait: () => Promise<void>) => Promise<void>
  /** Counts requests and waits, for the progress lines. */
  progress?: FetchProgress
  /** How messages name settings such as wait-timeout; the Action's by default. */
  wording?: Wording
}

/**
 * Sends `attempt` until SendGrid answers 200, waiting out 202s, 429s and passing failures as the
 * retry policy decides. Returns the body, or throws a FetchFailure that says why it gave up.
 */
export async function untilAnswered(
  attempt: (timeoutMs: number) => Promise<ApiOutcome>,
  context: PollingContext
): Promise<unknown> {
  const { policy, clock, deadlineMs, requestTimeoutMs, random = Math.random, whileComputing = (wait) => wait() } = context
  const { progress = new FetchProgress(), wording = ACTION_WORDING } = context
  const startedMs = clock.now()
  let history = emptyHistory(startedMs)
  for (;;) {
    // A request never outlives the deadline by more than a second.
    const timeoutMs = Math.min(requestTimeoutMs, Math.max(deadlineMs - clock.now(), 1000))
    const outcome = await attempt(timeoutMs)
    progress.sent()
    if (outcome.kind === 'ok') return outcome.body
    if (outcome.kind === 'failed' && !outcome.retryable)
      throw new FetchFailure('error', outcome.message, endOf(outcome), outcome.onceKeyWorked)
    const setback = setbackOf(outcome)
    const decision = decide(policy, setback, history, clock.now(), deadlineMs, random())
    if ('giveUp' in decision)
      throw giveUp(decision.giveUp, outcome, history.transientFailures + 1, clock.now() - startedMs, policy, wording.setting('wait-timeout'))
    history = record(history, setback)
    const wait = (): Promise<void> => progress.hold(HOLDS[setback.kind], () => clock.sleep(decision.retryInMs))
    await (setback.kind === 'pending' ? whileComputing(wait) : wait())
  }
}

const HOLDS: Record<Setback['kind'], Hold> = { pending: 'computing', 'rate-limited': 'rate-limited', transient: 'retry' }

function setbackOf(outcome: Exclude<ApiOutcome, { kind: 'ok' }>): Setback {
  if (outcome.kind === 'pending') return { kind: 'pending' }
  if (outcome.kind === 'rate-limited') return { kind: 'rate-limited', resetAtMs: outcome.rateLimit.resetAtMs }
  return { kind: 'transient' }
}

function giveUp(
  reason: GiveUpReason,
  outcome: Exclude<ApiOutcome, { kind: 'ok' }>,
  attempts: number,
  waitedMs: number,
  policy: RetryPolicy,
  waitTimeout: string
): FetchFailure {
  const waited = formatDuration(waitedMs)
  switch (outcome.kind) {
    case 'pending':
      return new FetchFailure(
        'pending',
        `SendGrid was still computing the scores (202) after waiting ${waited}; raise ${waitTimeout} or run later`,
        { status: 202 }
      )
    case 'rate-limited': {
      const reset = outcome.rateLimit.resetAtMs
      const when = reset === undefined ? 'SendGrid kept answering 429' : `SendGrid's rate limit (429) resets at ${new Date(reset).toISOString()}`
      const ending = reason === 'reset-after-deadline' ? `after ${waitTimeout} ends` : `after waiting ${waited}`
      return new FetchFailure('error', `rate limited: ${when}, ${ending}; raise ${waitTimeout} or check what else uses this key`, { status: 429 })
    }
    case 'failed':
      return new FetchFailure(
        'error',
        reason === 'retries'
          ? `${outcome.message} (gave up after ${attempts} attempts, ${policy.maxTransientRetries} retries)`
          : `${outcome.message} (${waitTimeout} ran out while retrying, after ${waited})`,
        endOf(outcome)
      )
  }
}

function endOf(outcome: Extract<ApiOutcome, { kind: 'failed' }>): RequestEnd {
  return outcome.network === undefined ? { status: outcome.status } : { network: outcome.network }
}
