import { addDays, daysBetween, resolveDay, type Day } from './dates.js'
import { METRICS, isMetric, type Metric } from './records/score-record.js'
import { ACTION_WORDING, type Wording } from './wording.js'

/**
 * Every input's default, as declared in action.yml (a test keeps the two equal), so that a run
 * without the runner (local runs, tests) behaves like one with it.
 */
export const INPUT_DEFAULTS = {
  'api-key': '',
  subusers: '',
  'include-parent': 'false',
  from: '-7d',
  to: 'yesterday',
  'min-score': '3',
  'min-metric-scores': '',
  evaluate: 'all',
  'missing-scores': 'warn',
  'wait-timeout': '10m',
  'poll-interval': '15s',
  'request-timeout': '30s',
  region: 'global',
  'base-url': '',
  'fail-on-breach': 'true',
  'on-error': 'fail',
  summary: 'true',
  'max-drop': '',
  'github-token': '${{ github.token }}',
  'check-run': 'true',
  'check-name': 'SendGrid engagement quality',
  'pr-comment': 'false'
} as const

export type InputName = keyof typeof INPUT_DEFAULTS

/** Inputs that only the Action face uses: they say how to report to GitHub, not what to check. */
export const ACTION_ONLY_INPUTS = ['github-token', 'check-run', 'check-name', 'pr-comment'] as const
export type ActionOnlyInput = (typeof ACTION_ONLY_INPUTS)[number]
/** Reads one input's raw text; '' when it was not given. */
export type ReadInput = (name: InputName) => string

export const REGION_URLS = { global: 'https://api.sendgrid.com', eu: 'https://api.eu.sendgrid.com' } as const
export type EvaluateMode = 'all' | 'latest' | 'average'
export type MissingScores = 'warn' | 'fail' | 'ignore'
export type OnError = 'fail' | 'warn'

/** SendGrid keeps scores for 90 days and rejects older dates. */
export const RETENTION_DAYS = 90
const MAX_DURATION_MS = 6 * 3_600_000

export interface Config {
  apiKey: string
  /** Whether the key's own account is checked. */
  parent: boolean
  /** Subusers and customer accounts to check by name, or every subuser. */
  subusers: string[] | 'all'
  from: Day
  to: Day
  minScore: number
  minMetricScores: Partial<Record<Metric, number>>
  evaluate: EvaluateMode
  missingScores: MissingScores
  waitTimeoutMs: number
  pollIntervalMs: number
  requestTimeoutMs: number
  baseUrl: string
  failOnBreach: boolean
  onError: OnError
  summary: boolean
  /** Fail when an account's latest overall score is this much below its best in the range; absent: off. */
  maxDrop?: number
  github: GitHubSettings
}

/** Where the report goes on GitHub besides the job summary. */
export interface GitHubSettings {
  /** '' when there is none (a run outside GitHub Actions): then nothing is sent to GitHub. */
  token: string
  checkRun: boolean
  checkName: string
  prComment: boolean
}

export interface InputProblem {
  input: InputName
  message: string
}

/** One or more inputs are invalid; nothing has been sent to SendGrid. */
export class InputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map(({ input, message }) => `Input "${input}": ${message}`).join('\n'))
    this.name = 'InputError'
  }
}

/** Thrown by a value parser; the input's name is added by `parseConfig`. */
class InvalidValue extends Error {}

