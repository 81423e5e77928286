import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici'
import { formatDuration, type Day } from '../dates.js'
import { isObject, parseJson } from '../json.js'
import { redactor, ACTION_WORDING, type Wording } from '../messages.js'
import type { StatName, StatsGap } from '../records/stats.js'

/**
 * The one place that knows SendGrid's URLs, headers, status codes, rate-limit headers and error
 * bodies. Every answer, including every failure, comes back as an `ApiOutcome` value.
 */

export const SCORES_PATH = '/v3/engagementquality/scores'
export const SUBUSER_SCORES_PATH = '/v3/engagementquality/subusers/scores'
/** The subusers endpoint's largest page. */
const SUBUSER_PAGE_LIMIT = 1000
/** SendGrid's Stats endpoints, by the part of an account's stats each gives. */
export const STATS_PATHS: Readonly<Record<StatsGap['part'], string>> = {
  daily: '/v3/stats',
  providers: '/v3/mailbox_providers/stats',
  categories: '/v3/categories/stats/sums'
}
/** The mailbox provider stats asked for per page: the Advanced Stats endpoints' own default. */
export const PROVIDER_PAGE_LIMIT = 500
/** The categories asked for: those with the most of the count that explains the breach. */
export const CATEGORY_LIMIT = 10

export interface RateLimit {
  limit?: number
  remaining?: number
  /** When the current window ends, in ms since the epoch. */
  resetAtMs?: number
}

export type ApiOutcome =
  | { kind: 'ok'; body: unknown; rateLimit: RateLimit }
  | { kind: 'pending'; rateLimit: RateLimit }
  | { kind: 'rate-limited'; rateLimit: RateLimit }
  /**
   * `retryable`: a 5xx, a network error or a timeout, which may pass. `onceKeyWorked`: what the
   * failure more likely means once the same key has read another account in the run (a 401 on
   * behalf of a name: the name, not the key).
   */
  | ({ kind: 'failed'; retryable: boolean; message: string; rateLimit: RateLimit; onceKeyWorked?: string } & FailedWith)

/** SendGrid's HTTP status, or when there was no HTTP answer at all the kind of network error (see FailureCause). */
type FailedWith = { status: number; network?: never } | { network: string; status?: never }

/** SendGrid's regions, each with its own API host; a subuser lives in one of them. */
export type Region = 'global' | 'eu'

export interface SendGridClientOptions {
  apiKey: string
  baseUrl: string
  /** The region `baseUrl` serves; absent for any other URL (a gateway, a test server). */
  region?: Region
  dispatcher?: Dispatcher
  /** How advice names settings (api-key, base-url, region); the Action's by default. */
  wording?: Wording
}

export interface ScoresQuery {
  from: Day
  to: Day
  /** A subuser's username or `account-id <id>`; absent for the key's own account. */
  onBehalfOf?: string
}

/** An account's stats over `from`..`to`, both included, one figure per day. */
export interface StatsQuery {
  from: Day
  to: Day
  /** A subuser's username or `account-id <id>`; absent for the key's own account. */
  onBehalfOf?: string
}

export class SendGridClient {
  private readonly redact: (text: string) => string
  /** The key as JSON escapes it: a key with a backslash or a quote in it. */
  private readonly redactEscaped: (text: string) => string

  constructor(private readonly options: SendGridClientOptions) {
    this.redact = redactor(options.apiKey)
    this.redactEscaped = redactor(JSON.stringify(options.apiKey).slice(1, -1))
  }

  get host(): string {
    return new URL(this.options.baseUrl).host
  }

  private get wording(): Wording {
    return this.options.wording ?? ACTION_WORDING
  }

  scores({ from, to, onBehalfOf }: ScoresQuery, timeoutMs: number): Promise<ApiOutcome> {
    return this.get({ endpoint: 'account', path: SCORES_PATH, onBehalfOf }, { from, to }, timeoutMs)
  }

  subuserScores(date: Day, afterKey: string | undefined, timeoutMs: number): Promise<ApiOutcome> {
    const query: Record<string, string> = { date, limit: String(SUBUSER_PAGE_LIMIT) }
    if (afterKey !== undefined) query.after_key = afterKey
    return this.get({ endpoint: 'listing', path: SUBUSER_SCORES_PATH }, query, timeoutMs)
  }

  /** The account's whole stats per day (`GET /v3/stats`). */
  dailyStats(query: StatsQuery, timeoutMs: number): Promise<ApiOutcome> {
    return this.stats('daily', query, { aggregated_by: 'day' }, timeoutMs)
  }

  /** One page of the account's stats per day and mailbox provider, from `offset` (`GET /v3/mailbox_providers/stats`). */
  mailboxProviderStats(query: StatsQuery, offset: number, timeoutMs: number): Promise<ApiOutcome> {
    return this.stats('providers', query, { aggregated_by: 'day', limit: String(PROVIDER_PAGE_LIMIT), offset: String(offset) }, timeoutMs)
  }

