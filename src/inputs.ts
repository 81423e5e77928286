import { addDays, daysBetween, resolveDay, type Day } from './dates.js'
import { METRICS, type Metric } from './records/score-record.js'
import { ACTION_WORDING, type Wording } from './messages.js'

/**
 * Every input's default, as declared in action.yml (a test keeps the two equal), so that a run
 * without the runner (local runs, tests) behaves like one with it.
 */
export const INPUT_DEFAULTS = {
  'api-key': '',
  subusers: '',
  'include-parent': 'false',
  from: '-7d',
  /** Empty: the later of yesterday and `from`. */
  to: '',
  'min-score': '3',
  'min-metric-scores': '',
  'warn-score': '',
  'warn-metric-scores': '',
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
  explain: 'true',
  'max-drop': '',
  'warn-drop': '',
  'account-thresholds': '',
  'junit-file': '',
  'metrics-file': '',
  'github-token': '${{ github.token }}',
  'check-run': 'true',
  'check-name': 'SendGrid engagement quality',
  'pr-comment': 'false',
  'tracking-issue': 'false'
} as const

export type InputName = keyof typeof INPUT_DEFAULTS

/** Inputs that only the Action face uses: they say how to report to GitHub, not what to check. */
export const ACTION_ONLY_INPUTS = ['github-token', 'check-run', 'check-name', 'pr-comment', 'tracking-issue'] as const
export type ActionOnlyInput = (typeof ACTION_ONLY_INPUTS)[number]
/** Reads one input's raw text; '' when it was not given. */
export type ReadInput = (name: InputName) => string

export const REGION_URLS = { global: 'https://api.sendgrid.com', eu: 'https://api.eu.sendgrid.com' } as const
export type Region = keyof typeof REGION_URLS
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
  /** A score at or above min-score but below this is a warning (the account is at risk); absent: no warnings. */
  warnScore?: number
  /** Warning levels beside min-metric-scores, each above its metric's failing level. */
  warnMetricScores: Partial<Record<Metric, number>>
  evaluate: EvaluateMode
  missingScores: MissingScores
  waitTimeoutMs: number
  pollIntervalMs: number
  requestTimeoutMs: number
  baseUrl: string
  /** The region whose API `baseUrl` is; absent when base-url points elsewhere. */
  region?: Region
  failOnBreach: boolean
  onError: OnError
  summary: boolean
  /** After the verdict, explain each account in breach from SendGrid's stats; never changes the verdict. */
  explain: boolean
  /** Fail when an account's latest overall score is this much below its best in the range; absent: off. */
  maxDrop?: number
  /** Warn when the latest overall score is this much below its best, a smaller drop than max-drop; absent: off. */
  warnDrop?: number
  /** Thresholds of their own for the accounts that match a rule; the first matching rule wins. */
  accountThresholds: ThresholdRule[]
  /** Where to write the run as JUnit XML, as given (a relative path is the face's to resolve); absent: nowhere. */
  junitFile?: string
  /** Where to write the run as OpenMetrics text, as given; absent: nowhere. */
  metricsFile?: string
  github: GitHubSettings
  /** Inputs taken, but not as given (region beside base-url): each face prints them as warnings. */
  warnings: InputProblem[]
}

/** One line of account-thresholds: what it sets for the accounts that match `pattern`. */
export interface ThresholdRule {
  /** Where it stands in the input, from 1, to name it in messages. */
  line: number
  /** An account as the report shows it; `*` stands for any run of characters. */
  pattern: string
  /** Absent: min-score applies. */
  minScore?: number
  /** The metrics it names; the others keep min-metric-scores. */
  minMetricScores: Partial<Record<Metric, number>>
  /** `warn-score=`; absent: warn-score applies. */
  warnScore?: number
  /** `warn-<metric>=` entries; the metrics it does not name keep warn-metric-scores. */
  warnMetricScores: Partial<Record<Metric, number>>
}

/** Where the report goes on GitHub besides the job summary. */
export interface GitHubSettings {
  /** '' when there is none (a run outside GitHub Actions): then nothing is sent to GitHub. */
  token: string
  checkRun: boolean
  checkName: string
  prComment: boolean
  /** Keep one issue open while the gate fails, and close it on recovery. */
  trackingIssue: boolean
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
class InvalidValue extends Error {
  readonly messages: string[]