/** Parses and validates every input at once, so one run reports every bad input; `wording` names other inputs in messages. */
export function parseConfig(read: ReadInput, today: Day, wording: Wording = ACTION_WORDING): Config {
  const problems: InputProblem[] = []
  const key = read('api-key').trim()
  const input = <T>(name: InputName, parse: (text: string) => T): T => {
    const given = read(name).trim()
    const text = given || INPUT_DEFAULTS[name]
    if (name !== 'api-key' && holdsKey(given, key)) {
      // Any other input may be printed (account names, messages): the key must not travel in one.
      problems.push({ input: name, message: `contains the API key; the key belongs in ${wording.setting('api-key')} alone` })
      return undefined as T
    }
    try {
      return parse(text)
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error
      problems.push({ input: name, message: error.message })
      return undefined as T
    }
  }
  const problem = (name: InputName, message: string): void => void problems.push({ input: name, message })

  const apiKey = input('api-key', parseApiKey)
  const subusers = input('subusers', parseSubusers)
  const includeParent = input('include-parent', parseBoolean)
  const from = input('from', (text) => parseDay(text, today))
  const to = input('to', (text) => parseDay(text, today))
  const config: Config = {
    apiKey,
    parent: subusers?.length === 0 || includeParent === true,
    subusers: subusers?.[0] === '*' ? 'all' : subusers,
    from,
    to,
    minScore: input('min-score', parseScore),
    minMetricScores: input('min-metric-scores', parseMetricScores),
    evaluate: input('evaluate', (text) => oneOf(text, ['all', 'latest', 'average'])),
    missingScores: input('missing-scores', (text) => oneOf(text, ['warn', 'fail', 'ignore'])),
    waitTimeoutMs: input('wait-timeout', parseDuration),
    pollIntervalMs: input('poll-interval', parseDuration),
    requestTimeoutMs: input('request-timeout', parseDuration),
    baseUrl: resolveBaseUrl(input('base-url', parseBaseUrl), input('region', (text) => oneOf(text, ['global', 'eu']))),
    failOnBreach: input('fail-on-breach', parseBoolean),
    onError: input('on-error', (text) => oneOf(text, ['fail', 'warn'])),
    summary: input('summary', parseBoolean),
    maxDrop: input('max-drop', parseMaxDrop),
    github: {
      token: input('github-token', parseGitHubToken),
      checkRun: input('check-run', parseBoolean),
      checkName: input('check-name', parseCheckName),
      prComment: input('pr-comment', parseBoolean)
    }
  }

  if (to !== undefined && to > today) problem('to', `${to} is in the future; the latest day with a score is ${today} (UTC)`)
  const oldest = addDays(today, -RETENTION_DAYS)
  if (from !== undefined && from < oldest)
    problem('from', `${from} is more than ${RETENTION_DAYS} days ago; SendGrid keeps scores back to ${oldest}`)
  if (from !== undefined && to !== undefined && daysBetween(from, to) < 0)
    problem('from', `${from} comes after "to" (${to})`)

  if (problems.length > 0) throw new InputError(problems)
  return config
}

/** Short test keys are left alone: a real SendGrid key is 69 characters, and a short one could match plain text. */
function holdsKey(text: string, key: string): boolean {
  return key.length >= 8 && text.includes(key)
}

function parseApiKey(text: string): string {
  if (text === '') throw new InvalidValue('is required: pass a SendGrid API key, e.g. ${{ secrets.SENDGRID_API_KEY }}')
  return headerValue(text, 'secret')
}

/** `text`, when it can be sent in an HTTP header; `what` names what to check when it cannot. */
function headerValue(text: string, what: 'secret' | 'token'): string {
  if (/[^\x21-\x7e]/.test(text)) throw new InvalidValue(`contains spaces or characters that cannot be sent in an HTTP header; check the ${what}`)
  return text
}

/** `''` means the key's own account; `['*']` every subuser; otherwise the listed names. */
function parseSubusers(text: string): string[] {
  const entries = [...new Set(text.split(/[\n,]/).map(normalizeAccount).filter((entry) => entry !== ''))]
  if (entries.includes('*') && entries.length > 1)
    throw new InvalidValue('"*" (every subuser) cannot be combined with names; use "*" alone or list names')
  for (const entry of entries) {
    if (!/^(?:\*|account-id [\x21-\x7e]+|[\x21-\x7e]+)$/.test(entry))
      throw new InvalidValue(
        `"${entry}" is not a subuser username or "account-id <id>"; ` +
          'usernames are printable ASCII without spaces, separated by commas or new lines'
      )
  }
  return entries
}

function normalizeAccount(entry: string): string {
  const trimmed = entry.trim()
  const customer = /^account-id\s+(\S+)$/i.exec(trimmed)
  return customer ? `account-id ${customer[1]}` : trimmed
}

function parseBoolean(text: string): boolean {
  const value = text.toLowerCase()
  if (value === 'true' || value === 'false') return value === 'true'
  throw new InvalidValue(`"${text}" is not a boolean; use true or false`)
}

function parseDay(text: string, today: Day): Day {
  const day = resolveDay(text, today)
  if (day === undefined)
    throw new InvalidValue(`"${text}" is not a date; use YYYY-MM-DD, today, yesterday or -Nd (N days before today, UTC)`)
  return day
}

