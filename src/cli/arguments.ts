import { ACTION_ONLY_INPUTS, INPUT_DEFAULTS, type ActionOnlyInput, type InputName } from '../inputs.js'
import type { Wording } from '../messages.js'

/**
 * The command line's arguments: every input that says what to check as a flag named like the
 * input, and the flags of the command line's own. Only reads argv; the inputs are validated by
 * inputs.ts like the Action's.
 */

export const DEFAULT_KEY_VARIABLE = 'SENDGRID_API_KEY'

/** Each format `--format` accepts, and what it prints. */
export const FORMATS = {
  text: 'the verdict, what to fix and a line per account, aligned for a terminal or mail',
  markdown: 'the job summary',
  json: 'the outputs as JSON values, with the config, outcome and accounts not read',
  junit: "JUnit XML, a test per account, for a CI's test view",
  openmetrics: 'OpenMetrics gauges per account, for dashboards'
} as const
export type Format = keyof typeof FORMATS
/** Text for a person at a terminal; Markdown where the output goes on (a file, a pipe, a CI log). */
export function defaultFormat(terminal: boolean): Format {
  return terminal ? 'text' : 'markdown'
}

/**
 * Every input that says what to check, as a flag. Not the key, which never travels on the command
 * line (argv shows in process lists), nor the inputs that only say how to report to GitHub.
 */
export type FlagInput = Exclude<InputName, 'api-key' | ActionOnlyInput>
const NOT_FLAGS: readonly InputName[] = ['api-key', ...ACTION_ONLY_INPUTS]
export const FLAG_INPUTS = Object.keys(INPUT_DEFAULTS).filter((name): name is FlagInput => !NOT_FLAGS.includes(name as InputName))
/** Inputs that are true or false: their flags stand alone, or take `=false`, `false` or a `no-` prefix. */
export const BOOLEAN_INPUTS = FLAG_INPUTS.filter((name) => ['true', 'false'].includes(INPUT_DEFAULTS[name]))

/** The command line's own flags that take a value. */
const OWN_VALUE_FLAGS = ['api-key-env', 'format'] as const
/** Flags that take no value at all. */
const SWITCHES = ['help', 'version'] as const

export interface Arguments {
  inputs: Partial<Record<FlagInput, string>>
  keyVariable: string
  format: Format
  help: boolean
  version: boolean
  /** One line each, ready for stderr. */
  problems: string[]
}

/** `terminal`: whether stdout is a terminal, which decides the default format. */
export function parseArguments(argv: readonly string[], { terminal = false } = {}): Arguments {
  const values = new Map<string, string>()
  const switches = new Set<string>()
  const problems: string[] = []
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string
    const next = argv[index + 1]
    if (arg === '-h') switches.add('help')
    else if (!arg.startsWith('--') || arg === '--') problems.push(`unexpected argument ${index + 1}: every value follows its --flag (see --help)`)
    else {
      const { tookNext, problem } = readFlag(arg, next, values, switches)
      if (problem) problems.push(problem)
      if (tookNext) index++
    }
  }

  const format = values.get('format') ?? defaultFormat(terminal)
  if (!Object.hasOwn(FORMATS, format)) problems.push(`--format: "${format}" is not accepted; use ${Object.keys(FORMATS).join(', ')}`)
  const keyVariable = values.get('api-key-env') ?? DEFAULT_KEY_VARIABLE
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyVariable)) problems.push(`--api-key-env: "${keyVariable}" is not an environment variable name`)

  return {
    inputs: Object.fromEntries(FLAG_INPUTS.flatMap((name) => (values.has(name) ? [[name, values.get(name)]] : []))),
    keyVariable,
    format: format as Format,
    help: switches.has('help'),
    version: switches.has('version'),
    problems
  }
}

/** What reading one flag did: whether it took the next argument as its value, and what was wrong. */
interface FlagRead {
  tookNext: boolean
  problem?: string
}