  constructor(...messages: string[]) {
    super(messages.join('\n'))
    this.messages = messages
  }
}

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
      problems.push(...error.messages.map((message) => ({ input: name, message })))
      return undefined as T
    }
  }
  const problem = (name: InputName, message: string): void => void problems.push({ input: name, message })
  const warnings: InputProblem[] = []

  const apiKey = input('api-key', parseApiKey)
  const subusers = input('subusers', parseSubusers)
  const includeParent = input('include-parent', parseBoolean)
  const from = input('from', (text) => parseDay(text, today))
  const toGiven = read('to').trim() !== ''
  const to = input('to', (text) => (toGiven ? parseDay(text, today) : laterOf(addDays(today, -1), from)))
  const config: Config = {
    apiKey,
    parent: subusers?.length === 0 || includeParent === true,
    subusers: subusers?.[0] === '*' ? 'all' : subusers,
    from,
    to,
    minScore: input('min-score', parseScore),
    minMetricScores: input('min-metric-scores', parseMetricScores),
    warnScore: input('warn-score', parseOptionalScore),
    warnMetricScores: input('warn-metric-scores', parseMetricScores),
    evaluate: input('evaluate', (text) => oneOf(text, ['all', 'latest', 'average'])),
    missingScores: input('missing-scores', (text) => oneOf(text, ['warn', 'fail', 'ignore'])),
    waitTimeoutMs: input('wait-timeout', parseDuration),
    pollIntervalMs: input('poll-interval', parseDuration),
    requestTimeoutMs: input('request-timeout', parseDuration),
    ...resolveEndpoint(input('base-url', parseBaseUrl), input('region', (text) => oneOf(text, ['global', 'eu'])), warnings),
    failOnBreach: input('fail-on-breach', parseBoolean),
    onError: input('on-error', (text) => oneOf(text, ['fail', 'warn'])),
    summary: input('summary', parseBoolean),
    explain: input('explain', parseBoolean),
    maxDrop: input('max-drop', parseDrop),
    warnDrop: input('warn-drop', parseDrop),
    accountThresholds: input('account-thresholds', parseAccountThresholds),
    junitFile: input('junit-file', parseFilePath),
    metricsFile: input('metrics-file', parseFilePath),
    github: {
      token: input('github-token', parseGitHubToken),
      checkRun: input('check-run', parseBoolean),
      checkName: input('check-name', parseCheckName),
      prComment: input('pr-comment', parseBoolean),
      trackingIssue: input('tracking-issue', parseBoolean)
    },
    warnings
  }

  // A `to` left to its default is `from` when from is the later: a day in the future is from's doing.
  const inFuture = (day: Day): string => `${day} is in the future; the latest day with a score is ${today} (UTC)`
  if (to !== undefined && to > today) problem(toGiven ? 'to' : 'from', inFuture(toGiven ? to : from))
  const oldest = addDays(today, -RETENTION_DAYS)
  if (from !== undefined && from < oldest)
    problem('from', `${from} is more than ${RETENTION_DAYS} days ago; SendGrid keeps scores back to ${oldest}`)
  if (from !== undefined && to !== undefined && daysBetween(from, to) < 0)
    problem('from', `${from} comes after "to" (${to})`)
  problems.push(...warningLevelProblems(config, wording))

  if (config.junitFile !== undefined && config.junitFile === config.metricsFile)
    problem('metrics-file', `names the same file as ${wording.setting('junit-file')}; give each its own`)

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
    if (!ACCOUNT_NAME.test(entry))
      throw new InvalidValue(
        `"${entry}" is not a subuser username or "account-id <id>"; ` +
          'usernames are printable ASCII without spaces, separated by commas or new lines'
      )
  }
  return entries
}

/** A subuser username, `account-id <id>`, or (in a pattern, or `*` alone in subusers) a `*`. */
const ACCOUNT_NAME = /^(?:account-id [\x21-\x7e]+|[\x21-\x7e]+)$/

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
  const score = scoreOf(text)
  if (Number.isNaN(score)) throw new InvalidValue(`"${text}" is not a score; use a number from 1 to 5`)
  return score
}

/** A score from 1 to 5; NaN for anything else. */
function scoreOf(text: string): number {
  const score = decimal(text)
  return score >= 1 && score <= 5 ? score : NaN
}

/** A plain decimal number such as `3` or `2.5`; NaN for anything else (signs, exponents, spaces). */
function decimal(text: string): number {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
}

/** '' (no warnings) or a score from 1 to 5. */
function parseOptionalScore(text: string): number | undefined {
  return text === '' ? undefined : parseScore(text)
}

