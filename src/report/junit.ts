import { addDays, type Day } from '../dates.js'
import type { AccountVerdict, Evaluation } from '../gate/evaluate.js'
import type { Wording } from '../messages.js'
import { failedSubject, type Failure } from '../records/collection.js'
import { inChunks } from './bytes.js'
import { adviser, describeProblems, FIX_ACCOUNTS, fixOf, listed, risksOf, type Fix } from './fixes.js'
import { AT_RISK_INTRO, capitalized, missingText, NOT_ELIGIBLE, parentName, thresholdsLine, type ReportConfig, type Style } from './phrases.js'
import { TITLE, verdictLine } from './verdict.js'
import { explanationNotes, whyByAccount } from './why.js'

/**
 * The run as JUnit XML, for every CI's test view (GitLab's merge-request widget, Jenkins' junit step,
 * Azure Pipelines, CircleCI): one testsuite, one testcase per account. A breach is a failure, a
 * missing score is skipped (a failure under missing-scores: fail), an account that could not be read
 * is an error. Valid against Apache Ant's JUnit schema, which GitLab and Jenkins follow.
 */

/** What the evaluation does not know of a run: when it started, how long it took, and where. */
export interface RunTiming {
  /** When the check started, in ms since the epoch. */
  startedMs: number
  durationMs: number
  hostname: string
}

export interface JUnitOptions extends RunTiming {
  wording: Wording
  /** Every text from outside passes through it: the API key never reaches the file. */
  redact: (text: string) => string
}

/** One account, or one day of the listing that could not be read, as a test. */
interface TestCase {
  name: string
  /** Absent: the test passed. */
  outcome?: { element: 'failure' | 'error' | 'skipped'; type?: string; message: string; text: string }
}

/** The XML a chunk at a time: 20,000 accounts stay a few MB, and are never held as one string. */
export function junitText(evaluation: Evaluation, config: ReportConfig, options: JUnitOptions): Generator<string> {
  return inChunks(junitPieces(evaluation, config, options))
}

