import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { failedSubject, type Collection } from '../records/collection.js'
import { runCheck, shouldFail } from '../engine.js'
import { ACTION_WORDING, messageOf, redactor } from '../messages.js'
import type { AccountVerdict, Evaluation, Row } from '../gate/evaluate.js'
import { describeUnusedRule, unusedRules } from '../gate/thresholds.js'
import { checkTitle, conclusionOf, reportToGitHub } from '../report/github.js'
import { trackIssue } from '../report/tracking-issue.js'
import type { Config } from '../inputs.js'
import type { Clock } from '../clock.js'
import { reportFileText } from '../report/report-file.js'
import { toolFiles, writeWhole, type ToolOptions } from '../report/files.js'
import { eachOutput } from '../report/outputs.js'
import { JOB_SUMMARY_LIMIT, MARKDOWN_OUTPUT_LIMIT, Summary } from '../report/summary.js'
import { NOT_ELIGIBLE } from '../report/phrases.js'
import { describeBreach, describeWarning, verdictLine } from '../report/verdict.js'
import { statsAccessNotice } from '../report/why.js'

type Redact = (text: string) => string

/**
 * Everything the Action does once its inputs are valid: the check, then its outputs, annotations,
 * job summary, check run, comment and tracking issue, then the step's verdict. Loaded only after the inputs
 * parse, so a step with a bad input never pays for loading @actions/core, undici or Octokit.
 */
export async function checkAndReport(config: Config, clock: Clock): Promise<void> {
  const redact: Redact = redactor(config.apiKey)
  try {
    if (config.github.token) core.setSecret(config.github.token)
    const startedMs = clock.now()
    const { collection, evaluation } = await runCheck(config, { clock, log: core.info })
    const tools: ToolOptions = { timing: { startedMs, durationMs: clock.now() - startedMs, hostname: hostname() }, wording: ACTION_WORDING, redact }
    for (const unused of unusedRules(config.accountThresholds, evaluation.accounts))
      core.warning(describeUnusedRule(unused), { title: 'Unused account-thresholds rule' })
    // Once per run, whatever the number of accounts refused: the verdict stands without it.
    if (evaluation.explanation?.accessDenied) core.notice(statsAccessNotice(ACTION_WORDING), { title: 'Stats read access needed' })
    await publish(evaluation, collection, config, tools)
    finish(evaluation, config)
  } catch (error) {
    core.setFailed(redact(`Unexpected failure: ${messageOf(error)}`))
  }
}

async function publish(evaluation: Evaluation, collection: Collection, config: Config, tools: ToolOptions): Promise<void> {
  const { redact } = tools
  for (const { name, value, omitted = 0 } of eachOutput(evaluation, collection)) {
    core.setOutput(name, value)
    if (omitted > 0)
      core.info(`The ${name} output leaves out ${omitted} entries to stay under GitHub's 1 MB output limit (worst accounts kept); the report-file output has them all.`)
  }
  await bestEffort('write the report file', async () => core.setOutput('report-file', await writeReportFile(evaluation, collection, config, redact)), redact)
  // Beside the job summary, for actions that turn JUnit into checks and for dashboards; a relative path is the workspace's.
  for (const file of toolFiles(evaluation, config, process.env.GITHUB_WORKSPACE || process.cwd(), tools)) {
    const write = async (): Promise<void> => {
      await writeWhole(file.path, file.text())
      core.info(`Wrote ${file.what} to ${file.path}`)
    }
    await bestEffort(`write ${file.input} (${file.path})`, write, redact)
  }
  const report = new Summary(evaluation, config)
  const markdown = redact(report.within(MARKDOWN_OUTPUT_LIMIT).markdown)
  core.setOutput('markdown', markdown)

  annotate(evaluation, config)
  if (config.summary) {
    const { markdown: summary, omittedAccounts } = report.within(JOB_SUMMARY_LIMIT)
    if (omittedAccounts > 0) core.info(`The job summary's table leaves out ${omittedAccounts} accounts to stay under GitHub's 1 MiB limit.`)
    await bestEffort('write the job summary', () => core.summary.addRaw(redact(summary)).write(), redact)
  }

  const checkRun = { conclusion: conclusionOf(evaluation.result, shouldFail(evaluation, config)), title: checkTitle(evaluation), markdown }
  const log = { debug: core.debug, warning: core.warning }
  await bestEffort('report to GitHub', () => reportToGitHub(checkRun, config.github, process.env, log), redact)
  const keepTrackingIssue = async (): Promise<void> =>
    core.setOutput('tracking-issue', await trackIssue({ evaluation, markdown, config, redact }, process.env, log))
  await bestEffort('keep the tracking issue', keepTrackingIssue, redact)
}