/** Reads one `--flag`, `--flag=value` or `--flag value` into `values` or `switches`. */
function readFlag(arg: string, next: string | undefined, values: Map<string, string>, switches: Set<string>): FlagRead {
  const equals = arg.indexOf('=')
  const flag = equals === -1 ? arg : arg.slice(0, equals)
  const inline = equals === -1 ? undefined : arg.slice(equals + 1)
  const name = flag.slice(2)
  // A value may start with one dash (`--from -7d`), not two: that is the next flag.
  const nextValue = inline === undefined && next !== undefined && !next.startsWith('--') ? next : undefined
  if (name === 'api-key') {
    const problem = `--api-key is not accepted (the command line shows in process lists): put the key in ${DEFAULT_KEY_VARIABLE} or name a variable with --api-key-env`
    return { tookNext: nextValue !== undefined, problem }
  }
  if ((SWITCHES as readonly string[]).includes(name)) {
    if (inline !== undefined) return { tookNext: false, problem: `${flag} takes no value` }
    switches.add(name)
    return { tookNext: false }
  }
  if (isBoolean(name)) {
    const word = nextValue !== undefined && /^(true|false)$/i.test(nextValue) ? nextValue : undefined
    values.set(name, inline ?? word ?? 'true')
    return { tookNext: word !== undefined }
  }
  const negated = name.startsWith('no-') ? name.slice(3) : undefined
  if (negated !== undefined && isBoolean(negated)) {
    if (inline !== undefined) return { tookNext: false, problem: `${flag} takes no value; write --${negated}=${inline} instead` }
    values.set(negated, 'false')
    return { tookNext: false }
  }
  if (!takesValue(name)) return { tookNext: false, problem: unknownFlag(flag) }
  const value = inline ?? nextValue
  if (value === undefined) return { tookNext: false, problem: `${flag} needs a value` }
  values.set(name, value)
  return { tookNext: nextValue !== undefined }
}

function isBoolean(name: string): boolean {
  return (BOOLEAN_INPUTS as readonly string[]).includes(name)
}

function takesValue(name: string): boolean {
  return (FLAG_INPUTS as readonly string[]).includes(name) || (OWN_VALUE_FLAGS as readonly string[]).includes(name)
}

/** Every flag as written, for suggestions. */
function knownFlags(): string[] {
  return [...FLAG_INPUTS, ...BOOLEAN_INPUTS.map((name) => `no-${name}`), ...OWN_VALUE_FLAGS, ...SWITCHES].map((name) => `--${name}`)
}

function unknownFlag(flag: string): string {
  const nearest = nearestFlag(flag)
  return `unknown option ${flag}${nearest ? `; did you mean ${nearest}?` : ''} (see --help)`
}

/** The known flag a typo most likely meant: the fewest edits away, and close enough to be a typo. */
export function nearestFlag(flag: string): string | undefined {
  const tolerance = Math.max(2, Math.floor((flag.length - 2) / 4))
  let best: { flag: string; distance: number } | undefined
  for (const known of knownFlags()) {
    const distance = editDistance(flag, known)
    if (distance <= tolerance && (!best || distance < best.distance)) best = { flag: known, distance }
  }
  return best?.flag
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, at(i - 2, j - 2) + 1)
      ;(rows[i] as number[])[j] = distance
    }
  }
  return at(a.length, b.length)
}

/** Messages in the command line's terms: flags for inputs, the environment variable for the key. */
export function cliWording(keyVariable: string): Wording {
  return {
    setting: (input) => (input === 'api-key' ? keyVariable : `--${input}`),
    settingTo: (input, value) => `--${input} ${value}`,
    keySource: keyVariable
  }
}