function* junitPieces(evaluation: Evaluation, config: ReportConfig, options: JUnitOptions): Generator<string> {
  const { redact } = options
  const attribute = (value: string): string => escapeAttribute(redact(value))
  const counts = countsOf(evaluation, config)
  const suite = {
    name: TITLE,
    tests: counts.tests,
    failures: counts.failure,
    errors: counts.error,
    skipped: counts.skipped,
    time: (options.durationMs / 1000).toFixed(3),
    timestamp: new Date(options.startedMs).toISOString().slice(0, 19),
    hostname: options.hostname || 'localhost'
  }
  const suiteAttributes = Object.entries(suite).map(([name, value]) => `${name}="${attribute(String(value))}"`)
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite ${suiteAttributes.join(' ')}>\n  <properties/>\n`
  const classname = attribute(parentName(evaluation))
  for (const { name, outcome } of testCases(evaluation, config, options.wording)) {
    const opening = `  <testcase classname="${classname}" name="${attribute(name)}" time="0"`
    if (!outcome) {
      yield `${opening}/>\n`
      continue
    }
    const type = outcome.type === undefined ? '' : ` type="${attribute(outcome.type)}"`
    const result = `<${outcome.element}${type} message="${attribute(outcome.message)}">${escapeText(redact(outcome.text))}</${outcome.element}>`
    yield `${opening}>${result}</testcase>\n`
  }
  yield `  <system-out>${escapeText(redact(systemOutLines(evaluation, config, options.wording).join('\n')))}</system-out>\n`
  yield '  <system-err/>\n</testsuite>\n'
}

/**
 * The suite's own output, read where a CI shows it (the Ant schema allows none inside a test case):
 * the verdict and what was checked against what.
 */
export function systemOutLines(evaluation: Evaluation, config: ReportConfig, wording: Wording): string[] {
  const style = { strong: plain, literal: plain, wording }
  return [verdictLine(evaluation, config), thresholdsLine(config, style), ...explanationNotes(evaluation.explanation, wording), ...atRiskLines(evaluation, config, style)]
}

const plain = (text: string): string => text

/**
 * Every account at risk, a line each: their tests pass, and the schema lets no case hold output of
 * its own, so the suite's output names them.
 */
function atRiskLines(evaluation: Evaluation, config: ReportConfig, style: Style): string[] {
  const { risks } = risksOf(evaluation, Number.POSITIVE_INFINITY)
  if (risks.length === 0) return []
  const lines = risks.map((risk) => `  ${risk.account}${risk.parent ? ' (parent)' : ''}: ${describeProblems(risk.problems, config.evaluate, style)}.`)
  return [`At risk (their tests pass). ${AT_RISK_INTRO}`, ...lines]
}

/** How many tests there are, and how many end in each element; counted before any is made, for the suite's attributes. */
function countsOf(evaluation: Evaluation, config: ReportConfig): Record<'tests' | TestElement, number> {
  const elements = [...evaluation.accounts.map((verdict) => elementOf(verdict, config)), ...failuresOfNoAccount(evaluation).map(() => 'error')]
  const count = (element: TestElement): number => elements.filter((each) => each === element).length
  return { tests: elements.length, failure: count('failure'), error: count('error'), skipped: count('skipped') }
}

type TestElement = 'failure' | 'error' | 'skipped'

/** What a test's result is: a breach fails, an account not read errs, a missing score is skipped unless it fails the run. */
function elementOf(verdict: AccountVerdict, config: ReportConfig): TestElement | undefined {
  if (verdict.failure) return 'error'
  if (verdict.breaches > 0) return 'failure'
  if (verdict.missing > 0) return config.missingScores === 'fail' ? 'failure' : 'skipped'
  return undefined
}

/** Each account, worst first, then each day of the subuser listing that could not be read. */
function* testCases(evaluation: Evaluation, config: ReportConfig, wording: Wording): Generator<TestCase> {
  // The worst accounts' advice in full; after them, where it stands: 20,000 copies would pass 10 MB.
  const advise = adviser((account) => account, FIX_ACCOUNTS)
  const why = whyByAccount(evaluation.explanation, plain)
  for (const verdict of evaluation.accounts) {
    const element = elementOf(verdict, config)
    if (element === undefined) yield { name: verdict.account }
    else if (verdict.failure) yield notRead(verdict.account, verdict.failure)
    else if (verdict.breaches > 0) yield breach(verdict, fixOf(verdict), { why: why(verdict.account), advice: advise }, config, wording)
    else {
      const sentence = missingSentence(verdict, config)
      yield { name: verdict.account, outcome: { element, type: element === 'failure' ? 'missing score' : undefined, message: sentence, text: sentence } }
    }
  }
  for (const failure of failuresOfNoAccount(evaluation)) yield notRead(failedSubject(failure), failure)
}

/** Failures that no account's test carries: the days of the subuser listing that could not be read. */
function failuresOfNoAccount({ accounts, failures }: Evaluation): Failure[] {
  const carried = new Set(accounts.map((verdict) => verdict.failure))
  return failures.filter((failure) => !carried.has(failure))
}

function notRead(name: string, failure: Failure): TestCase {
  return { name, outcome: { element: 'error', type: failure.outcome, message: failure.message, text: `Could not read ${failedSubject(failure)}: ${failure.message}` } }
}

/** What a failure's text says under what fails: why (SendGrid's stats), and what usually fixes it. */
interface Under {
  why: string[]
  advice: (fix: Fix) => string[]
}

/**
 * The message says what fails, as What to fix does; the text says it again (GitLab shows the text
 * alone), then the days below threshold, why, the advice, and any missing score.
 */
function breach(verdict: AccountVerdict, fix: Fix, { why, advice: advise }: Under, config: ReportConfig, wording: Wording): TestCase {
  const message = capitalized(describeProblems(fix.problems, config.evaluate, { strong: (text) => text, wording }))
  const days = config.evaluate === 'average' ? '' : belowThresholdDays(fix)
  const lines = [
    `${message}.`,
    ...(days === '' ? [] : [`Days below threshold: ${days}.`]),
    ...why,
    ...advise(fix),
    ...(verdict.missing > 0 && config.missingScores !== 'ignore' ? [missingSentence(verdict, config)] : [])
  ]
  return { name: verdict.account, outcome: { element: 'failure', type: 'breach', message, text: lines.join('\n') } }
}

/**
 * Each day any score or metric was below its threshold, short enough for 20,000 accounts: a day
 * names its year and month only where they change, and three days or more in a row are a range
 * (`2026-11-04, 05, 09 to 12 and 2026-12-01`).
 */
export function belowThresholdDays({ problems }: Pick<Fix, 'problems'>): string {
  const days = [...new Set(problems.flatMap((problem) => (problem.metric === 'drop' ? [] : problem.dates)))].sort()
  const runs: Day[][] = []
  for (const day of days) {
    const run = runs.at(-1)
    if (run && addDays(run.at(-1) as Day, 1) === day) run.push(day)
    else runs.push([day])
  }
  let month = ''
  const written = (day: Day): string => {
    const sameMonth = day.slice(0, 7) === month
    month = day.slice(0, 7)
    return sameMonth ? day.slice(8) : day
  }
  return listed(runs.flatMap((run) => (run.length < 3 ? run.map(written) : [`${written(run[0] as Day)} to ${written(run.at(-1) as Day)}`])))
}

/** `No score in the range. SendGrid scores only accounts…`: what is missing, and what that likely means. */
function missingSentence(verdict: AccountVerdict, config: ReportConfig): string {
  return `${capitalized(missingText(verdict, config, (text) => text))}.${verdict.note ? '' : ` ${NOT_ELIGIBLE}`}`
}

/**
 * Characters XML 1.0 cannot carry, not even as a reference: the control characters but tab, line
 * feed and carriage return, U+FFFE, U+FFFF and a lone half of a surrogate pair.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }

/** What XML cannot carry, written out as `\u0007`, so that a name or message still shows it. */
function visible(text: string): string {
  return text.replace(NOT_XML, (char) => `\\u${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`)
}

/** An attribute's value between double quotes; tabs and line breaks as references, which a parser keeps. */
export function escapeAttribute(text: string): string {
  return visible(text).replace(/[&<>"\t\n\r]/g, (char) => ENTITIES[char] as string)
}

/** Element text: every `>` escaped too, so that `]]>` never stands in it; a carriage return as a reference, which a parser keeps. */
export function escapeText(text: string): string {
  return visible(text).replace(/[&<>\r]/g, (char) => ENTITIES[char] as string)
}