  /** The categories with the most `sortBy` over the days, each summed (`GET /v3/categories/stats/sums`). */
  categorySums(query: StatsQuery, sortBy: StatName, timeoutMs: number): Promise<ApiOutcome> {
    const order = { sort_by_metric: sortBy, sort_by_direction: 'desc', limit: String(CATEGORY_LIMIT) }
    return this.stats('categories', query, order, timeoutMs)
  }

  private stats(part: StatsGap['part'], { from, to, onBehalfOf }: StatsQuery, rest: Record<string, string>, timeoutMs: number): Promise<ApiOutcome> {
    return this.get({ endpoint: 'stats', path: STATS_PATHS[part], onBehalfOf }, { start_date: from, end_date: to, ...rest }, timeoutMs)
  }

  private async get(target: RequestTarget, query: Record<string, string>, timeoutMs: number): Promise<ApiOutcome> {
    const { path, onBehalfOf } = target
    const url = `${this.options.baseUrl}${path}?${new URLSearchParams(query)}`
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      accept: 'application/json',
      'user-agent': 'sendgrid-engagement-quality-gate'
    }
    if (onBehalfOf !== undefined) headers['on-behalf-of'] = onBehalfOf
    // Covers the whole exchange, body included: a server that drips bytes cannot stall us.
    const signal = AbortSignal.timeout(timeoutMs)
    try {
      const response = await request(url, { method: 'GET', headers, dispatcher: this.options.dispatcher, signal })
      const text = await response.body.text()
      const safe = this.redactText(text)
      const context: RequestContext = { ...target, host: this.host, region: this.options.region, wording: this.wording }
      // Without a backslash, JSON has no escapes: the strings it holds are the text's, already clean.
      return this.redacted(classify(response.statusCode, response.headers, safe, context), safe.includes('\\'))
    } catch (error) {
      // Whether our own timer fired, not what the error is called: undici names other aborts
      // (a proxy refusing the tunnel) AbortError too.
      const timedOut = signal.aborted
      const message = describeNetworkError(error, { host: this.host, wording: this.wording }, timeoutMs, timedOut)
      const network = networkErrorKind(error, timedOut)
      return this.redacted({ kind: 'failed', retryable: isRetryableNetworkError(error, timedOut), message, network, rateLimit: {} })
    }
  }

  /**
   * A gateway or error may echo the Authorization header back, and a body's values end up in
   * messages (an off-schema value is quoted); the key never leaves this class.
   */
  private redacted(outcome: ApiOutcome, escaped = true): ApiOutcome {
    if (outcome.kind === 'ok') return escaped ? { ...outcome, body: this.redactValue(outcome.body) } : outcome
    if (outcome.kind !== 'failed') return outcome
    const onceKeyWorked = outcome.onceKeyWorked === undefined ? {} : { onceKeyWorked: this.redact(outcome.onceKeyWorked) }
    return { ...outcome, message: this.redact(outcome.message), ...onceKeyWorked }
  }

  /**
   * A raw body, before it is parsed or described: the key as sent and as JSON escapes it (a key
   * with a backslash or a quote in it). First, because a description cut to length could
   * otherwise keep part of an echoed key, which no later search for the whole key would find.
   */
  private redactText(text: string): string {
    return this.redactEscaped(this.redact(text))
  }

  /** Every string in a parsed body, however the server escaped the key in its JSON. */
  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value)
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item))
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.redact(key), this.redactValue(item)]))
    return value
  }
}

/**
 * Honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY when one is set. Without them, a plain agent: undici
 * warns that its proxy agent is experimental, and that warning should not reach every user's log.
 */
export function dispatcherFromEnvironment(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name])
  return proxied ? new EnvHttpProxyAgent() : new Agent()
}

type Headers = Record<string, string | string[] | undefined>

/** Which endpoint a request went to, and on whose behalf. */
interface RequestTarget {
  /** What the advice for a refusal is about: one account's scores, the subuser listing, or Stats. */
  endpoint: 'account' | 'listing' | 'stats'
  path: string
  /** A subuser's username or `account-id <id>`; absent for the key's own account. */
  onBehalfOf?: string
}

interface RequestContext extends RequestTarget {
  host: string
  region?: Region
  wording: Wording
}

