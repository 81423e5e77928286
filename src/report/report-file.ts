import type { Collection, Failure } from '../records/collection.js'
import type { Breach, Evaluation, Missing, Result } from '../gate/evaluate.js'
import type { Config, GitHubSettings } from '../inputs.js'
import type { ScoreRecord } from '../records/score-record.js'
import { recordsWorstFirst } from './outputs.js'
import { verdictLine } from './verdict.js'

/** The config as the report file shows it: no API key, no token. */
export type PublicConfig = Omit<Config, 'apiKey' | 'github'> & { github: Omit<GitHubSettings, 'token'> }

/** Everything a run found, for a later step (Slack, email) to read without parsing logs: the file's JSON. */
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
  missing: Missing[]
  /** Accounts or days that could not be read. */
  failures: Failure[]
}

/** Pieces of text are gathered to about this size before they are written. */
const CHUNK_CHARS = 64 * 1024

/**
 * The report file, a ReportDocument as JSON, a chunk at a time: `*` over 20,000 subusers has
 * 600,000 records, too many to hold as one string. Each record, breach, missing score and failure
 * takes a line; every string passes through `redact`.
 */
export function* reportFileText(
  config: Config,
  collection: Collection,
  evaluation: Evaluation,
  stepFailed: boolean,
  redact: (text: string) => string
): Generator<string> {
  const json = (value: unknown, indent?: number): string =>
    JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? redact(item) : item), indent)
  const outcome: ReportDocument['outcome'] = {
    result: evaluation.result,
    passed: evaluation.result === 'passed',
    stepFailed,
    lowestScore: evaluation.lowestScore,
    verdict: verdictLine(evaluation)
  }
  const lists: [keyof ReportDocument, Iterable<unknown>][] = [
    ['records', recordsWorstFirst(evaluation, collection)],
    ['breaches', evaluation.breaches],
    ['missing', evaluation.missing],
    ['failures', evaluation.failures]
  ]
  let chunk = `{\n  "config": ${indented(json(publicConfig(config), 2))},\n  "outcome": ${indented(json(outcome, 2))}`
  for (const [name, items] of lists) {
    chunk += `,\n  "${name}": [`
    let separator = '\n    '
    for (const item of items) {
      chunk += `${separator}${json(item)}`
      separator = ',\n    '
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk
        chunk = ''
      }
    }
    chunk += separator === '\n    ' ? ']' : '\n  ]'
  }
  yield `${chunk}\n}\n`
}

/** JSON pretty-printed at the top level, nested one level deeper. */
function indented(text: string): string {
  return text.replace(/\n/g, '\n  ')
}

export function publicConfig(config: Config): PublicConfig {
  const { apiKey, github, ...rest } = config
  const { token, ...settings } = github
  void [apiKey, token] // left out on purpose
  return { ...rest, github: settings }
}