const HINTS: Record<FlagInput, string> = {
  subusers: "usernames and `account-id <id>`, comma-separated, or '*' (every subuser); empty: the key's own account",
  'include-parent': "check the key's own account as well as --subusers",
  from: 'first day (UTC): YYYY-MM-DD, today, yesterday or -Nd; at most 90 days back',
  to: 'last day (UTC), same forms; not in the future; empty: the later of yesterday and --from',
  'min-score': 'lowest acceptable overall score, 1 to 5',
  'min-metric-scores': "lowest acceptable metric scores, e.g. 'spam_rate=4, bounce_rate=3'",
  'warn-score': 'warn (never fail) when a score is at or above --min-score but below this; empty: no warnings',
  'warn-metric-scores': "warning levels beside --min-metric-scores, e.g. 'spam_rate=4'",
  evaluate: "all (every day), latest (each account's latest scored day) or average (each account's mean)",
  'missing-scores': 'what a missing score does: warn, fail or ignore',
  'wait-timeout': 'how long the whole fetch may take, e.g. 90s, 10m, 1h',
  'poll-interval': 'first wait between polls while SendGrid answers 202',
  'request-timeout': 'how long one request may take',
  region: 'global or eu',
  'base-url': "overrides the region's API URL (API gateways, tests)",
  'fail-on-breach': 'false (or --no-fail-on-breach): a breach exits 0 (report only)',
  'on-error': 'warn: an API error or scores still pending exit 0',
  summary: 'false (or --no-summary): print the verdict line instead of the full report (text and markdown formats)',
  explain: "after the verdict, explain each account in breach from SendGrid's stats (up to 3 requests per account, at most 10 accounts; needs Stats read); --no-explain: none",
  'max-drop': "fail when an account's latest score is this much or more below its best in the range; empty: off",
  'warn-drop': 'warn on a smaller drop than --max-drop; empty: off',
  'account-thresholds': "thresholds of their own, a rule a line: 'transactional: min-score=4, spam_rate=5, warn-score=4.5'; * in a name matches anything, the first matching rule wins",
  'junit-file': "also write the run as JUnit XML to this file, for a CI's test view (GitLab, Jenkins)",
  'metrics-file': 'also write the run as OpenMetrics text to this file, replaced whole (node_exporter textfile collector)'
}

export function helpText(): string {
  const width = Math.max(...FLAG_INPUTS.map((name) => name.length)) + 4
  const flag = (name: string, hint: string): string => `  --${name.padEnd(width)}${hint}`
  const defaultOf = (name: FlagInput): string => (INPUT_DEFAULTS[name] === '' ? '' : ` (default ${INPUT_DEFAULTS[name]})`)
  const formats = Object.entries(FORMATS).map(([name, what]) => `${name} (${what})`)
  return [
    'Usage: seq-gate [--flag value]...',
    '',
    'Reads Twilio SendGrid Engagement Quality (SEQ) scores and fails when one is below its threshold.',
    `The API key comes from the ${DEFAULT_KEY_VARIABLE} environment variable, never from the command line.`,
    'The report goes to stdout; progress, warnings and the reasons an account was not read go to stderr.',
    '',
    "Flags (the GitHub Action's inputs, same names and values):",
    ...FLAG_INPUTS.map((name) => flag(name, `${HINTS[name]}${defaultOf(name)}`)),
    `  ${BOOLEAN_INPUTS.map((name) => `--${name}`).join(', ')}: alone for true, or with =false, false or the no- prefix (--no-summary).`,
    '',
    flag('api-key-env', `environment variable that holds the API key (default ${DEFAULT_KEY_VARIABLE})`),
    flag('format', `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)} (default text when stdout is a terminal, else markdown)`),
    '  The text format is coloured only when stdout is a terminal and NO_COLOR is unset.',
    flag('version', 'the version of seq-gate'),
    flag('help', 'this text; also -h'),
    '',
    'Exit status:',
    '  0  passed, accounts at risk (below a --warn-* level) included (or a breach under --no-fail-on-breach, an error under --on-error warn)',
    '  1  a score below its threshold, a drop of --max-drop or more, or a missing score under --missing-scores fail',
    '  2  SendGrid or the network failed, scores still pending at --wait-timeout, invalid input, a Node.js older than 22,',
    '     or a file --junit-file or --metrics-file names could not be written',
    '',
    'Example:',
    `  ${DEFAULT_KEY_VARIABLE}=SG.xxx seq-gate --from -7d --min-score 3 --subusers '*'`,
    '',
    'Install: npm install --global seq-gate (or run it with npx seq-gate). Examples for GitLab CI, Jenkins and cron:',
    'https://github.com/sendgrid-engagement-quality-gate/action/blob/v1/docs/cli.md',
    ''
  ].join('\n')
}
