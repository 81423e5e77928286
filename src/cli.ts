#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { dayOf } from './dates.js'
import { runCheck, shouldFail, type Check } from './engine.js'
import type { Evaluation } from './gate/evaluate.js'
import { describeUnusedRule, unusedRules } from './gate/thresholds.js'
import { ACTION_ONLY_INPUTS, INPUT_DEFAULTS, InputError, parseConfig, type ActionOnlyInput, type Config, type InputName, type InputProblem } from './inputs.js'
import { buildOutputs } from './report/outputs.js'
import { renderSummary, UNLIMITED } from './report/summary.js'
import { verdictLine } from './report/verdict.js'
import { redactor } from './redact.js'

/**
 * The command-line face (`seq-gate`) for other CI systems and cron: flags named like the Action's
 * inputs in, the report on stdout, exit 0 / 1 / 2 out. Parsing, validation, fetching and verdicts
 * are the Action's own (inputs.ts, engine.ts, report.ts); this file only reads argv and prints.
 */

const EXIT = { passed: 0, breach: 1, error: 2 } as const
const DEFAULT_KEY_VARIABLE = 'SENDGRID_API_KEY'
const FORMATS = ['markdown', 'json'] as const
type Format = (typeof FORMATS)[number]

/**
 * Every input that says what to check, as a flag. Not the key, which never travels on the command
 * line (argv shows in process lists), nor the inputs that only say how to report to GitHub.
 */
type FlagInput = Exclude<InputName, 'api-key' | ActionOnlyInput>
const NOT_FLAGS: readonly InputName[] = ['api-key', ...ACTION_ONLY_INPUTS]
const FLAG_INPUTS = Object.keys(INPUT_DEFAULTS).filter((name): name is FlagInput => !NOT_FLAGS.includes(name as InputName))

const HINTS: Record<FlagInput, string> = {
  subusers: "usernames and `account-id <id>`, comma-separated, or '*' (every subuser); empty: the key's own account",
  'include-parent': "true to check the key's own account as well as --subusers",
  from: 'first day (UTC): YYYY-MM-DD, today, yesterday or -Nd; at most 90 days back',
  to: 'last day (UTC), same forms; not in the future',
  'min-score': 'lowest acceptable overall score, 1 to 5',
  'min-metric-scores': "lowest acceptable metric scores, e.g. 'spam_rate=4, bounce_rate=3'",
  evaluate: "all (every day), latest (each account's latest scored day) or average (each account's mean)",
  'missing-scores': 'what a missing score does: warn, fail or ignore',
  'wait-timeout': 'how long the whole fetch may take, e.g. 90s, 10m, 1h',
  'poll-interval': 'first wait between polls while SendGrid answers 202',
  'request-timeout': 'how long one request may take',
  region: 'global or eu',
  'base-url': "overrides the region's API URL (API gateways, tests)",
  'fail-on-breach': 'false: a breach exits 0 (report only)',
  'on-error': 'warn: an API error or scores still pending exit 0',
  summary: 'false: print the verdict line instead of the full report (markdown format)',
  'max-drop': "fail when an account's latest score is this much or more below its best in the range; empty: off",
  'account-thresholds': "thresholds of their own, a rule a line: 'transactional: min-score=4, spam_rate=5'; * in a name matches anything, the first matching rule wins"
}

const OPTIONS = {
  ...Object.fromEntries(FLAG_INPUTS.map((name) => [name, { type: 'string' as const }])),
  /** Parsed only to be refused with a clear message, its value kept out of the other problems. */
  'api-key': { type: 'string' as const },
  'api-key-env': { type: 'string' as const },
  format: { type: 'string' as const },
  help: { type: 'boolean' as const, short: 'h' }
}

interface Arguments {
  inputs: Partial<Record<InputName, string>>
  keyVariable: string
  format: Format
  help: boolean
  /** One line each, ready for stderr. */
  problems: string[]
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseArguments(argv)
  if (args.help) {
    process.stdout.write(helpText())
    return EXIT.passed
  }
  const apiKey = env[args.keyVariable] ?? ''
  const redact = redactor(apiKey.trim())
  try {
    const config = configFrom(args, apiKey)
    if (!config) return EXIT.error
    const check = await runCheck(config, { log: (message) => process.stderr.write(`${redact(message)}\n`) })
    for (const unused of unusedRules(config.accountThresholds, check.evaluation.accounts))
      process.stderr.write(`seq-gate: warning: ${redact(describeUnusedRule(unused))}\n`)
    process.stdout.write(redact(render(check, config, args.format)))
    return exitCodeOf(check.evaluation, config)
  } catch (error) {
    process.stderr.write(redact(`seq-gate: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`))
    return EXIT.error
  }
}