function classify(status: number, headers: Headers, text: string, context: RequestContext): ApiOutcome {
  const rateLimit = readRateLimit(headers)
  if (status === 200) {
    const body = parseJson(text)
    return body === undefined
      ? { kind: 'failed', retryable: false, message: `SendGrid answered 200 with a body that is not JSON: ${describeBody(text)}`, status, rateLimit }
      : { kind: 'ok', body, rateLimit }
  }
  if (status === 202) return { kind: 'pending', rateLimit }
  if (status === 429) return { kind: 'rate-limited', rateLimit }
  const error = readErrorBody(text)
  const answered = `SendGrid answered ${status}${error.words}`
  const failed: ApiOutcome = { kind: 'failed', retryable: status >= 500, message: `${answered}${advice(status, error.fields, context)}`, status, rateLimit }
  if (status === 401 && context.onBehalfOf !== undefined && context.endpoint !== 'stats') failed.onceKeyWorked = `${answered}${notASubuser(context.onBehalfOf, context)}`
  return failed
}

/**
 * Permissions are named as SendGrid documents them, which is not at all for the Engagement Quality
 * endpoints (see the README's "Permissions and the API key").
 */
const UNDOCUMENTED = 'SendGrid does not document which permission that takes'

/** What SendGrid's refusal most likely means for this request, and what to check; '' when nothing useful can be said. */
function advice(status: number, fields: string[], context: RequestContext): string {
  const { endpoint, onBehalfOf, host, region, wording } = context
  if (endpoint === 'stats') return statsAdvice(status)
  const name = onBehalfOf === undefined ? undefined : `"${onBehalfOf}"`
  switch (status) {
    case 400:
      return badRequestAdvice(fields, wording)
    case 401:
      return name === undefined
        ? `: the API key was rejected; check that ${wording.keySource} holds a current, unrevoked SendGrid API key`
        : `: the API key was rejected, or ${name} is not a subuser of its account; check that ${wording.keySource} holds a current, unrevoked ` +
            `SendGrid API key of the parent account, and the name${regionHint(context)}`
    case 403:
      if (endpoint === 'listing')
        return ": the key may not list subusers' scores: its account is likely a subuser itself or has no subusers, " +
          `or the key may not read subusers (${UNDOCUMENTED})${regionHint(context)}`
      if (name === undefined)
        return `: the API key may not read Engagement Quality scores; check its permissions (${UNDOCUMENTED}; a Full Access key has it)`
      return `: check that ${name} is a subuser or customer account of the key's account, spelled as in SendGrid, ` +
        `and that the key is the parent account's and may act for subusers (${UNDOCUMENTED})${regionHint(context)}`
    case 404:
      if (endpoint === 'listing')
        return ': SendGrid found no subusers to list: the key\'s account is likely a subuser itself or has no subusers' +
          (region === undefined ? `, or ${host} is not SendGrid's API; check ${wording.setting('base-url')}` : regionHint(context))
      if (name === undefined) return `: ${host} has no Engagement Quality API; check ${wording.setting('base-url')} and ${wording.setting('region')}`
      return `: SendGrid found nothing for ${name}; check that it is a subuser or customer account of the key's account, spelled as in SendGrid` +
        (region === undefined ? `, and ${wording.setting('base-url')} (${host})` : regionHint(context))
    default:
      return ''
  }
}

/**
 * A Stats request is sent only after the same key has read the account's scores, so a refusal is
 * about the key's access: restricted keys often lack Stats read.
 */
const STATS_ACCESS = 'Settings → API Keys → Stats: Read'

function statsAdvice(status: number): string {
  return status === 401 || status === 403 ? `: the API key may not read Stats; give it that access (${STATS_ACCESS})` : ''
}

/** A 401 for a name, once the same key has read another account: the name is the likelier cause. */
function notASubuser(onBehalfOf: string, context: RequestContext): string {
  return `: the same API key read another account in this run, so "${onBehalfOf}" is likely not a subuser or customer account ` +
    `of the key's account; check its spelling${regionHint(context)}`
}

/** Where a subuser of the other region would be found; nothing when the URL is not a SendGrid region's. */
function regionHint({ endpoint, onBehalfOf, region, wording }: RequestContext): string {
  if (region === undefined) return ''
  const other: Region = region === 'eu' ? 'global' : 'eu'
  const kind = region === 'eu' ? 'not an EU regional subuser' : 'an EU regional subuser'
  if (endpoint === 'listing') return `; subusers ${region === 'eu' ? 'outside the EU region' : 'of the EU region'} are read with ${wording.settingTo('region', other)}`
  return `; if "${onBehalfOf}" is ${kind}, set ${wording.settingTo('region', other)}`
}

/** What to check for each request field SendGrid named (its `errors[].field`). */
const FIELD_ADVICE: Record<string, (setting: Wording['setting']) => string> = {
  from: (setting) => `check ${setting('from')}: a UTC day at most 90 days back, and not after ${setting('to')}`,
  to: (setting) => `check ${setting('to')}: a UTC day not in the future (SendGrid's UTC date decides), and not before ${setting('from')}`,
  date: (setting) => `check ${setting('from')} and ${setting('to')}: each day between them is asked for, and must be at most 90 days back and not in the future`,
  limit: () => "limit is this action's own page size, not an input: report it, as SendGrid may have changed what it accepts",
  after_key: () => 'after_key is the paging key SendGrid itself sent: rerun, and report it if it persists'
}

