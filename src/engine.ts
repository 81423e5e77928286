import { realClock, type Clock } from './clock.js'
import type { Collection } from './records/collection.js'
import { collectScores } from './sendgrid/collect.js'
import { evaluate, type Evaluation } from './gate/evaluate.js'
import type { Config } from './inputs.js'
import { DEFAULT_POLICY } from './sendgrid/retry-policy.js'
import { dispatcherFromEnvironment, SendGridClient } from './sendgrid/client.js'

/** The whole check behind every face (the Action, the CLI): config in, scores and verdicts out. */

export interface Check {
  collection: Collection
  evaluation: Evaluation
}

export interface EngineOptions {
  clock?: Clock
  log?: (message: string) => void
}

export async function runCheck(config: Config, { clock = realClock, log = () => {} }: EngineOptions = {}): Promise<Check> {
  const dispatcher = dispatcherFromEnvironment()
  try {
    const client = new SendGridClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, region: config.region, dispatcher })
    log(`Fetching SendGrid engagement quality scores for ${config.from} to ${config.to} from ${client.host}`)
    const collection = await collectScores(config, client, {
      policy: { ...DEFAULT_POLICY, pollIntervalMs: config.pollIntervalMs },
      clock,
      deadlineMs: clock.now() + config.waitTimeoutMs,
      requestTimeoutMs: config.requestTimeoutMs
    })
    return { collection, evaluation: evaluate(collection, config) }
  } finally {
    await dispatcher.destroy()
  }
}

/** Whether the run should end as a failure: breaches per fail-on-breach, outages per on-error. */
export function shouldFail(evaluation: Evaluation, config: Pick<Config, 'failOnBreach' | 'onError'>): boolean {
  // Each cause follows its own setting: a report-only breach must not hide an outage, nor the reverse.
  const breached = evaluation.result === 'failed' && config.failOnBreach
  const unreadable = evaluation.failures.length > 0 && config.onError === 'fail'
  return breached || unreadable
}