/** The config, or undefined after printing every problem with the arguments and inputs at once. */
function configFrom(args: Arguments, apiKey: string): Config | undefined {
  const problems = [...args.problems]
  let config: Config | undefined
  try {
    config = parseConfig((name) => (name === 'api-key' ? apiKey : (args.inputs[name] ?? '')), dayOf(new Date()))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    problems.push(...error.problems.map((problem) => describeProblem(problem, args.keyVariable, apiKey)))
  }
  for (const problem of problems) process.stderr.write(`seq-gate: ${problem}\n`)
  for (const warning of config?.warnings ?? []) process.stderr.write(`seq-gate: warning: ${describeProblem(warning, args.keyVariable, apiKey)}\n`)
  return problems.length === 0 ? config : undefined
}

function describeProblem({ input, message }: InputProblem, keyVariable: string, apiKey: string): string {
  if (input !== 'api-key') return `--${input}: ${message}`
  if (apiKey.trim() === '') return `${keyVariable} is not set: export your SendGrid API key in it, or name another variable with --api-key-env`
  return `${keyVariable}: ${message}`
}

function parseArguments(argv: string[]): Arguments {
  // Not strict: strict mode refuses `--from -7d`; unknown and value-less options are checked below.
  const { values, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true })
  const problems: string[] = []
  for (const token of tokens) {
    if (token.kind === 'positional') problems.push(`unexpected argument ${token.index + 1}: every value follows its --flag (see --help)`)
    if (token.kind !== 'option') continue
    if (token.name === 'api-key') problems.push(`--api-key is not accepted (the command line shows in process lists): put the key in ${DEFAULT_KEY_VARIABLE} or name a variable with --api-key-env`)
    else if (!(token.name in OPTIONS)) problems.push(`unknown option ${token.rawName} (see --help)`)
    else if (token.name !== 'help' && token.value === undefined) problems.push(`${token.rawName} needs a value`)
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined)

  const format = text('format') ?? 'markdown'
  if (!(FORMATS as readonly string[]).includes(format)) problems.push(`--format: "${format}" is not accepted; use ${FORMATS.join(' or ')}`)
  const keyVariable = text('api-key-env') ?? DEFAULT_KEY_VARIABLE
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyVariable)) problems.push(`--api-key-env: "${keyVariable}" is not an environment variable name`)

  return {
    inputs: Object.fromEntries(FLAG_INPUTS.flatMap((name) => (text(name) === undefined ? [] : [[name, text(name)]]))),
    keyVariable,
    format: format as Format,
    help: values.help === true,
    problems
  }
}

/** Markdown: the job summary the Action writes. JSON: the Action's outputs plus the whole evaluation. */
function render({ evaluation, collection }: Check, config: Config, format: Format): string {
  if (format === 'json') {
    const { outputs } = buildOutputs(evaluation, collection, Number.POSITIVE_INFINITY)
    return `${JSON.stringify({ outputs, evaluation }, null, 2)}\n`
  }
  if (!config.summary) return `${verdictLine(evaluation)}\n`
  return renderSummary(evaluation, config, UNLIMITED).markdown
}

/**
 * Fails exactly when the Action's step would: 1 when a breach fails it (it would fail even with
 * outages only warned about), 2 when only an outage or pending scores do.
 */
function exitCodeOf(evaluation: Evaluation, config: Config): number {
  if (!shouldFail(evaluation, config)) return EXIT.passed
  return shouldFail(evaluation, { ...config, onError: 'warn' }) ? EXIT.breach : EXIT.error
}

function helpText(): string {
  const width = Math.max(...FLAG_INPUTS.map((name) => name.length)) + 4
  const flag = (name: string, hint: string): string => `  --${name.padEnd(width)}${hint}`
  const defaultOf = (name: FlagInput): string => (INPUT_DEFAULTS[name] === '' ? '' : ` (default ${INPUT_DEFAULTS[name]})`)
  return [
    'Usage: seq-gate [--flag value]...',
    '',
    'Reads Twilio SendGrid Engagement Quality (SEQ) scores and fails when one is below its threshold.',
    `The API key comes from the ${DEFAULT_KEY_VARIABLE} environment variable, never from the command line.`,
    '',
    'Flags (the GitHub Action\'s inputs, same names and values):',
    ...FLAG_INPUTS.map((name) => flag(name, `${HINTS[name]}${defaultOf(name)}`)),
    '',
    flag('api-key-env', `environment variable that holds the API key (default ${DEFAULT_KEY_VARIABLE})`),
    flag('format', 'markdown (the job summary) or json (the outputs and the evaluation) (default markdown)'),
    flag('help', 'this text; also -h'),
    '',
    'Exit status:',
    '  0  passed (or a breach under --fail-on-breach false, an error under --on-error warn)',
    '  1  a score below its threshold (or a missing score under --missing-scores fail)',
    '  2  SendGrid or the network failed, scores still pending at --wait-timeout, or invalid input',
    '',
    'Example:',
    `  ${DEFAULT_KEY_VARIABLE}=SG.xxx seq-gate --from -7d --min-score 3 --subusers '*'`,
    ''
  ].join('\n')
}

process.exitCode = await main(process.argv.slice(2), process.env)