/** '' (off) or a drop from above 0 up to 4, the most a 1-to-5 score can fall. */
function parseDrop(text: string): number | undefined {
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

/** '' (no file) or a path to a file: one line, not ending in a folder separator. */
function parseFilePath(text: string): string | undefined {
  if (text === '') return undefined
  if ([...text].some(isControl)) throw new InvalidValue('contains a line break or control character; use a path on one line')
  if (/[\\/]$/.test(text)) throw new InvalidValue(`"${text}" names a folder; end it with a file name, e.g. seq-gate.xml`)
  return text
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0) as number
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029
}

function parseMetricScores(text: string): Partial<Record<Metric, number>> {
  const problems: string[] = []
  const thresholds = scoreEntries(text.split(/[\n,]/), METRIC_SCORES, problems)
  if (problems.length > 0) throw new InvalidValue(...problems)
  return thresholds
}

/** The keys a list of `key=score` entries accepts, and how its messages name them. */
interface ScoreGrammar<K extends string> {
  keys: readonly K[]
  noun: string
  /** The keys accepted, in words. */
  accepted: string
  example: string
}

const METRIC_SCORES: ScoreGrammar<Metric> = { keys: METRICS, noun: 'metric', accepted: METRICS.join(', '), example: 'spam_rate=4, bounce_rate=3' }
/** A rule's warning level for a metric: `warn-spam_rate`. Not `warn:spam_rate`: the last colon of a line ends its account. */
type WarnMetricKey = `warn-${Metric}`
const WARN_METRIC_KEYS = METRICS.map((metric): WarnMetricKey => `warn-${metric}`)
type RuleKey = 'min-score' | Metric | 'warn-score' | WarnMetricKey
const RULE_SCORES: ScoreGrammar<RuleKey> = {
  keys: ['min-score', ...METRICS, 'warn-score', ...WARN_METRIC_KEYS],
  noun: 'threshold',
  accepted: `min-score, ${METRICS.join(', ')}, or warn-score and warn-<metric> (e.g. warn-spam_rate) for warning levels`,
  example: 'min-score=4, spam_rate=5'
}

/** `key=score` entries (empty ones skipped), adding a message to `problems` for each bad one. */
function scoreEntries<K extends string>(entries: string[], grammar: ScoreGrammar<K>, problems: string[]): Partial<Record<K, number>> {
  const scores: Partial<Record<K, number>> = {}
  for (const entry of entries.map((part) => part.trim()).filter(Boolean)) {
    const [name = '', value, ...rest] = entry.split('=').map((part) => part.trim())
    const score = scoreOf(value ?? '')
    if (value === undefined || rest.length > 0) problems.push(`"${entry}" is not ${grammar.noun}=score; e.g. ${grammar.example}`)
    else if (!(grammar.keys as readonly string[]).includes(name)) problems.push(`"${name}" is not a ${grammar.noun}; use ${grammar.accepted}`)
    else if (scores[name as K] !== undefined) problems.push(`${name} is given twice`)
    else if (Number.isNaN(score)) problems.push(`${name}: "${value}" is not a score; use a number from 1 to 5`)
    else scores[name as K] = score
  }
  return scores
}

/**
 * account-thresholds: one rule a line, `<account>: <threshold>=<score>, ...`, where the account
 * may hold `*` for any run of characters. Blank lines are skipped; each problem names its line.
 */
export function parseThresholdRules(text: string): { rules: ThresholdRule[]; problems: string[] } {
  const rules: ThresholdRule[] = []
  const problems: string[] = []
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    const lineProblems: string[] = []
    const rule = parseThresholdRule(line, index + 1, lineProblems)
    problems.push(...lineProblems.map((problem) => `line ${index + 1}: ${problem}`))
    if (rule && lineProblems.length === 0) rules.push(rule)
  })
  return { rules, problems }
}

function parseThresholdRule(text: string, line: number, problems: string[]): ThresholdRule | undefined {
  const colon = text.lastIndexOf(':')
  if (colon < 0) {
    problems.push(`"${text}" has no colon; write <account>: <threshold>=<score>, e.g. transactional: ${RULE_SCORES.example}`)
    return undefined
  }
  const pattern = normalizeAccount(text.slice(0, colon))
  if (pattern === '') problems.push('no account before the colon; name a subuser, account-id <id> or the parent\'s username')
  else if (!ACCOUNT_NAME.test(pattern))
    problems.push(`"${pattern}" is not an account; use a subuser username, account-id <id> or the parent's username, with * for any run of characters`)
  const entries = text.slice(colon + 1).split(',')
  if (entries.every((entry) => entry.trim() === '')) problems.push(`${pattern || 'the rule'} names no threshold; e.g. ${RULE_SCORES.example}`)
  const scores = scoreEntries(entries, RULE_SCORES, problems)
  const metricScores = (key: (metric: Metric) => RuleKey): Partial<Record<Metric, number>> =>
    Object.fromEntries(METRICS.flatMap((metric) => (scores[key(metric)] === undefined ? [] : [[metric, scores[key(metric)]]])))
  return {
    line,
    pattern,
    minScore: scores['min-score'],
    minMetricScores: metricScores((metric) => metric),
    warnScore: scores['warn-score'],
    warnMetricScores: metricScores((metric) => `warn-${metric}`)
  }
}