function badRequestAdvice(fields: string[], wording: Wording): string {
  const checks = [...new Set(fields)].flatMap((field) => FIELD_ADVICE[field]?.(wording.setting) ?? [])
  return checks.length > 0 ? `: ${checks.join('; ')}` : ': SendGrid refused the request'
}

/**
 * SendGrid's own words from an error body (`{"errors":[{field,message}]}`, `{"error":".."}` or
 * text) as ` (…)`, and the request fields it named.
 */
function readErrorBody(text: string): { words: string; fields: string[] } {
  const body = parseJson(text)
  const messages: string[] = []
  const fields: string[] = []
  if (isObject(body)) {
    if (Array.isArray(body.errors)) {
      for (const item of body.errors) {
        if (!isObject(item) || typeof item.message !== 'string') continue
        const field = typeof item.field === 'string' && item.field ? item.field : undefined
        if (field !== undefined) fields.push(field)
        messages.push(field === undefined ? item.message : `${field}: ${item.message}`)
      }
    }
    for (const key of ['error', 'message'] as const) if (typeof body[key] === 'string') messages.push(body[key])
  }
  if (messages.length > 0) return { words: ` (${messages.join('; ')})`, fields }
  return { words: text.trim() === '' ? '' : ` (${describeBody(text)})`, fields }
}

/** A short, single-line description of a body that is not what SendGrid sends. */
function describeBody(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
  if (/^\s*</.test(text)) return `an HTML page${title ? ` titled "${title}"` : ''}, probably from a proxy or gateway`
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return 'an empty body'
  return `"${line.length > 120 ? `${line.slice(0, 120)}…` : line}"`
}

function readRateLimit(headers: Headers): RateLimit {
  // undici lowers header names, so X-RateLimit-* and live SendGrid's X-Ratelimit-* both land here.
  const number = (name: string): number | undefined => {
    const raw = headers[name]
    const value = Number(Array.isArray(raw) ? raw[0] : raw)
    return raw === undefined || !Number.isFinite(value) ? undefined : value
  }
  const reset = number('x-ratelimit-reset')
  return { limit: number('x-ratelimit-limit'), remaining: number('x-ratelimit-remaining'), resetAtMs: reset === undefined ? undefined : reset * 1000 }
}

const RETRYABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED'
])

function isRetryableNetworkError(error: unknown, timedOut: boolean): boolean {
  if (timedOut) return true
  const proxyStatus = proxyRefusal(error)
  if (proxyStatus !== undefined) return proxyStatus >= 500
  return RETRYABLE_CODES.has(errorCode(error) ?? '')
}

/** `timeout`, `proxy 407` or the error's code: a word for the kind of failure, whatever its message says. */
function networkErrorKind(error: unknown, timedOut: boolean): string {
  if (timedOut) return 'timeout'
  const proxyStatus = proxyRefusal(error)
  if (proxyStatus !== undefined) return `proxy ${proxyStatus}`
  return errorCode(error) ?? 'unknown'
}

function describeNetworkError(error: unknown, { host, wording }: Pick<RequestContext, 'host' | 'wording'>, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `no complete answer from ${host} within ${formatDuration(timeoutMs)} (${wording.setting('request-timeout')})`
  const proxyStatus = proxyRefusal(error)
  if (proxyStatus !== undefined)
    return `the proxy refused to connect to ${host} (HTTP ${proxyStatus}); check HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and the proxy's credentials`
  const code = errorCode(error)
  const reason = isObject(error) && typeof error.message === 'string' ? error.message : String(error)
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    // Node's own hint after the ";" (a command-line flag) is not something a workflow can act on.
    const what = (reason.split(';')[0] ?? reason).replace(/\s+/g, ' ').replace(/[\s:]+$/, '')
    return `TLS error talking to ${host}: ${what} (${code}); if a proxy or gateway uses its own CA, point NODE_EXTRA_CA_CERTS at it`
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${host} (${code}); check ${wording.setting('base-url')} and the runner's DNS`
  return `could not talk to ${host}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`
}

/** The status a proxy answered a CONNECT with, when it refused the tunnel (undici's wording). */
function proxyRefusal(error: unknown): number | undefined {
  const message = isObject(error) && typeof error.message === 'string' ? error.message : ''
  const status = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/.exec(message)?.[1]
  return status === undefined ? undefined : Number(status)
}

function errorCode(error: unknown): string | undefined {
  if (!isObject(error)) return undefined
  if (typeof error.code === 'string') return error.code
  return errorCode(error.cause)
}
