import type { Collection, Failure } from '../records/collection.js'
import type { Breach, Evaluation, Missing, Result, Warning } from '../gate/evaluate.js'
import type { Config, GitHubSettings } from '../inputs.js'
import { isObject } from '../json.js'
import { LazyList } from '../records/lazy-list.js'
import type { ScoreRecord } from '../records/score-record.js'
import { inChunks } from './bytes.js'
import { outputValues, type OutputValues } from './outputs.js'
import { verdictLine } from './verdict.js'
import { explanationDocument, type ExplanationDocument } from './why.js'

/** The config as the report file shows it: no API key, no token. */
export type PublicConfig = Omit<Config, 'apiKey' | 'github'> & { github: Omit<GitHubSettings, 'token'> }

/** How a run ended, in the report file and the command line's JSON. */
export interface Outcome {
  result: Result
  passed: boolean
  /** Whether the step failed (fail-on-breach, on-error); on the command line, whether it exits non-zero. */
  stepFailed: boolean
  /** null when no score was read. */
  lowestScore: number | null
  /** Accounts with a warning and no breach. */
  atRiskCount: number
  verdict: string
}

/** Everything a run found, for a later step (Slack, email) to read without parsing logs: the file's JSON. */
export interface ReportDocument {
  config: PublicConfig
  outcome: Outcome
  /** Every record fetched, worst accounts first: also those the `scores` output had to leave out. */
  records: ScoreRecord[]
  breaches: Breach[]
  /** Every warning, accounts in breach included. */
  warnings: Warning[]
  missing: Missing[]
  /** Accounts or days that could not be read. */
  failures: Failure[]
  /** Why the accounts in breach fell, from SendGrid's stats; null when nothing was explained (a pass, explain off). */
  explanation: ExplanationDocument | null
}

/** What `seq-gate --format json` prints: the Action's outputs as JSON values, with the report file's config, outcome, failures and explanation. */
export interface OutputsDocument {
  config: PublicConfig
  outcome: Outcome
  failures: Failure[]
  explanation: ExplanationDocument | null
  outputs: { [Name in keyof OutputValues]: OutputValues[Name] extends LazyList<infer Item> ? Item[] : OutputValues[Name] }
}

/** A document as it is written: each list may be a LazyList, made only as it is written out. */
type Streamed<T> = { [Key in keyof T]: T[Key] extends (infer Item)[] ? Item[] | LazyList<Item> : T[Key] extends object ? Streamed<T[Key]> : T[Key] }

/** What both documents are made from: the run, whether it failed, and the redaction of every string. */
export interface RunReport {
  config: Config
  collection: Collection
  evaluation: Evaluation
  stepFailed: boolean
  redact: (text: string) => string
}

/** The report file, a ReportDocument as JSON, a chunk at a time. */
export function reportFileText({ config, collection, evaluation, stepFailed, redact }: RunReport): Generator<string> {
  const values = outputValues(evaluation, collection)
  const document: Streamed<ReportDocument> = {
    config: publicConfig(config),
    outcome: outcomeOf(values, evaluation, config, stepFailed),
    records: values.scores,
    breaches: values.failures,
    warnings: values.warnings,
    missing: values.missing,
    failures: evaluation.failures,
    explanation: explanationDocument(evaluation.explanation)
  }
  return jsonChunks(document, redact)
}

/** The command line's JSON, an OutputsDocument, a chunk at a time: its lists are as long as the report file's. */
export function outputsDocumentText({ config, collection, evaluation, stepFailed, redact }: RunReport): Generator<string> {
  const values = outputValues(evaluation, collection)
  const document: Streamed<OutputsDocument> = {
    config: publicConfig(config),
    outcome: outcomeOf(values, evaluation, config, stepFailed),
    failures: evaluation.failures,
    explanation: explanationDocument(evaluation.explanation),
    outputs: values
  }
  return jsonChunks(document, redact)
}

function outcomeOf(values: OutputValues, evaluation: Evaluation, config: Config, stepFailed: boolean): Outcome {
  return { result: values.result, passed: values.passed, stepFailed, lowestScore: values['lowest-score'], atRiskCount: values['at-risk-count'], verdict: verdictLine(evaluation, config) }
}

export function publicConfig(config: Config): PublicConfig {
  const { apiKey, github, ...rest } = config
  const { token, ...settings } = github
  void [apiKey, token] // left out on purpose
  return { ...rest, github: settings }
}

/**
 * `document` as indented JSON, a chunk at a time: `*` over 20,000 subusers has 600,000 records, too
 * many to hold as one string. A list (an array or a LazyList) is written an item per line, as it
 * is read; an object that holds a list opens like the document; anything else is pretty-printed.
 * Every string passes through `redact`.
 */
function jsonChunks(document: object, redact: (text: string) => string): Generator<string> {
  const json = (value: unknown, indent?: number): string =>
    JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? redact(item) : item), indent)
  function* write(value: unknown, indent: string): Generator<string> {
    if (isList(value)) {
      let separator = `\n${indent}  `
      yield '['
      for (const item of value) {
        yield `${separator}${json(item)}`
        separator = `,\n${indent}  `
      }
      yield separator === `\n${indent}  ` ? ']' : `\n${indent}]`
    } else if (isObject(value) && Object.values(value).some(isList)) {
      const entries = Object.entries(value).filter(([, item]) => item !== undefined)
      yield '{'
      for (const [index, [key, item]] of entries.entries()) {
        yield `${index === 0 ? '' : ','}\n${indent}  ${JSON.stringify(key)}: `
        yield* write(item, `${indent}  `)
      }
      yield `\n${indent}}`
    } else {
      yield json(value, 2).replace(/\n/g, `\n${indent}`)
    }
  }
  function* whole(): Generator<string> {
    yield* write(document, '')
    yield '\n'
  }
  return inChunks(whole())
}

function isList(value: unknown): value is Iterable<unknown> {
  return Array.isArray(value) || value instanceof LazyList
}