function parseScore(text: string): number {
  const score = decimal(text)
  if (!(score >= 1 && score <= 5)) throw new InvalidValue(`"${text}" is not a score; use a number from 1 to 5`)
  return score
}

/** A plain decimal number such as `3` or `2.5`; NaN for anything else (signs, exponents, spaces). */
function decimal(text: string): number {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
}

/** '' (off) or a drop from above 0 up to 4, the most a 1-to-5 score can fall. */
function parseMaxDrop(text: string): number | undefined {
  if (text === '') return undefined
  const drop = decimal(text)
  if (!(drop > 0 && drop <= 4)) throw new InvalidValue(`"${text}" is not a drop; use a number above 0 and at most 4, e.g. 1, or leave it empty`)
  return drop
}

/**
 * The runner replaces the default `${{ github.token }}`; left as written (a run outside GitHub
 * Actions) it means there is no token, and nothing is sent to GitHub.
 */
function parseGitHubToken(text: string): string {
  if (/^\$\{\{[^]*\}\}$/.test(text)) return ''
  return headerValue(text, 'token')
}

function parseCheckName(text: string): string {
  if ([...text].some(isControl)) throw new InvalidValue('contains a line break or control character; use one line of text')
  if (text.length > 100) throw new InvalidValue(`is ${text.length} characters long; use at most 100`)
  return text
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0) as number
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029
}

function parseMetricScores(text: string): Partial<Record<Metric, number>> {
  const thresholds: Partial<Record<Metric, number>> = {}
  for (const entry of text.split(/[\n,]/).map((part) => part.trim()).filter(Boolean)) {
    const [name = '', value, ...rest] = entry.split('=').map((part) => part.trim())
    if (value === undefined || rest.length > 0)
      throw new InvalidValue(`"${entry}" is not metric=score; e.g. spam_rate=4, bounce_rate=3`)
    if (!isMetric(name)) throw new InvalidValue(`"${name}" is not a metric; use ${METRICS.join(', ')}`)
    if (thresholds[name] !== undefined) throw new InvalidValue(`${name} is given twice`)
    try {
      thresholds[name] = parseScore(value)
    } catch {
      throw new InvalidValue(`${name}: "${value}" is not a score; use a number from 1 to 5`)
    }
  }
  return thresholds
}

function oneOf<const T extends string>(text: string, accepted: readonly T[]): T {
  const value = text.toLowerCase()
  if ((accepted as readonly string[]).includes(value)) return value as T
  throw new InvalidValue(`"${text}" is not accepted; use ${accepted.join(', ')}`)
}

const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const

/** `500ms`, `90s`, `10m`, `1h`, or combinations such as `1m30s`. */
export function parseDuration(text: string): number {
  const value = text.toLowerCase().replace(/\s+/g, '')
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  const total = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS_MS[unit as keyof typeof DURATION_UNITS_MS], 0)
  if (parts.length === 0 || parts.map(([part]) => part).join('') !== value || !(total >= 1))
    throw new InvalidValue(`"${text}" is not a duration; use a number with a unit, e.g. 500ms, 90s, 10m, 1h or 1m30s`)
  if (total > MAX_DURATION_MS) throw new InvalidValue(`"${text}" is longer than 6h, GitHub's limit for a job`)
  return Math.round(total)
}

function parseBaseUrl(text: string): string | undefined {
  if (text === '') return undefined
  const url = URL.canParse(text) ? new URL(text) : undefined
  // `url.search` and `url.hash` are '' for a bare `?` or `#`, so look for them in the text itself.
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || /[?#]/.test(text))
    throw new InvalidValue(`"${withoutCredentials(text)}" is not a base URL; use http(s)://host[:port][/path] without credentials or query`)
  return url.href.replace(/\/+$/, '')
}

/** A rejected URL is quoted back, but never the password in it. */
function withoutCredentials(text: string): string {
  return text.replace(/\/\/[^/?#]*@/, '//***@')
}

/** base-url wins over region; region is still validated so that every bad input is reported. */
function resolveBaseUrl(baseUrl: string | undefined, region: keyof typeof REGION_URLS | undefined): string {
  return baseUrl ?? (region === undefined ? '' : REGION_URLS[region])
}