/**
 * A warning level must come before the failure it sits beside: above min-score and the metric's
 * min-metric-scores, below max-drop. At or past the failing level it could never warn (a value
 * past it fails), so it is refused rather than left to warn of nothing. A level a rule names is
 * held to the failing level its accounts get; a level it inherits is not: a rule that fails its
 * accounts sooner just leaves that warning nothing to warn of.
 */
function warningLevelProblems(config: Config, wording: Wording): InputProblem[] {
  const { minScore, minMetricScores = {}, warnScore, warnMetricScores = {}, maxDrop, warnDrop, accountThresholds = [] } = config
  const problems: InputProblem[] = []
  const neverWarns = (failing: number): string => `a score below ${failing} fails, so it could never warn`
  if (warnScore !== undefined && minScore !== undefined && warnScore <= minScore)
    problems.push({ input: 'warn-score', message: `${warnScore} is not above ${wording.setting('min-score')} (${minScore}): ${neverWarns(minScore)}; use a level above ${minScore}, or leave it empty` })
  for (const metric of METRICS) {
    const [warn, min] = [warnMetricScores[metric], minMetricScores[metric]]
    if (warn !== undefined && min !== undefined && warn <= min)
      problems.push({ input: 'warn-metric-scores', message: `${metric}=${warn} is not above ${wording.setting('min-metric-scores')} (${metric}=${min}): ${neverWarns(min)}; use a level above ${min}` })
  }
  if (warnDrop !== undefined && maxDrop !== undefined && warnDrop >= maxDrop)
    problems.push({ input: 'warn-drop', message: `${warnDrop} is not below ${wording.setting('max-drop')} (${maxDrop}): a drop of ${maxDrop} or more fails, so it could never warn; use a smaller drop, or leave it empty` })
  for (const rule of accountThresholds) {
    const check = (subject: Metric | 'score', warn: number | undefined, own: number | undefined, inherited: number | undefined): void => {
      const min = own ?? inherited
      if (warn === undefined || min === undefined || warn > min) return
      const [warnKey, failingKey, input] = subject === 'score' ? ['warn-score', 'min-score', 'min-score'] as const : [`warn-${subject}`, subject, 'min-metric-scores'] as const
      const from = own === undefined ? ` (from ${wording.setting(input)})` : ''
      problems.push({ input: 'account-thresholds', message: `line ${rule.line}: ${warnKey}=${warn} is not above ${failingKey}=${min}${from}: ${neverWarns(min)}` })
    }
    check('score', rule.warnScore, rule.minScore, minScore)
    for (const metric of METRICS) check(metric, rule.warnMetricScores[metric], rule.minMetricScores[metric], minMetricScores[metric])
  }
  return problems
}

function parseAccountThresholds(text: string): ThresholdRule[] {
  const { rules, problems } = parseThresholdRules(text)
  if (problems.length > 0) throw new InvalidValue(...problems)
  return rules
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

function laterOf(day: Day, other: Day | undefined): Day {
  return other !== undefined && other > day ? other : day
}

/**
 * base-url wins over region; region is still validated so that every bad input is reported. A
 * region other than the default beside base-url is ignored, and said so: the runner passes the
 * default whether or not the workflow set it, so only another value shows it was meant.
 */
function resolveEndpoint(baseUrl: string | undefined, region: Region | undefined, warnings: InputProblem[]): Pick<Config, 'baseUrl' | 'region'> {
  if (baseUrl === undefined) return region === undefined ? { baseUrl: '' } : { baseUrl: REGION_URLS[region], region }
  if (region !== undefined && region !== INPUT_DEFAULTS.region)
    warnings.push({ input: 'region', message: `"${region}" is ignored: base-url is set, so requests go to ${baseUrl}` })
  return { baseUrl }
}