/**
 * Reporting never decides the step: a sink that fails (no summary file on an old GHES, a
 * GITHUB_API_URL Octokit cannot use) warns. The GitHub sinks warn of what they expect themselves.
 */
async function bestEffort(what: string, write: () => Promise<unknown>, redact: Redact): Promise<void> {
  try {
    await write()
  } catch (error) {
    core.warning(redact(`Could not ${what}: ${messageOf(error)}`))
  }
}

/** GitHub shows ten annotations of each level per step; more only fill the log. */
const ANNOTATIONS_PER_KIND = 10

type Annotate = typeof core.error

function annotate(evaluation: Evaluation, config: Config): void {
  const level = (fails: boolean): Annotate => (fails ? core.error : core.warning)
  // Red only when breaches fail the step; a report-only run shows them as warnings.
  const breaching = evaluation.accounts.filter((verdict) => verdict.breaches > 0)
  const breachMessages = breaching.slice(0, ANNOTATIONS_PER_KIND).map((verdict) => firstFinding(verdict, (row) => row.breaches, describeBreach))
  annotateFirst(breachMessages, breaching.length, level(config.failOnBreach), 'Engagement quality below threshold', 'accounts below threshold')
  // A warning never fails the step, whatever fail-on-breach says; its title says it is no failure.
  const atRisk = evaluation.accounts.filter((verdict) => verdict.atRisk)
  const riskMessages = atRisk.slice(0, ANNOTATIONS_PER_KIND).map((verdict) => firstFinding(verdict, (row) => row.warnings, describeWarning))
  annotateFirst(riskMessages, atRisk.length, core.warning, 'Engagement quality at risk (warning only)', 'accounts at risk')
  if (config.missingScores !== 'ignore') {
    const missing = evaluation.accounts.filter((verdict) => verdict.missing > 0)
    const missingMessages = missing.slice(0, ANNOTATIONS_PER_KIND).map((verdict) => missingMessage(verdict, config))
    // A failing missing score fails the step as a breach does, so fail-on-breach: false reports it only.
    annotateFirst(missingMessages, missing.length, level(config.missingScores === 'fail' && config.failOnBreach), 'Missing engagement quality score', 'accounts without a score')
  }
  const failures = evaluation.failures.map((failure) => `${failedSubject(failure)}: ${failure.message}`)
  annotateFirst(failures.slice(0, ANNOTATIONS_PER_KIND), failures.length, level(config.onError === 'fail'), 'Could not read scores', 'accounts or days not read')
}

/** `shown` (at most ANNOTATIONS_PER_KIND) as annotations, then one that counts the rest of `count`. */
function annotateFirst(shown: string[], count: number, annotate: Annotate, title: string, rest: string): void {
  for (const message of shown) annotate(message, { title })
  const more = count - shown.length
  if (more > 0) annotate(`…and ${more} more ${rest}; the job summary and the report-file output list them all.`, { title })
}

/** The account's first breach (or warning), and how many more it has. */
function firstFinding<Finding>(verdict: AccountVerdict, findingsOf: (row: Row) => Finding[], describe: (finding: Finding) => string): string {
  const found = verdict.rows().flatMap(findingsOf)
  const [first] = found
  return `${first ? describe(first) : verdict.account}${found.length > 1 ? ` (and ${found.length - 1} more)` : ''}`
}

function missingMessage(verdict: AccountVerdict, config: Config): string {
  const days = config.evaluate === 'all' ? verdict.rows().flatMap((row) => (row.missing ? [row.date] : [])) : []
  const when = days.length > 0 ? `on ${days.length === 1 ? days[0] : `${days.length} days (${days[0]} to ${days.at(-1)})`}` : `for ${config.from} to ${config.to}`
  const why = verdict.note ?? NOT_ELIGIBLE
  return `${verdict.account}: no engagement quality score ${when}. ${why}`
}

/** Writes the whole run as JSON to RUNNER_TEMP (no API key, no token) and returns its path. */
async function writeReportFile(evaluation: Evaluation, collection: Collection, config: Config, redact: Redact): Promise<string> {
  const path = join(process.env.RUNNER_TEMP || tmpdir(), `sendgrid-engagement-quality-${randomUUID()}.json`)
  await writeFile(path, reportFileText({ config, collection, evaluation, stepFailed: shouldFail(evaluation, config), redact }))
  return path
}

function finish(evaluation: Evaluation, config: Config): void {
  const verdict = verdictLine(evaluation, config)
  if (shouldFail(evaluation, config)) core.setFailed(verdict)
  else if (evaluation.result === 'passed') core.info(verdict)
  else core.warning(verdict)
}
