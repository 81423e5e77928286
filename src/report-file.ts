import type { Collection, Failure } from './collect.js'
import type { Breach, Evaluation, Result } from './evaluate.js'
import type { Config, GitHubSettings } from './inputs.js'
import type { ScoreRecord } from './records.js'
import { recordsWorstFirst, verdictLine } from './report.js'

/** The config as the report file shows it: no API key, no token. */
export type PublicConfig = Omit<Config, 'apiKey' | 'github'> & { github: Omit<GitHubSettings, 'token'> }

/** Everything a run found, for a later step (Slack, email) to read without parsing logs. */
export interface ReportDocument {
  config: PublicConfig
  outcome: {
    result: Result
    passed: boolean
    /** Whether the step failed (fail-on-breach, on-error). */
    stepFailed: boolean
    lowestScore?: number
    verdict: string
  }
  /** Every record fetched, worst accounts first: also those the `scores` output had to leave out. */
  records: ScoreRecord[]
  breaches: Breach[]
  missing: Evaluation['missing']
  /** Accounts or days that could not be read. */
  failures: Failure[]
}

export function reportDocument(config: Config, collection: Collection, evaluation: Evaluation, stepFailed: boolean): ReportDocument {
  return {
    config: publicConfig(config),
    outcome: {
      result: evaluation.result,
      passed: evaluation.result === 'passed',
      stepFailed,
      lowestScore: evaluation.lowestScore,
      verdict: verdictLine(evaluation)
    },
    records: recordsWorstFirst(evaluation, collection),
    breaches: evaluation.breaches,
    missing: evaluation.missing,
    failures: evaluation.failures
  }
}

export function publicConfig(config: Config): PublicConfig {
  const { apiKey, github, ...rest } = config
  const { token, ...settings } = github
  void [apiKey, token] // left out on purpose
  return { ...rest, github: settings }
}
