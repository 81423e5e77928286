import { hostname } from 'node:os'
import packageJson from '../../package.json' with { type: 'json' }
import { cliWording, helpText, parseArguments, type Arguments, type Format } from './arguments.js'
import { dayOf } from '../dates.js'
import { messageOf, redactor, type Wording } from '../messages.js'
import { runCheck, shouldFail, type Check } from '../engine.js'
import type { Evaluation } from '../gate/evaluate.js'
import { InputError, parseConfig, type Config } from '../inputs.js'
import { failedSubject } from '../records/collection.js'
import { outputsDocumentText } from '../report/report-file.js'
import { toolFiles, toolFormatText, writeWhole, type ToolOptions } from '../report/files.js'
import { describeUnusedRule, unusedRules } from '../gate/thresholds.js'
import { renderSummary, UNLIMITED } from '../report/summary.js'
import { renderText } from '../report/text.js'
import { verdictLine } from '../report/verdict.js'
import { statsAccessNotice } from '../report/why.js'

/**
 * The command-line face (`seq-gate`) for other CI systems and cron: flags named like the Action's
 * inputs in, the report on stdout, progress and reasons on stderr, exit 0 / 1 / 2 out. Parsing,
 * validation, fetching and verdicts are the Action's own (inputs.ts, engine.ts, report/); this
 * file only reads argv and the environment, and prints.
 */

const EXIT = { passed: 0, breach: 1, error: 2 } as const
/** Accounts not read that stderr names one by one; the JSON format lists them all. */
const REASONS_SHOWN = 20

type Say = (line: string) => void

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const terminal = process.stdout.isTTY === true
  const args = parseArguments(argv, { terminal })
  if (args.help) return print([helpText()])
  if (args.version) return print([`seq-gate ${packageJson.version}\n`])
  const apiKey = env[args.keyVariable] ?? ''
  const redact = redactor(apiKey.trim())
  const say: Say = (line) => void process.stderr.write(`${redact(line)}\n`)
  try {
    const wording = cliWording(args.keyVariable)
    const config = configFrom(args, apiKey, wording, say)
    if (!config) return EXIT.error
    const startedMs = Date.now()
    const check = await runCheck(config, { log: say, wording })
    const tools: ToolOptions = { timing: { startedMs, durationMs: Date.now() - startedMs, hostname: hostname() }, wording, redact }
    sayWhyNotRead(check.evaluation, say)
    for (const unused of unusedRules(config.accountThresholds, check.evaluation.accounts)) say(`seq-gate: warning: ${describeUnusedRule(unused)}`)
    if (check.evaluation.explanation?.accessDenied) say(`seq-gate: notice: ${statsAccessNotice(wording)}`)
    const written = await writeFiles(check, config, tools, say)
    const colour = terminal && !env.NO_COLOR
    await print(render(check, config, { format: args.format, wording, colour, tools }, redact))
    const exitCode = exitCodeOf(check.evaluation, config)
    // A file asked for and not written fails a run that would pass, as an outage does.
    return exitCode === EXIT.passed && !written ? EXIT.error : exitCode
  } catch (error) {
    say(`seq-gate: unexpected failure: ${messageOf(error)}`)
    return EXIT.error
  }
}

/** The config, or undefined after saying every problem with the arguments and inputs at once. */
function configFrom(args: Arguments, apiKey: string, wording: Wording, say: Say): Config | undefined {
  const problems = [...args.problems]
  let config: Config | undefined
  try {
    config = parseConfig((name) => (name === 'api-key' ? apiKey : (args.inputs[name as keyof Arguments['inputs']] ?? '')), dayOf(new Date()), wording)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const { input, message } of error.problems) {
      if (input === 'api-key' && apiKey.trim() === '')
        problems.push(`${args.keyVariable} is not set: export your SendGrid API key in it, or name another variable with --api-key-env`)
      else problems.push(`${wording.setting(input)}: ${message}`)
    }
  }
  for (const problem of problems) say(`seq-gate: ${problem}`)
  for (const { input, message } of config?.warnings ?? []) say(`seq-gate: warning: ${wording.setting(input)}: ${message}`)
  return problems.length === 0 ? config : undefined
}

/** Each account or listing day not read, with SendGrid's reason, whatever the format and --summary. */
function sayWhyNotRead({ failures }: Evaluation, say: Say): void {
  for (const failure of failures.slice(0, REASONS_SHOWN)) say(`Could not read ${failedSubject(failure)}: ${failure.message}`)
  const more = failures.length - REASONS_SHOWN
  if (more > 0) say(`…and ${more} more ${more === 1 ? 'account or day' : 'accounts or days'} not read; --format json lists them all.`)
}

/**
 * Writes the files --junit-file and --metrics-file ask for, saying where on stderr; false when one
 * could not be written (the run then exits 2 unless it already fails).
 */
async function writeFiles({ evaluation }: Check, config: Config, tools: ToolOptions, say: Say): Promise<boolean> {
  let written = true
  for (const file of toolFiles(evaluation, config, process.cwd(), tools)) {
    try {
      await writeWhole(file.path, file.text())
      say(`Wrote ${file.what} to ${file.path}`)
    } catch (error) {
      say(`seq-gate: could not write ${tools.wording.setting(file.input)} ${file.path}: ${messageOf(error)}`)
      written = false
    }
  }
  return written
}

interface Rendering {
  format: Format
  wording: Wording
  /** ANSI colours in the text format. */
  colour: boolean
  /** For the JUnit and OpenMetrics formats. */
  tools: ToolOptions
}

/** The report in `format`, a piece at a time; under --summary false the text formats print the verdict alone. */
function render({ evaluation, collection }: Check, config: Config, { format, wording, colour, tools }: Rendering, redact: (text: string) => string): Iterable<string> {
  if (format === 'json') return outputsDocumentText({ config, collection, evaluation, stepFailed: shouldFail(evaluation, config), redact })
  if (format === 'junit' || format === 'openmetrics') return toolFormatText(format, evaluation, config, tools)
  if (!config.summary) return [redact(`${verdictLine(evaluation, config)}\n`)]
  if (format === 'text') return [redact(renderText(evaluation, config, { colour, wording }))]
  return [redact(renderSummary(evaluation, config, UNLIMITED, wording).markdown)]
}

/** Writes `pieces` to stdout as fast as it takes them, until it closes; returns the exit code for a run that only prints. */
async function print(pieces: Iterable<string>): Promise<number> {
  const closed = new Promise<void>((resolve) => process.stdout.once('close', resolve))
  for (const piece of pieces) {
    if (process.stdout.destroyed) break
    if (!process.stdout.write(piece)) await Promise.race([new Promise<void>((resolve) => process.stdout.once('drain', resolve)), closed])
  }
  return EXIT.passed
}

/**
 * Fails exactly when the Action's step would: 1 when a breach fails it (it would fail even with
 * outages only warned about), 2 when only an outage or pending scores do.
 */
function exitCodeOf(evaluation: Evaluation, config: Config): number {
  if (!shouldFail(evaluation, config)) return EXIT.passed
  return shouldFail(evaluation, { ...config, onError: 'warn' }) ? EXIT.breach : EXIT.error
}

// A reader that stops early (`seq-gate | head`) closes the pipe: the rest of the report has nowhere to go.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})

process.exitCode = await main(process.argv.slice(2), process.env)
